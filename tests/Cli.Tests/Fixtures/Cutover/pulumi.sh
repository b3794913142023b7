#!/usr/bin/env bash
# Stands in for the pulumi CLI in the cutover tests: records every call and keeps the traffic stack's weights in
# files under state/ (config: what `config set-all` wrote; deployed: what the last `up` applied).
state="$(cd "$(dirname "$0")/../state" && pwd)"
printf '%s\n' "$*" >> "$state/invocations.log"

stack=""
previous=""
for argument in "$@"; do
  [ "$previous" = "--stack" ] && stack="$argument"
  previous="$argument"
done

write() { printf '%s %s\n' "$2" "$3" > "$state/$1.tmp" && mv "$state/$1.tmp" "$state/$1"; }

case "$1" in
  config)
    read -r blue green < "$state/config"
    case "$2" in
      get)
        printf '{\n  "value": "{\\"blue\\":%s,\\"green\\":%s}",\n  "objectValue": {\n    "blue": %s,\n    "green": %s\n  },\n  "secret": false\n}\n' \
          "$blue" "$green" "$blue" "$green"
        ;;
      set-all)
        for argument in "$@"; do
          case "$argument" in
            infra:weights.blue=*) blue="${argument#*=}" ;;
            infra:weights.green=*) green="${argument#*=}" ;;
          esac
        done
        write config "$blue" "$green"
        ;;
      *) echo "fake pulumi: unsupported: $*" >&2; exit 2 ;;
    esac
    ;;
  up)
    failures="$(cat "$state/up-failures" 2>/dev/null || echo 0)"
    if [ "$failures" -gt 0 ]; then
      echo $((failures - 1)) > "$state/up-failures"
      echo "error: update failed: the fake was told to fail ($failures left)" >&2
      exit 255
    fi
    read -r blue green < "$state/config"
    write deployed "$blue" "$green"
    echo "Update succeeded: blue $blue, green $green"
    ;;
  stack)
    outputs="$state/outputs/${stack//\//_}.json"
    if [ -f "$outputs" ]; then
      cat "$outputs"
    elif [ "$stack" = "traffic" ]; then
      read -r blue green < "$state/deployed"
      printf '{\n  "weights": {\n    "blue": %s,\n    "green": %s\n  }\n}\n' "$blue" "$green"
    else
      echo "{}"
    fi
    ;;
  *) echo "fake pulumi: unsupported: $*" >&2; exit 2 ;;
esac
