"""Text a spreadsheet would run as a formula never reaches a CSV written for people to open:
``data/processed/observations.csv`` and ``reports/tables/*.csv`` guard it as the workbook does."""
from __future__ import annotations

import csv
import io
import re

import pandas as pd
import pytest

import indicators
from indicators.data.build import assemble, write_observations
from indicators.paths import project

FORMULAS = ['=HYPERLINK("http://example.com","click")', "=1+1", "@SUM(1+1)", "+1+1", "-2+3", "\tTAB=1"]
#: what a spreadsheet runs: a cell starting like a formula that is not a plain number
RUNS = re.compile(r"[=+\-@\t\r](?![\d.]+$)")


def cells(path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [cell for row in csv.reader(fh) for cell in row]


@pytest.mark.parametrize("text", FORMULAS)
def test_notebook_table_csv_guards_formula_text(built_root, tmp_path, text):
    table = pd.DataFrame({"name": [text, "地区生产总值"], "value": [-6.8, 6.0]})
    path = indicators.save_table(table, "99-guard", root=built_root)
    try:
        found = cells(path)
    finally:
        path.unlink()
    assert "'" + text in found and "-6.8" in found  # numbers stay numbers
    assert not [c for c in found if RUNS.match(c)]


@pytest.mark.parametrize("text", FORMULAS)
def test_observations_csv_guards_formula_text(project_copy, text):
    frame = assemble(project_copy)
    frame.loc[frame.index[0], "note"] = text  # past validation, e.g. from a registry or a derivation
    write_observations(frame, project(project_copy))
    found = cells(project(project_copy).observations)
    assert "'" + text in found
    assert not [c for c in found if RUNS.match(c)]


def test_guarded_csv_reads_back_with_the_guard_visible(built_root):
    table = pd.DataFrame({"note": ["=1+1"]})
    path = indicators.save_table(table, "99-guard", root=built_root)
    try:
        text = path.read_text(encoding="utf-8-sig")
    finally:
        path.unlink()
    assert list(csv.reader(io.StringIO(text))) == [["note"], ["'=1+1"]]
