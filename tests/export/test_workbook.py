"""`indicators/export/workbook.py` (and its helper `_xlsx.py`): the Excel workbook.

Each test reopens the written file (openpyxl, the zip parts, LibreOffice when installed)
rather than trusting the writer's own objects.
"""
from __future__ import annotations

import hashlib
import itertools
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import matplotlib
import numpy as np
import openpyxl
import pandas as pd
import pytest

import indicators
from indicators.data import periods
from indicators.cli import main
from indicators.export import _xlsx
from indicators.data.presentation import number_formats
from indicators.export.workbook import (ABOUT, CHARTS, DATA, NOTEBOOK_TOPICS, TARGETS, data_version,
                                        write_workbook)
from indicators.exceptions import IndicatorsError
from indicators.plot.fonts import cjk_font
from indicators.paths import CHECKOUT_ROOT, project
from indicators.data.registry import load_registries
from indicators.data.schema import schema

EPOCH = 1704067200  # 2024-01-01 00:00:00 UTC
CRAFTED = {
    "quote": '=HYPERLINK("http://x","y")',
    "note": "@SUM(1)",
    "method": "-2+3",
    "also_source_ids": "+1",
    "name_en": "\t=1+1",
}
FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
CJK = re.compile(r"[\u4e00-\u9fff]")
TITLES = {f.name: f.title for f in schema().fields}


def sheet_title(key) -> str:
    return f"{key[0]} {key[1]}"


def registry(root, name) -> pd.DataFrame:
    return load_registries(project(root))[name]


@pytest.fixture(scope="module")
def workbook_path(built_root, observations, tmp_path_factory) -> Path:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
        return write_workbook(observations, tmp_path_factory.mktemp("xlsx") / "indicators.xlsx",
                              root=built_root)


@pytest.fixture(scope="module")
def wb(workbook_path):
    return openpyxl.load_workbook(workbook_path)


def body(ws) -> list[tuple]:
    return list(ws.iter_rows(min_row=2, values_only=True))


def header(ws) -> list[str]:
    return [c.value for c in ws[1]]


def col(ws, title: str) -> int:
    """1-based column of the header *title*."""
    return header(ws).index(title) + 1


def decimals(number_format: str) -> int:
    """Decimals a simple number format (``0.0``, ``#,##0.00``) shows."""
    return len(number_format.partition(".")[2])


def latest_target(observations, series_id: str) -> pd.Series:
    """The target row of *series_id* for its latest period."""
    rows = observations[observations["series_id"].eq(series_id) & observations["kind"].eq("target")]
    return rows.loc[rows["period"].astype(str).map(periods.sort_key).idxmax()]


def with_outturns(observations, rows) -> pd.DataFrame:
    """*observations* with outturns for the latest targets of the named series, at new values
    (any printed outturn or estimate of that period replaced)."""
    data = observations.astype({c: str for c in observations.select_dtypes("category").columns})
    extra = []
    for series_id, value in rows:
        row = latest_target(data, series_id).copy()
        data = data[~(data["series_id"].eq(series_id) & data["period"].eq(row["period"])
                      & data["kind"].isin(["outturn", "estimate"]))]
        row["kind"], row["value"], row["qualifier"], row["origin"] = "outturn", value, "exact", "printed"
        extra.append(row)
    return pd.concat([data, pd.DataFrame(extra)], ignore_index=True)


# --- sheets ----------------------------------------------------------------------------

def test_sheets_are_about_data_targets_charts_then_one_per_notebook_topic(wb, observations, built_root):
    topics = registry(built_root, "topics").set_index("topic")
    present = [t for t in NOTEBOOK_TOPICS if t in set(observations["topic"].astype(str))]
    assert present, "the real data cover the notebooks' topics"
    assert wb.sheetnames[:4] == [sheet_title(k) for k in (ABOUT, DATA, TARGETS, CHARTS)]
    topic_sheets = wb.sheetnames[4:]
    assert len(topic_sheets) == len(present)
    for name, topic in zip(topic_sheets, present):
        assert name.startswith(topics.at[topic, "name_zh"])  # Chinese first
        assert wb[name].tables[f"Topic_{topic}"].ref == f"A1:N{(observations['topic'] == topic).sum() + 1}"


def test_sheet_names_are_valid_excel_names(wb):
    assert len({n.casefold() for n in wb.sheetnames}) == len(wb.sheetnames)
    for name in wb.sheetnames:
        assert 0 < len(name) <= 31 and not FORBIDDEN.search(name) and not name.startswith("'")


def test_every_sheet_name_is_bilingual_chinese_first(wb):
    for name in wb.sheetnames:
        assert CJK.match(name) and re.search(r"[A-Za-z]", name), name


def test_long_topic_names_keep_whole_english_words():
    taken: set[str] = set()
    assert _xlsx.sheet_name("投资", "Investment", taken) == "投资 Investment"
    assert _xlsx.sheet_name("对外贸易与外资", "Foreign trade and investment", taken) == "对外贸易与外资 Foreign trade…"
    assert _xlsx.sheet_name("投资", "investment", taken) == "投资 investment (2)"  # Excel ignores case
    assert _xlsx.sheet_name("a/b:c", "", taken) == "a_b_c"


def test_data_sheet_is_a_frozen_banded_table_of_every_observation(wb, observations):
    ws = wb[sheet_title(DATA)]
    n = len(observations)
    table = ws.tables["Observations"]
    assert table.ref == f"A1:S{n + 1}"
    assert table.tableStyleInfo.showRowStripes and table.autoFilter is not None
    names = header(ws)
    assert set(TITLES.values()) <= set(names)  # "序列 / Series": Chinese first
    assert [c.name for c in table.tableColumns] == names  # else Excel "repairs" the file
    back = pd.DataFrame(body(ws), columns=names)
    assert len(back) == n
    for column in schema().columns:
        got, expected = back[TITLES[column]], observations[column]
        if column == "value":
            np.testing.assert_allclose(got.astype(float), expected.astype(float))
        else:
            assert got.fillna("").tolist() == expected.astype(str).tolist(), column


def test_headers_of_number_columns_sit_right_over_their_numbers(wb):
    for name in wb.sheetnames:
        ws = wb[name]
        if not ws.tables or ws.max_row < 2:
            continue
        for top, *cells in ws.iter_cols():
            written = [c.value for c in cells if c.value is not None]
            if written:  # a column with no cell written says nothing
                number = all(isinstance(v, (int, float)) for v in written)
                assert (top.alignment.horizontal == "right") == number, (name, top.value)


def test_the_name_and_the_value_are_on_screen_together(wb):
    """The name column comes first and stays frozen; the figures follow it closely and the
    long texts (quotes, comments) come last."""
    for name in wb.sheetnames:
        ws = wb[name]
        if not ws.tables:
            continue
        names = header(ws)
        assert ws.freeze_panes == "B2", name
        assert names[0] == TITLES["name_zh"], name
        figures = [n for n in names if n in (TITLES["value"], "目标值 / Target", "规模 / Level")]
        assert figures, name
        left = sum(ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width
                   for c in range(1, col(ws, figures[0])))
        assert left <= 100, (name, left)  # a laptop shows about 150 characters
        long = [n for n in names if n in (TITLES["quote"], "说明 / Comment (zh)", "说明（英文） / Comment (en)")]
        assert names[len(names) - len(long):] == long, name


def test_each_row_names_its_source_document(wb, observations, built_root):
    titles = registry(built_root, "sources").set_index("source_id")["title_zh"]
    ws = wb[sheet_title(DATA)]
    at = col(ws, "来源标题 / Source title") - 1
    for obs_source, row in zip(observations["source_id"].astype(str), body(ws)):
        assert row[at] == (titles[obs_source] if obs_source else None)


def test_values_keep_the_printed_unit_and_digits_with_the_units_csv_separators(wb, observations, built_root):
    formats = registry(built_root, "units").set_index("unit")["number_format"]
    ws = wb[sheet_title(DATA)]
    value, unit_col = col(ws, TITLES["value"]), col(ws, TITLES["unit"])
    checked = set()
    for row, (number, unit) in enumerate(zip(observations["value"], observations["unit"].astype(str)), 2):
        cell = ws.cell(row, value)
        assert cell.data_type == "n" and cell.value == pytest.approx(number)
        printed = repr(float(number)).partition(".")[2].rstrip("0")  # digits the document prints
        assert decimals(cell.number_format) == len(printed), (number, unit)  # 6 as 6, 5.5 as 5.5
        assert cell.number_format.startswith("#,##") == formats[unit].startswith("#,##")
        assert "%" not in cell.number_format  # 6.5 % stays 6.5, never Excel's 650 %
        checked.add(unit)
    assert {"%", "亿元"} <= checked
    growth = observations.index[observations["unit"].eq("%")][0] + 2
    assert ws.cell(growth, value).number_format.startswith("0")
    assert ws.cell(growth, unit_col).value == "%"
    billions = observations.index[observations["unit"].eq("亿元")][0] + 2
    assert ws.cell(billions, value).number_format.startswith("#,##0")  # thousands separators


def test_number_formats_show_printed_digits_and_round_computed_ones():
    printed = pd.DataFrame({"value": [6.5, 0.25, 1561.0, -6.8, 2.2, np.nan, 4261.73333],
                            "unit": ["%", "%", "亿元", "%", "万亿元", "%", "亿元"]})
    assert number_formats(printed, "value") == ["0.0", "0.00", "#,##0", "0.0", "#,##0.0", "0", "#,##0.0"]
    computed = pd.DataFrame({"ambition": [7.142857, 0.5], "ambition_unit": ["%", "%"]})
    assert number_formats(computed, "ambition") == ["0.00", "0.0"]  # columns.csv: two decimals at most


def test_column_widths_fit_chinese_text(wb, observations):
    ws = wb[sheet_title(DATA)]
    letter = openpyxl.utils.get_column_letter
    longest = observations["name_zh"].str.len().max()
    width = ws.column_dimensions[letter(col(ws, TITLES["name_zh"]))].width
    assert width >= min(_xlsx.MAX_WIDTH, 2 * longest)  # a CJK character is two columns wide
    assert width <= _xlsx.MAX_WIDTH
    assert ws.column_dimensions[letter(col(ws, TITLES["geo"]))].width < 20  # geo codes stay narrow


def test_targets_sheet_is_the_comparison_helper_output(wb, observations, built_root):
    ws = wb[sheet_title(TARGETS)]
    expected = indicators.targets_vs_outturns(observations, root=built_root)
    table = ws.tables["TargetsVsOutturns"]
    assert len(header(ws)) == len(expected.columns)
    assert table.ref.endswith(f"{len(expected) + 1}")
    assert header(ws)[0] == TITLES["name_zh"]
    series = [r[col(ws, TITLES["series_id"]) - 1] for r in body(ws)]
    assert sorted(series) == sorted(expected["series_id"].astype(str))
    assert ws.freeze_panes == "B2"


def test_statuses_read_in_both_languages_chinese_first(wb, observations, built_root):
    ws = wb[sheet_title(TARGETS)]
    expected = indicators.targets_vs_outturns(observations, root=built_root)
    statuses = [r[col(ws, "状态 / Status") - 1] for r in body(ws)]
    assert sorted(s.split(" ", 1)[1] for s in statuses) == sorted(expected["status"])
    assert all(CJK.match(s) for s in statuses)
    assert "暂无实际 no outturn yet" in statuses


def test_ambition_is_shown_to_at_most_two_decimals(wb):
    ws = wb[sheet_title(TARGETS)]
    ambition = col(ws, "目标提升幅度 / Ambition")
    cells = [ws.cell(r, ambition) for r in range(2, ws.max_row + 1) if ws.cell(r, ambition).value is not None]
    assert any(not float(c.value * 100).is_integer() for c in cells)  # ratios such as 7.142857 %
    assert all(decimals(c.number_format) <= 2 for c in cells)


def test_met_and_not_met_are_coloured_by_conditional_formatting(built_root, observations, tmp_path):
    gdp, fai, primary = (latest_target(observations, s) for s in
                         ("chengdu.gdp.real_growth", "chengdu.fai.growth", "chengdu.primary.real_growth"))
    data = with_outturns(observations, [("chengdu.gdp.real_growth", gdp["value"] + 0.1),   # reached: met
                                        ("chengdu.fai.growth", fai["value"] - 1.0)])       # 1 point short
    ws = openpyxl.load_workbook(write_workbook(data, tmp_path / "w.xlsx", root=built_root))[sheet_title(TARGETS)]
    names = header(ws)
    status = names.index("状态 / Status")
    status_col = openpyxl.utils.get_column_letter(status + 1)
    rows = {(r[names.index(TITLES["series_id"])], str(r[names.index(TITLES["period"])])): r for r in body(ws)}
    label = lambda row: (row["series_id"], str(row["period"]))  # noqa: E731
    assert rows[label(gdp)][status] == "达成 met"
    assert rows[label(fai)][status] == "未达成 not met"
    met = names.index("是否达成 / Met")
    assert (rows[label(gdp)][met], rows[label(fai)][met]) == ("是 yes", "否 no")
    if not ((observations["series_id"].eq(primary["series_id"]) & observations["period"].eq(primary["period"])
             & observations["kind"].isin(["outturn", "estimate"])).any()):
        assert rows[label(primary)][met] is None  # no outturn yet
    last_col = openpyxl.utils.get_column_letter(len(names))
    rules = {}
    for cf in ws.conditional_formatting:
        assert str(cf.sqref) == f"A2:{last_col}{ws.max_row}"  # whole rows of the table
        for rule in cf.rules:
            rules[rule.formula[0]] = rule.dxf.fill.fgColor.rgb
    met_rule, not_met_rule = f'${status_col}2="达成 met"', f'${status_col}2="未达成 not met"'
    assert set(rules) == {met_rule, not_met_rule, f'${status_col}2="无法判定 undetermined"',
                          f'${status_col}2="容差内 within tolerance"'}
    assert rules[met_rule] != rules[not_met_rule]


@pytest.mark.parametrize("topic", ["services_trade", None])
def test_data_without_targets_still_make_a_workbook(observations, built_root, tmp_path, topic):
    data = observations[observations["topic"].eq(topic)] if topic else observations.iloc[:0]
    wb = openpyxl.load_workbook(write_workbook(data, tmp_path / "w.xlsx", root=built_root))
    assert wb[sheet_title(TARGETS)].max_row == 1  # the header
    assert wb[sheet_title(DATA)].max_row == len(data) + 1
    assert wb.sheetnames[4:] == (["服务贸易 Services trade"] if topic else [])


def test_topic_sheets_hold_their_topic_with_formats(wb, observations):
    for topic in set(NOTEBOOK_TOPICS) & set(observations["topic"].astype(str)):
        rows = observations[observations["topic"].astype(str).eq(topic)]
        ws = next(wb[n] for n in wb.sheetnames if f"Topic_{topic}" in wb[n].tables)
        assert ws.freeze_panes == "B2"
        at = col(ws, TITLES["series_id"]) - 1
        assert sorted(r[at] for r in body(ws)) == sorted(rows["series_id"].astype(str))
        value_col = col(ws, TITLES["value"])
        assert all(ws.cell(r, value_col).number_format != "General" for r in range(2, ws.max_row + 1))


# --- charts, links, macros -------------------------------------------------------------

def chart_parts(path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode() for n in sorted(z.namelist()) if re.fullmatch(r"xl/charts/chart\d+\.xml", n)}


def test_native_charts_for_growth_targets_and_joint_project_categories(workbook_path, wb):
    xml = chart_parts(workbook_path)
    assert list(xml)[:2] == ["xl/charts/chart1.xml", "xl/charts/chart2.xml"]
    assert len(xml) >= 3  # growth targets, then one per joint-project measure
    assert all("<barChart>" in x and re.search(r'<barDir val="bar"\s*/>', x) for x in xml.values())
    assert "Growth targets" in xml["xl/charts/chart1.xml"]
    assert any("joint key projects" in x.lower() for x in xml.values())
    # every series points at cells of the Charts sheet: a title, labelled categories, and
    # values, at least one a number: an empty series would stand in the legend for nothing
    ws = wb[sheet_title(CHARTS)]
    index = openpyxl.utils.column_index_from_string

    def cells(ref):
        sheet, col, row, col2, row2 = re.fullmatch(
            r"'?([^'!]+)'?!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?", ref).groups()
        assert sheet == sheet_title(CHARTS)
        assert int(row2 or row) <= ws.max_row
        return [v for line in ws.iter_rows(min_row=int(row), max_row=int(row2 or row), min_col=index(col),
                                           max_col=index(col2 or col), values_only=True) for v in line]

    for name, chart in xml.items():
        for series in re.findall(r"<ser>(.*?)</ser>", chart):
            title, categories, vals = re.findall(r"<f>([^<]+)</f>", series)
            assert all(isinstance(v, str) and v for v in cells(title) + cells(categories)), name
            assert any(isinstance(v, (int, float)) for v in cells(vals)), (name, cells(title))


def outturn_charted(path) -> bool:
    """Whether the growth chart has a series titled by the outturn column."""
    ws = openpyxl.load_workbook(path)[sheet_title(CHARTS)]
    refs = re.findall(r"<tx><strRef><f>([^<]+)</f>", chart_parts(path)["xl/charts/chart1.xml"])
    return any(ws[re.sub(r"^.*!|\$", "", f)].value.startswith("实际 / Outturn") for f in refs)


def test_the_outturn_series_is_charted_only_when_it_has_figures(observations, built_root, tmp_path):
    growth = observations[observations["kind"].eq("target") & observations["measure"].eq("yoy_pct")]
    period = max(growth["period"].astype(str), key=periods.sort_key)
    latest = growth[growth["period"].eq(period)]
    actual = observations["kind"].isin(["outturn", "estimate"])
    none = observations[~(actual & observations["period"].eq(period)
                          & observations["series_id"].isin(latest["series_id"]))].reset_index(drop=True)
    assert not outturn_charted(write_workbook(none, tmp_path / "none.xlsx", period=period, root=built_root))
    some = with_outturns(none, [(latest["series_id"].iloc[0], 5.0)])
    assert outturn_charted(write_workbook(some, tmp_path / "some.xlsx", period=period, root=built_root))


def test_chart_value_axis_is_at_the_bottom_with_plain_numbers(workbook_path, wb):
    for name, chart in chart_parts(workbook_path).items():
        cat, val = re.search(r"<catAx>(.*?)</catAx>", chart).group(1), re.search(r"<valAx>(.*?)</valAx>", chart).group(1)
        assert re.search(r'<orientation val="maxMin"\s*/>', cat), name  # first row on top, as in the table
        assert re.search(r'<crosses val="max"\s*/>', val), name  # so the value axis crosses at the bottom
        assert re.search(r'<numFmt formatCode="General" sourceLinked="0"\s*/>', val), name
    ws = wb[sheet_title(CHARTS)]
    whole = [c for row in ws.iter_rows(min_col=2) for c in row
             if isinstance(c.value, (int, float)) and float(c.value).is_integer()]
    assert whole and all(decimals(c.number_format) == 0 for c in whole)  # 6, not 6.0


def test_growth_chart_rows_are_in_the_order_of_targetplot(wb, observations, built_root):
    period = indicators.choose_period(observations)  # the workbook's default period, as the chart's
    ax = indicators.targetplot(observations, period=period, root=built_root)
    drawn = [t.get_text().replace("\n", "") for t in ax.get_yticklabels()]
    rows = body(wb[sheet_title(CHARTS)])
    start = next(i for i, r in enumerate(rows) if r[0] == "指标 / Indicator") + 1
    names = [r[0] for r in rows[start:start + len(drawn)]]
    assert names == drawn[:len(names)] and len(names) >= 2


def test_joint_project_categories_are_labelled_and_add_up(wb, observations):
    rows = body(wb[sheet_title(CHARTS)])
    labels = [r[0] for r in rows if r and r[0]]
    assert "基础设施类" in labels and "合计 / Total" in labels  # 基础设施类项目完成投资 less the shared part
    start = labels.index("类别 / Category")
    table = [r for r in rows if r and r[0] in labels[start + 1: labels.index("合计 / Total") + 1]]
    *categories, total = table
    assert sum(r[1] for r in categories) == pytest.approx(total[1], abs=0.5)  # identity joint_projects_investment


def test_no_macros_external_links_or_formulas(workbook_path):
    with zipfile.ZipFile(workbook_path) as z:
        names = z.namelist()
        assert not any("vbaProject" in n or "externalLink" in n for n in names)
        types = z.read("[Content_Types].xml").decode()
        assert "macroEnabled" not in types
        rels = "".join(z.read(n).decode() for n in names if n.endswith(".rels"))
        assert 'TargetMode="External"' not in rels
        for n in names:
            if n.startswith("xl/worksheets/sheet"):
                assert "<f>" not in z.read(n).decode(), n


# --- notebook tables -----------------------------------------------------------------

@pytest.fixture(scope="module")
def notebook_book(built_root, observations, tmp_path_factory):
    """A workbook of a project whose notebooks saved a comparison table and a shares table
    (as notebooks 05 and 03 do), read back from their CSV files like the real ones."""
    root = tmp_path_factory.mktemp("notebooks")
    shutil.copytree(built_root / "data", root / "data")
    comparison = indicators.targets_vs_outturns(with_outturns(observations, [("chengdu.gdp.real_growth", 6.1)]),
                                                root=root)
    indicators.save_table(comparison, "05-scorecard", root=root)
    shares = indicators.shares(observations, parts=["china.services_trade.knowledge_total",
                                                    "china.services_trade.travel_total"],
                               total="china.services_trade.total", period="2023-01/2023-11", root=root)
    indicators.save_table(shares, "03-services-trade-shares", root=root)
    book = openpyxl.load_workbook(write_workbook(observations, root / "w.xlsx", root=root))
    return {name: book[name] for name in book.sheetnames if name.startswith("表格 ")}


def test_notebook_sheets_have_bilingual_headers_chinese_first(notebook_book):
    assert sorted(notebook_book) == ["表格 03-services-trade-shares", "表格 05-scorecard"]
    for name, ws in notebook_book.items():
        for title in header(ws):
            zh, _, en = title.partition(" / ")
            assert CJK.search(zh) and en and not CJK.search(en), (name, title)
    shares = notebook_book["表格 03-services-trade-shares"]
    assert {"规模 / Level", "总额 / Total", "占比（%） / Share (%)"} <= set(header(shares))


def test_notebook_numbers_have_number_formats_not_float_noise(notebook_book):
    shares = notebook_book["表格 03-services-trade-shares"]
    share = col(shares, "占比（%） / Share (%)")
    cells = [shares.cell(r, share) for r in range(2, shares.max_row + 1)]
    assert any(len(repr(c.value)) > 8 for c in cells)  # the stored share keeps its precision
    assert all(decimals(c.number_format) <= 1 for c in cells)  # and is shown as 41.3 (41, not 41.0)
    assert any(decimals(c.number_format) == 1 for c in cells)
    for ws in notebook_book.values():
        for row in ws.iter_rows(min_row=2):
            for c in row:
                if isinstance(c.value, float) and not c.value.is_integer():
                    assert c.number_format != "General" and decimals(c.number_format) <= 4, (ws.title, c.coordinate)


def test_no_sheet_holds_a_boolean_cell(notebook_book, wb):
    """LibreOffice and WPS print TRUE/FALSE as 1/0: flags are words."""
    for ws in [*notebook_book.values(), *wb.worksheets]:
        assert not [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "b"], ws.title
    shares = notebook_book["表格 03-services-trade-shares"]
    flags = {shares.cell(r, col(shares, "是否近似 / Approximate")).value for r in range(2, shares.max_row + 1)}
    assert flags <= {"是 yes", "否 no"} and flags
    met = notebook_book["表格 05-scorecard"]
    assert "是 yes" in {r[col(met, "是否达成 / Met") - 1] for r in body(met)}


def test_periods_are_text_on_every_sheet(notebook_book, wb):
    for ws in [*notebook_book.values(), wb[sheet_title(DATA)], wb[sheet_title(TARGETS)]]:
        for title in (TITLES["period"], "基期 / Baseline period"):
            if title in header(ws):
                cells = [ws.cell(r, col(ws, title)) for r in range(2, ws.max_row + 1)]
                assert all(c.data_type == "s" for c in cells if c.value is not None), (ws.title, title)
                assert any(c.value for c in cells)


# --- About -----------------------------------------------------------------------------

def test_about_counts_the_source_documents_it_lists(wb, built_root):
    rows = list(wb[sheet_title(ABOUT)].iter_rows(values_only=True))
    overview = next(r[1] for r in rows if r[0] == "观测值 / Observations")
    counted = int(re.search(r"(\d+) 份来源", overview).group(1))
    start = next(i for i, r in enumerate(rows) if r[0] == "来源 / Source") + 1
    listed = list(itertools.takewhile(lambda r: r[0] is not None, rows[start:]))
    assert counted == len(listed) == len(registry(built_root, "sources"))


def test_about_sheet_says_when_from_what_and_which_sources(wb, built_root):
    text = "\n".join(str(v) for row in wb[sheet_title(ABOUT)].iter_rows(values_only=True) for v in row if v)
    assert "2024-01-01 00:00:00 UTC" in text  # SOURCE_DATE_EPOCH
    digest = hashlib.sha256((built_root / "data/processed/observations.csv").read_bytes()).hexdigest()
    assert f"observations.csv sha256:{digest[:12]}" not in text  # a DataFrame was passed in
    assert "DataFrame sha256:" in text
    for _, s in registry(built_root, "sources").iterrows():
        for field in ("source_id", "title_zh", "title_en", "publisher", "date_published"):
            assert s[field] in text, (s["source_id"], field)
    for field in schema().fields:
        assert field.name in text and field.title in text
    assert "6.5" in text and "Excel" in text  # the number-format note


def test_about_sheet_wraps_every_cell_too_long_for_its_room(wb):
    """Printed (or converted by LibreOffice), text past its cell's edge is cut: a long cell
    wraps, top-aligned, within its column or the columns merged for it."""
    ws = wb[sheet_title(ABOUT)]
    room = {}  # cell → the columns it may fill
    for merged in ws.merged_cells.ranges:
        room[merged.min_row, merged.min_col] = range(merged.min_col, merged.max_col + 1)
    long = []
    for row in ws.iter_rows():
        for c in row:
            if not isinstance(c.value, str) or not c.value:
                continue
            columns = room.get((c.row, c.column), [c.column])
            width = sum(ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width for i in columns)
            if max(_xlsx.text_width(line) for line in c.value.split("\n")) > width:
                long.append(c.coordinate)
                assert c.alignment.wrap_text and c.alignment.vertical == "top", (c.coordinate, c.value)
                lines = -(-_xlsx.text_width(c.value) // int(width))
                assert (ws.row_dimensions[c.row].height or 15) >= 15 * min(lines, 2), (c.coordinate, c.value)
    assert long  # the sheet has such cells (the list of statuses, the data dictionary)
    # the overview and the list of sheets: each explanation has the width of the rest of the row
    explanations = [r for r in ws.iter_rows(values_only=True) if r[0] in ("数字格式 / Numbers", sheet_title(TARGETS))]
    assert len(explanations) == 2
    merged = {(m.min_row, m.min_col, m.max_col) for m in ws.merged_cells.ranges}
    for row in ws.iter_rows():
        if row[0].value in ("数字格式 / Numbers", sheet_title(TARGETS)):
            assert (row[0].row, 2, ws.max_column) in merged, row[0].value


def test_data_version_hashes_the_file_and_names_the_commit(built_root):
    digest = hashlib.sha256((built_root / "data/processed/observations.csv").read_bytes()).hexdigest()
    assert data_version(built_root / "data/processed/observations.csv", built_root) == \
        f"observations.csv sha256:{digest[:12]}"  # outside git: no commit, no failure
    if shutil.which("git") and (CHECKOUT_ROOT / ".git").exists():
        assert " · git " in data_version(pd.DataFrame({"a": [1]}), CHECKOUT_ROOT)


def test_bad_source_date_epoch_is_named(observations, built_root, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(IndicatorsError, match="SOURCE_DATE_EPOCH must be whole seconds.*'yesterday'"):
        write_workbook(observations, tmp_path / "w.xlsx", root=built_root)
    assert not (tmp_path / "w.xlsx").exists()


# --- safety ----------------------------------------------------------------------------

def test_crafted_text_cannot_run_as_a_formula(observations, built_root, tmp_path):
    data = observations.astype({c: str for c in observations.select_dtypes("category").columns})
    row = data.index[data["value"] < 0][0]  # a decline: -6.8 must stay a number
    for column, text in CRAFTED.items():
        data.loc[row, column] = text
    path = write_workbook(data, tmp_path / "w.xlsx", root=built_root)
    ws = openpyxl.load_workbook(path)[sheet_title(DATA)]
    cells = {c: ws.cell(row + 2, col(ws, TITLES[c])) for c in [*CRAFTED, "value"]}
    for column, text in CRAFTED.items():
        assert cells[column].data_type == "s"
        assert cells[column].value == "'" + text, column
    assert cells["value"].data_type == "n"
    assert cells["value"].value == data.loc[row, "value"] and cells["value"].value < 0
    with zipfile.ZipFile(path) as z:
        for n in z.namelist():
            if n.startswith("xl/worksheets/sheet"):
                assert "<f>" not in z.read(n).decode(), n


def test_text_with_xml_markup_and_spaces_round_trips(observations, built_root, tmp_path):
    data = observations.astype({c: str for c in observations.select_dtypes("category").columns})
    data.loc[0, "note"] = " <b>R&D</b> 5% > 3% "
    data.loc[1, "note"] = "line one\r\nline two"
    ws = openpyxl.load_workbook(write_workbook(data, tmp_path / "w.xlsx", root=built_root))[sheet_title(DATA)]
    note = col(ws, TITLES["note"])
    assert ws.cell(2, note).value == " <b>R&D</b> 5% > 3% "
    assert ws.cell(3, note).value == "line one\r\nline two"


def test_control_characters_are_refused_with_the_column_and_row(observations, built_root, tmp_path):
    data = observations.astype({c: str for c in observations.select_dtypes("category").columns})
    data.loc[3, "quote"] = "bad\x07bell"
    with pytest.raises(IndicatorsError, match=r"Column '原文 / Quote', data row 4: 'bad\\x07bell'"):
        write_workbook(data, tmp_path / "w.xlsx", root=built_root)


def test_a_failed_write_leaves_the_old_workbook_and_no_temporary_file(observations, built_root, tmp_path,
                                                                      monkeypatch):
    path = tmp_path / "w.xlsx"
    path.write_bytes(b"old")

    def broken(self, filename):  # the disk fills up half-way through the file
        Path(filename).write_bytes(b"PK partial")
        raise OSError("disk full")

    monkeypatch.setattr("openpyxl.workbook.workbook.Workbook.save", broken)
    with pytest.raises(OSError, match="disk full"):
        write_workbook(observations, path, root=built_root)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["w.xlsx"]


def test_import_indicators_does_not_import_openpyxl():
    code = "import sys, indicators; indicators.__all__; print('openpyxl' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_excel_command_writes_the_workbook(built_root, tmp_path, capsys):
    out = tmp_path / "sub" / "book.xlsx"
    assert main(["excel", "--root", str(built_root), "--output", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"wrote {out}"
    assert openpyxl.load_workbook(out).sheetnames[1] == sheet_title(DATA)


def test_excel_command_writes_to_reports_by_default(built_root, capsys):
    assert main(["excel", "--root", str(built_root)]) == 0
    assert (built_root / "reports" / "indicators.xlsx").is_file()


# --- scale and other readers ---------------------------------------------------------

@pytest.mark.slow
def test_a_hundred_thousand_observations_are_written_in_full(observations, built_root, tmp_path):
    n = 100_000
    big = observations.sample(n, replace=True, random_state=0).reset_index(drop=True)
    big["series_id"] = big["series_id"].astype(str) + ".s" + (np.arange(n) % 2000).astype(str)
    big["period"] = (1900 + np.arange(n) // 2000).astype(str)
    path = write_workbook(big, tmp_path / "big.xlsx", root=built_root)
    wb = openpyxl.load_workbook(path, read_only=True)
    ws = wb[sheet_title(DATA)]
    names = next(ws.iter_rows(max_row=1, values_only=True))
    last = dict(zip(names, next(ws.iter_rows(min_row=n + 1, max_row=n + 1, values_only=True))))
    assert last[TITLES["series_id"]] == big["series_id"].iloc[-1]
    assert last[TITLES["value"]] == pytest.approx(big["value"].iloc[-1])
    wb.close()
    with zipfile.ZipFile(path) as z:
        assert f'ref="A1:S{n + 1}"' in z.read("xl/tables/table1.xml").decode()


def fonts_only(folder: Path, font_dirs: list[Path]) -> dict[str, str]:
    """An environment in which fontconfig, and so LibreOffice, sees the fonts in *font_dirs*
    and no others (a ``fonts.conf`` of its own, through ``FONTCONFIG_FILE``)."""
    folder.mkdir(parents=True, exist_ok=True)
    dirs = "".join(f"<dir>{escape(str(d))}</dir>" for d in font_dirs)
    conf = folder / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
                    f"<fontconfig>{dirs}<cachedir>{escape(str(folder / 'cache'))}</cachedir></fontconfig>\n",
                    encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


def to_pdf(workbook: Path, folder: Path, env: dict[str, str]) -> Path:
    """*workbook* converted to PDF by LibreOffice (skips the test when it or poppler is missing)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs the Debian package "
                    "libreoffice-calc when it can (apt-get install libreoffice-calc)")
    if not (shutil.which("pdffonts") and shutil.which("pdftotext")):
        pytest.skip("pdffonts and pdftotext are not installed (apt-get install poppler-utils)")
    profile = (folder / "profile").as_uri()  # own profile: no clash with a running LibreOffice
    done = subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(folder), str(workbook)],
                          capture_output=True, text=True, timeout=300, env=env)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    # LibreOffice without Java warns "failed to launch javaldx" on stderr; anything else counts
    problems = [line for line in output.splitlines() if re.search(r"error|fail|exception", line, re.I)
                and "javaldx" not in line]
    assert not problems, output
    pdf = folder / f"{workbook.stem}.pdf"
    assert pdf.is_file(), output
    return pdf


def tofu(pdf: Path, family: str, texts: list[str]) -> list[str]:
    """Why the Chinese of *pdf* would show as boxes: the CJK font *family* is not embedded
    (LibreOffice drew the characters with a font that lacks them), or a text of *texts* is
    not in the page text."""
    rows = [line.split() for line in subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                                                    check=True).stdout.splitlines()[2:]]
    embedded = {row[0].partition("+")[2] or row[0] for row in rows if row[-5] == "yes"}  # emb column
    problems = [] if family.replace(" ", "") in embedded else [
        f"{family} is not embedded (embedded: {sorted(embedded)})"]
    page_text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                       check=True).stdout.split())
    return problems + [f"{t!r} is not in the PDF's text" for t in texts if "".join(t.split()) not in page_text]


def chinese_cells(path: Path, sheet: int = 0) -> list[str]:
    book = openpyxl.load_workbook(path, read_only=True)
    cells = [c for row in book.worksheets[sheet].iter_rows(values_only=True) for c in row
             if isinstance(c, str) and CJK.search(c)]
    book.close()
    return cells


@pytest.mark.slow
def test_libreoffice_converts_the_workbook_with_its_chinese_in_the_packaged_font(workbook_path, tmp_path):
    font = cjk_font((), fallback=True)  # the font paperang-p2-fonts-cjk installs with the package
    pdf = to_pdf(workbook_path, tmp_path, fonts_only(tmp_path / "fonts", [font.path.parent]))
    # the start of each cell: a long title is cut at its column's edge when printed
    texts = [cell[:6] for cell in chinese_cells(workbook_path)]
    assert texts
    assert tofu(pdf, font.family, texts) == []
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))
    assert pages >= len(openpyxl.load_workbook(workbook_path, read_only=True).sheetnames)


@pytest.mark.slow
def test_tofu_is_caught_when_libreoffice_has_no_chinese_font(tmp_path):
    # the same conversion with only matplotlib's DejaVu Sans, which has no Chinese: boxes
    book = openpyxl.Workbook()
    book.active["A1"] = "资料来源：测试 / Source: test"
    book.save(tmp_path / "tofu.xlsx")
    latin_only = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdf = to_pdf(tmp_path / "tofu.xlsx", tmp_path, fonts_only(tmp_path / "fonts", [latin_only]))
    problems = tofu(pdf, cjk_font((), fallback=True).family, ["资料来源：测试"])
    assert problems and problems[0].startswith("WenQuanYi Micro Hei is not embedded (embedded: ['DejaVuSans"), problems
