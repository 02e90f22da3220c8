"""wom.run against `wom run`: the same summary, the same CSVs as
DataFrames, errors as the CLI's messages, thread independence."""

import json
import tomllib
from pathlib import Path

import pandas as pd
import pytest

import wom


def test_summary_and_dataframes_equal_the_cli_files(cli, tmp_path):
    out = tmp_path / "cli"
    cli("run", "scenarios/default.toml", "--replications", 50, "--out", out, "--quiet", "--no-charts")
    r = wom.run("scenarios/default.toml", replications=50)
    assert r.summary == json.loads((out / "summary.json").read_text())
    assert r.replications.shape[0] == 100  # 50 replications × 2 policies
    pd.testing.assert_frame_equal(r.replications, pd.read_csv(out / "replications.csv"))
    pd.testing.assert_frame_equal(r.periods, pd.read_csv(out / "periods.csv"))
    # .write gives the CLI's files byte for byte (metadata aside: time, command).
    r.write(tmp_path / "py", charts=False)
    for name in ["summary.json", "replications.csv", "periods.csv"]:
        assert (tmp_path / "py" / name).read_bytes() == (out / name).read_bytes(), name
    meta = json.loads((tmp_path / "py" / "metadata.json").read_text())
    assert meta["command_line"] == ["wom", "run", "scenarios/default.toml", "--replications", "50"]


def test_dataframe_columns_and_dtypes(cli, tmp_path):
    r = wom.run("tests/fixtures/tiny.toml", replications=7, seed=3)
    reps, periods = r.replications, r.periods
    assert list(reps.columns)[:3] == ["replication", "policy", "npv"]
    assert reps["replication"].dtype == "int64"
    assert reps["npv"].dtype == "float64"
    assert reps["customers_final"].dtype == "int64"
    policies = len(r.summary["policies"])
    assert len(reps) == 7 * policies
    assert sorted(reps["replication"].unique()) == list(range(7))
    assert len(periods) == r.summary["periods"] * policies
    assert periods["customers_mean"].dtype == "float64"
    assert r.summary["seed"] == 3


def test_same_numbers_for_any_thread_count():
    one = wom.run("scenarios/default.toml", replications=20, threads=1)
    three = wom.run("scenarios/default.toml", replications=20, threads=3)
    assert one.summary == three.summary
    pd.testing.assert_frame_equal(one.replications, three.replications)


def test_scenario_as_text_or_dict_and_set(cli, tmp_path):
    path = Path("tests/fixtures/tiny.toml")
    text = path.read_text()
    by_path = wom.run(path, replications=5, set={"experience.complaint_rate": 0.3})
    by_text = wom.run(text, replications=5, set=["experience.complaint_rate=0.3"])
    by_dict = wom.run(tomllib.loads(text), replications=5, set={"experience.complaint_rate": 0.3})
    assert by_text.summary == by_dict.summary
    # A text or dict has no file name to take the scenario's name from.
    assert by_text.summary["scenario"] == "<string>"
    strip = lambda d: {k: v for k, v in d.items() if k != "scenario"}
    assert strip(by_path.summary) == strip(by_text.summary)
    out = tmp_path / "cli"
    cli("run", path, "--replications", 5, "--set", "experience.complaint_rate=0.3",
        "--out", out, "--quiet", "--no-charts")
    assert by_path.summary == json.loads((out / "summary.json").read_text())


def test_bad_scenario_raises_scenario_error_naming_the_key(cli):
    with pytest.raises(wom.ScenarioError) as e:
        wom.run("scenarios/default.toml", set={"experience.complaint_rate": 2})
    assert isinstance(e.value, ValueError) and isinstance(e.value, wom.WomError)
    assert "experience.complaint_rate" in str(e.value)
    assert "expected a probability in [0, 1]" in str(e.value)
    # The CLI says the same.
    done = cli("run", "scenarios/default.toml", "--set", "experience.complaint_rate=2", check=False)
    assert done.returncode == 2 and str(e.value) in done.stderr

    with pytest.raises(wom.ScenarioError, match=r"<string>.toml:3:1: unknown key `experience.complaint_rat`; did you mean `complaint_rate`"):
        wom.run("replications = 2\n[experience]\ncomplaint_rat = 0.1\n")
    with pytest.raises(wom.ScenarioError, match="no/such.toml"):
        wom.run("no/such.toml")


def test_named_network_and_listed_customers():
    r = wom.run("tests/fixtures/named_network.toml", replications=6)
    first = r.periods[r.periods["period"] == 0]
    assert list(first["customers_mean"]) == [3.0, 3.0]
    assert list(first["customers_p5"]) == [3.0, 3.0]
    assert r.metadata["people"] == 6
