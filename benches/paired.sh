#!/usr/bin/env bash
# Two wom binaries timed side by side on one scenario, alternating runs so
# that both see the same load; prints each run's CPU time (user + sys) and
# the min and median of each, and their ratios.
#
#   bash benches/paired.sh OLD_WOM NEW_WOM [PAIRS] [SCENARIO] [REPLICATIONS] [THREADS]
#
# e.g. (the engine issue's comparison, one core):
#   git worktree add /tmp/old <commit> && (cd /tmp/old && cargo build --release)
#   bash benches/paired.sh /tmp/old/target/release/wom target/release/wom 10
set -euo pipefail
old="$1"
new="$2"
pairs="${3:-10}"
scenario="${4:-scenarios/default.toml}"
reps="${5:-200}"
threads="${6:-1}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cpu() { # binary -> CPU seconds of one run
  /usr/bin/time -f '%U %S' -o "$out/t" "$1" run "$scenario" --replications "$reps" \
    --threads "$threads" --out "$out/run" --no-charts --quiet
  awk '{printf "%.3f\n", $1 + $2}' "$out/t"
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$pairs"); do
  a=$(cpu "$old")
  b=$(cpu "$new")
  echo "$a $b" | tee -a "$out/pairs"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
sort -n -k1 "$out/pairs" | awk '{print $1}' >"$out/a"
sort -n -k2 "$out/pairs" | awk '{print $2}' | sort -n >"$out/b"
sort -n "$out/a" -o "$out/a"
med() { awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}' "$1"; }
amin=$(head -1 "$out/a"); bmin=$(head -1 "$out/b")
amed=$(med "$out/a"); bmed=$(med "$out/b")
echo "old: min ${amin}s median ${amed}s; new: min ${bmin}s median ${bmed}s"
awk -v a="$amin" -v b="$bmin" -v c="$amed" -v d="$bmed" -v r="$reps" \
  'BEGIN {printf "per replication: old %.2f ms, new %.2f ms (min); ratio old/new: min %.2f, median %.2f\n", 1000*a/r, 1000*b/r, a/b, c/d}'
