"""wom — word-of-mouth impact simulator, from Python.

The same simulation, files and messages as the ``wom`` command-line tool,
with results as pandas DataFrames::

    >>> import wom
    >>> r = wom.run("scenarios/default.toml", replications=50)
    >>> r.summary["replications"]
    50
    >>> r.replications.shape[0]        # one row per replication and policy
    100
    >>> r.write("output/default")      # the files `wom run` writes

A scenario is a path to a TOML file, a TOML text, or a dict. Scenario
values are overridden with ``set={"experience.complaint_rate": 0.2}`` (or
a list of ``"KEY=VALUE"`` strings, as ``--set`` takes them). Bad input
raises :class:`ScenarioError` (a ``ValueError``) with the command-line
tool's message; other failures raise :class:`WomError`.

The simulation runs on all cores (``threads=`` to choose) with the GIL
released; results are byte-identical for any number of threads. Ctrl-C
raises ``KeyboardInterrupt`` within about a second.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

from . import _wom
from ._errors import ScenarioError, WomError

__all__ = [
    "run",
    "sweep",
    "sensitivity",
    "cascade",
    "staffing",
    "RunResult",
    "SweepResult",
    "SensitivityResult",
    "ScenarioError",
    "WomError",
    "__version__",
]

__version__: str = _wom.__version__

Scenario = Union[str, "os.PathLike[str]", Mapping[str, Any]]
Settings = Union[None, Mapping[str, Any], Sequence[str]]


def _pandas():
    import pandas

    return pandas


def _literal(value: Any) -> str:
    """A Python value as the TOML literal ``--set`` reads."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, Mapping):
        inner = ", ".join(f"{k} = {_literal(v)}" for k, v in value.items())
        return "{" + inner + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    raise ScenarioError(
        f"{value!r}: a scenario value is a bool, number, string, list or dict"
    )


def _settings(set: Settings) -> list:
    if set is None:
        return []
    if isinstance(set, Mapping):
        return [f"{k}={_literal(v)}" for k, v in set.items()]
    if isinstance(set, str):
        return [set]
    return [str(s) for s in set]


def _scenario(scenario: Scenario) -> dict:
    """The scenario as the core takes it: path=, text= or json=."""
    if isinstance(scenario, Mapping):
        return {"json": json.dumps(scenario)}
    if isinstance(scenario, os.PathLike):
        return {"path": os.fspath(scenario)}
    if isinstance(scenario, str):
        if "\n" in scenario or ("=" in scenario and not os.path.exists(scenario)):
            return {"text": scenario}
        return {"path": scenario}
    raise TypeError("scenario must be a path, a TOML text or a dict")


def _path_only(scenario: Scenario, tmp: str) -> str:
    """A scenario file for the commands that read one (a text or dict is
    written to `tmp` first)."""
    given = _scenario(scenario)
    if "path" in given:
        return given["path"]
    path = os.path.join(tmp, "scenario.toml")
    if "text" in given:
        Path(path).write_text(given["text"])
        return path
    # A dict: let the core write it as TOML via a run of zero work.
    raise TypeError(
        "wom.sweep and wom.sensitivity take a scenario file or a TOML text"
    )


class RunResult:
    """A finished run: what ``wom run`` writes, in memory.

    Attributes:
        summary: summary.json as a dict.
        metadata: metadata.json as a dict.
        replications: replications.csv as a DataFrame (one row per
            replication and policy).
        periods: periods.csv as a DataFrame (one row per period and policy;
            customers counted at the start of the period).
    """

    def __init__(self, files: Any):
        self._files = files
        self.summary: dict = json.loads(files.summary_json())
        self.metadata: dict = json.loads(files.metadata_json())
        self._replications = None
        self._periods = None

    @property
    def replications(self):
        if self._replications is None:
            self._replications = _pandas().read_csv(
                io.StringIO(self._files.replications_csv())
            )
        return self._replications

    @property
    def periods(self):
        if self._periods is None:
            self._periods = _pandas().read_csv(io.StringIO(self._files.periods_csv()))
        return self._periods

    def write(self, dir: Union[str, "os.PathLike[str]"], *, charts: bool = True) -> Path:
        """Writes summary.json, replications.csv, periods.csv, metadata.json
        (and, unless ``charts=False``, report.html and charts/) into
        ``dir``, exactly as ``wom run --out DIR`` does. Returns the path."""
        self._files.write(os.fspath(dir), charts)
        return Path(dir)

    def __repr__(self) -> str:
        s = self.summary
        return f"<wom.RunResult {s.get('scenario', '')!r}: {s.get('replications')} replications>"


def run(
    scenario: Scenario,
    *,
    set: Settings = None,
    replications: Optional[int] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
) -> RunResult:
    """Simulates a scenario, like ``wom run``.

    Args:
        scenario: a path to a scenario file, a TOML text, or a dict.
        set: scenario values to override, ``{"experience.complaint_rate": 0.2}``
            or ``["experience.complaint_rate=0.2"]`` (as ``--set``).
        replications: replaces the scenario's ``replications``.
        seed: replaces the scenario's ``seed``.
        threads: worker threads (default: all cores); the numbers are the
            same for any count.

    Returns:
        A :class:`RunResult`; ``.summary`` equals the summary.json of
        ``wom run`` with the same arguments.

    Raises:
        ScenarioError: a bad key, value or file (the CLI's message).
        WomError: any other failure.
        KeyboardInterrupt: on Ctrl-C (the run stops within about a second).

    Example:
        >>> r = wom.run("scenarios/default.toml", replications=50,
        ...             set={"experience.complaint_rate": 0.2})
        >>> r.replications.groupby("policy")["npv"].mean()
    """
    files = _wom.run(
        **_scenario(scenario),
        set=_settings(set),
        replications=replications,
        seed=seed,
        threads=threads,
    )
    return RunResult(files)


class SweepResult:
    """A finished sweep: the files ``wom sweep`` writes, read back.

    Attributes:
        dir: where the files are (a temporary directory unless ``out=``).
        table: sweep.csv as a DataFrame (one row per point × policy ×
            metric, and per point × comparison).
        json: sweep.json as a dict.
        metadata: metadata.json as a dict (``complete`` is true).
    """

    def __init__(self, dir: Path):
        self.dir = Path(dir)
        self.table = _pandas().read_csv(self.dir / "sweep.csv")
        self.json: dict = json.loads((self.dir / "sweep.json").read_text())
        self.metadata: dict = json.loads((self.dir / "metadata.json").read_text())

    def __repr__(self) -> str:
        return f"<wom.SweepResult {len(self.json.get('points', []))} points in {self.dir}>"


def _axes(axes: Union[Mapping[str, Iterable[Any]], Sequence[str], str]) -> list:
    if isinstance(axes, str):
        return [axes]
    if isinstance(axes, Mapping):
        out = []
        for key, values in axes.items():
            if isinstance(values, str):
                out.append(f"{key}={values}")
            else:
                out.append(f"{key}=" + ",".join(_literal(v) for v in values))
        return out
    return [str(a) for a in axes]


def _out_dir(out, keep: list) -> str:
    if out is not None:
        return os.fspath(out)
    tmp = tempfile.mkdtemp(prefix="wom-")
    keep.append(tmp)
    return tmp


def sweep(
    scenario: Union[str, "os.PathLike[str]"],
    axes: Union[Mapping[str, Iterable[Any]], Sequence[str], str],
    *,
    set: Settings = None,
    zip: bool = False,
    replications: Optional[int] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
    out: Optional[Union[str, "os.PathLike[str]"]] = None,
    resume: bool = False,
) -> SweepResult:
    """Every policy at every point of a grid of scenario values, like
    ``wom sweep``.

    Args:
        scenario: a scenario file (or a TOML text).
        axes: ``{"experience.complaint_rate": [0.05, 0.1, 0.2]}``, or
            ``{"experience.complaint_rate": "0.05:0.5:0.05"}``, or CLI
            strings ``["experience.complaint_rate=0.05,0.1"]``.
        set: values fixed at every point (as ``run``'s ``set``).
        zip: pair the axes value by value instead of forming a grid.
        replications, seed, threads: as for :func:`run`.
        out: the directory to write (default: a new temporary one).
        resume: keep the points an earlier run of the same sweep in ``out``
            finished (refused, naming what differs, if its settings differ).

    Example:
        >>> s = wom.sweep("scenarios/default.toml",
        ...               {"experience.complaint_rate": [0.05, 0.1, 0.2]},
        ...               replications=50)
        >>> s.table.head()
    """
    tmp: list = []
    with tempfile.TemporaryDirectory() as scratch:
        path = _path_only(scenario, scratch)
        dir = _out_dir(out, tmp)
        _wom.sweep(
            path,
            dir,
            _axes(axes),
            set=_settings(set),
            zip=zip,
            replications=replications,
            seed=seed,
            threads=threads,
            resume=resume,
        )
    return SweepResult(Path(dir))


class SensitivityResult:
    """A finished sensitivity analysis: the files ``wom sensitivity``
    writes, read back.

    Attributes:
        dir: where the files are.
        table: sensitivity.csv as a DataFrame (one row per key).
        json: sensitivity.json as a dict.
        metadata: metadata.json as a dict.
    """

    def __init__(self, dir: Path):
        self.dir = Path(dir)
        self.table = _pandas().read_csv(self.dir / "sensitivity.csv")
        self.json: dict = json.loads((self.dir / "sensitivity.json").read_text())
        self.metadata: dict = json.loads((self.dir / "metadata.json").read_text())

    def __repr__(self) -> str:
        return f"<wom.SensitivityResult in {self.dir}>"


def sensitivity(
    scenario: Union[str, "os.PathLike[str]"],
    *,
    vary: Union[None, Sequence[str], str] = None,
    set: Settings = None,
    replications: Optional[int] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
    out: Optional[Union[str, "os.PathLike[str]"]] = None,
) -> SensitivityResult:
    """One-at-a-time sensitivity of the headline paired difference, like
    ``wom sensitivity``.

    Args:
        scenario: a scenario file (or a TOML text).
        vary: ``["experience.complaint_rate=0.05:0.3"]`` (as ``--vary``);
            default: the scenario's default ranges.
        set, replications, seed, threads: as for :func:`run`.
        out: the directory to write (default: a new temporary one).

    Example:
        >>> t = wom.sensitivity("scenarios/default.toml", replications=50).table
    """
    tmp: list = []
    vary = [vary] if isinstance(vary, str) else list(vary or [])
    with tempfile.TemporaryDirectory() as scratch:
        path = _path_only(scenario, scratch)
        dir = _out_dir(out, tmp)
        _wom.sensitivity(
            path,
            dir,
            vary=vary,
            set=_settings(set),
            replications=replications,
            seed=seed,
            threads=threads,
        )
    return SensitivityResult(Path(dir))


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
