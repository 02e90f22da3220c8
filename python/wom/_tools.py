"""wom.cascade and wom.staffing: the tools that answer with JSON."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Optional, Sequence, Union

from . import _wom
from ._common import _pandas
from ._errors import ScenarioError

def _edge_file(network: Any, tmp: str) -> str:
    """An edge-list file for a path, a networkx graph or an edge array."""
    if isinstance(network, (str, os.PathLike)):
        return os.fspath(network)
    path = os.path.join(tmp, "network.csv")
    edges = network.edges() if hasattr(network, "edges") and callable(network.edges) else network
    with open(path, "w") as f:
        f.write("source,target\n")
        for edge in edges:
            u, v = edge[0], edge[1]
            for name in (u, v):
                text = str(name)
                if not text or any(c in text for c in ",\t \n#%\"") :
                    raise ScenarioError(
                        f"node {name!r}: a node name is a token without spaces, commas, tabs, quotes, # or %"
                    )
            f.write(f"{u},{v}\n")
    return path


def cascade(
    network: Any,
    *,
    p: float,
    seeds: Union[int, Sequence[Any], None] = None,
    runs: int = 1000,
    seed: int = 1,
    threads: Optional[int] = None,
) -> dict:
    """The independent cascade on a network, like ``wom cascade --json``.

    Args:
        network: an edge-list file, a networkx graph, or an iterable of
            ``(u, v)`` pairs (e.g. a NumPy array of shape (m, 2)).
        p: activation probability per edge, in [0, 1].
        seeds: how many random seed nodes (default 1), or the seed nodes
            themselves (names or ids as in the network).
        runs: number of cascades.
        seed: random seed.
        threads: worker threads.

    Returns:
        The ``--json`` object as a dict (mean, sd, se, ci95, p5, p50, p95,
        min, max of the final active nodes, …).

    Example:
        >>> import networkx as nx
        >>> wom.cascade(nx.karate_club_graph(), p=0.1, seeds=2, runs=200)["mean"]
    """
    with tempfile.TemporaryDirectory() as tmp:
        path = _edge_file(network, tmp)
        seed_file = None
        count = None
        if seeds is None or isinstance(seeds, int):
            count = seeds
        else:
            seed_file = os.path.join(tmp, "seeds.txt")
            Path(seed_file).write_text("".join(f"{s}\n" for s in seeds))
        text = _wom.cascade(
            path, p, seeds=count, seed_file=seed_file, runs=runs, seed=seed, threads=threads
        )
    return json.loads(text)


def staffing(
    *,
    arrivals_per_hour: float,
    handle_minutes: float,
    agents: Optional[int] = None,
    within_minutes: float = 60.0,
    target_service_level: float = 0.8,
):
    """Erlang C sizing of a complaints desk, like ``wom staffing --json``.

    Returns:
        A DataFrame with one row per desk size (one row with ``agents``),
        columns agents, load_erlangs, p_wait, service_level, asa_minutes,
        occupancy.

    Example:
        >>> wom.staffing(arrivals_per_hour=6, handle_minutes=15)
    """
    text = _wom.staffing(
        arrivals_per_hour,
        handle_minutes,
        agents=agents,
        within_minutes=within_minutes,
        target_service_level=target_service_level,
    )
    return _pandas().DataFrame(json.loads(text))
