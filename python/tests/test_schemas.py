"""Every file the shipped scenarios produce validates against its JSON
Schema in docs/schema/ (small replications: the shape is what matters)."""

import json
from pathlib import Path

import jsonschema
import pytest

import wom

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "docs" / "schema"
SHIPPED = sorted((ROOT / "scenarios").glob("*.toml"))


def validator(name):
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_shipped_scenarios_are_all_checked():
    assert len(SHIPPED) >= 9


@pytest.mark.parametrize("scenario", SHIPPED, ids=lambda p: p.stem)
def test_run_files_validate(scenario, tmp_path):
    r = wom.run(scenario, replications=20)  # default.toml groups its replications by 10 draws
    r.write(tmp_path, charts=False)
    validator("summary").validate(json.loads((tmp_path / "summary.json").read_text()))
    validator("metadata").validate(json.loads((tmp_path / "metadata.json").read_text()))


def test_sweep_files_validate_and_a_bad_file_does_not(tmp_path):
    s = wom.sweep("scenarios/default.toml", {"experience.complaint_rate": [0.1, 0.2]},
                  replications=20, out=tmp_path)
    validator("sweep").validate(s.json)
    validator("sweep-metadata").validate(s.metadata)
    broken = dict(s.json, points=[dict(s.json["points"][0], replications="3")])
    with pytest.raises(jsonschema.ValidationError):
        validator("sweep").validate(broken)


def test_sensitivity_files_validate():
    for scenario in ["scenarios/default.toml", "examples/shop/shop.toml"]:
        # default.toml groups its replications into draws of 10.
        t = wom.sensitivity(scenario, replications=20, set={"population.people": 1000})
        validator("sensitivity").validate(t.json)
        validator("sensitivity-metadata").validate(t.metadata)
        assert len(t.json["effects"]) == len(t.table) > 0
    with pytest.raises(jsonschema.ValidationError):
        validator("sensitivity").validate(dict(t.json, effects=[{"key": "x"}]))


def test_listed_customers_validate():
    r = wom.run("tests/fixtures/named_network.toml", replications=2)
    validator("metadata").validate(r.metadata)
    assert "file" in r.metadata["scenario"]["population"]["initial_customers"]


def test_shop_run_and_calibration_validate(tmp_path):
    r = wom.run("examples/shop/shop.toml", replications=4)
    validator("summary").validate(r.summary)
    validator("metadata").validate(r.metadata)
    c = wom.calibrate("examples/shop/shop.toml", observed="examples/shop/counts.csv",
                      policy="ignore",
                      fit={"experience.problem_rate": (0.01, 0.3),
                           "experience.complaint_rate": (0.05, 0.8)},
                      particles=20, simulations=80)
    check = validator("calibration")
    check.validate(c.summary)
    assert len(c.summary["history"]) >= 1
    for broken in [dict(c.summary, stopped="tired"),
                   dict(c.summary, keys={}),
                   dict(c.summary, observed=dict(c.summary["observed"], columns=["sales"]))]:
        with pytest.raises(jsonschema.ValidationError):
            check.validate(broken)


def test_uncertainty_outputs_validate():
    # default.toml has [uncertainty]: summary.json's `uncertainty` is
    # described field by field, and a wrong one is refused.
    r = wom.run("scenarios/default.toml", replications=20)
    check = validator("summary")
    check.validate(r.summary)
    u = r.summary["uncertainty"]
    comparison = dict(u["comparisons"][0], probability_better=1.5)
    for broken in [dict(u, draws=0), dict(u, comparisons=[comparison]),
                   dict(u, probability_best={"ignore": "most"})]:
        with pytest.raises(jsonschema.ValidationError):
            check.validate(dict(r.summary, uncertainty=broken))
    g = wom.sensitivity("scenarios/default.toml", global_=True, samples=8, replications=1,
                        set={"population.people": 2000})
    sobol = validator("sobol")
    sobol.validate(g.json)
    assert len(g.json["keys"]) == len(u["keys"])
    with pytest.raises(jsonschema.ValidationError):
        sobol.validate(dict(g.json, keys=[dict(g.json["keys"][0], first_se=-1.0)]))
