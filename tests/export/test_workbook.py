"""`indicators/excel.py` (and its helpers `_xlsx.py`, `_sheetdata.py`): the Excel workbook.

Each test reopens the written file (openpyxl, the zip parts, LibreOffice when installed)
rather than trusting the writer's own objects.
"""
from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

import indicators
from indicators.export import _xlsx
from indicators.cli import main
from indicators.export.workbook import (ABOUT, CHARTS, DATA, NOTEBOOK_TOPICS, TARGETS, data_version,
                              write_workbook)
from indicators.exceptions import IndicatorsError
from indicators.paths import DEFAULT_ROOT, project
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


def with_outturns(observations, rows) -> pd.DataFrame:
    """*observations* plus outturn rows copied from the named targets with a new value."""
    data = observations.astype({c: str for c in observations.select_dtypes("category").columns})
    extra = []
    for series_id, value in rows:
        row = data[data["series_id"].eq(series_id) & data["kind"].eq("target")].iloc[0].copy()
        row["kind"], row["value"], row["qualifier"] = "outturn", value, "exact"
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
        assert wb[name].tables[f"Topic_{topic}"].ref == f"A1:L{(observations['topic'] == topic).sum() + 1}"


def test_sheet_names_are_valid_excel_names(wb):
    assert len({n.casefold() for n in wb.sheetnames}) == len(wb.sheetnames)
    for name in wb.sheetnames:
        assert 0 < len(name) <= 31 and not FORBIDDEN.search(name) and not name.startswith("'")


def test_long_topic_names_fall_back_to_chinese_only():
    taken: set[str] = set()
    assert _xlsx.sheet_name("投资", "Investment", taken) == "投资 Investment"
    assert _xlsx.sheet_name("对外贸易与外资", "Foreign trade and investment", taken) == "对外贸易与外资"
    assert _xlsx.sheet_name("投资", "investment", taken) == "投资 investment (2)"  # Excel ignores case
    assert _xlsx.sheet_name("a/b:c", "", taken) == "a_b_c"


def test_data_sheet_is_a_frozen_banded_table_of_every_observation(wb, observations):
    ws = wb[sheet_title(DATA)]
    n = len(observations)
    table = ws.tables["Observations"]
    assert table.ref == f"A1:Q{n + 1}"
    assert table.tableStyleInfo.showRowStripes and table.autoFilter is not None
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    assert header[:16] == [f.title for f in schema().fields]  # "序列 / Series": Chinese first
    assert [c.name for c in table.tableColumns] == header  # else Excel "repairs" the file
    back = pd.DataFrame(body(ws), columns=schema().columns + ["source_title"])
    assert len(back) == n
    for col in schema().columns:
        expected = observations[col]
        if col == "value":
            np.testing.assert_allclose(back[col].astype(float), expected.astype(float))
        else:
            assert back[col].fillna("").tolist() == expected.astype(str).tolist(), col


def test_each_row_names_its_source_document(wb, observations, built_root):
    titles = registry(built_root, "sources").set_index("source_id")["title_zh"]
    rows = body(wb[sheet_title(DATA)])
    for obs_source, row in zip(observations["source_id"].astype(str), rows):
        assert row[16] == (titles[obs_source] if obs_source else None)


def test_values_keep_the_printed_unit_with_the_units_csv_format(wb, observations, built_root):
    formats = registry(built_root, "units").set_index("unit")["number_format"]
    ws = wb[sheet_title(DATA)]
    checked = set()
    for row, (value, unit) in enumerate(zip(observations["value"], observations["unit"].astype(str)), 2):
        cell = ws.cell(row, 9)
        assert cell.data_type == "n" and cell.value == pytest.approx(value)
        assert cell.number_format == _xlsx.widen(formats[unit], int(_xlsx.decimals_needed([value])[0]))
        assert "%" not in cell.number_format  # 6.5 % stays 6.5, never Excel's 650 %
        checked.add(unit)
    assert {"%", "亿元"} <= checked
    growth = observations.index[observations["unit"].eq("%")][0] + 2
    assert ws.cell(growth, 9).number_format.startswith("0.0")
    assert ws.cell(growth, 10).value == "%"
    billions = observations.index[observations["unit"].eq("亿元")][0] + 2
    assert ws.cell(billions, 9).number_format.startswith("#,##0")  # thousands separators


def test_number_formats_widen_so_no_printed_digit_is_hidden():
    values = pd.Series([6.5, 0.25, 1561.0, -6.8, 2.2, np.nan])
    base = pd.Series(["0.0", "0.0", "#,##0.0", "0.0", "#,##0.00", ""])
    assert _xlsx.number_formats(values, base).tolist() == \
        ["0.0", "0.00", "#,##0.0", "0.0", "#,##0.00", "General"]
    assert _xlsx.widen("#,##0", 2) == "#,##0.00"
    assert _xlsx.widen('0.0"x"', 3) == '0.0"x"'  # formats it does not understand stay


def test_column_widths_fit_chinese_text(wb, observations):
    ws = wb[sheet_title(DATA)]
    longest = observations["name_zh"].str.len().max()
    width = ws.column_dimensions["C"].width  # name_zh
    assert width >= min(_xlsx.MAX_WIDTH, 2 * longest)  # a CJK character is two columns wide
    assert width <= _xlsx.MAX_WIDTH
    assert ws.column_dimensions["E"].width < 20  # geo codes stay narrow


def test_targets_sheet_is_the_comparison_helper_output(wb, observations, built_root):
    ws = wb[sheet_title(TARGETS)]
    expected = indicators.targets_vs_outturns(observations, root=built_root)
    table = ws.tables["TargetsVsOutturns"]
    header = [c.value for c in ws[1]]
    assert len(header) == len(expected.columns)
    assert table.ref.endswith(f"{len(expected) + 1}")
    assert header[0] == "序列 / Series" and "状态 / Status" in header
    statuses = [r[header.index("状态 / Status")] for r in body(ws)]
    assert sorted(statuses) == sorted(expected["status"])
    assert ws.freeze_panes == "A2"


def test_met_and_not_met_are_coloured_by_conditional_formatting(built_root, observations, tmp_path):
    data = with_outturns(observations, [("chengdu.gdp.real_growth", 6.1),   # target 6 左右: met
                                        ("chengdu.fai.growth", 1.0)])       # target 6.5: not met
    ws = openpyxl.load_workbook(write_workbook(data, tmp_path / "w.xlsx", root=built_root))[sheet_title(TARGETS)]
    header = [c.value for c in ws[1]]
    status_col = openpyxl.utils.get_column_letter(header.index("状态 / Status") + 1)
    rows = {r[0]: r for r in body(ws)}
    assert rows["chengdu.gdp.real_growth"][header.index("状态 / Status")] == "met"
    assert rows["chengdu.fai.growth"][header.index("状态 / Status")] == "not met"
    met = header.index("是否达成 / Met")
    assert (rows["chengdu.gdp.real_growth"][met], rows["chengdu.fai.growth"][met]) == ("是 yes", "否 no")
    assert rows["chengdu.primary.real_growth"][met] is None  # no outturn yet
    last_col = openpyxl.utils.get_column_letter(len(header))
    rules = {}
    for cf in ws.conditional_formatting:
        assert str(cf.sqref) == f"A2:{last_col}{ws.max_row}"  # whole rows of the table
        for rule in cf.rules:
            rules[rule.formula[0]] = rule.dxf.fill.fgColor.rgb
    assert set(rules) == {f'${status_col}2="met"', f'${status_col}2="not met"', f'${status_col}2="undetermined"'}
    assert rules[f'${status_col}2="met"'] != rules[f'${status_col}2="not met"']


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
        assert ws.freeze_panes == "A2"
        assert sorted(r[0] for r in body(ws)) == sorted(rows["series_id"].astype(str))
        value_col = [c.value for c in ws[1]].index("数值 / Value") + 1
        assert all(ws.cell(r, value_col).number_format != "General" for r in range(2, ws.max_row + 1))


# --- charts, links, macros -------------------------------------------------------------

def test_native_charts_for_growth_targets_and_joint_project_categories(workbook_path, wb):
    with zipfile.ZipFile(workbook_path) as z:
        charts = sorted(n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
        assert charts[:2] == ["xl/charts/chart1.xml", "xl/charts/chart2.xml"]
        xml = {n: z.read(n).decode() for n in charts}
    assert len(charts) >= 3  # growth targets, then one per joint-project measure
    assert all("<barChart>" in x and '<barDir val="bar" />' in x for x in xml.values())
    assert "Growth targets" in xml["xl/charts/chart1.xml"]
    assert any("joint key projects" in x.lower() for x in xml.values())
    # every series points at cells of the Charts sheet: a title, labelled categories, and
    # values (an outturn series may be empty until the outturns are published)
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
        values = []
        for series in re.findall(r"<ser>(.*?)</ser>", chart):
            title, categories, vals = re.findall(r"<f>([^<]+)</f>", series)
            assert all(isinstance(v, str) and v for v in cells(title) + cells(categories)), name
            values += cells(vals)
        assert any(isinstance(v, (int, float)) for v in values), name


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


# --- About -----------------------------------------------------------------------------

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


def test_data_version_hashes_the_file_and_names_the_commit(built_root):
    digest = hashlib.sha256((built_root / "data/processed/observations.csv").read_bytes()).hexdigest()
    assert data_version(built_root / "data/processed/observations.csv", built_root) == \
        f"observations.csv sha256:{digest[:12]}"  # outside git: no commit, no failure
    if shutil.which("git") and (DEFAULT_ROOT / ".git").exists():
        assert " · git " in data_version(pd.DataFrame({"a": [1]}), DEFAULT_ROOT)


def test_bad_source_date_epoch_is_named(observations, built_root, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(IndicatorsError, match="SOURCE_DATE_EPOCH must be whole seconds.*'yesterday'"):
        write_workbook(observations, tmp_path / "w.xlsx", root=built_root)
    assert not (tmp_path / "w.xlsx").exists()


# --- safety ----------------------------------------------------------------------------

def test_crafted_text_cannot_run_as_a_formula(observations, built_root, tmp_path):
    data = observations.astype({c: str for c in observations.select_dtypes("category").columns})
    row = data.index[data["value"] < 0][0]  # a decline: -6.8 must stay a number
    for col, text in CRAFTED.items():
        data.loc[row, col] = text
    path = write_workbook(data, tmp_path / "w.xlsx", root=built_root)
    ws = openpyxl.load_workbook(path)[sheet_title(DATA)]
    header = [c.value for c in ws[1]]
    cells = {c: ws.cell(row + 2, schema().columns.index(c) + 1) for c in [*CRAFTED, "value"]}
    for col, text in CRAFTED.items():
        assert cells[col].data_type == "s"
        assert cells[col].value == "'" + text, col
    assert cells["value"].data_type == "n"
    assert cells["value"].value == data.loc[row, "value"] and cells["value"].value < 0
    assert header[schema().columns.index("value")] == "数值 / Value"
    with zipfile.ZipFile(path) as z:
        for n in z.namelist():
            if n.startswith("xl/worksheets/sheet"):
                assert "<f>" not in z.read(n).decode(), n


def test_text_with_xml_markup_and_spaces_round_trips(observations, built_root, tmp_path):
    data = observations.astype({c: str for c in observations.select_dtypes("category").columns})
    data.loc[0, "note"] = " <b>R&D</b> 5% > 3% "
    data.loc[1, "note"] = "line one\r\nline two"
    ws = openpyxl.load_workbook(write_workbook(data, tmp_path / "w.xlsx", root=built_root))[sheet_title(DATA)]
    note = schema().columns.index("note") + 1
    assert ws.cell(2, note).value == " <b>R&D</b> 5% > 3% "
    assert ws.cell(3, note).value == "line one\r\nline two"


def test_control_characters_are_refused_with_the_column_and_row(observations, built_root, tmp_path):
    data = observations.astype({c: str for c in observations.select_dtypes("category").columns})
    data.loc[3, "quote"] = "bad\x07bell"
    with pytest.raises(IndicatorsError, match=r"Column 'quote', data row 4: 'bad\\x07bell'"):
        write_workbook(data, tmp_path / "w.xlsx", root=built_root)


def test_a_failed_write_leaves_the_old_workbook_and_no_temporary_file(observations, built_root, tmp_path,
                                                                      monkeypatch):
    path = tmp_path / "w.xlsx"
    path.write_bytes(b"old")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("indicators.export._sheetdata.splice", broken)
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
    last = next(ws.iter_rows(min_row=n + 1, max_row=n + 1, values_only=True))
    assert last[0] == big["series_id"].iloc[-1] and last[8] == pytest.approx(big["value"].iloc[-1])
    wb.close()
    with zipfile.ZipFile(path) as z:
        assert f'ref="A1:Q{n + 1}"' in z.read("xl/tables/table1.xml").decode()


@pytest.mark.slow
def test_libreoffice_opens_and_converts_the_workbook(workbook_path, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs the Debian package "
                    "libreoffice-calc when it can (apt-get install libreoffice-calc)")
    profile = (tmp_path / "profile").as_uri()  # own profile: no clash with a running LibreOffice
    done = subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), str(workbook_path)],
                          capture_output=True, text=True, timeout=300)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    # LibreOffice without Java warns "failed to launch javaldx" on stderr; anything else counts
    problems = [line for line in output.splitlines() if re.search(r"error|fail|exception", line, re.I)
                and "javaldx" not in line]
    assert not problems, output
    pdf = tmp_path / "indicators.pdf"
    assert pdf.is_file(), output
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))
    assert pages >= len(openpyxl.load_workbook(workbook_path, read_only=True).sheetnames)
