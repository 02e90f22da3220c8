"""Shared fixtures: the repository root, the `wom` binary the Rust tests
built (WOM_BIN), and a helper that runs it."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    """Scenario paths are relative to the repository root, as in the README."""
    monkeypatch.chdir(ROOT)


@pytest.fixture
def cli():
    binary = os.environ.get("WOM_BIN") or str(ROOT / "target" / "release" / "wom")
    if not Path(binary).exists():
        pytest.fail(f"no wom binary at {binary}: set WOM_BIN (cargo test --test python does)")

    def run(*args, check=True):
        done = subprocess.run([binary, *map(str, args)], capture_output=True, text=True, cwd=ROOT)
        if check and done.returncode != 0:
            raise AssertionError(f"wom {' '.join(map(str, args))} failed: {done.stderr}")
        return done

    return run
