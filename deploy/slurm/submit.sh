#!/bin/bash
# Submit a sharded wom run to Slurm: the array job (one shard per task), then
# the merge as a job that starts only when every task has succeeded.
#
#   deploy/slurm/submit.sh SCENARIO RESULTS [WOM-ARGS...]
#
#   SCENARIO   scenario file, on a filesystem every node sees
#   RESULTS    a new, empty directory on a shared filesystem for this run:
#              RESULTS/shard-K (one per task), RESULTS/merged (the answer),
#              RESULTS/wom-shard-JOB_K.out and RESULTS/wom-merge-JOB.out (logs)
#   WOM-ARGS   passed to every `wom run` (or `wom sweep`): --replications N,
#              --seed S, --set KEY=VALUE, ...
#
# Environment:
#   SHARDS=N   number of array tasks (default: the #SBATCH --array line of
#              wom-array.sbatch)
#   CPUS_PER_SHARD, MEM_PER_SHARD, TIME_PER_SHARD
#              sbatch --cpus-per-task, --mem and --time of each task (default:
#              the #SBATCH lines of wom-array.sbatch), e.g. 8, 16G, 04:00:00
#   MODE=sweep shard a sweep by points instead of a run by replications
#   WOM=PATH   the wom binary on the compute nodes (default: wom on PATH)
#   WAIT=1     wait until the merge has finished and exit with its status
# sbatch's own variables apply to both jobs, e.g. SBATCH_PARTITION,
# SBATCH_ACCOUNT, SBATCH_TIMELIMIT.
#
# Example:
#   SHARDS=32 deploy/slurm/submit.sh scenarios/default.toml /scratch/$USER/wom-1 \
#       --replications 10000 --seed 7
set -euo pipefail

die() {
    printf 'submit: %s\n' "$*" >&2
    exit 2
}
usage() {
    sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p;}' "${BASH_SOURCE[0]}" >&2
    exit 2
}

[[ $# -ge 2 && $1 != -* ]] || usage
command -v sbatch >/dev/null || die "sbatch not found: run this on a Slurm login node"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[[ -f $1 ]] || die "scenario $1: no such file"
SCENARIO=$(realpath -e "$1")
RESULTS=$(realpath -m "$2")
shift 2
MODE=${MODE:-run}
case $MODE in
    run | sweep) ;;
    *) die "MODE is '$MODE'; use MODE=run or MODE=sweep" ;;
esac
# A relative WOM would not be found from the jobs' working directory.
if [[ ${WOM:-} == */* ]]; then
    WOM=$(realpath -e "$WOM") || die "WOM=$WOM: no such file"
fi
WOM=${WOM:-wom}
export SCENARIO RESULTS MODE WOM

array=()
if [[ -n ${SHARDS:-} ]]; then
    [[ $SHARDS =~ ^[1-9][0-9]*$ ]] || die "SHARDS=$SHARDS: give a whole number of shards, 1 or more"
    array+=(--array="0-$((SHARDS - 1))")
fi
[[ -n ${CPUS_PER_SHARD:-} ]] && array+=(--cpus-per-task="$CPUS_PER_SHARD")
[[ -n ${MEM_PER_SHARD:-} ]] && array+=(--mem="$MEM_PER_SHARD")
[[ -n ${TIME_PER_SHARD:-} ]] && array+=(--time="$TIME_PER_SHARD")

# Shards of an earlier run in the same directory would be merged with this
# one (and refused by wom merge): one directory per run.
if [[ -e $RESULTS ]]; then
    for old in "$RESULTS"/shard-* "$RESULTS"/merged; do
        [[ -e $old ]] && die "$RESULTS already holds $(basename "$old"): use a new RESULTS directory for each run"
    done
fi
mkdir -p "$RESULTS"

array_job=$(sbatch --parsable --export=ALL --chdir="$RESULTS" \
    ${array[@]+"${array[@]}"} "$here/wom-array.sbatch" "$@")
array_job=${array_job%%;*}
printf 'submit: array job %s: %s %s %s, %s shards, into %s/shard-K\n' \
    "$array_job" "$WOM" "$MODE" "$SCENARIO" "${SHARDS:-#SBATCH --array}" "$RESULTS"

wait_opt=()
[[ ${WAIT:-0} == 1 ]] && wait_opt=(--wait)
printf 'submit: merge job after array job %s succeeds, into %s/merged\n' "$array_job" "$RESULTS"
status=0
merge_job=$(sbatch --parsable --export=ALL --chdir="$RESULTS" --dependency="afterok:$array_job" \
    ${wait_opt[@]+"${wait_opt[@]}"} "$here/wom-merge.sbatch") || status=$?
merge_job=${merge_job%%;*}
merge_job=${merge_job%%$'\n'*}
printf 'submit: merge job %s\n' "$merge_job"
if [[ ${WAIT:-0} == 1 ]]; then
    # sbatch --wait exits 0 for a merge that never ran because a shard failed
    # (the dependency can't be satisfied, so Slurm cancels it): ask for its state.
    state=$(scontrol show job -o "$merge_job" 2>/dev/null | grep -o 'JobState=[A-Z_]*' || true)
    state=${state#JobState=}
    if ((status == 0)) && [[ $state == COMPLETED || (-z $state && -d $RESULTS/merged) ]]; then
        printf 'submit: merge job %s finished: %s/merged\n' "$merge_job" "$RESULTS"
        exit 0
    fi
    why="the merge failed"
    [[ $state == CANCELLED ]] && why="cancelled because a shard failed"
    printf 'submit: merge job %s did not succeed: %s (%s, sbatch exit %s); see %s/wom-*.out\n' \
        "$merge_job" "$why" "${state:-state unknown}" "$status" "$RESULTS" >&2
    exit $((status == 0 ? 1 : status))
fi
printf 'submit: follow with: squeue -j %s,%s; results in %s/merged\n' "$array_job" "$merge_job" "$RESULTS"
