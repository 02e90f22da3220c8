"""wom.calibrate, the uncertainty outputs of wom.run and
wom.sensitivity(global_=True) against the CLI's files for the same
arguments (few particles and simulations: equality is what matters), and
segments read from a file."""

import json

import pandas as pd
import pytest

import wom

SHOP = "examples/shop/shop.toml"
COUNTS = "examples/shop/counts.csv"
FIT = {"experience.problem_rate": (0.01, 0.3)}
SMALL = dict(particles=20, simulations=60, seed=7)


def test_calibrate_equals_the_cli_files(cli, tmp_path):
    cli("calibrate", SHOP, "--observed", COUNTS, "--policy", "ignore",
        "--fit", "experience.problem_rate=0.01:0.3", "--particles", 20, "--simulations", 60,
        "--seed", 7, "--out", tmp_path / "cli", "--quiet")
    c = wom.calibrate(SHOP, observed=COUNTS, policy="ignore", fit=FIT, **SMALL)
    assert c.summary == json.loads((tmp_path / "cli" / "calibration.json").read_text())
    pd.testing.assert_frame_equal(c.posterior, pd.read_csv(tmp_path / "cli" / "posterior.csv"))
    pd.testing.assert_frame_equal(c.predictive, pd.read_csv(tmp_path / "cli" / "predictive.csv"))
    assert c.calibrated == (tmp_path / "cli" / "calibrated.toml").read_text()
    c.write(tmp_path / "py")
    for name in ["calibration.json", "posterior.csv", "predictive.csv", "calibrated.toml"]:
        assert (tmp_path / "py" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name
    assert list(c.posterior.columns) == ["weight", "experience.problem_rate"]
    assert c.posterior["weight"].dtype == "float64"
    assert c.posterior["experience.problem_rate"].between(0.01, 0.3).all()
    assert len(c.posterior) == 20
    assert c.posterior["weight"].sum() == pytest.approx(1.0, abs=1e-9)
    assert "period" in c.predictive.columns
    assert c.summary["particles"] == 20 and c.summary["simulations"] <= 60


def test_calibrate_takes_a_dataframe_and_any_thread_count():
    by_file = wom.calibrate(SHOP, observed=COUNTS, policy="ignore", fit=FIT, threads=1, **SMALL)
    frame = pd.read_csv(COUNTS)
    by_frame = wom.calibrate(SHOP, observed=frame, policy="ignore",
                             fit=["experience.problem_rate=0.01:0.3"], threads=2, **SMALL)
    pd.testing.assert_frame_equal(by_file.posterior, by_frame.posterior)
    # The same fit; only the observed file's name differs (a temporary copy).
    strip = lambda s: {**s, "observed": {**s["observed"], "file": ""}}
    assert strip(by_file.summary) == strip(by_frame.summary)


def test_calibrate_errors_are_the_clis():
    with pytest.raises(wom.ScenarioError, match="--policy nope: no such policy"):
        wom.calibrate(SHOP, observed=COUNTS, policy="nope", fit=FIT, **SMALL)
    with pytest.raises(wom.ScenarioError, match="particles = 5 is not allowed"):
        wom.calibrate(SHOP, observed=COUNTS, policy="ignore", fit=FIT, particles=5)
    with pytest.raises(wom.ScenarioError, match="is not a range"):
        wom.calibrate(SHOP, observed=COUNTS, policy="ignore", fit={"experience.problem_rate": 0.1})
    with pytest.raises(wom.ScenarioError, match="experience.problem_rat"):
        wom.calibrate(SHOP, observed=COUNTS, policy="ignore",
                      fit={"experience.problem_rat": (0.01, 0.3)}, **SMALL)
    bad = pd.DataFrame({"period": [0, 1], "complaints": [3, -1]})
    with pytest.raises(wom.ScenarioError, match="is negative"):
        wom.calibrate(SHOP, observed=bad, policy="ignore", fit=FIT, **SMALL)


def test_uncertainty_and_draws_equal_the_cli(cli, tmp_path):
    cli("run", "scenarios/default.toml", "--replications", 20, "--out", tmp_path, "--quiet",
        "--no-charts")
    r = wom.run("scenarios/default.toml", replications=20)
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert r.uncertainty == summary["uncertainty"]
    assert r.uncertainty["draws"] == 2  # 20 replications, 10 per draw
    pd.testing.assert_frame_equal(r.draws, pd.read_csv(tmp_path / "draws.csv"))
    assert len(r.draws) == 2 and r.draws["draw"].dtype == "int64"
    keys = [k["key"] for k in r.uncertainty["keys"]]
    assert list(r.draws.columns[1:1 + len(keys)]) == keys
    assert all(r.draws[k].dtype == "float64" for k in keys)
    plain = wom.run("tests/fixtures/tiny.toml", replications=4)
    assert plain.uncertainty is None and plain.draws is None


def test_global_sensitivity_equals_the_cli(cli, tmp_path):
    vary = ["experience.complaint_rate=0.05:0.4", "experience.problem_rate=0.05:0.2"]
    cli("sensitivity", "tests/fixtures/tiny.toml", "--global", "--samples", 8,
        "--replications", 2, "--vary", vary[0], "--vary", vary[1],
        "--out", tmp_path / "cli", "--quiet")
    g = wom.sensitivity("tests/fixtures/tiny.toml", vary=vary, global_=True, samples=8,
                        replications=2, threads=1)
    expected = json.loads((tmp_path / "cli" / "sobol.json").read_text())
    timing = lambda d: {k: v for k, v in d.items() if k not in ("elapsed_seconds", "threads")}
    assert timing(g.json) == timing(expected)
    pd.testing.assert_frame_equal(g.sobol, pd.read_csv(tmp_path / "cli" / "sobol.csv"))
    assert g.table is g.sobol and g.metadata is None
    assert list(g.sobol["key"]) == ["experience.complaint_rate", "experience.problem_rate"]
    assert all(g.sobol[c].dtype == "float64" for c in ["first", "first_se", "total", "total_se"])
    assert g.json["design_points"] == 8 * (2 + 2)
    with pytest.raises(wom.ScenarioError, match="samples = 4 is not allowed"):
        wom.sensitivity("tests/fixtures/tiny.toml", vary=vary, global_=True, samples=4)


def test_segments_from_a_file(tmp_path):
    r = wom.run("tests/fixtures/named_segments.toml", replications=4)
    segments = r.summary["policies"]["ignore"]["segments"]
    assert segments["vip"]["customers_initial"]["mean"] == 1.0
    assert segments["regular"]["customers_initial"]["mean"] == 2.0
    column = r.replications["segments.vip.customers_initial"]
    assert column.dtype == "int64" and (column == 1).all()
    text = open("tests/fixtures/named_segments.toml").read()
    for name in ["named.csv", "customers.txt"]:
        (tmp_path / name).write_text(open(f"tests/fixtures/{name}").read())
    (tmp_path / "segments.csv").write_text("alice,vip\nbob,gold\n")
    (tmp_path / "s.toml").write_text(text)
    with pytest.raises(wom.ScenarioError, match=r"segments.csv:2: segment \"gold\" of node bob"):
        wom.run(tmp_path / "s.toml")
