#!/usr/bin/env bash
# Stands in for the velero CLI in the state migration tests. Answers as velero does for backup/restore create --wait and
# describe -o json (Velero's structured describe: a top-level "phase"). Backups live in one shared bucket,
# state/bucket/<name>/, which every cluster's Velero sees at once (their locations read the same bucket); a backup copies
# the namespace's objects of the kubectl stand-in, a restore creates them on its cluster without replacing existing ones.
#   state/backup-phase, state/restore-phase   the phase the next backups / restores end in (default Completed)
#   state/<cluster>/bucket                    the bucket of that cluster's one location (default bluegreen-backups);
#                                             blue's location is ReadWrite, green's ReadOnly, as the add-on declares them
state="$(cd "$(dirname "$0")/../state" && pwd)"
printf 'velero %s\n' "$*" >> "$state/invocations.log"

kubeconfig="" args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --kubeconfig) kubeconfig="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
set -- "${args[@]}"
cluster="$(sed -n 's/^current-context: *//p' "$kubeconfig" 2>/dev/null)"
[ -n "$cluster" ] || { echo "An error occurred: invalid configuration: no configuration has been provided" >&2; exit 1; }

option() { local wanted="$1"; shift; while [ $# -gt 0 ]; do [ "$1" = "$wanted" ] && { echo "$2"; return; }; shift; done; }

describe() {
  local kind="$1" dir="$2" name="$3"
  [ -d "$dir" ] || { echo "An error occurred: ${kind}s.velero.io \"$name\" not found" >&2; exit 1; }
  printf '{\n    "metadata": {\n        "name": "%s",\n        "namespace": "velero",\n        "labels": {"velero.io/storage-location": "default"},\n        "annotations": null\n    },\n    "phase": "%s",\n    "spec": {\n        "namespaces": {"included": "%s", "excluded": "<none>"}\n    }\n}\n' \
    "$name" "$(cat "$dir/phase")" "$(cat "$dir/namespace")"
}

case "$1 $2" in
  "backup create")
    name="$3" namespace="$(option --include-namespaces "$@")" dir="$state/bucket/$3"
    [ ! -d "$dir" ] || { echo "An error occurred: backups.velero.io \"$name\" already exists" >&2; exit 1; }
    mkdir -p "$dir/objects"
    phase="$(cat "$state/backup-phase" 2>/dev/null || echo Completed)"
    cp -R "$state/$cluster/$namespace/." "$dir/objects/" 2>/dev/null
    printf '%s' "$namespace" > "$dir/namespace"
    printf '%s' "$phase" > "$dir/phase"
    echo "Backup request \"$name\" submitted successfully."
    echo "Waiting for backup to complete. You may safely press ctrl-c to stop waiting - your backup will continue in the background."
    echo "."
    echo "Backup completed with status: $phase. You may check for more information using the commands \`velero backup describe $name\` and \`velero backup logs $name\`."
    ;;
  "backup describe") describe backup "$state/bucket/$3" "$3" ;;
  "restore create")
    name="$3" backup="$(option --from-backup "$@")" dir="$state/$cluster/restores/$3"
    [ -d "$state/bucket/$backup" ] || { echo "An error occurred: backups.velero.io \"$backup\" not found" >&2; exit 1; }
    [ ! -d "$dir" ] || { echo "An error occurred: restores.velero.io \"$name\" already exists" >&2; exit 1; }
    namespace="$(cat "$state/bucket/$backup/namespace")"
    phase="$(cat "$state/restore-phase" 2>/dev/null || echo Completed)"
    mkdir -p "$dir" "$state/$cluster/$namespace"
    [ "$phase" = Completed ] && cp -Rn "$state/bucket/$backup/objects/." "$state/$cluster/$namespace/"
    printf '%s' "$namespace" > "$dir/namespace"
    printf '%s' "$phase" > "$dir/phase"
    echo "Restore request \"$name\" submitted successfully."
    echo "Waiting for restore to complete. You may safely press ctrl-c to stop waiting - your restore will continue in the background."
    echo "."
    echo "Restore completed with status: $phase. You may check for more information using the commands \`velero restore describe $name\` and \`velero restore logs $name\`."
    ;;
  "restore describe") describe restore "$state/$cluster/restores/$3" "$3" ;;
  "backup-location get")
    bucket="$(cat "$state/$cluster/bucket" 2>/dev/null || echo bluegreen-backups)"
    # As the cluster stacks deploy it: each color writes its own prefix and reads the other's read-only.
    other=green; [ "$cluster" = green ] && other=blue
    printf '{\n    "kind": "BackupStorageLocationList",\n    "apiVersion": "velero.io/v1",\n    "metadata": {},\n    "items": [\n'
    printf '        {\n            "kind": "BackupStorageLocation",\n            "apiVersion": "velero.io/v1",\n            "metadata": {"name": "%s", "namespace": "velero"},\n            "spec": {"provider": "aws", "objectStorage": {"bucket": "%s", "prefix": "%s"}, "config": {"region": "eu-west-1"}, "default": true, "accessMode": "ReadWrite"},\n            "status": {"phase": "Available"}\n        },\n' "$cluster" "$bucket" "$cluster"
    printf '        {\n            "kind": "BackupStorageLocation",\n            "apiVersion": "velero.io/v1",\n            "metadata": {"name": "%s", "namespace": "velero"},\n            "spec": {"provider": "aws", "objectStorage": {"bucket": "%s", "prefix": "%s"}, "config": {"region": "eu-west-1"}, "accessMode": "ReadOnly"},\n            "status": {"phase": "Available"}\n        }\n    ]\n}\n' "$other" "$bucket" "$other"
    ;;
  *) echo "fake velero: unsupported: $*" >&2; exit 2 ;;
esac
