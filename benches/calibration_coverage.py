#!/usr/bin/env python3
"""Coverage study of `wom calibrate` (simulation-based calibration).

For each of N synthetic data sets: draw true values of two keys from their
priors, simulate counts at them with `wom counts` (its own seed), fit them
with `wom calibrate`, and record whether each true value lies in its 50%
and 90% posterior intervals. Over data sets whose truths are drawn from the
prior, a calibrated posterior's 50% and 90% intervals hold the truth 50%
and 90% of the time (Talts et al. 2018). A third key the counts cannot
inform (economics.discount_rate) shows its interval width against the
prior's.

    python3 benches/calibration_coverage.py [N] [WOM]

Defaults: N = 50, WOM = target/release/wom. Run with `nice -n 10` on a
shared machine. Prints one line per data set and the totals, and writes
output/coverage/coverage.csv.
"""
import csv
import json
import math
import os
import random
import subprocess
import sys

N = int(sys.argv[1]) if len(sys.argv) > 1 else 50
WOM = sys.argv[2] if len(sys.argv) > 2 else "target/release/wom"
SCENARIO = "tests/fixtures/calibrate.toml"
PRIORS = {
    "experience.problem_rate": (0.02, 0.25),
    "experience.complaint_rate": (0.1, 0.6),
    "economics.discount_rate": (0.0, 0.2),
}
OUT = "output/coverage"
os.makedirs(OUT, exist_ok=True)
rng = random.Random(2026)
rows = []
for i in range(N):
    truth = {k: rng.uniform(lo, hi) for k, (lo, hi) in PRIORS.items()}
    counts = f"{OUT}/counts_{i}.csv"
    sets = sum((["--set", f"{k}={v!r}"] for k, v in truth.items()), [])
    subprocess.run([WOM, "counts", SCENARIO, "--policy", "ignore", "--seed", str(1000 + i),
                    "--out", counts] + sets, check=True)
    fits = sum((["--fit", f"{k}={lo}:{hi}"] for k, (lo, hi) in PRIORS.items()), [])
    out = f"{OUT}/cal_{i}"
    subprocess.run([WOM, "calibrate", SCENARIO, "--observed", counts, "--policy", "ignore",
                    "--seed", str(1000 + i), "--particles", "200", "--simulations", "8000",
                    "--quiet", "--out", out] + fits, check=True)
    c = json.load(open(f"{out}/calibration.json"))
    row = {"set": i, "simulations": c["simulations"], "generations": c["generations"]}
    for k in PRIORS:
        p = c["keys"][k]
        row[f"{k}.truth"] = truth[k]
        row[f"{k}.in50"] = int(p["interval50"][0] <= truth[k] <= p["interval50"][1])
        row[f"{k}.in90"] = int(p["interval90"][0] <= truth[k] <= p["interval90"][1])
        row[f"{k}.width90"] = p["interval90"][1] - p["interval90"][0]
    rows.append(row)
    print(i, {k: (row[f"{k}.in50"], row[f"{k}.in90"]) for k in PRIORS}, flush=True)

with open(f"{OUT}/coverage.csv", "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0]))
    w.writeheader()
    w.writerows(rows)
print(f"\n{N} data sets; coverage (binomial standard error at the nominal rate: "
      f"50%: {100 * math.sqrt(0.25 / N):.1f} points, 90%: {100 * math.sqrt(0.09 / N):.1f} points)")
for k, (lo, hi) in PRIORS.items():
    in50 = sum(r[f"{k}.in50"] for r in rows) / N
    in90 = sum(r[f"{k}.in90"] for r in rows) / N
    width = sum(r[f"{k}.width90"] for r in rows) / N
    print(f"{k:28} 50%: {100 * in50:5.1f}%   90%: {100 * in90:5.1f}%   "
          f"mean 90% width {width:.3f} (prior's {0.9 * (hi - lo):.3f})")
print(f"simulations per data set: {sum(r['simulations'] for r in rows) / N:.0f} on average")
