"""Ctrl-C during a long run raises KeyboardInterrupt within about a
second; help() reads well; the example runs and draws its chart."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import wom

ROOT = Path(__file__).resolve().parents[2]

LONG_RUN = """
import sys, time, wom
print("started", flush=True)
try:
    wom.run("tests/fixtures/pinned/scenarios/default.toml", replications=1_000_000)
except KeyboardInterrupt:
    print("interrupted", time.monotonic(), flush=True)
    sys.exit(0)
print("finished", flush=True)
sys.exit(1)
"""


# default.toml's [uncertainty] groups a million replications into 100,000
# parameter draws, compiled before the first replication (seconds): Ctrl-C
# 1.5 s in lands in that compile, which must stop too.
LONG_UNCERTAIN_RUN = LONG_RUN.replace("tests/fixtures/pinned/scenarios/default.toml",
                                      "scenarios/default.toml")


LONG_CALIBRATION = """
import sys, time, wom
print("started", flush=True)
try:
    wom.calibrate("examples/shop/shop.toml", observed="examples/shop/counts.csv",
                  policy="ignore", fit={"experience.problem_rate": (0.01, 0.3)},
                  particles=1000, simulations=100_000_000, out=sys.argv[1])
except KeyboardInterrupt:
    print("interrupted", time.monotonic(), flush=True)
    sys.exit(0)
print("finished", flush=True)
sys.exit(1)
"""


@pytest.mark.parametrize("script", [LONG_RUN, LONG_UNCERTAIN_RUN, LONG_CALIBRATION],
                         ids=["run", "uncertain_run", "calibrate"])
def test_ctrl_c_raises_keyboard_interrupt_within_a_second(script, tmp_path):
    p = subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], cwd=ROOT,
                         stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "started"
    time.sleep(1.5)  # the run is under way (a million replications take minutes)
    sent = time.monotonic()
    p.send_signal(signal.SIGINT)
    out, _ = p.communicate(timeout=30)
    assert p.returncode == 0, out
    word, at = out.split()
    assert word == "interrupted"
    assert float(at) - sent < 1.5, f"KeyboardInterrupt {float(at) - sent:.2f} s after Ctrl-C"
    # An interrupted calibration leaves no calibration.json: incomplete.
    assert not (tmp_path / "calibration.json").exists()


def test_help_reads_well():
    doc = wom.run.__doc__
    for needed in ["Args:", "replications:", "Raises:", "ScenarioError", "Example:"]:
        assert needed in doc
    for needed in ["Args:", "observed:", "fit:", "particles:", "Raises:", "Example:"]:
        assert needed in wom.calibrate.__doc__
    for needed in ["global_:", "samples:", "Example:"]:
        assert needed in wom.sensitivity.__doc__
    for needed in ["uncertainty:", "draws:"]:
        assert needed in wom.RunResult.__doc__
    assert (Path(wom.__file__).parent / "__init__.pyi").exists()
    assert (Path(wom.__file__).parent / "py.typed").exists()


def test_example_runs_a_sweep_and_draws_a_chart(tmp_path):
    chart = tmp_path / "chart.png"
    env = dict(os.environ, MPLBACKEND="Agg")
    done = subprocess.run([sys.executable, "examples/analysis.py", str(chart), "20"],
                          cwd=ROOT, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert "npv_difference" not in done.stderr
    assert chart.stat().st_size > 5000
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
