"""What the calls share: scenarios, settings and directories as the core
takes them."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Mapping, Sequence, Union

from ._errors import ScenarioError

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
    raise TypeError(
        "wom.sweep, wom.sensitivity and wom.calibrate take a scenario file or a TOML text"
    )


def _out_dir(out, keep: list) -> str:
    if out is not None:
        return os.fspath(out)
    tmp = tempfile.mkdtemp(prefix="wom-")
    keep.append(tmp)
    return tmp
