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


def test_listed_customers_validate():
    r = wom.run("tests/fixtures/named_network.toml", replications=2)
    validator("metadata").validate(r.metadata)
    assert "file" in r.metadata["scenario"]["population"]["initial_customers"]
