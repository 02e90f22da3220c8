#!/bin/bash
# The command of the merge Job in wom-merge-job.yaml: merges the shards that
# the Indexed Job wrote into $RESULTS/merged, the same files as one unsharded
# run (summary.json, replications.csv, periods.csv, metadata.json, charts/,
# report.html, or a sweep's files). The image ships it as
# /opt/wom/k8s/merge.sh.
#
# Environment: RESULTS (default /results, as for the shards), WOM (default:
# wom on PATH). Arguments (the container's args) go to `wom merge`.
# `wom merge` checks that the shards belong together and cover every
# replication (or sweep point) exactly once, and exits 2 naming what is
# missing otherwise.
set -euo pipefail

die() {
    printf 'merge: %s\n' "$*" >&2
    exit 2
}
# The volume must be writable by this pod's user: fsGroup is not applied to
# many ReadWriteMany volumes (NFS, CephFS, cloud file services).
writable() { # DIR
    local probe="$1/.wom-write-test.${HOSTNAME:-pod}.$$"
    if ! mkdir -p "$1" 2>/dev/null || ! : 2>/dev/null >"$probe"; then
        die "cannot write to $1 as user $(id -u) (group $(id -g)): make the volume's directory writable by that user (chown $(id -u):$(id -g) on the file server, or a storage class that honours fsGroup); see deploy/README.md"
    fi
    rm -f "$probe"
}
results=${RESULTS:-/results}
wom=${WOM:-wom}
[[ -d $results ]] || die "RESULTS=$results: no such directory (is the volume mounted?)"
writable "$results"

# Exactly the directories named shard-<number>: never a temporary or
# half-written directory a pod may leave beside them.
shards=()
for dir in "$results"/shard-*; do
    name=${dir##*/}
    [[ -d $dir && $name =~ ^shard-[0-9]+$ ]] && shards+=("$dir")
done
((${#shards[@]} > 0)) || die "no shard directories (shard-0, shard-1, ...) in $results"

cmd=("$wom" merge "${shards[@]}" --out "$results/merged" "$@")
printf 'merge: %s shards on %s:' "${#shards[@]}" "${HOSTNAME:-unknown host}" >&2
printf ' %q' "${cmd[@]}" >&2
printf '\n' >&2
exec "${cmd[@]}"
