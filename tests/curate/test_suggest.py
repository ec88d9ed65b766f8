"""``suggest`` on documents written for the tests: a new report drafted into rows that
build unchanged, the non-figures it leaves out, ``--existing``, and bad input."""
from __future__ import annotations

import csv

import pytest

import indicators
from indicators import cli
from indicators.curate.read import read_text
from indicators.curate.suggest import COLUMNS, suggest, write_draft
from indicators.exceptions import DocumentError, IndicatorsError, UnregisteredSourceError

from projects import HEADERS, make_project, write_csv

#: a report excerpt in its own wording: last year's outturns, then this year's targets
REPORT = """2031年某市政府工作报告（测试用虚构文本）
一、2030年工作回顾
过去一年，全市地区生产总值增长5.8%，社会消费品零售总额增长4.2%，城镇调查失业率为5.1%。
全年新开工重点项目120个，重点项目完成投资2100亿元。
举办第12届城市运动会，开通地铁9号线。
二、2031年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，社会消费品零售总额增长6%，城镇调查失业率控制在5.5%以内。
"""
SERIES = [
    dict(series_id="city.gdp.real_growth", topic="output", geo="CD", measure="yoy_pct",
         name_zh="地区生产总值增长", name_en="GDP, real growth"),
    dict(series_id="city.retail_sales.growth", topic="consumption", geo="CD", measure="yoy_pct",
         name_zh="社会消费品零售总额增长", name_en="Retail sales, growth"),
    dict(series_id="city.unemployment.surveyed_rate", topic="employment_income", geo="CD", measure="rate_pct",
         name_zh="城镇调查失业率", name_en="Surveyed urban unemployment rate"),
    dict(series_id="city.key_projects.new_starts", topic="investment", geo="CD", measure="count",
         name_zh="新开工重点项目", name_en="Key projects started"),
    dict(series_id="city.key_projects.investment", topic="investment", geo="CD", measure="level",
         name_zh="重点项目完成投资", name_en="Key projects, investment completed"),
]
#: what an analyst would curate from REPORT: (series, period, kind, value, unit, qualifier)
EXPECTED = {
    ("city.gdp.real_growth", "2030", "outturn", "5.8", "%", "exact"),
    ("city.retail_sales.growth", "2030", "outturn", "4.2", "%", "exact"),
    ("city.unemployment.surveyed_rate", "2030", "outturn", "5.1", "%", "exact"),
    ("city.key_projects.new_starts", "2030", "outturn", "120", "个", "exact"),
    ("city.key_projects.investment", "2030", "outturn", "2100", "亿元", "exact"),
    ("city.gdp.real_growth", "2031", "target", "5.5", "%", "about"),
    ("city.retail_sales.growth", "2031", "target", "6", "%", "exact"),
    ("city.unemployment.surveyed_rate", "2031", "target", "5.5", "%", "at_most"),
}


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path, documents={"S_NEW": (REPORT, "2031-02-01", "2030/2031")},
                        series=SERIES, curated={})


def _rows(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_a_new_report_drafts_every_figure_with_series_kind_and_period(project, tmp_path):
    assert cli.main(["--root", str(project), "suggest", str(project / "data/raw/sources/s_new.txt"),
                     "--source-id", "S_NEW", "--output", str(tmp_path / "draft.csv")]) == 0
    rows = _rows(tmp_path / "draft.csv")
    assert list(rows[0]) == COLUMNS
    got = {(r["series_id"], r["period"], r["kind"], r["value"], r["unit"], r["qualifier"]) for r in rows}
    assert got == EXPECTED
    assert all(r["quote"] and r["quote"] in REPORT for r in rows)


def test_the_draft_copied_into_curated_builds_unchanged(project, tmp_path):
    draft = suggest(read_text(project / "data/raw/sources/s_new.txt"), source_id="S_NEW", root=project)
    write_draft(draft, tmp_path / "draft.csv", root=project)
    kept = [r for r in _rows(tmp_path / "draft.csv") if r["series_id"]]
    write_csv(project / "data/raw/curated/new_report.csv", HEADERS["curated"], kept)
    built = indicators.build(project)
    assert len(built) == len(kept) == len(EXPECTED)
    assert set(built["source_id"].astype(str)) == {"S_NEW"}


def test_dates_ordinals_and_line_numbers_are_left_out_and_listed_with_all(project):
    text = read_text(project / "data/raw/sources/s_new.txt")
    figures = suggest(text, source_id="S_NEW", root=project)
    assert not {"12", "9", "2031", "2030"} & set(figures["value"])
    everything = suggest(text, source_id="S_NEW", root=project, include_all=True)
    reasons = dict(zip(everything["value"], everything["review"]))
    assert reasons["12"].startswith("not a figure: an ordinal")
    assert reasons["2030"].startswith("not a figure: part of a date")
    assert reasons["9"].startswith("not a figure")
    assert len(everything) > len(figures)


def test_existing_lists_only_figures_neither_curated_nor_excluded(project):
    text = read_text(project / "data/raw/sources/s_new.txt")
    draft = suggest(text, source_id="S_NEW", root=project)
    write_csv(project / "data/raw/curated/new_report.csv", HEADERS["curated"], draft[draft["kind"] == "outturn"].to_dict("records"))
    (project / "data/raw/coverage_exclusions.csv").write_text(
        "source_id,fragment,reason\nS_NEW,城镇调查失业率控制在5.5%以内,test exclusion\n", encoding="utf-8")
    left = suggest(text, source_id="S_NEW", root=project, existing=True)
    assert set(left["value"]) == {"5.5", "6"}
    assert list(left["quote"]) == ["地区生产总值增长5.5%左右", "社会消费品零售总额增长6%"]


def test_gb18030_text_reads_like_utf8(project, tmp_path):
    path = tmp_path / "report_gbk.txt"
    path.write_bytes(REPORT.encode("gb18030"))
    assert read_text(path) == REPORT


@pytest.mark.parametrize("content, message", [
    (b"\x00\x01binary", "not a text file"),
    (b"\xff\xfe\xfa\xfb\x80\x80\xff", "neither UTF-8 nor GB18030"),
    (b"  \n", "empty"),
])
def test_unreadable_documents_get_one_line_saying_what_to_do(tmp_path, content, message):
    path = tmp_path / "doc.txt"
    path.write_bytes(content)
    with pytest.raises(DocumentError, match=message):
        read_text(path)


def test_a_missing_file_and_an_unregistered_source_are_one_error_line(project, tmp_path, capsys):
    assert cli.main(["--root", str(project), "suggest", str(tmp_path / "missing.txt"), "--source-id", "S_NEW"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "missing.txt: cannot read it" in err[0]
    with pytest.raises(UnregisteredSourceError, match="'S_OTHER' is not in .*sources.csv; add a row"):
        suggest(REPORT, source_id="S_OTHER", root=project)


def test_the_draft_is_never_written_under_data_raw_and_a_failed_write_keeps_the_old_file(project, tmp_path):
    draft = suggest(REPORT, source_id="S_NEW", root=project)
    with pytest.raises(IndicatorsError, match="under .*data/raw.*write the draft elsewhere"):
        write_draft(draft, project / "data/raw/curated/draft.csv", root=project)
    assert not (project / "data/raw/curated/draft.csv").exists()
    target = tmp_path / "draft.csv"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(KeyError):
        write_draft(draft.drop(columns="review"), target, root=project)
    assert target.read_text(encoding="utf-8") == "old\n"
