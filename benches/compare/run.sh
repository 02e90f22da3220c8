#!/usr/bin/env bash
# Agreement and speed of `wom cascade` against cynetdiff (see README.md).
#
#   bash benches/compare/run.sh            # 100,000-node graphs, 1000 runs
#   QUICK=1 bash benches/compare/run.sh    # 10,000-node graphs, 200 runs (smoke check)
#
# Environment: QUICK=1, RUNS=N (override the run count), PYTHON (default
# python3), WOM=path (use this wom binary instead of building one),
# OUT=dir (results; default <repo>/output/compare), KEEP=1 (keep the
# temporary folder with the venv, graphs and seeds).
# Exits non-zero if a graph's means disagree by more than 3 combined
# standard errors (or anything fails).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
python="${PYTHON:-python3}"

if [[ "${QUICK:-0}" == 1 ]]; then
  nodes=10000
  runs="${RUNS:-200}"
else
  nodes=100000
  runs="${RUNS:-1000}"
fi
out="${OUT:-$repo/output/compare}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/wom-compare.XXXXXX")"
if [[ "${KEEP:-0}" == 1 ]]; then
  echo "keeping $tmp" >&2
else
  trap 'rm -rf "$tmp"' EXIT
fi

echo "== Python venv with cynetdiff and networkx ($tmp/venv)" >&2
"$python" -m venv "$tmp/venv"
# cynetdiff imports numpy but does not declare it as a dependency.
"$tmp/venv/bin/pip" install --quiet --disable-pip-version-check cynetdiff networkx numpy

if [[ -n "${WOM:-}" ]]; then
  wom="$WOM"
else
  echo "== cargo build --release" >&2
  (cd "$repo" && cargo build --release --quiet)
  wom="$repo/target/release/wom"
fi
"$wom" --version >&2

echo "== graphs ($nodes nodes)" >&2
"$wom" graph --network barabasi_albert --nodes "$nodes" --attach 5 --seed 1 --write "$tmp/ba.txt" >&2
"$wom" graph --network erdos_renyi --nodes "$nodes" --mean-degree 10 --seed 1 --write "$tmp/er.txt" >&2

echo "== seed set: 10 node ids present in both graphs, Python random.Random(2024)" >&2
"$tmp/venv/bin/python" - "$tmp/ba.txt" "$tmp/er.txt" "$tmp/seeds.txt" <<'EOF'
import random, sys

def nodes(path):
    found = set()
    with open(path) as f:
        for line in f:
            fields = line.split("#", 1)[0].split()
            if len(fields) >= 2:
                found.update((int(fields[0]), int(fields[1])))
    return found

common = sorted(nodes(sys.argv[1]) & nodes(sys.argv[2]))
seeds = random.Random(2024).sample(common, 10)
with open(sys.argv[3], "w") as f:
    f.write("# 10 seed nodes, random.Random(2024).sample of the ids in both graphs\n")
    f.write("".join(f"{s}\n" for s in seeds))
print("seeds:", *seeds, file=sys.stderr)
EOF

echo "== compare ($runs runs per tool and graph)" >&2
status=0
"$tmp/venv/bin/python" "$here/compare.py" \
  --wom "$wom" --runs "$runs" --seed 1 --out "$out/results.json" \
  --case BA "$tmp/ba.txt" 0.1 "$tmp/seeds.txt" \
  --case ER "$tmp/er.txt" 0.2 "$tmp/seeds.txt" \
  | tee "$out/results.txt" || status=$?
echo "results: $out/results.txt, $out/results.json" >&2
exit "$status"
