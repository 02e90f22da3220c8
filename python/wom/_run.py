"""wom.run: a run in memory."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any, Optional, Union

from . import _wom
from ._common import Scenario, Settings, _pandas, _scenario, _settings


class RunResult:
    """A finished run: what ``wom run`` writes, in memory.

    Attributes:
        summary: summary.json as a dict.
        metadata: metadata.json as a dict.
        replications: replications.csv as a DataFrame (one row per
            replication and policy).
        periods: periods.csv as a DataFrame (one row per period and policy;
            customers counted at the start of the period).
        uncertainty: summary.json's ``uncertainty`` object for a scenario
            with ``[uncertainty]`` (the spread over parameter draws, the
            chance each policy is best, EVPI, …), else ``None``.
        draws: draws.csv as a DataFrame for a scenario with
            ``[uncertainty]`` (one row per parameter draw: ``draw``, each
            uncertain key's value, each comparison's mean paired
            difference), else ``None``.

    Example:
        >>> r = wom.run("scenarios/default.toml", replications=50)
        >>> r.uncertainty["draws"]          # 50 replications / 10 per draw
        5
        >>> r.draws.columns[0]
        'draw'
    """

    def __init__(self, files: Any):
        self._files = files
        self.summary: dict = json.loads(files.summary_json())
        self.metadata: dict = json.loads(files.metadata_json())
        self.uncertainty: Optional[dict] = self.summary.get("uncertainty")
        self._replications = None
        self._periods = None
        self._draws = None

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

    @property
    def draws(self):
        if self._draws is None:
            text = self._files.draws_csv()
            if text is None:
                return None
            self._draws = _pandas().read_csv(io.StringIO(text))
        return self._draws

    def write(self, dir: Union[str, "os.PathLike[str]"], *, charts: bool = True) -> Path:
        """Writes summary.json, replications.csv, periods.csv, metadata.json
        (draws.csv with ``[uncertainty]``, and, unless ``charts=False``,
        report.html and charts/) into
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


