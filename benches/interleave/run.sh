#!/usr/bin/env bash
# Measures one step of the engine by interleaving its old and new code
# replication by replication in one process (benches/interleave/README.md).
#
#   bash benches/interleave/run.sh COPY [REPLICATIONS] [SCENARIO]
#
# COPY is a scratch copy of the project in which the step's old and new
# code both stand, chosen by `crate::sim::exp::on()` (or `super::exp::on()`
# inside src/sim); this script adds the harness to it, builds it, checks
# that the two halves give the same results whichever half is new, and
# prints four ratios new / old (two with the halves swapped).
set -euo pipefail
copy="$(cd "$1" && pwd)"
reps="${2:-1000}"
here="$(cd "$(dirname "$0")" && pwd)"
scenario="${3:-$here/../../tests/fixtures/pinned/scenarios/default.toml}"
python3 "$here/harness.py" "$copy"
(cd "$copy" && cargo build --release --quiet)
wom="$copy/target/release/wom"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
run() { # name, then environment assignments
  local name="$1"
  shift
  env "$@" "$wom" run "$scenario" --replications "$reps" --threads 1 \
    --out "$out/$name" --no-charts --quiet 2>&1 | grep '^EXP' || true
}
run a WOM_EXP=1 >/dev/null
run b WOM_EXP=1 WOM_FLIP=1 >/dev/null
for f in summary.json replications.csv periods.csv; do
  cmp -s "$out/a/$f" "$out/b/$f" || { echo "the halves differ in $f" >&2; exit 1; }
done
echo "results identical with either half new"
for i in 1 2 3 4; do
  if ((i % 2)); then flip=(); else flip=(WOM_FLIP=1); fi
  rm -rf "$out/m"
  echo "run $i${flip:+ (swapped)}: $(run m WOM_EXP=1 "${flip[@]}")"
done
