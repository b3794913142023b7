#!/usr/bin/env bash
# Stands in for kubectl in the state migration tests. Answers as kubectl does for the calls `bluegreen state migrate`
# makes (get -o json, annotate, scale, rollout status), keeping each cluster's objects in files under state/:
#   state/<cluster>/<namespace>/<Kind>/<name>/replicas          spec.replicas
#   state/<cluster>/<namespace>/<Kind>/<name>/claim-class       present for a StatefulSet with a claim template on that class
#   state/<cluster>/<namespace>/<Kind>/<name>/annotations/<key> one file per annotation ('/' in the key written as '~')
# The cluster is the kubeconfig's current-context. state/<cluster>/never-ready makes every rollout time out.
# state/<cluster>/hang holds part of a call (`scale statefulset/orders-db --replicas=3`): a call containing it hangs, as
# kubectl does on an API server that accepts the connection and never answers, until SIGINT, which ends kubectl at once.
state="$(cd "$(dirname "$0")/../state" && pwd)"
printf 'kubectl %s\n' "$*" >> "$state/invocations.log"

kubeconfig="" namespace="default" args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --kubeconfig) kubeconfig="$2"; shift 2 ;;
    -n|--namespace) namespace="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
set -- "${args[@]}"
cluster="$(sed -n 's/^current-context: *//p' "$kubeconfig" 2>/dev/null)"
if [ -z "$cluster" ]; then
  echo "error: error loading config file \"$kubeconfig\": no such file or directory" >&2
  exit 1
fi
root="$state/$cluster/$namespace"

if [ -f "$state/$cluster/hang" ] && [[ "$*" == *"$(cat "$state/$cluster/hang")"* ]]; then
  trap 'exit 130' INT
  # Short foreground sleeps: bash runs the trap between commands. Five minutes at most, so nothing lingers.
  for _ in $(seq 6000); do sleep 0.05; done
fi

kind_of() {
  case "${1%%/*}" in
    statefulset|statefulsets|sts) echo StatefulSet ;;
    deployment|deployments|deploy) echo Deployment ;;
    *) echo "error: the server doesn't have a resource type \"${1%%/*}\"" >&2; exit 1 ;;
  esac
}

object() {
  local kind name dir
  kind="$(kind_of "$1")" || exit 1
  name="${1#*/}"
  dir="$root/$kind/$name"
  if [ ! -d "$dir" ]; then
    local plural; plural="$(echo "$kind" | tr '[:upper:]' '[:lower:]')s.apps"
    echo "Error from server (NotFound): $plural \"$name\" not found" >&2
    exit 1
  fi
  echo "$dir"
}

json_object() {
  local dir="$1" kind name replicas first=1 key claims=""
  kind="$(basename "$(dirname "$dir")")"; name="$(basename "$dir")"; replicas="$(cat "$dir/replicas")"
  printf '{"apiVersion": "apps/v1", "kind": "%s", "metadata": {"name": "%s", "namespace": "%s", "annotations": {' "$kind" "$name" "$namespace"
  for file in "$dir"/annotations/*; do
    [ -e "$file" ] || continue
    key="$(basename "$file" | tr '~' '/')"
    [ $first -eq 1 ] || printf ', '
    first=0
    printf '"%s": "%s"' "$key" "$(cat "$file")"
  done
  if [ -f "$dir/claim-class" ]; then
    claims=", \"volumeClaimTemplates\": [{\"metadata\": {\"name\": \"data\"}, \"spec\": {\"accessModes\": [\"ReadWriteOnce\"], \"storageClassName\": \"$(cat "$dir/claim-class")\", \"resources\": {\"requests\": {\"storage\": \"10Gi\"}}}}]"
  fi
  printf '}}, "spec": {"replicas": %s, "template": {"spec": {"containers": [{"name": "app", "image": "app:1.0"}]}}%s}, "status": {"replicas": %s, "readyReplicas": %s}}' \
    "$replicas" "$claims" "$replicas" "$replicas"
}

case "$1" in
  get)
    printf '{\n  "apiVersion": "v1",\n  "items": ['
    first=1
    for dir in "$root"/StatefulSet/* "$root"/Deployment/*; do
      [ -d "$dir" ] || continue
      [ $first -eq 1 ] || printf ','
      first=0
      printf '\n    '
      json_object "$dir"
    done
    printf '\n  ],\n  "kind": "List",\n  "metadata": {\n    "resourceVersion": ""\n  }\n}\n'
    ;;
  annotate)
    dir="$(object "$2")" || exit 1
    mkdir -p "$dir/annotations"
    shift 2
    for pair in "$@"; do
      case "$pair" in
        --overwrite) ;;
        *-) rm -f "$dir/annotations/$(echo "${pair%-}" | tr '/' '~')" ;;
        *=*) printf '%s' "${pair#*=}" > "$dir/annotations/$(echo "${pair%%=*}" | tr '/' '~')" ;;
      esac
    done
    echo "$(echo "$(basename "$(dirname "$dir")")" | tr '[:upper:]' '[:lower:]').apps/$(basename "$dir") annotated"
    ;;
  scale)
    dir="$(object "$2")" || exit 1
    replicas="${3#--replicas=}"
    printf '%s\n' "$replicas" > "$dir/replicas"
    echo "$(echo "$(basename "$(dirname "$dir")")" | tr '[:upper:]' '[:lower:]').apps/$(basename "$dir") scaled"
    ;;
  rollout)
    dir="$(object "$3")" || exit 1
    if [ -f "$state/$cluster/never-ready" ]; then
      echo "Waiting for 1 pods to be ready..."
      echo "error: timed out waiting for the condition" >&2
      exit 1
    fi
    if [ "$(basename "$(dirname "$dir")")" = StatefulSet ]; then
      echo "partitioned roll out complete: $(cat "$dir/replicas") new pods have been updated..."
    else
      echo "deployment \"$(basename "$dir")\" successfully rolled out"
    fi
    ;;
  *) echo "fake kubectl: unsupported: $*" >&2; exit 2 ;;
esac
