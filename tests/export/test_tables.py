"""Notebook tables reach the workbook as sheets of their own."""
from __future__ import annotations

import shutil

import openpyxl
import pandas as pd
import pytest

import indicators


def test_saved_table_becomes_a_workbook_sheet(built_root, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(built_root, root)
    table = pd.DataFrame({"name_zh": ["地区生产总值增长"], "target": [6.0], "status": ["no outturn yet"]})
    path = indicators.save_table(table, "01-gdp-targets", root=root)
    assert path == root / "reports/tables/01-gdp-targets.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads the BOM as UTF-8
    book = openpyxl.load_workbook(indicators.write_workbook(root=root))
    ws = book["表格 01-gdp-targets"]  # Chinese first, like every sheet name
    assert [c.value for c in ws[1]] == ["指标名称 / Name (zh)", "目标值 / Target", "状态 / Status"]
    assert [c.value for c in ws[2]] == ["地区生产总值增长", 6, "暂无实际 no outturn yet"]
    assert ws.tables  # a filterable Excel table like the other sheets
    about = [c.value for row in book.worksheets[0].iter_rows() for c in row]
    assert "表格 01-gdp-targets" in about  # listed among the sheets


@pytest.mark.parametrize("name", ["../escape", "a b", ""])
def test_table_name_must_be_a_plain_stem(tmp_path, name):
    with pytest.raises(ValueError, match="plain file stem"):
        indicators.save_table(pd.DataFrame({"a": [1]}), name, root=tmp_path)


def test_table_goes_to_out_dir_and_nowhere_in_the_project(built_root, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(built_root, root)
    path = indicators.save_table(pd.DataFrame({"a": [1]}), "05-scorecard", out_dir=tmp_path / "out", root=root)
    assert path == tmp_path / "out/05-scorecard.csv" and path.is_file()
    assert not (root / "reports").exists()
