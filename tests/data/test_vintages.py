"""Revisions are kept, not rejected: one row per figure and vintage (indicators.data.vintages)."""
from __future__ import annotations

import pytest

import indicators
from indicators.exceptions import DataValidationError
from projects import growth_series, make_project, row

GDP = "t.gdp.growth"
REPORT_A = "2024年地区生产总值增长6%。2025年目标：地区生产总值增长5.5%左右。"
BULLETIN = "统计公报：2024年地区生产总值增长6%。"
REPORT_B = "2024年地区生产总值增长5.8%（修订）。2025年地区生产总值增长5.6%。"


def project(tmp_path, documents, rows):
    return make_project(tmp_path, documents=documents, series=[growth_series(GDP, "地区生产总值增长", "GDP growth")],
                        curated={"macro": rows})


def test_the_same_value_from_two_documents_is_one_row_crediting_both(tmp_path):
    root = project(tmp_path, {"A": (REPORT_A, "2025-02-01", "2024/2025"), "B": (BULLETIN, "2025-03-15", "2024")},
                   [row(GDP, "2024", "outturn", 6, "A", "2024年地区生产总值增长6%"),
                    row(GDP, "2024", "outturn", 6, "B", "2024年地区生产总值增长6%")])
    data = indicators.build(root)
    assert len(data) == 1
    only = data.iloc[0]
    assert (only["source_id"], only["also_source_ids"], only["vintage"]) == ("A", "B", "2025-02-01")


def test_a_revised_value_is_a_second_vintage_and_load_gives_the_latest(tmp_path):
    root = project(tmp_path, {"A": (REPORT_A, "2025-02-01", "2024/2025"), "B": (REPORT_B, "2026-02-01", "2025/2026")},
                   [row(GDP, "2024", "outturn", 6, "A", "2024年地区生产总值增长6%"),
                    row(GDP, "2024", "outturn", 5.8, "B", "2024年地区生产总值增长5.8%")])
    indicators.build(root)
    assert indicators.load(root)["value"].tolist() == [5.8]
    assert indicators.load(root, vintage="first")["value"].tolist() == [6.0]
    every = indicators.load(root, vintage="all").sort_values("vintage")
    assert every[["value", "source_id", "vintage"]].astype(str).values.tolist() == [
        ["6.0", "A", "2025-02-01"], ["5.8", "B", "2026-02-01"]]


def test_a_value_that_returns_after_a_revision_is_a_third_vintage(tmp_path):
    bulletin = "统计公报（再修订）：2024年地区生产总值增长6%。"
    root = project(tmp_path, {"A": (REPORT_A, "2025-02-01", "2024/2025"), "B": (REPORT_B, "2026-02-01", "2025/2026"),
                              "C": (bulletin, "2026-04-01", "2024")},
                   [row(GDP, "2024", "outturn", 6, "A", "2024年地区生产总值增长6%"),
                    row(GDP, "2024", "outturn", 5.8, "B", "2024年地区生产总值增长5.8%"),
                    row(GDP, "2024", "outturn", 6, "C", "2024年地区生产总值增长6%")])
    indicators.build(root)
    assert indicators.load(root, vintage="all")["vintage"].tolist() == ["2025-02-01", "2026-02-01", "2026-04-01"]
    assert indicators.load(root)["source_id"].astype(str).tolist() == ["C"]


def test_the_comparison_names_the_vintage_and_document_of_the_outturn(tmp_path):
    root = project(tmp_path, {"A": (REPORT_A, "2025-02-01", "2024/2025"), "B": (REPORT_B, "2026-02-01", "2025/2026")},
                   [row(GDP, "2025", "target", 5.5, "A", "2025年目标：地区生产总值增长5.5%左右", qualifier="about"),
                    row(GDP, "2025", "outturn", 5.6, "B", "2025年地区生产总值增长5.6%")])
    indicators.build(root)
    result = indicators.targets_vs_outturns(root=root).iloc[0]
    assert (result["status"], result["outturn_source_id"], result["outturn_vintage"]) == ("met", "B", "2026-02-01")


def test_two_values_from_one_document_are_an_error_naming_both_lines(tmp_path):
    root = project(tmp_path, {"B": (REPORT_B, "2026-02-01", "2025/2026")},
                   [row(GDP, "2024", "outturn", 5.8, "B", "2024年地区生产总值增长5.8%"),
                    row(GDP, "2024", "outturn", 5.6, "B", "2025年地区生产总值增长5.6%")])
    with pytest.raises(DataValidationError, match=r"macro\.csv, line 3, column 'value': got '5\.6 %'; expected one "
                                                  r"value for t\.gdp\.growth 2024 outturn from the same document; "
                                                  r".*macro\.csv line 2 gives 5\.8 %"):
        indicators.build(root)


def test_a_document_without_a_date_is_an_error_in_sources_csv(tmp_path):
    root = project(tmp_path, {"A": (REPORT_A, "", "2024/2025")},
                   [row(GDP, "2024", "outturn", 6, "A", "2024年地区生产总值增长6%")])
    with pytest.raises(DataValidationError, match=r"sources\.csv, line 2, column 'date_published': got ''; "
                                                  r"expected a value"):
        indicators.build(root)


def test_a_date_that_is_not_a_date_is_an_error_saying_what_it_is_for(tmp_path):
    root = project(tmp_path, {"A": (REPORT_A, "Feb 2025", "2024/2025")},
                   [row(GDP, "2024", "outturn", 6, "A", "2024年地区生产总值增长6%")])
    with pytest.raises(DataValidationError, match=r"sources\.csv, line 2, column 'date_published': got 'Feb 2025'; "
                                                  r"expected the date the document was published, as YYYY-MM-DD"):
        indicators.build(root)


def test_a_vintage_from_an_unregistered_document_is_an_error(tmp_path):
    root = project(tmp_path, {"A": (REPORT_A, "2025-02-01", "2024/2025")},
                   [row(GDP, "2024", "outturn", 6, "Z", "2024年地区生产总值增长6%")])
    with pytest.raises(DataValidationError, match=r"macro\.csv, line 2, column 'source_id': got 'Z'; "
                                                  r"expected a source_id listed in data/raw/sources\.csv"):
        indicators.build(root)


def test_load_refuses_an_unknown_vintage_choice(tmp_path):
    root = project(tmp_path, {"A": (REPORT_A, "2025-02-01", "2024/2025")},
                   [row(GDP, "2024", "outturn", 6, "A", "2024年地区生产总值增长6%")])
    indicators.build(root)
    with pytest.raises(ValueError, match=r"`vintage` must be one of \['latest', 'first', 'all'\], but 'newest'"):
        indicators.load(root, vintage="newest")
