#!/usr/bin/env bash
# Speed of `wom calibrate`: three keys on the default scenario (10,000
# people, 12 months) fitted to twelve observed months, default particles
# (400) and budget (40,000 simulations), on 2 threads. Prints the wall
# clock, user and system time and the simulations run; simulations per
# second = simulations / wall clock.
#
#   bash benches/calibration_speed.sh [WOM]
set -euo pipefail
WOM=${1:-target/release/wom}
OUT=output/calibration-speed
mkdir -p "$OUT"
"$WOM" counts scenarios/default.toml --policy ignore --seed 1 \
    --set experience.problem_rate=0.1 --out "$OUT/counts.csv"
uptime
/usr/bin/time -v "$WOM" calibrate scenarios/default.toml --observed "$OUT/counts.csv" \
    --policy ignore --threads 2 --quiet --out "$OUT/cal" \
    --fit experience.problem_rate=0.01:0.3 \
    --fit experience.complaint_rate=0.05:0.8 \
    --fit effects.deter=0:1 2> "$OUT/time.txt"
grep -E "Elapsed|User time|System time|Maximum resident" "$OUT/time.txt"
python3 -c "import json; c = json.load(open('$OUT/cal/calibration.json')); print('simulations', c['simulations'], 'generations', c['generations'], 'stopped:', c['stopped'])"
