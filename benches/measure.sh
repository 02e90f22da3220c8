#!/usr/bin/env bash
# Every number in benches/README.md, in one go (see that file).
#
#   bash benches/measure.sh            # criterion + memory + throughput + cynetdiff (~10 min)
#   SKIP_COMPARE=1 bash benches/measure.sh
#
# Run it on a quiet machine: the wall-clock numbers assume nothing else runs.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
cd "$repo"
out="$repo/output/measure"
mkdir -p "$out"

echo "== machine"
lscpu | grep -E '^(Model name|CPU\(s\)|Thread|L2|L3)' || true
grep MemTotal /proc/meminfo || true
rustc --version

cargo build --release --quiet
wom="$repo/target/release/wom"

echo "== criterion (generators, cascade kernel, model, segments, staffing)"
cargo bench --quiet --bench graph --bench cascade --bench sim --bench segments --bench staffing 2>&1 \
  | grep -E '^[a-z_]+/|time:|thrpt:' | grep -v -E 'change|Performance' | tee "$out/criterion.txt"

timed() { # label, command...
  local label="$1"
  shift
  /usr/bin/time -v "$@" >"$out/$label.stdout" 2>"$out/$label.time"
  local wall rss user
  wall=$(grep 'Elapsed (wall clock)' "$out/$label.time" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$out/$label.time" | awk '{print $NF}')
  user=$(grep 'User time' "$out/$label.time" | awk '{print $NF}')
  echo "$label: wall $wall, user ${user}s, peak RSS $((rss / 1024)) MiB"
}

echo "== memory: Barabási–Albert, 10,000,000 nodes, m = 5"
timed ba10m "$wom" graph --network barabasi_albert --nodes 10000000 --attach 5 --seed 1

echo "== throughput: cafe scenario at 1,000,000 people, 20 replications, 2 threads"
timed cafe1m "$wom" run scenarios/cafe.toml --set population.people=1000000 \
  --replications 20 --threads 2 --quiet --out "$out/cafe1m"
echo "   person-periods = 1,000,000 people x 12 periods x 20 replications x 3 policies = 720,000,000"

echo "== shipped scenarios, default replications, 2 threads"
for s in scenarios/*.toml; do
  name=$(basename "$s" .toml)
  timed "scenario_$name" "$wom" run "$s" --threads 2 --quiet --out "$out/$name"
done

echo "== wom serve: the what-if page's run over HTTP, 2 threads"
bash "$here/serve_latency.sh" "$wom" | tee "$out/serve_latency.txt"
bash "$here/serve_latency.sh" "$wom" scenarios/staffing.toml | tee "$out/serve_latency_staffing.txt"

if [[ "${SKIP_COMPARE:-0}" != 1 ]]; then
  echo "== cynetdiff comparison (benches/compare)"
  WOM="$wom" bash "$here/compare/run.sh"
fi
