#!/usr/bin/env bash
# Stands in for the pulumi CLI in the cutover tests, answering as the real one does where the cutover depends on it.
# State lives in files under state/: config (what `config set-all` wrote), deployed (what the last `up` applied, reported
# by `stack output --json` as the traffic stack's weights output), tags/ (stack tags), and lock/ (held by `up` for its
# duration, as the backend's lock file is: a second `up` fails with Pulumi's own message). `up` sleeps for the seconds in
# up-delay (a slow or hung update) and, like pulumi, answers SIGINT by cancelling the update without deploying.
# config-get-failure, output-failure, tag-get-failure and tag-set-failure, when present, hold what `config get`,
# `stack output`, `stack tag get` and `stack tag set` print on stderr before exiting 255, as pulumi does when the backend
# answers that call with an error.
state="$(cd "$(dirname "$0")/../state" && pwd)"
printf '%s\n' "$*" >> "$state/invocations.log"

stack=""
previous=""
for argument in "$@"; do
  [ "$previous" = "--stack" ] && stack="$argument"
  previous="$argument"
done

write() { printf '%s %s\n' "$2" "$3" > "$state/$1.tmp.$$" && mv "$state/$1.tmp.$$" "$state/$1"; }

case "$1" in
  config)
    read -r blue green < "$state/config"
    case "$2" in
      get)
        if [ -f "$state/config-get-failure" ]; then cat "$state/config-get-failure" >&2; exit 255; fi
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
    locked=""
    release() { [ -n "$locked" ] && rm -rf "$state/lock"; }
    trap 'echo "error: update canceled" >&2; release; exit 255' INT
    trap 'release; exit 143' TERM
    # Every program `up` needs is run before it takes the lock; from then on (tests wait for the lock before they signal)
    # only builtins run. Bash defers a trap while a child runs and, when that child then exits normally, may take the
    # SIGINT as handled by it and drop it, where pulumi never loses a Ctrl+C.
    delay=0
    [ -f "$state/up-delay" ] && read -r delay < "$state/up-delay"
    holder="tester@$(hostname) (pid $$) at $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    mkfifo "$state/idle.$$" && exec 9<> "$state/idle.$$" && rm "$state/idle.$$"
    if ! mkdir "$state/lock" 2>/dev/null; then
      echo "error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with \`pulumi cancel\`." >&2
      echo "  file://$state/.pulumi/locks/organization/infra/$stack/lock.json: created by $(cat "$state/lock/holder" 2>/dev/null)" >&2
      exit 255
    fi
    locked=1
    printf '%s\n' "$holder" > "$state/lock/holder"
    printf '%s\n' "$$" >> "$state/up-pids"
    # The delay (seconds, maybe with a fraction) in microseconds against bash's own clock, waited out in steps of a read
    # that nothing ever answers: a trap runs as soon as its signal lands.
    whole="${delay%%.*}"
    fraction="${delay#"$whole"}"
    fraction="${fraction#.}000000"
    end=$(( ${EPOCHREALTIME/[.,]/} + (10#${whole:-0} * 1000000) + 10#${fraction:0:6} ))
    while (( ${EPOCHREALTIME/[.,]/} < end )); do
      read -r -t 0.05 -u 9 _ || true
    done
    failures=0
    [ -f "$state/up-failures" ] && read -r failures < "$state/up-failures"
    if [ "$failures" -gt 0 ]; then
      echo $((failures - 1)) > "$state/up-failures"
      echo "error: update failed: the fake was told to fail ($failures left)" >&2
      release
      exit 255
    fi
    read -r blue green < "$state/config"
    write deployed "$blue" "$green"
    release
    echo "Update succeeded: blue $blue, green $green"
    ;;
  stack)
    case "$2" in
      output)
        if [ -f "$state/output-failure" ]; then cat "$state/output-failure" >&2; exit 255; fi
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
      tag)
        mkdir -p "$state/tags"
        case "$3" in
          get)
            if [ -f "$state/tag-get-failure" ]; then cat "$state/tag-get-failure" >&2; exit 255; fi
            if [ -f "$state/tags/$4" ]; then cat "$state/tags/$4"; else echo "error: stack tag '$4' not found for stack '$stack'" >&2; exit 255; fi
            ;;
          set)
            # tag-set-allowed: how many writes still succeed before tag-set-failure applies (a lease taken, then not renewed).
            allowed=0
            [ -f "$state/tag-set-allowed" ] && read -r allowed < "$state/tag-set-allowed"
            if [ "$allowed" -gt 0 ]; then
              echo $((allowed - 1)) > "$state/tag-set-allowed"
            elif [ -f "$state/tag-set-failure" ]; then cat "$state/tag-set-failure" >&2; exit 255; fi
            printf '%s\n' "$5" > "$state/tags/$4.tmp.$$" && mv "$state/tags/$4.tmp.$$" "$state/tags/$4" ;;
          rm) rm -f "$state/tags/$4" ;;
          *) echo "fake pulumi: unsupported: $*" >&2; exit 2 ;;
        esac
        ;;
      *) echo "fake pulumi: unsupported: $*" >&2; exit 2 ;;
    esac
    ;;
  *) echo "fake pulumi: unsupported: $*" >&2; exit 2 ;;
esac
