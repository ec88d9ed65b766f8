"""`indicators/data/presentation.py`: one table presentation for the workbook, the pages and the charts.

The same tables of a small fixture project are presented for the workbook (written, then read
back with openpyxl), for a reader page (the HTML a notebook cell shows) and, for the targets,
beside a chart. The expectations are written out from the fixture's numbers.
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

import openpyxl
import pandas as pd
import pytest
from bs4 import BeautifulSoup

import indicators
from indicators.data.presentation import present_table
from indicators.exceptions import IndicatorsError
from indicators.report.pages import present
from projects import growth_series, make_project, row

GDP, RETAIL, ONLINE = "t.gdp.growth", "t.retail.level", "t.retail.online"
REPORT = ("2024年地区生产总值增长6%，社会消费品零售总额11800亿元。"
          "2025年目标：地区生产总值增长5.5%左右，社会消费品零售总额12345.6亿元。")
BULLETIN = "2025年地区生产总值增长5.25%，社会消费品零售总额12000亿元，其中网上零售额2000亿元。"
TARGETS_SHEET = "目标与实际 Targets vs outturns"
#: what a reader must never see in a table
NOT_FOR_READERS = re.compile(r"\bNaN\b|\bnan\b|\bNone\b|\bTrue\b|\bFalse\b|\bTRUE\b|\bFALSE\b|<NA>")
#: the columns notebook 05 shows and (here) saves: the same table on the page and in the workbook
SCORECARD = ["name_zh", "name_en", "target", "unit", "qualifier", "outturn", "status", "met", "baseline",
             "ambition", "ambition_unit", "period"]


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    level = dict(topic="consumption", geo="CD", measure="level")
    root = make_project(
        tmp_path_factory.mktemp("tables"),
        documents={"A": (REPORT, "2025-02-01", "2024/2025"), "B": (BULLETIN, "2026-03-01", "2025")},
        series=[growth_series(GDP, "地区生产总值增长", "GDP growth"),
                dict(series_id=RETAIL, name_zh="社会消费品零售总额", name_en="Retail sales", **level),
                dict(series_id=ONLINE, name_zh="网上零售额", name_en="Online retail sales", **level)],
        curated={"macro": [
            row(GDP, "2024", "outturn", 6, "A", "2024年地区生产总值增长6%"),
            row(GDP, "2025", "target", 5.5, "A", "2025年目标：地区生产总值增长5.5%左右", qualifier="about"),
            row(GDP, "2025", "outturn", 5.25, "B", "2025年地区生产总值增长5.25%"),
            row(RETAIL, "2024", "outturn", 11800, "A", "社会消费品零售总额11800亿元", unit="亿元"),
            row(RETAIL, "2025", "target", 12345.6, "A", "社会消费品零售总额12345.6亿元", unit="亿元"),
            row(RETAIL, "2025", "outturn", 12000, "B", "社会消费品零售总额12000亿元", unit="亿元"),
            row(ONLINE, "2025", "outturn", 2000, "B", "网上零售额2000亿元", unit="亿元")]})
    indicators.build(root)
    return root


@pytest.fixture(scope="module")
def tables(root):
    """The comparison, the scorecard notebook 05 shows and a shares table as notebook 03
    computes it; the last two saved as the notebooks save them."""
    obs = indicators.load(root)
    comparison = indicators.targets_vs_outturns(obs, root=root)
    shares = indicators.shares(obs, parts=[ONLINE], total=RETAIL, period="2025", root=root)
    indicators.save_table(comparison[SCORECARD], "05-scorecard", root=root)
    indicators.save_table(shares, "03-shares", root=root)
    return {TARGETS_SHEET: comparison, "表格 05-scorecard": comparison[SCORECARD], "表格 03-shares": shares}


@pytest.fixture(scope="module")
def book(root, tables):
    return openpyxl.load_workbook(indicators.write_workbook(root=root, path=root / "w.xlsx"))


def excel_shows(value, number_format: str) -> str:
    """What Excel shows for *value* in a simple number format (``0``, ``0.0``, ``#,##0.00``):
    half away from zero, thousands separated when the format says so."""
    assert re.fullmatch(r"(#,##)?0(\.0+)?", number_format), number_format
    decimals = len(number_format.partition(".")[2])
    rounded = Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{rounded:,.{decimals}f}" if number_format.startswith("#,##") else f"{rounded:.{decimals}f}"


def sheet_as_shown(ws) -> tuple[list[str], list[list[str]]]:
    """Headers and every body cell as Excel shows it."""
    rows = list(ws.iter_rows())
    shown = [[excel_shows(c.value, c.number_format) if c.data_type == "n" and c.value is not None
              else "" if c.value is None else str(c.value) for c in r] for r in rows[1:]]
    return [c.value for c in rows[0]], shown


def page_as_shown(frame, root) -> tuple[list[str], list[list[str]]]:
    soup = BeautifulSoup(present(frame, lang="zh", root=root)._repr_html_(), "html.parser")
    return ([th.get_text() for th in soup.select("thead th")],
            [[td.get_text() for td in tr.select("td")] for tr in soup.select("tbody tr")])


def column(headers, rows, header) -> list[str]:
    return [r[headers.index(header)] for r in rows]


@pytest.mark.parametrize("sheet", [TARGETS_SHEET, "表格 05-scorecard", "表格 03-shares"])
def test_the_workbook_and_the_page_show_the_same_columns_names_and_numbers(book, tables, root, sheet):
    sheet_headers, sheet_rows = sheet_as_shown(book[sheet])
    page_headers, page_rows = page_as_shown(tables[sheet], root)
    assert sheet_headers == page_headers  # the same order and names, and no index column
    assert sheet_headers[0] == "指标名称 / Name (zh)"
    numbers = [h for h, *cells in zip(page_headers, *book[sheet].iter_rows(min_row=2, values_only=True))
               if any(isinstance(v, float) for v in cells)]
    assert numbers
    by_name = [sorted(rows, key=lambda r: r[0]) for rows in (sheet_rows, page_rows)]  # the sheet sorts by topic
    for header in numbers:
        page = [v.replace("–", "") for v in column(page_headers, by_name[1], header)]  # a missing number
        assert column(sheet_headers, by_name[0], header) == page, header
    for text in [str(v) for r in sheet_rows + page_rows for v in r]:
        assert not NOT_FOR_READERS.search(text), (sheet, text)


def test_the_scorecard_reads_as_the_documents_print_it(book, tables, root):
    expected = {  # retail sales first (the larger target), then GDP growth
        "目标值 / Target": ["12,345.6", "5.5"],
        "实际值 / Outturn": ["12,000", "5.25"],
        "基期实际值 / Baseline": ["11,800", "6"],
        "目标提升幅度 / Ambition": ["4.62", "-0.5"],  # 12345.6 / 11800 - 1 = 4.6237 %; 5.5 - 6 points
    }
    order = ["指标名称 / Name (zh)", "时期 / Period", "目标值 / Target", "实际值 / Outturn", "单位 / Unit",
             "限定 / Qualifier", "状态 / Status", "是否达成 / Met", "基期实际值 / Baseline",
             "目标提升幅度 / Ambition", "幅度单位 / Ambition unit", "指标名称（英文） / Name (en)"]
    sheet, page = sheet_as_shown(book["表格 05-scorecard"]), page_as_shown(tables["表格 05-scorecard"], root)
    for headers, rows in (sheet, page):
        assert headers == order
        for header, cells in expected.items():
            assert column(headers, rows, header) == cells, header
    assert column(*page, "是否达成 / Met") == ["否", "是"]  # words, never TRUE/FALSE
    assert column(*sheet, "是否达成 / Met") == ["否 no", "是 yes"]
    assert column(*page, "状态 / Status") == ["未达成", "容差内"]
    assert column(*page, "时期 / Period") == ["2025年", "2025年"]
    cells = [r[order.index("时期 / Period")] for r in book["表格 05-scorecard"].iter_rows(min_row=2)]
    assert [(c.value, c.data_type) for c in cells] == [("2025", "s"), ("2025", "s")]  # text, not 2025


def test_a_computed_share_is_rounded_and_printed_levels_keep_their_digits(book, tables, root):
    for headers, rows in (sheet_as_shown(book["表格 03-shares"]), page_as_shown(tables["表格 03-shares"], root)):
        assert column(headers, rows, "占比（%） / Share (%)") == ["16.7"]  # 2000 / 12000 = 16.666… %
        assert column(headers, rows, "规模 / Level") == ["2,000"]
        assert column(headers, rows, "总额 / Total") == ["12,000"]
    stored = book["表格 03-shares"].cell(2, sheet_as_shown(book["表格 03-shares"])[0].index("占比（%） / Share (%)") + 1)
    assert stored.value == pytest.approx(100 / 6)  # the cell keeps every digit; the format rounds


def test_the_chart_beside_the_targets_prints_the_tables_numbers(root, tables):
    ax = indicators.targetplot(indicators.load(root), series=[RETAIL], period="2025", root=root)
    texts = [t.get_text() for t in ax.texts]
    headers, rows = page_as_shown(tables[TARGETS_SHEET], root)
    retail = rows[column(headers, rows, "序列 / Series").index(RETAIL)]
    assert retail[headers.index("目标值 / Target")] == "12,345.6" and "12,345.6" in texts
    assert retail[headers.index("实际值 / Outturn")] == "12,000" and "12,000" in texts


def test_missing_numbers_are_a_dash_on_a_page_and_an_empty_cell_in_the_workbook(root):
    frame = pd.DataFrame({"name_zh": ["甲"], "target": [float("nan")], "unit": ["%"]}, index=[7])
    shown = present_table(frame, root=root)
    assert shown.text.values.tolist() == [["甲", "–", "%"]]
    assert pd.isna(shown.values.iloc[0, 1]) and list(shown.values.index) == [0]


def test_an_unknown_column_is_refused_naming_the_registry():
    with pytest.raises(IndicatorsError, match=r"no header for column 'mystery'.*data/columns\.csv"):
        present_table(pd.DataFrame({"mystery": [1]}))


def test_the_name_or_label_column_leads_also_on_an_english_page():
    frame = pd.DataFrame({"target": [6.0], "unit": ["%"], "name_en": ["GDP growth"]})
    assert list(present_table(frame, lang="en").text.columns) == [
        "指标名称（英文） / Name (en)", "目标值 / Target", "单位 / Unit"]
    model = pd.DataFrame({"upper": [1.5], "lower": [0.5], "estimate": [1.0], "term": ["slope"]})
    assert present_table(model, lang="en").text.values.tolist() == [["slope", "1", "0.5", "1.5"]]
