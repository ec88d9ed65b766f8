"""Year after year: a next report flows through the whole pipeline with no code change.

A copy of the project gets a document written for the test (tests/next_year.py): outturns for
three of the latest targets, next year's targets, a revised figure, and a printed plan with
completed investment for another year. The whole report runs on the copy.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pandas as pd
import pytest

import indicators
from indicators.data import periods
from indicators.paths import CHECKOUT_ROOT
from next_year import GDP, PLAN, add_next_year


@pytest.fixture(scope="module")
def next_year(tmp_path_factory):
    ny = add_next_year(tmp_path_factory.mktemp("next") / "project")
    indicators.build(ny.root)
    return ny


@pytest.fixture(scope="module")
def reported(next_year):
    """The copy after ``python -m indicators report``: figures, pages and the workbook."""
    result = subprocess.run([sys.executable, "-m", "indicators", "report", "--root", str(next_year.root)],
                            capture_output=True, text=True, timeout=900,
                            env={**os.environ, "INDICATORS_ROOT": str(next_year.root)})
    assert result.returncode == 0, result.stderr[-3000:]
    return next_year


def svg_text(path) -> str:
    svg = path.read_text(encoding="utf-8")
    return "".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)) or svg


def test_outturns_meet_their_targets_with_the_new_document_as_vintage(next_year):
    table = indicators.targets_vs_outturns(root=next_year.root, period=next_year.period).set_index("series_id")
    for series_id, status in next_year.statuses.items():
        row = table.loc[series_id]
        assert (row["status"], row["outturn_source_id"]) == (status, next_year.source_id), series_id
        assert row["outturn_vintage"] == f"{periods.year(next_year.period) + 1}-02-01"
    assert bool(table.loc[GDP, "met"])  # within tolerance counts as met, and says so apart


def test_the_revised_figure_keeps_both_vintages(next_year):
    series_id, period = next_year.revised
    pick = lambda frame: frame[frame["series_id"].eq(series_id) & frame["period"].eq(period)  # noqa: E731
                               & frame["kind"].eq("outturn")]
    assert pick(indicators.load(next_year.root))["value"].tolist() == [next_year.new_value]
    assert pick(indicators.load(next_year.root, vintage="first"))["value"].tolist() == [next_year.old_value]
    assert sorted(pick(indicators.load(next_year.root, vintage="all"))["value"]) == sorted(
        [next_year.old_value, next_year.new_value])


def test_the_default_period_is_the_latest_with_outturns_and_next_year_is_a_choice(next_year):
    data = indicators.load(next_year.root)
    assert indicators.choose_period(data) == next_year.period
    assert next_year.next_period in indicators.target_periods(data)
    assert indicators.choose_period(data, next_year.next_period) == next_year.next_period
    with pytest.raises(ValueError, match=r"No targets for period '1999'; the data have targets for \["):
        indicators.choose_period(data, "1999")


def test_a_printed_plan_is_a_printed_target_of_the_investment_series(next_year):
    table = indicators.targets_vs_outturns(root=next_year.root, series=[PLAN], period=next_year.plan_period)
    row = table.iloc[0]
    assert (row["target"], row["target_origin"], row["outturn"], row["status"]) == (4000, "printed", 4300, "met")


@pytest.mark.slow
def test_the_whole_report_runs_and_titles_name_the_chosen_years(reported):
    figures = reported.root / "figures"
    label = periods.label(reported.period, "zh")
    assert label in svg_text(figures / "01-gdp-targets.svg")
    track = svg_text(figures / "01-gdp-track-record.svg")
    assert f"—{periods.label(reported.next_period, 'zh')}）" in track  # the record runs to next year's targets
    data = indicators.load(reported.root)
    plan = data[data["series_id"].eq(PLAN)]
    years = set(plan.loc[plan["kind"].eq("target"), "period"]) & set(plan.loc[plan["kind"].eq("outturn"), "period"])
    assert reported.plan_period in years
    for year in years:  # every year with a plan and an outturn, the new one included
        assert (figures / f"04-joint-projects-plan-vs-actual-{year}.png").exists(), year
    import openpyxl

    book = openpyxl.load_workbook(reported.root / "reports" / "indicators.xlsx", read_only=True)
    charts = [c for row in book["图表 Charts"].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert any(c.startswith(f"{reported.period} 年增长目标") for c in charts), charts[:3]
    about = [c for row in book.worksheets[0].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert any(c.startswith(f"{reported.period}（") for c in about)


def test_the_plan_check_lists_only_years_with_a_plan_for_every_category(reported):
    from io import StringIO

    page = (reported.root / "reports" / "04-joint-projects.html").read_text(encoding="utf-8")
    tables = pd.read_html(StringIO(page))
    check = next(t for t in tables if any("Sum of the category plans" in str(c) for c in t.columns))
    years = check.iloc[:, 0].astype(str).tolist()
    # the new year prints only the total plan: no sum of category plans (never 0) to set against it
    assert periods.label(reported.plan_period, "zh") not in years, check
    assert years, check  # the years with every category's plan are still listed


@pytest.mark.slow
def test_the_invariant_tests_pass_on_the_copy(next_year):
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-m", "not slow", "-p", "no:cacheprovider",
         "tests/data", "tests/analysis", "tests/report/test_docs.py"],
        cwd=CHECKOUT_ROOT, capture_output=True, text=True, timeout=900,
        env={**os.environ, "INDICATORS_TEST_DATA": str(next_year.root)})
    assert result.returncode == 0, result.stdout[-4000:]


def test_report_refuses_a_period_that_is_not_in_the_data_listing_those_there_are(next_year, capsys):
    from indicators.cli import main

    assert main(["report", "--root", str(next_year.root), "--period", "1999"]) == 1
    err = capsys.readouterr().err
    assert "error: No targets for period '1999'; the data have targets for [" in err
    assert f"'{next_year.next_period}'" in err and "\n" not in err.strip()
