"""The build manifest: `load` trusts a build only while every input, the package and the
output are those the build checked; any change of any kind means a full check again."""
from __future__ import annotations

import json

import pandas as pd
import pytest

import indicators
from indicators.data import dataset
from indicators.data.manifest import changes, input_hashes, manifest_path, write_manifest
from indicators.exceptions import DataValidationError
from indicators.paths import project

ROW = ("china.services_trade.total", "2023-11")


def _forge(root) -> int:
    """Build, put a value that its quote does not print into the processed file, and record
    a manifest for that file as if the build had checked it; return the spoiled CSV line."""
    indicators.build(root)
    proj = project(root)
    frame = pd.read_csv(proj.observations, dtype=str, keep_default_na=False)
    row = frame.index[(frame.series_id == ROW[0]) & (frame.period == ROW[1])][0]
    frame.loc[row, "value"] = "5447.9"
    frame.to_csv(proj.observations, index=False, lineterminator="\n")
    write_manifest(proj, input_hashes(proj))
    return row + 2


def test_build_records_every_input_and_its_output(project_copy):
    indicators.build(project_copy)
    record = json.loads(manifest_path(project(project_copy)).read_text(encoding="utf-8"))
    raw = sorted(p.relative_to(project_copy).as_posix()
                 for p in (project_copy / "data/raw").rglob("*") if p.is_file())
    assert sorted(record["inputs"]) == raw
    assert list(record["outputs"]) == ["data/processed/observations.csv"]
    assert {"indicators", "source", "python", "pandas"} <= set(record["package"])
    assert changes(project(project_copy)) == []


def test_a_matching_manifest_is_trusted_and_validate_true_checks_anyway(project_copy):
    line = _forge(project_copy)
    assert indicators.load(project_copy)["value"].eq(5447.9).any()  # trusted: not checked
    with pytest.raises(DataValidationError, match=rf"line {line}, column 'value': got 5447.9"):
        indicators.load(project_copy, validate=True)


def _edit_curated(root):
    path = root / "data/raw/curated/services_trade.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("同比增长9%,,\n", "同比增长9%,,a note\n", 1), encoding="utf-8")


def _edit_registry(root):
    path = root / "data/raw/geo.csv"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")


def _edit_source(root):
    path = next((root / "data/raw/sources").glob("000_*.txt"))
    path.write_text(path.read_text(encoding="utf-8") + "\n（完）\n", encoding="utf-8")


def _add_source(root):
    (root / "data/raw/sources/999_new.txt").write_text("新文件\n", encoding="utf-8")


def _edit_package(root):
    path = manifest_path(project(root))
    record = json.loads(path.read_text(encoding="utf-8"))
    record["package"]["indicators"] = "0.0.0"  # as if written by another version
    path.write_text(json.dumps(record), encoding="utf-8")


def _remove_manifest(root):
    manifest_path(project(root)).unlink()


@pytest.mark.parametrize("edit, change", [
    (_edit_curated, "data/raw/curated/services_trade.csv changed"),
    (_edit_registry, "data/raw/geo.csv changed"),
    (_edit_source, "data/raw/sources/000_d42bc7caaa2bb36d.txt changed"),
    (_add_source, "data/raw/sources/999_new.txt added"),
    (_edit_package, "package"),
    (_remove_manifest, "no manifest"),
], ids=lambda v: getattr(v, "__name__", "")[1:] or None)
def test_any_changed_input_makes_load_validate_again(project_copy, edit, change):
    line = _forge(project_copy)
    indicators.load(project_copy)  # trusted, and cached in the process
    edit(project_copy)
    assert changes(project(project_copy)) == [change]
    with pytest.raises(DataValidationError, match=rf"line {line}, column 'value': got 5447.9"):
        indicators.load(project_copy)


def test_a_tampered_processed_file_is_caught(project_copy):
    indicators.build(project_copy)
    path = project_copy / "data/processed/observations.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",5447.8,", ",5447.9,", 1), encoding="utf-8")  # same size
    assert changes(project(project_copy)) == ["data/processed/observations.csv changed"]
    with pytest.raises(DataValidationError, match=r"got 5447.9; expected a value printed in the quote"):
        indicators.load(project_copy)


def test_rebuilding_unchanged_inputs_leaves_outputs_byte_identical(project_copy):
    indicators.build(project_copy)
    proj = project(project_copy)
    before = proj.observations.read_bytes(), manifest_path(proj).read_bytes()
    indicators.build(project_copy)
    assert (proj.observations.read_bytes(), manifest_path(proj).read_bytes()) == before


TRICKY = ('series_id,period,kind,value,unit,qualifier,source_id,quote,note\n'
          'a.b,2024-01,target,6,%,about,S000,"增长6%左右,""加快""",\n'
          'a.b,2024,outturn,-0.5,%,exact,S001,"第一行\n第二行",NA\n'
          'a.c,0012,derived,1e3,,,,null,   spaced  \n'
          'a.d,2024-01/2024-03,estimate,,亿元,exact,S002,"",""\n')


@pytest.mark.parametrize("text", [TRICKY, TRICKY.split("\n")[0] + "\n"], ids=["tricky", "header-only"])
def test_fast_reader_gives_the_frame_of_pandas_c_reader(tmp_path, text):
    path = tmp_path / "x.csv"
    path.write_text(text, encoding="utf-8")
    expected = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8")
    pd.testing.assert_frame_equal(dataset._read_text_csv(path.read_bytes()), expected)


def test_fast_reader_gives_the_frame_of_pandas_c_reader_on_the_real_data(built_root):
    path = built_root / "data/processed/observations.csv"
    expected = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8")
    pd.testing.assert_frame_equal(dataset._read_text_csv(path.read_bytes()), expected)
