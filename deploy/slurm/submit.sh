#!/bin/bash
# Submit a sharded wom run to Slurm: the array job (one shard per task), then
# the merge as a job that starts only when every task has succeeded.
#
#   deploy/slurm/submit.sh SCENARIO RESULTS [WOM-ARGS...]
#   deploy/slurm/submit.sh rerun RESULTS TASKS
#
#   SCENARIO   scenario file, on a filesystem every node sees
#   RESULTS    a new, empty directory on a shared filesystem for this run:
#              RESULTS/shard-K (one per task), RESULTS/merged (the answer),
#              RESULTS/wom-shard-JOB_K.out and RESULTS/wom-merge-JOB.out (logs)
#   WOM-ARGS   passed to every `wom run` (or `wom sweep`): --replications N,
#              --seed S, --set KEY=VALUE, ...
#   rerun RESULTS TASKS
#              re-run the array tasks TASKS (e.g. 5,17 or 3-6) of the run in
#              RESULTS that failed, with the scenario, arguments, number of
#              shards, WOM, MODE and resources (CPUS/MEM/TIME_PER_SHARD) it
#              was submitted with (recorded in RESULTS/submit.env), then the
#              merge; environment variables given now override them
#
# Environment:
#   SHARDS=N   number of array tasks (default: the #SBATCH --array line of
#              wom-array.sbatch, 0-15: 16)
#   CPUS_PER_SHARD, MEM_PER_SHARD, TIME_PER_SHARD
#              sbatch --cpus-per-task, --mem and --time of each task (default:
#              the #SBATCH lines of wom-array.sbatch), e.g. 8, 16G, 04:00:00
#   MODE=sweep shard a sweep by points instead of a run by replications
#   WOM=CMD    the wom command on the compute nodes (default: wom on PATH):
#              a path, or a command with arguments such as
#              WOM="apptainer exec /shared/wom.sif wom"
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

# The shards in the #SBATCH --array line of the array script (0-15 → 16).
default_shards() {
    local line
    line=$(grep -m1 '^#SBATCH --array=' "$here/wom-array.sbatch" || true)
    [[ $line =~ --array=0-([0-9]+)(%[0-9]+)?[[:space:]]*$ ]] || die "cannot read the number of shards from $here/wom-array.sbatch: set SHARDS=N"
    echo $((BASH_REMATCH[1] + 1))
}

rerun_tasks=
if [[ $1 == rerun ]]; then
    [[ $# -eq 3 ]] || die "usage: submit.sh rerun RESULTS TASKS (e.g. 5,17 or 3-6)"
    RESULTS=$(realpath -m "$2")
    results_arg=$2
    rerun_tasks=$3
    [[ $rerun_tasks =~ ^[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*$ ]] ||
        die "TASKS is '$rerun_tasks'; give task ids like 5,17 or 3-6"
    [[ -f $RESULTS/submit.env ]] ||
        die "$results_arg/submit.env: no such file (rerun needs a RESULTS directory that submit.sh submitted)"
    # Values given now win over the recorded ones.
    saved_env=$(declare -p SHARDS CPUS_PER_SHARD MEM_PER_SHARD TIME_PER_SHARD WOM MODE 2>/dev/null || true)
    # shellcheck disable=SC1091 # written by submit.sh below
    source "$RESULTS/submit.env"
    eval "$saved_env"
    set -- ${wom_args[@]+"${wom_args[@]}"}
    for t in ${rerun_tasks//[,-]/ }; do
        ((10#$t < SHARDS)) || die "task $t is not a shard of this run (shards 0 to $((SHARDS - 1)))"
        [[ -e $RESULTS/shard-$((10#$t)) ]] &&
            die "$results_arg/shard-$((10#$t)) exists: task $t succeeded; remove it first to run it again"
    done
    rm -rf "$RESULTS/merged"
else
    [[ -f $1 ]] || die "scenario $1: no such file"
    SCENARIO=$(realpath -e "$1")
    RESULTS=$(realpath -m "$2")
    shift 2
    SHARDS=${SHARDS:-$(default_shards)}
fi
MODE=${MODE:-run}
case $MODE in
    run | sweep) ;;
    *) die "MODE is '$MODE'; use MODE=run or MODE=sweep" ;;
esac
# WOM may be a command with arguments; a relative path as its first word
# would not be found from the jobs' working directory.
WOM=${WOM:-wom}
read -r -a wom_words <<<"$WOM"
((${#wom_words[@]} > 0)) || die "WOM is blank: unset it (wom on PATH) or give the wom command"
if [[ ${wom_words[0]} == */* ]]; then
    wom_abs=$(realpath -e "${wom_words[0]}" 2>/dev/null) || die "WOM=$WOM: ${wom_words[0]}: no such file"
    wom_words[0]=$wom_abs
    WOM="${wom_words[*]}"
fi
export SCENARIO RESULTS MODE WOM

[[ $SHARDS =~ ^[1-9][0-9]*$ ]] || die "SHARDS=$SHARDS: give a whole number of shards, 1 or more"
array=()
if [[ -n $rerun_tasks ]]; then
    # A rerun array has gaps: the tasks learn N from WOM_SHARDS.
    export WOM_SHARDS=$SHARDS
    array+=(--array="$rerun_tasks")
else
    array+=(--array="0-$((SHARDS - 1))")
fi
[[ -n ${CPUS_PER_SHARD:-} ]] && array+=(--cpus-per-task="$CPUS_PER_SHARD")
[[ -n ${MEM_PER_SHARD:-} ]] && array+=(--mem="$MEM_PER_SHARD")
[[ -n ${TIME_PER_SHARD:-} ]] && array+=(--time="$TIME_PER_SHARD")

if [[ -z $rerun_tasks ]]; then
    # Shards of an earlier run in the same directory would be merged with
    # this one (and refused by wom merge): one directory per run.
    if [[ -e $RESULTS ]]; then
        for old in "$RESULTS"/shard-* "$RESULTS"/merged; do
            [[ -e $old ]] && die "$RESULTS already holds $(basename "$old"): use a new RESULTS directory for each run, or submit.sh rerun RESULTS TASKS for failed tasks"
        done
    fi
    mkdir -p "$RESULTS" || die "cannot create $RESULTS"
    # What `submit.sh rerun` needs to submit failed tasks again as they were.
    {
        printf '# written by deploy/slurm/submit.sh; read by submit.sh rerun\n'
        for v in SCENARIO MODE WOM SHARDS CPUS_PER_SHARD MEM_PER_SHARD TIME_PER_SHARD; do
            [[ -n ${!v:-} ]] && printf '%s=%q\n' "$v" "${!v}"
        done
        printf 'wom_args=('
        for a in "$@"; do printf ' %q' "$a"; done
        printf ' )\n'
    } >"$RESULTS/submit.env"
fi

array_job=$(sbatch --parsable --export=ALL --chdir="$RESULTS" \
    ${array[@]+"${array[@]}"} "$here/wom-array.sbatch" "$@")
array_job=${array_job%%;*}
printf 'submit: array job %s: %s %s %s, tasks %s of %s shards, into %s/shard-K\n' \
    "$array_job" "$WOM" "$MODE" "$SCENARIO" "${rerun_tasks:-0-$((SHARDS - 1))}" "$SHARDS" "$RESULTS"

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
