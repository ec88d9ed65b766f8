"""``data/processed/datapackage.json``: a Data Package that Frictionless's own validator checks."""
from __future__ import annotations

import json
import shutil

import frictionless
import pytest

from indicators.paths import SCHEMA_PATH

CONTRACT = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def package_of(root) -> dict:
    return json.loads((root / "data/processed/datapackage.json").read_text(encoding="utf-8"))


def problems(descriptor) -> list[tuple[str, int | None, str | None, str]]:
    """(resource, row, field, error type) of every error Frictionless reports."""
    report = frictionless.validate(str(descriptor))
    return [(task.name, *row) for task in report.tasks
            for row in task.flatten(["rowNumber", "fieldName", "type"])]


def test_frictionless_accepts_the_built_package(built_root):
    assert problems(built_root / "data/processed/datapackage.json") == []


def test_package_holds_observations_and_every_registry_they_refer_to(built_root):
    package = package_of(built_root)
    names = [r["name"] for r in package["resources"]]
    referenced = {fk["reference"]["resource"] for fk in CONTRACT["foreignKeys"]}
    assert names[0] == "observations" and set(names[1:]) == referenced
    for res in package["resources"]:
        assert (built_root / "data/processed" / res["path"]).is_file(), res["path"]
    observations = package["resources"][0]["schema"]
    assert {"fields": "series_id", "reference": {"resource": "series", "fields": "series_id"}} \
        in observations["foreignKeys"]
    assert observations["fields"] == CONTRACT["fields"]  # the contract itself, not a copy


def test_registry_schemas_follow_the_contract_and_the_registry_reader(built_root):
    schemas = {r["name"]: r["schema"] for r in package_of(built_root)["resources"]}
    field = {name: {f["name"]: f for f in s["fields"]} for name, s in schemas.items()}
    measure = next(f for f in CONTRACT["fields"] if f["name"] == "measure")
    assert field["series"]["measure"]["constraints"]["enum"] == measure["constraints"]["enum"]
    assert field["units"]["multiplier"]["type"] == "number"
    assert schemas["series"]["primaryKey"] == ["series_id"]
    assert {fk["reference"]["resource"] for fk in schemas["series"]["foreignKeys"]} == {"topics", "geo"}


def plant(root, tmp_path, change) -> object:
    """A copy of *root*'s data/processed/ with observations.csv edited by *change* (lines -> lines)."""
    processed = tmp_path / "processed"
    shutil.copytree(root / "data/processed", processed)
    path = processed / "observations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(change(lines)) + "\n", encoding="utf-8")
    return processed / "datapackage.json"


def replace_cell(column: str, value: str):
    def change(lines):
        header = lines[0].split(",")
        cells = lines[1].split(",")  # the first row's leading cells hold no quoted commas
        assert header.index(column) < 4
        cells[header.index(column)] = value
        return [lines[0], ",".join(cells), *lines[2:]]
    return change


@pytest.mark.parametrize(("change", "row", "expected"), [
    (replace_cell("series_id", "nowhere.no_such.series"), 2, {(None, "foreign-key")}),
    (replace_cell("series_id", "Not A Slug"), 2, {("series_id", "constraint-error"), (None, "foreign-key")}),
    (lambda lines: [*lines, lines[1]], -1, {(None, "primary-key")}),
], ids=["unknown-series", "bad-pattern", "duplicate-key"])
def test_frictionless_catches_a_planted_error(built_root, tmp_path, change, row, expected):
    descriptor = plant(built_root, tmp_path, change)
    found = problems(descriptor)
    rows = len((descriptor.parent / "observations.csv").read_text(encoding="utf-8").splitlines())
    assert {res for res, *_ in found} == {"observations"}
    assert {r for _, r, _, _ in found} == {row if row > 0 else rows}
    assert {(f, e) for _, _, f, e in found} == expected
