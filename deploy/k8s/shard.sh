#!/bin/bash
# The command of every pod of the Indexed Job in wom-indexed-job.yaml: pod K
# runs shard K of N of a wom run (or sweep) into $RESULTS/shard-K on the
# shared volume. The image ships it as /opt/wom/k8s/shard.sh.
#
# Environment (set in wom-indexed-job.yaml):
#   JOB_COMPLETION_INDEX  K, set by Kubernetes for an Indexed Job
#   WOM_SHARDS            N: must equal the Job's spec.completions
#   SCENARIO              scenario file inside the pod (the image ships
#                         /opt/wom/scenarios/*.toml; or one on the volume)
#   RESULTS               results directory on the shared volume (default
#                         /results); the merge Job must use the same one
#   WOM                   the wom binary (default: wom on PATH)
#   MODE                  run (default) or sweep (needs --set KEY=VALUES)
#   WOM_THREADS           threads for wom (the Job sets it to the pod's CPU
#                         request); ignored when --threads is an argument
# Arguments (the container's args) go to `wom run`/`wom sweep` as they are:
# --replications N, --seed S, --set KEY=VALUE, ...
#
# Outside Kubernetes, the same loop on one machine:
#   for k in 0 1 2 3; do
#     JOB_COMPLETION_INDEX=$k WOM_SHARDS=4 SCENARIO=scenarios/default.toml \
#       RESULTS=/tmp/wom-k8s WOM=target/release/wom \
#       bash deploy/k8s/shard.sh --replications 40 --seed 1
#   done
#   RESULTS=/tmp/wom-k8s WOM=target/release/wom bash deploy/k8s/merge.sh
set -euo pipefail

die() {
    printf 'shard: %s\n' "$*" >&2
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
need() { # NAME HINT
    [[ -n ${!1:-} ]] || die "$1 is not set: $2"
}
need JOB_COMPLETION_INDEX "run this as an Indexed Job (completionMode: Indexed), or set it to K by hand"
need WOM_SHARDS "set it to the Job's spec.completions (the number of shards N)"
need SCENARIO "set it to the scenario file, e.g. /opt/wom/scenarios/default.toml"
results=${RESULTS:-/results}
wom=${WOM:-wom}
mode=${MODE:-run}

k=$JOB_COMPLETION_INDEX
n=$WOM_SHARDS
[[ $k =~ ^[0-9]+$ && $n =~ ^[0-9]+$ ]] ||
    die "JOB_COMPLETION_INDEX ($k) and WOM_SHARDS ($n) must be whole numbers"
k=$((10#$k))
n=$((10#$n))
((n >= 1 && k < n)) ||
    die "index $k is not below WOM_SHARDS=$n: set WOM_SHARDS to the Job's spec.completions"
case $mode in
    run | sweep) ;;
    *) die "MODE is '$mode'; use MODE=run or MODE=sweep" ;;
esac
for arg in "$@"; do
    case $arg in
        --shard | --shard=* | --out | --out=*)
            die "do not pass $arg: this script sets --shard $k/$n and --out $results/shard-$k" ;;
    esac
done
[[ -f $SCENARIO ]] || die "SCENARIO=$SCENARIO: no such file in this pod"

threads=()
if [[ -n ${WOM_THREADS:-} && " $* " != *" --threads"* ]]; then
    threads=(--threads "$WOM_THREADS")
fi

writable "$results"
cmd=("$wom" "$mode" "$SCENARIO" --shard "$k/$n" --out "$results/shard-$k" ${threads[@]+"${threads[@]}"} "$@")
printf 'shard: %s of %s on %s:' "$k" "$n" "${HOSTNAME:-unknown host}" >&2
printf ' %q' "${cmd[@]}" >&2
printf '\n' >&2
exec "${cmd[@]}"
