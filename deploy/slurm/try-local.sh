#!/bin/bash
# Run the Slurm scripts once on a real single-node Slurm on this machine and
# check that the merged shards are byte-identical to an unsharded run.
#
#   sudo deploy/slurm/try-local.sh [SCENARIO [WOM-ARGS...]]
#
# Default: scenarios/default.toml --replications 40 --seed 1, in 4 shards.
# Needs root (it installs packages and starts daemons); not part of cargo test.
#
# What it does:
#   1. installs Debian's slurm-wlm and munge with apt-get if they are missing;
#   2. builds wom (cargo build --release in the repository root) unless WOM is
#      set, and checks that its `run` has --shard;
#   3. writes a private single-node slurm.conf in a scratch directory (this
#      host, its CPUs and memory from `slurmd -C`, one partition) and points
#      every Slurm command at it with SLURM_CONF: /etc/slurm is not touched;
#   4. starts munged (unless one already answers), slurmctld and slurmd in
#      the foreground (-D) in the background, and waits until sinfo shows the
#      node idle;
#   5. submits a SHARDS-task array plus the dependent merge with submit.sh
#      and waits for the merge (sbatch --wait);
#      then removes shard 1 as if its task had failed, reruns it with
#      `submit.sh rerun` (checking it asked for the submission's memory)
#      and merges again, and checks that no lock file stayed in RESULTS;
#   6. runs the same scenario, seed and arguments unsharded, and compares
#      every file it wrote except metadata.json (which alone may describe the
#      execution) byte for byte with the merge: summary.json, replications.csv,
#      periods.csv, report.html, charts/...; prints PASS or FAIL;
#   7. stops the daemons it started and removes the scratch directory (kept,
#      with its path printed, on FAIL or with KEEP=1).
#
# Environment:
#   WOM=PATH    use this wom binary instead of building one
#   SHARDS=N    number of array tasks (default 4)
#   TIMEOUT=S   give up waiting for the jobs after S seconds (default 900)
#   KEEP=1      keep the scratch directory (logs, shards, merged, unsharded)
#
# Exit status: 0 PASS, 1 FAIL, 2 could not set up or run.
#
# slurm.conf settings and why (found on a Debian 12 container: no systemd,
# PID 1 is not an init, cgroup v1 hierarchies mounted under /sys/fs/cgroup):
#   ProctrackType=proctrack/linuxproc
#       Slurm 22.05's default is proctrack/cgroup. Without a cgroup.conf every
#       batch step dies ("cgroup namespace 'freezer' not mounted. aborting",
#       "cannot create proctrack context for proctrack/cgroup") and the node
#       is drained. With CgroupMountpoint=/sys/fs/cgroup in cgroup.conf it
#       works here, but it creates cgroups (freezer/slurm_HOST/...) in the
#       machine's own hierarchy that outlive the daemons, and it fails where
#       /sys/fs/cgroup is read-only (most containers). linuxproc tracks a
#       job's processes through their parent process ids: no cgroups at all.
#   TaskPlugin=task/none, JobAcctGatherType=jobacct_gather/none
#       no CPU binding, memory enforcement or accounting sampling, so nothing
#       needs cgroups or a database (they are also the 22.05 defaults; written
#       down so that a site default cannot change them).
#   AccountingStorageType=accounting_storage/none
#       no slurmdbd; sacct is unavailable, so the script follows the merge
#       job with sbatch --wait instead.
#   SlurmUser=root, SlurmdUser=root
#       the daemons run as root, so the scratch state directories need no
#       ownership changes.
#   SlurmctldHost=HOST(127.0.0.1), NodeAddr=127.0.0.1
#       the daemons talk over loopback, whatever the host name resolves to.
#   SelectType=select/cons_tres, SelectTypeParameters=CR_Core_Memory
#       the 22.05 default select/linear gives each array task the whole node,
#       so tasks would run one at a time; cons_tres packs them by core and
#       memory (both cores busy at once on a 2-core machine).
#   MpiDefault=none, MailProg=/bin/true
#       quiet errors about the absent PMIx library and mail program (slurmd
#       still logs the PMIx plugins it cannot load; harmless).
set -euo pipefail

die() {
    printf 'try-local: %s\n' "$*" >&2
    exit 2
}
say() {
    printf 'try-local: %s\n' "$*"
}
usage() {
    sed -n '2,/^# Exit status/{/^# Exit status/d;s/^# \{0,1\}//;p;}' "${BASH_SOURCE[0]}" >&2
    exit 2
}

case ${1:-} in -h | --help) usage ;; esac
((EUID == 0)) || die "needs root (it installs packages and starts munged, slurmctld and slurmd): sudo $0 $*"

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
if (($# == 0)); then
    set -- "$repo/scenarios/default.toml" --replications 40 --seed 1
fi
scenario=$(realpath -e "$1") || die "scenario $1: no such file"
shift
args=("$@")
shards=${SHARDS:-4}
[[ $shards =~ ^[1-9][0-9]*$ ]] || die "SHARDS=$shards: give a whole number, 1 or more"
timeout_s=${TIMEOUT:-900}
[[ $timeout_s =~ ^[0-9]+$ ]] || die "TIMEOUT=$timeout_s: give a number of seconds"

# 1. Packages.
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null ||
    ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
    say "installing slurm-wlm and munge with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge
fi
for daemon in slurmctld slurmd; do
    if pid=$(pgrep -x "$daemon"); then
        die "$daemon is already running (pid $pid): this script starts its own single-node cluster; stop that one first"
    fi
done

# 2. wom, before any daemon starts.
if [[ -z ${WOM:-} ]]; then
    cargo=$(command -v cargo || echo "$HOME/.cargo/bin/cargo")
    [[ -x $cargo ]] || die "cargo not found: install Rust, or set WOM to a built wom binary"
    say "building wom (cargo build --release in $repo)"
    (cd "$repo" && "$cargo" build --release --quiet)
    WOM=$repo/target/release/wom
fi
wom_abs=$(realpath -e "$WOM" 2>/dev/null) || die "WOM=$WOM: no such file"
WOM=$wom_abs
export WOM
run_help=$("$WOM" run --help 2>&1 || true)
[[ $run_help == *--shard* ]] ||
    die "$WOM run has no --shard option: the sharding commands have not landed in this build"

# Everything started here is stopped on exit, by process id.
work=$(mktemp -d /tmp/wom-slurm.XXXXXX)
started=()
made_run_munge=0
result=2
# shellcheck disable=SC2317 # invoked by the EXIT trap
cleanup() {
    set +e
    if ((${#started[@]})); then
        # Jobs first: a job step (slurmstepd) outlives slurmd if its job is
        # still running, so cancel every job of this private cluster and wait
        # until none is left, not even completing, before stopping slurmd.
        if command -v scancel >/dev/null && [[ -f $work/slurm.conf ]]; then
            SLURM_CONF=$work/slurm.conf scancel --quiet --user=root 2>/dev/null
            for _ in $(seq 60); do
                [[ -z $(SLURM_CONF=$work/slurm.conf squeue -h 2>/dev/null) ]] && break
                sleep 0.5
            done
        fi
        for ((i = ${#started[@]} - 1; i >= 0; i--)); do
            kill "${started[i]}" 2>/dev/null
        done
        for pid in "${started[@]}"; do
            for _ in $(seq 50); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.2
            done
            kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
            wait "$pid" 2>/dev/null
        done
        say "stopped the daemons started here (pids ${started[*]})"
    fi
    ((made_run_munge)) && rmdir /run/munge 2>/dev/null
    if ((result == 0)) && [[ ${KEEP:-0} != 1 ]]; then
        rm -rf "$work"
    else
        say "scratch directory kept: $work (slurm.conf, daemon logs, results/)"
    fi
}
trap cleanup EXIT
trap 'exit 2' INT TERM

# 3. A private slurm.conf.
node_line=$(slurmd -C | head -n 1) # NodeName=HOST CPUs=.. Boards=.. ... RealMemory=..
[[ $node_line == NodeName=* ]] || die "slurmd -C printed no NodeName line: $node_line"
node=${node_line#NodeName=}
node=${node%% *}
mkdir -p "$work/state" "$work/spool" "$work/results"
cat >"$work/slurm.conf" <<EOF
# Single-node test cluster written by deploy/slurm/try-local.sh
ClusterName=womlocal
SlurmctldHost=$node(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
$node_line NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=local Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF=$work/slurm.conf
say "slurm.conf: $SLURM_CONF ($node_line)"

# 4. Daemons.
if munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    say "munged is already running; using it"
else
    [[ -s /etc/munge/munge.key ]] || {
        say "creating /etc/munge/munge.key"
        mungekey --create --keyfile=/etc/munge/munge.key
        chown munge:munge /etc/munge/munge.key
        chmod 0400 /etc/munge/munge.key
    }
    if [[ ! -d /run/munge ]]; then
        install -d -o munge -g munge -m 0755 /run/munge
        made_run_munge=1
    fi
    setpriv --reuid=munge --regid=munge --init-groups /usr/sbin/munged --foreground \
        >"$work/munged.log" 2>&1 &
    started+=($!)
    for _ in $(seq 50); do
        munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break
        sleep 0.2
    done
    munge -n 2>/dev/null | unmunge >/dev/null 2>&1 || die "munged did not start: $(cat "$work/munged.log")"
    say "started munged (pid ${started[-1]})"
fi
slurmctld -D -f "$SLURM_CONF" >"$work/slurmctld.out" 2>&1 &
started+=($!)
sleep 1
slurmd -D -f "$SLURM_CONF" >"$work/slurmd.out" 2>&1 &
started+=($!)
say "started slurmctld (pid ${started[-2]}) and slurmd (pid ${started[-1]})"
state=
for _ in $(seq 60); do
    state=$(sinfo -h -N -n "$node" -o '%T' 2>/dev/null || true)
    [[ $state == idle ]] && break
    sleep 1
done
[[ $state == idle ]] || die "node $node is '${state:-unknown}' after 60 s, not idle; see $work/slurmctld.log and $work/slurmd.log"
sinfo

# 5. The array and the merge.
results=$work/results/sharded
say "submitting $shards shards plus the merge: $scenario ${args[*]}"
status=0
SHARDS=$shards CPUS_PER_SHARD=1 MEM_PER_SHARD=1G TIME_PER_SHARD=00:30:00 WAIT=1 \
    timeout "$timeout_s" "$here/submit.sh" "$scenario" "$results" "${args[@]}" || status=$?
squeue
for log in "$results"/wom-*.out; do
    [[ -e $log ]] || continue
    printf -- '--- %s\n' "${log##*/}"
    cat "$log"
done
((status == 0)) || {
    result=1
    if ((status == 124)); then
        say "FAIL: the Slurm jobs did not finish within TIMEOUT=$timeout_s s"
    else
        say "FAIL: the Slurm jobs did not succeed (submit.sh exit $status)"
    fi
    exit 1
}

# 5b. A failed task, rerun with `submit.sh rerun`: shard 1 removed as if its
# task had failed, then rerun and merged again with the resources of the
# submission (1 CPU, 1G), which scontrol must show on the rerun's job.
rm -rf "$results/shard-1" "$results/merged"
say "rerun: submit.sh rerun $results 1"
WAIT=1 timeout "$timeout_s" "$here/submit.sh" rerun "$results" 1 >"$work/rerun.log" 2>&1 || status=$?
cat "$work/rerun.log"
((status == 0)) || {
    say "FAIL: submit.sh rerun did not succeed (exit $status)"
    exit 1
}
rerun_job=$(sed -n 's/^submit: array job \([0-9]*\):.*/\1/p' "$work/rerun.log")
rerun_mem=$(scontrol show job -o "$rerun_job" 2>/dev/null | grep -o 'MinMemoryNode=[^ ]*' | head -n 1 || true)
if [[ -n $rerun_mem && $rerun_mem != MinMemoryNode=1G ]]; then
    say "FAIL: the rerun job $rerun_job asked for ${rerun_mem#MinMemoryNode=}, not the submission's 1G"
    exit 1
fi
say "rerun: job $rerun_job ${rerun_mem:-(no longer in scontrol)}; merged again"
locks=$(find "$results" -maxdepth 1 -name '.*wom-lock' -print)
[[ -z $locks ]] || {
    say "FAIL: lock files left in RESULTS: $locks"
    exit 1
}

# 6. The same run unsharded, and the comparison.
unsharded=$work/results/unsharded
say "unsharded: $WOM run $scenario ${args[*]} --out $unsharded"
"$WOM" run "$scenario" "${args[@]}" --out "$unsharded" >"$work/unsharded.log" 2>&1 ||
    die "the unsharded run failed: $(cat "$work/unsharded.log")"
merged=$results/merged
result=0
for required in summary.json replications.csv periods.csv; do
    [[ -f $unsharded/$required ]] || {
        say "  MISSING  $required (not written by the unsharded run)"
        result=1
    }
done
compared=0
while IFS= read -r -d '' file; do
    rel=${file#"$unsharded"/}
    [[ $rel == metadata.json ]] && continue
    if [[ ! -f $merged/$rel ]]; then
        say "  MISSING  $rel (not in the merge)"
        result=1
    elif cmp -s "$file" "$merged/$rel"; then
        say "  same     $rel"
    else
        say "  DIFFERS  $rel"
        result=1
    fi
    compared=$((compared + 1))
done < <(find "$unsharded" -type f -print0 | sort -z)
while IFS= read -r -d '' file; do
    rel=${file#"$merged"/}
    [[ $rel == metadata.json || -f $unsharded/$rel ]] && continue
    say "  EXTRA    $rel (in the merge only)"
    result=1
done < <(find "$merged" -type f -print0 | sort -z)
if ((result == 0)); then
    say "PASS: $shards shards merged on Slurm = unsharded run, byte for byte ($compared files, metadata.json aside)"
else
    say "FAIL: the merge differs from the unsharded run; compare $merged with $unsharded"
fi
exit "$result"
