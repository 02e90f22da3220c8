"""wom.sweep, wom.sensitivity, wom.cascade and wom.staffing against the
CLI's files and --json output."""

import json

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import wom

AXIS = "experience.complaint_rate=0.1,0.3"


def test_sweep_files_equal_the_cli_and_resume_checks(cli, tmp_path):
    cli("sweep", "tests/fixtures/tiny.toml", "--set", AXIS, "--replications", 6,
        "--out", tmp_path / "cli", "--quiet")
    s = wom.sweep("tests/fixtures/tiny.toml", {"experience.complaint_rate": [0.1, 0.3]},
                  replications=6, out=tmp_path / "py")
    for name in ["sweep.csv", "sweep.json"]:
        assert (tmp_path / "py" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes()
    assert s.metadata["complete"] is True and s.metadata["points_done"] == 2
    assert set(s.table["experience.complaint_rate"]) == {0.1, 0.3}
    assert (s.table["metric"] == "npv_difference").sum() == 2
    with pytest.raises(wom.ScenarioError, match="--replications 6 stored, 8 now"):
        wom.sweep("tests/fixtures/tiny.toml", [AXIS], replications=8, out=tmp_path / "py", resume=True)
    # A temporary directory when out is not given.
    assert wom.sweep("tests/fixtures/tiny.toml", AXIS, replications=3).table.shape[0] > 0


def test_sensitivity_equals_the_cli(cli, tmp_path):
    vary = "experience.complaint_rate=0.05:0.4"
    cli("sensitivity", "tests/fixtures/tiny.toml", "--vary", vary, "--replications", 6,
        "--out", tmp_path / "cli", "--quiet")
    s = wom.sensitivity("tests/fixtures/tiny.toml", vary=vary, replications=6)
    assert s.json == json.loads((tmp_path / "cli" / "sensitivity.json").read_text())
    pd.testing.assert_frame_equal(s.table, pd.read_csv(tmp_path / "cli" / "sensitivity.csv"))
    assert len(s.table) == 1


def test_cascade_on_a_networkx_graph_an_edge_array_and_a_file(cli, tmp_path):
    g = nx.karate_club_graph()
    path = tmp_path / "karate.txt"
    nx.write_edgelist(g, path)  # `u v {}` lines, as networkx writes them
    args = dict(p=0.2, seeds=3, runs=300, seed=5)
    from_graph = wom.cascade(g, **args)
    from_array = wom.cascade(np.array(list(g.edges())), **args)
    from_file = wom.cascade(path, **args)
    done = cli("cascade", "--graph", path, "--p", 0.2, "--seeds", 3, "--runs", 300, "--seed", 5, "--json")
    expected = json.loads(done.stdout)
    for got in (from_graph, from_array, from_file):
        assert got["nodes"] == 34 and got["edges"] == 78
        for key in ["mean", "sd", "p5", "p50", "p95", "min", "max"]:
            assert got[key] == expected[key], key
    named = nx.relabel_nodes(g, {i: f"member-{i}" for i in g})
    seeded = wom.cascade(named, p=0.2, seeds=["member-0", "member-33"], runs=100)
    assert seeded["seeds"] == 2 and seeded["min"] >= 2
    with pytest.raises(wom.ScenarioError, match="node nobody is not in the network"):
        wom.cascade(named, p=0.2, seeds=["nobody"], runs=10)


def test_staffing_equals_the_cli(cli):
    table = wom.staffing(arrivals_per_hour=6, handle_minutes=15)
    done = cli("staffing", "--arrivals-per-hour", 6, "--handle-minutes", 15, "--json")
    assert table.to_dict("records") == json.loads(done.stdout)
    assert list(table.columns) == ["agents", "load_erlangs", "p_wait", "service_level",
                                   "asa_minutes", "occupancy"]
    one = wom.staffing(arrivals_per_hour=6, handle_minutes=15, agents=3)
    assert len(one) == 1 and one["agents"][0] == 3
    with pytest.raises(wom.ScenarioError, match="cannot keep up"):
        wom.staffing(arrivals_per_hour=6, handle_minutes=15, agents=1)
