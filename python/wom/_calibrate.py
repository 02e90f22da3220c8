"""wom.calibrate: the fit of a scenario's keys to a business's own counts,
read back."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Mapping, Optional, Sequence, Tuple, Union

from . import _wom
from ._common import Settings, _out_dir, _pandas, _path_only, _settings
from ._errors import ScenarioError

Fits = Union[Mapping[str, Optional[Tuple[float, float]]], Sequence[str], str]


class CalibrationResult:
    """A finished calibration: the files ``wom calibrate`` writes, read back.

    Attributes:
        dir: where the files are (a temporary directory unless ``out=``).
        summary: calibration.json as a dict: per fitted key its prior,
            posterior mean, median, 50% and 90% intervals and effective
            sample size; the simulations, generations, final tolerance and
            why the sampler stopped.
        posterior: posterior.csv as a DataFrame (``weight`` then one column
            per fitted key, one row per particle; the weights sum to 1).
        predictive: predictive.csv as a DataFrame (the posterior predictive
            band of each observed series, with the observed counts).
        calibrated: calibrated.toml as text: the scenario with the posterior
            as its ``[uncertainty]`` (``draws_file = "posterior.csv"``).
    """

    def __init__(self, dir: Path):
        self.dir = Path(dir)
        self.summary: dict = json.loads((self.dir / "calibration.json").read_text())
        self.posterior = _pandas().read_csv(self.dir / "posterior.csv")
        self.predictive = _pandas().read_csv(self.dir / "predictive.csv")
        self.calibrated: str = (self.dir / "calibrated.toml").read_text()

    def write(self, dir: Union[str, "os.PathLike[str]"]) -> Path:
        """Copies the files ``wom calibrate --out DIR`` writes
        (calibration.json, posterior.csv, predictive.csv, calibrated.toml,
        charts/) into ``dir``. Returns the path."""
        target = Path(dir)
        if target.resolve() != self.dir.resolve():
            shutil.copytree(self.dir, target, dirs_exist_ok=True)
        return target

    def __repr__(self) -> str:
        keys = ", ".join(self.summary.get("keys", {}))
        return f"<wom.CalibrationResult {keys} in {self.dir}>"


def _fits(fit: Fits) -> list:
    if isinstance(fit, str):
        return [fit]
    if isinstance(fit, Mapping):
        out = []
        for key, prior in fit.items():
            if prior is None:
                out.append(str(key))
                continue
            try:
                lo, hi = prior
            except (TypeError, ValueError):
                raise ScenarioError(
                    f"fit {key!r}: {prior!r} is not a range; expected (lo, hi) or None "
                    "(the key's distribution in the scenario's [uncertainty])"
                ) from None
            out.append(f"{key}={lo!r}:{hi!r}")
        return out
    return [str(f) for f in fit]


def calibrate(
    scenario: Union[str, "os.PathLike[str]"],
    *,
    observed: Any,
    policy: str,
    fit: Fits,
    particles: Optional[int] = None,
    simulations: Optional[int] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
    set: Settings = None,
    out: Optional[Union[str, "os.PathLike[str]"]] = None,
) -> CalibrationResult:
    """Fits scenario keys to a business's own counts by approximate
    Bayesian computation (ABC-SMC), like ``wom calibrate``.

    Args:
        scenario: a scenario file (or a TOML text).
        observed: the counts, a CSV file or a DataFrame with a ``period``
            column (0 = the first period) and any of ``customers`` (at the
            start of the period), ``complaints``, ``conversions``,
            ``churn``, ``parted`` (``--observed``).
        policy: the policy the business follows today (``--policy``).
        fit: the keys to fit and their uniform priors:
            ``{"experience.problem_rate": (0.01, 0.2)}``; a key mapped to
            ``None`` takes its distribution in the scenario's
            ``[uncertainty]``; or CLI strings
            ``["experience.problem_rate=0.01:0.2"]`` (``--fit``).
        particles: particles per generation (default 400; at least 10).
        simulations: most simulations in all (default 40000; at least
            twice the particles).
        seed, threads, set: as for :func:`run`; the result is the same for
            any number of threads.
        out: the directory to write (default: a new temporary one).

    Returns:
        A :class:`CalibrationResult`; ``.summary`` equals the
        calibration.json of ``wom calibrate`` with the same arguments.

    Raises:
        ScenarioError: a bad scenario, counts file, key, range or policy
            (the CLI's message).
        WomError: any other failure.

    Example:
        >>> c = wom.calibrate("examples/shop/shop.toml",
        ...                   observed="examples/shop/counts.csv",
        ...                   policy="ignore",
        ...                   fit={"experience.problem_rate": (0.01, 0.2)},
        ...                   particles=50, simulations=200)
        >>> c.summary["keys"]["experience.problem_rate"]["mean"]
        >>> c.posterior.describe()
    """
    tmp: list = []
    with tempfile.TemporaryDirectory() as scratch:
        path = _path_only(scenario, scratch)
        if hasattr(observed, "to_csv"):
            counts = os.path.join(scratch, "observed.csv")
            observed.to_csv(counts, index=False)
        else:
            counts = os.fspath(observed)
        dir = _out_dir(out, tmp)
        _wom.calibrate(
            path,
            dir,
            counts,
            policy,
            _fits(fit),
            set=_settings(set),
            seed=seed,
            threads=threads,
            simulations=simulations,
            particles=particles,
        )
    return CalibrationResult(Path(dir))
