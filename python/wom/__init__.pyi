"""Type stubs of the wom package (see wom/__init__.py for the docs)."""

import os
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence, Tuple, Union

import pandas

Scenario = Union[str, os.PathLike[str], Mapping[str, Any]]
Settings = Union[None, Mapping[str, Any], Sequence[str]]
Axes = Union[Mapping[str, Union[Iterable[Any], str]], Sequence[str], str]
Fits = Union[Mapping[str, Optional[Tuple[float, float]]], Sequence[str], str]

__version__: str

class WomError(Exception): ...
class ScenarioError(WomError, ValueError): ...

class RunResult:
    summary: dict[str, Any]
    metadata: dict[str, Any]
    uncertainty: Optional[dict[str, Any]]
    @property
    def replications(self) -> pandas.DataFrame: ...
    @property
    def periods(self) -> pandas.DataFrame: ...
    @property
    def draws(self) -> Optional[pandas.DataFrame]: ...
    def write(self, dir: Union[str, os.PathLike[str]], *, charts: bool = True) -> Path: ...

class SweepResult:
    dir: Path
    table: pandas.DataFrame
    json: dict[str, Any]
    metadata: dict[str, Any]

class SensitivityResult:
    dir: Path
    table: pandas.DataFrame
    json: dict[str, Any]
    metadata: Optional[dict[str, Any]]
    sobol: Optional[pandas.DataFrame]

class CalibrationResult:
    dir: Path
    summary: dict[str, Any]
    posterior: pandas.DataFrame
    predictive: pandas.DataFrame
    calibrated: str
    def write(self, dir: Union[str, os.PathLike[str]]) -> Path: ...

def run(
    scenario: Scenario,
    *,
    set: Settings = None,
    replications: Optional[int] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
) -> RunResult: ...
def sweep(
    scenario: Union[str, os.PathLike[str]],
    axes: Axes,
    *,
    set: Settings = None,
    zip: bool = False,
    replications: Optional[int] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
    out: Optional[Union[str, os.PathLike[str]]] = None,
    resume: bool = False,
) -> SweepResult: ...
def sensitivity(
    scenario: Union[str, os.PathLike[str]],
    *,
    vary: Union[None, Sequence[str], str] = None,
    set: Settings = None,
    replications: Optional[int] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
    out: Optional[Union[str, os.PathLike[str]]] = None,
    global_: bool = False,
    samples: int = 64,
) -> SensitivityResult: ...
def calibrate(
    scenario: Union[str, os.PathLike[str]],
    *,
    observed: Union[str, os.PathLike[str], pandas.DataFrame],
    policy: str,
    fit: Fits,
    particles: Optional[int] = None,
    simulations: Optional[int] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
    set: Settings = None,
    out: Optional[Union[str, os.PathLike[str]]] = None,
) -> CalibrationResult: ...
def cascade(
    network: Any,
    *,
    p: float,
    seeds: Union[int, Sequence[Any], None] = None,
    runs: int = 1000,
    seed: int = 1,
    threads: Optional[int] = None,
) -> dict[str, Any]: ...
def staffing(
    *,
    arrivals_per_hour: float,
    handle_minutes: float,
    agents: Optional[int] = None,
    within_minutes: float = 60.0,
    target_service_level: float = 0.8,
) -> pandas.DataFrame: ...
