"""wom.sweep and wom.sensitivity: the commands that write a directory,
read back."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

from . import _wom
from ._common import Settings, _literal, _out_dir, _pandas, _path_only, _settings

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
        table: sensitivity.csv as a DataFrame (one row per key); with
            ``global_=True`` sobol.csv (one row per key: ``key``, ``first``,
            ``first_se``, ``total``, ``total_se``).
        json: sensitivity.json (``global_=True``: sobol.json) as a dict.
        metadata: metadata.json as a dict (``None`` with ``global_=True``,
            which writes none).
        sobol: sobol.csv as a DataFrame with ``global_=True``, else ``None``.
    """

    def __init__(self, dir: Path):
        self.dir = Path(dir)
        self.sobol = None
        self.metadata: Optional[dict] = None
        if (self.dir / "sobol.json").exists():
            self.sobol = _pandas().read_csv(self.dir / "sobol.csv")
            self.table = self.sobol
            self.json: dict = json.loads((self.dir / "sobol.json").read_text())
        else:
            self.table = _pandas().read_csv(self.dir / "sensitivity.csv")
            self.json = json.loads((self.dir / "sensitivity.json").read_text())
            self.metadata = json.loads((self.dir / "metadata.json").read_text())

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
    global_: bool = False,
    samples: int = 64,
) -> SensitivityResult:
    """One-at-a-time sensitivity of the headline paired difference, like
    ``wom sensitivity``; with ``global_=True`` first-order and total Sobol
    indices per uncertain key, like ``wom sensitivity --global``.

    Args:
        scenario: a scenario file (or a TOML text).
        vary: ``["experience.complaint_rate=0.05:0.3"]`` (as ``--vary``);
            default: the scenario's default ranges (with ``global_=True``:
            the scenario's ``[uncertainty]``, else these ranges as uniform
            priors).
        set, seed, threads: as for :func:`run`.
        replications: as for :func:`run`; with ``global_=True`` the
            replications at each design point (default 10).
        out: the directory to write (default: a new temporary one).
        global_: Sobol indices instead of the tornado (``--global``).
        samples: with ``global_=True``, rows of each of the design's
            matrices A and B (``--samples``, 8 to 100000; the design runs
            ``samples × (keys + 2)`` points).

    Example:
        >>> t = wom.sensitivity("scenarios/default.toml", replications=50).table
        >>> g = wom.sensitivity("scenarios/default.toml", global_=True,
        ...                     samples=16, replications=2)
        >>> g.sobol[["key", "first", "total"]]
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
            global_=samples if global_ else None,
        )
    return SensitivityResult(Path(dir))
