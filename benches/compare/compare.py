#!/usr/bin/env python3
"""Agreement and speed of `wom cascade` against cynetdiff's independent cascade.

For each case (a graph file, an activation probability p and a seed file) it

1. loads the edge list into networkx (node ids as in the file; self loops
   dropped, duplicate edges merged, as wom does), builds a cynetdiff
   IndependentCascadeModel with a uniform p, sets the seeds (translated to
   cynetdiff's dense labels) and runs R cascades, timing only the cascades
   (reset + advance_until_completion + reading the count);
2. runs `wom cascade --graph FILE --seed-file SEEDS --p P --runs R --json`
   with `--threads 1` and `--threads 2`, taking wom's own `simulate_seconds`
   (cascades only; loading the graph is excluded on both sides);
3. compares the mean cascade sizes in combined standard errors,
   |m1 - m2| / sqrt(se1^2 + se2^2).

It prints a table, writes every number to --out as JSON, and exits 1 if any
case disagrees by more than --max-z (default 3) combined standard errors.
The speed targets are reported, not enforced: timings depend on the machine.

cynetdiff details that matter here (checked against cynetdiff 0.1.18's
source, see README.md):
* `networkx_to_ic_model` walks `graph.neighbors(node)`, so on an undirected
  nx.Graph each edge can fire both ways, like wom's undirected graphs.
* `set_seeds` wants cynetdiff's dense labels (0..n-1, in graph.nodes order),
  as Python ints (numpy integers are rejected), so the file's ids go through
  the node mapping that `networkx_to_ic_model` returns.
* an attempt succeeds iff a uniform double <= p stored as a C float
  (float32(0.1) = 0.10000000149), a difference far below Monte Carlo noise.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path


def summary(values: list[int]) -> dict:
    n = len(values)
    mean = statistics.fmean(values)
    sd = statistics.stdev(values) if n > 1 else 0.0
    ordered = sorted(values)

    def quantile(q: float) -> float:
        # Same convention as numpy's default (linear interpolation).
        pos = q * (n - 1)
        lo = math.floor(pos)
        hi = min(lo + 1, n - 1)
        return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)

    return {
        "runs": n,
        "mean": mean,
        "sd": sd,
        "se": sd / math.sqrt(n),
        "p5": quantile(0.05),
        "p50": quantile(0.50),
        "p95": quantile(0.95),
        "min": ordered[0],
        "max": ordered[-1],
    }


def read_seeds(path: Path) -> list[int]:
    seeds = []
    for line in path.read_text().splitlines():
        text = line.split("#", 1)[0].strip()
        if text:
            seeds.append(int(text))
    if not seeds:
        sys.exit(f"{path}: no seed ids")
    if len(set(seeds)) != len(seeds):
        sys.exit(f"{path}: a seed id is listed twice")
    return seeds


def run_cynetdiff(graph_file: Path, p: float, seeds: list[int], runs: int, rng_seed: int) -> dict:
    import networkx as nx
    from cynetdiff.utils import networkx_to_ic_model

    t0 = time.perf_counter()
    graph = nx.read_edgelist(graph_file, comments="#", nodetype=int, data=False, create_using=nx.Graph)
    self_loops = nx.number_of_selfloops(graph)
    graph.remove_edges_from(list(nx.selfloop_edges(graph)))
    load_seconds = time.perf_counter() - t0

    t0 = time.perf_counter()
    model, mapping = networkx_to_ic_model(graph, activation_prob=p, rng=rng_seed)
    build_seconds = time.perf_counter() - t0

    missing = [s for s in seeds if s not in mapping]
    if missing:
        sys.exit(f"{graph_file}: seed ids not in the graph: {missing[:5]}")
    model.set_seeds([int(mapping[s]) for s in seeds])

    sizes = [0] * runs
    t0 = time.perf_counter()
    for i in range(runs):
        model.reset_model()
        model.advance_until_completion()
        sizes[i] = model.get_num_activated_nodes()
    simulate_seconds = time.perf_counter() - t0

    out = summary(sizes)
    out.update(
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        self_loops_dropped=self_loops,
        load_seconds=load_seconds,
        build_seconds=build_seconds,
        simulate_seconds=simulate_seconds,
        ms_per_run=1000.0 * simulate_seconds / runs,
    )
    return out


def run_wom(wom: str, graph_file: Path, p: float, seed_file: Path, runs: int, seed: int, threads: int) -> dict:
    cmd = [
        wom, "cascade",
        "--graph", str(graph_file),
        "--seed-file", str(seed_file),
        "--p", repr(p),
        "--runs", str(runs),
        "--seed", str(seed),
        "--threads", str(threads),
        "--json",
    ]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"wom failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr}")
    out = json.loads(proc.stdout)
    out["command"] = " ".join(cmd)
    out["process_seconds"] = wall
    out["ms_per_run"] = 1000.0 * out["simulate_seconds"] / runs
    return out


def z_score(m1: float, se1: float, m2: float, se2: float) -> float:
    combined = math.sqrt(se1 * se1 + se2 * se2)
    if combined == 0.0:
        return 0.0 if m1 == m2 else math.inf
    return abs(m1 - m2) / combined


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--case", nargs=4, action="append", required=True, metavar=("NAME", "GRAPH", "P", "SEEDS"),
        help="a comparison: label, edge-list file, activation probability, seed file (repeatable)",
    )
    ap.add_argument("--runs", type=int, default=1000, help="cascades per tool and case (default 1000)")
    ap.add_argument("--wom", default="wom", help="path to the wom binary")
    ap.add_argument("--seed", type=int, default=1, help="random seed for both tools (default 1)")
    ap.add_argument("--max-z", type=float, default=3.0, help="largest allowed disagreement in combined se (default 3)")
    ap.add_argument("--out", type=Path, help="write all results as JSON here")
    args = ap.parse_args()

    import cynetdiff
    import networkx

    try:
        from importlib.metadata import version
        cyn_version = version("cynetdiff")
    except Exception:  # pragma: no cover
        cyn_version = getattr(cynetdiff, "__version__", "?")
    wom_version = subprocess.run([args.wom, "--version"], capture_output=True, text=True).stdout.strip()

    results = []
    for name, graph, p_text, seeds_file in args.case:
        graph_file, seed_file, p = Path(graph), Path(seeds_file), float(p_text)
        seeds = read_seeds(seed_file)
        print(f"[{name}] {graph_file.name}, p = {p}, {len(seeds)} seeds, {args.runs} runs", file=sys.stderr, flush=True)
        print(f"[{name}]   cynetdiff ...", file=sys.stderr, flush=True)
        cyn = run_cynetdiff(graph_file, p, seeds, args.runs, args.seed)
        print(f"[{name}]   wom --threads 1 ...", file=sys.stderr, flush=True)
        w1 = run_wom(args.wom, graph_file, p, seed_file, args.runs, args.seed, 1)
        print(f"[{name}]   wom --threads 2 ...", file=sys.stderr, flush=True)
        w2 = run_wom(args.wom, graph_file, p, seed_file, args.runs, args.seed, 2)
        if (w1["nodes"], w1["edges"]) != (cyn["nodes"], cyn["edges"]):
            sys.exit(
                f"[{name}] the tools read different graphs: networkx {cyn['nodes']} nodes "
                f"{cyn['edges']} edges, wom {w1['nodes']} nodes {w1['edges']} edges"
            )
        z = z_score(cyn["mean"], cyn["se"], w1["mean"], w1["se"])
        results.append({
            "name": name,
            "graph": str(graph_file),
            "p": p,
            "seeds": seeds,
            "runs": args.runs,
            "nodes": cyn["nodes"],
            "edges": cyn["edges"],
            "cynetdiff": cyn,
            "wom_1t": w1,
            "wom_2t": w2,
            "z": z,
            "agree": z <= args.max_z,
            "wom_threads_same_result": (w1["mean"], w1["sd"]) == (w2["mean"], w2["sd"]),
            "speedup_wom1t_over_cynetdiff": cyn["ms_per_run"] / w1["ms_per_run"],
            "speedup_wom2t_over_wom1t": w1["ms_per_run"] / w2["ms_per_run"],
        })

    header = (
        f"{'graph':<8} {'nodes':>7} {'edges':>7} {'p':>5}  {'cynetdiff mean ± se':>20}  {'wom mean ± se':>20}"
        f"  {'|Δ|/se':>6}  {'cyn ms/run':>10} {'wom1t ms':>9} {'wom2t ms':>9}  {'wom1t/cyn':>9} {'2t/1t':>6}"
    )
    lines = [header, "-" * len(header)]
    for r in results:
        c, w1, w2 = r["cynetdiff"], r["wom_1t"], r["wom_2t"]
        lines.append(
            f"{r['name']:<8} {r['nodes']:>7} {r['edges']:>7} {r['p']:>5}"
            f"  {c['mean']:>10.1f} ± {c['se']:<7.1f}  {w1['mean']:>10.1f} ± {w1['se']:<7.1f}"
            f"  {r['z']:>6.2f}  {c['ms_per_run']:>10.3f} {w1['ms_per_run']:>9.3f} {w2['ms_per_run']:>9.3f}"
            f"  {r['speedup_wom1t_over_cynetdiff']:>8.1f}× {r['speedup_wom2t_over_wom1t']:>5.2f}×"
        )
    lines.append("")
    lines.append("speed-ups: wom1t/cyn = cynetdiff ms per run ÷ wom 1-thread ms per run; 2t/1t = wom 1-thread ÷ wom 2-thread")
    lines.append(f"cynetdiff {cyn_version}, networkx {networkx.__version__}, {wom_version}, Python {platform.python_version()}")

    targets = {
        "means_within_max_z": all(r["agree"] for r in results),
        "wom1t_at_least_5x_cynetdiff": all(r["speedup_wom1t_over_cynetdiff"] >= 5.0 for r in results),
        "wom2t_at_least_1.8x_wom1t": all(r["speedup_wom2t_over_wom1t"] >= 1.8 for r in results),
        "wom_same_result_on_1_and_2_threads": all(r["wom_threads_same_result"] for r in results),
    }
    lines.append("")
    lines.append(f"targets:")
    lines.append(f"  means within {args.max_z:g} combined se ........ {'met' if targets['means_within_max_z'] else 'NOT met'}")
    lines.append(f"  wom 1 thread >= 5x cynetdiff per run ... {'met' if targets['wom1t_at_least_5x_cynetdiff'] else 'NOT met'}")
    lines.append(f"  wom 2 threads >= 1.8x wom 1 thread ..... {'met' if targets['wom2t_at_least_1.8x_wom1t'] else 'NOT met'}")
    lines.append(f"  (check) wom result same on 1 and 2 threads: {'yes' if targets['wom_same_result_on_1_and_2_threads'] else 'NO'}")
    text = "\n".join(lines)
    print(text)

    if args.out:
        args.out.write_text(json.dumps({
            "runs": args.runs,
            "seed": args.seed,
            "max_z": args.max_z,
            "versions": {"cynetdiff": cyn_version, "networkx": networkx.__version__, "wom": wom_version,
                         "python": platform.python_version()},
            "cases": results,
            "targets": targets,
            "table": text,
        }, indent=2) + "\n")

    disagree = [r["name"] for r in results if not r["agree"]]
    if disagree:
        print(f"FAIL: means disagree by more than {args.max_z:g} combined se on: {', '.join(disagree)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
