"""A sweep from Python: what ignoring complaints costs as more unhappy
customers complain, read into pandas and drawn with matplotlib.

    pip install ./python matplotlib
    python examples/analysis.py [CHART.png] [REPLICATIONS]

Run from the repository's root (the scenario path is relative to it).
"""

import sys

import matplotlib

matplotlib.use("Agg")  # no display needed
import matplotlib.pyplot as plt

import wom

chart = sys.argv[1] if len(sys.argv) > 1 else "complaint_rate.png"
replications = int(sys.argv[2]) if len(sys.argv) > 2 else 200

key = "experience.complaint_rate"
sweep = wom.sweep(
    "scenarios/default.toml",
    {key: [0.05, 0.1, 0.2, 0.3, 0.5]},
    replications=replications,
)
table = sweep.table

# The paired difference NPV(policy) − NPV(baseline) at each point: what
# choosing the baseline (ignoring complaints) loses.
diff = table[table["metric"] == "npv_difference"].sort_values(key)
print(diff[[key, "policy", "baseline", "mean", "ci_lo", "ci_hi"]].to_string(index=False))

fig, ax = plt.subplots(figsize=(6, 4))
for policy, rows in diff.groupby("policy"):
    ax.plot(rows[key], rows["mean"], marker="o", label=f"{policy} − {rows['baseline'].iloc[0]}")
    ax.fill_between(rows[key], rows["ci_lo"], rows["ci_hi"], alpha=0.2)
ax.axhline(0, color="grey", linewidth=0.8)
ax.set_xlabel("share of unhappy customers who complain")
ax.set_ylabel(f"NPV difference ({sweep.json['currency']})")
ax.set_title(f"{sweep.json['scenario']}: {replications} replications a point")
ax.legend()
fig.tight_layout()
fig.savefig(chart, dpi=100)
print(f"wrote {chart}")
