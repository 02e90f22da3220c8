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

from . import _wom
from ._calibrate import CalibrationResult, calibrate
from ._commands import SensitivityResult, SweepResult, sensitivity, sweep
from ._errors import ScenarioError, WomError
from ._run import RunResult, run
from ._tools import cascade, staffing

__all__ = [
    "run",
    "sweep",
    "sensitivity",
    "calibrate",
    "cascade",
    "staffing",
    "RunResult",
    "SweepResult",
    "SensitivityResult",
    "CalibrationResult",
    "ScenarioError",
    "WomError",
    "__version__",
]

__version__: str = _wom.__version__
