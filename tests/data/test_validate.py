"""Schema, provenance and identity checks, run through `indicators.build` on a broken copy."""
from __future__ import annotations

import re

import pytest

import indicators
from indicators.exceptions import DataValidationError
from indicators.data.schema import schema

SERVICES = "data/raw/curated/services_trade.csv"
PROJECTS = "data/raw/curated/joint_projects.csv"


def edit(root, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}: the fixture data changed"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root, rel: str, fragment: str) -> int:
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, text in enumerate(lines, 1) if fragment in text)


def test_real_data_pass_every_check(built_root, observations):
    assert len(observations) > 0
    assert set(observations["kind"].unique()) <= {"outturn", "target", "estimate"}


@pytest.mark.parametrize(("old", "new", "column", "expected"), [
    (",outturn,58902,", ",actual,58902,", "kind", "one of ['outturn'"),
    (",58902,亿元,", ",58902,亿圆,", "unit", "a unit listed in data/raw/units.csv"),
    ("58902,亿元,exact,S000", "58902,亿元,roughly,S000", "qualifier", "listed in data/raw/qualifiers.csv"),
    ("58902,亿元,exact,S000", "58902,亿元,exact,S999", "source_id", "a source_id listed in data/raw/sources.csv"),
    ("china.services_trade.total,2023-01/2023-11", "china.services_trade.totl,2023-01/2023-11",
     "series_id", "a series_id listed in data/raw/series.csv"),
    ("china.services_trade.total,2023-01/2023-11", "china.services_trade.total,2023-1/2023-11",
     "period", "an ISO 8601 period"),
    ("china.services_trade.total,2023-01/2023-11", "china.services_trade.total,2023-13",
     "period", "months 01-12"),
    ("china.services_trade.total,2023-01/2023-11", "china.services_trade.total,2023-11/2023-01",
     "period", "start before end"),
])
def test_schema_breaks_name_file_line_and_column(project_copy, old, new, column, expected):
    line = line_of(project_copy, SERVICES, old)
    edit(project_copy, SERVICES, old, new)
    with pytest.raises(DataValidationError) as err:
        indicators.build(project_copy)
    assert f"services_trade.csv, line {line}, column '{column}'" in str(err.value)
    assert expected in str(err.value)


def test_quote_not_in_source_is_rejected(project_copy):
    edit(project_copy, SERVICES, "服务贸易逆差10753.6亿元", "服务贸易逆差达10753.6亿元")
    with pytest.raises(DataValidationError, match=r"column 'quote': got '服务贸易逆差达10753.6亿元'; expected text "
                                                  r"that occurs verbatim"):
        indicators.build(project_copy)


def test_quote_spread_over_lines_and_spaced_characters_is_found(project_copy):
    # S000 prints "同 比 增 长 1.4%" across a line break; the curated quote has no spaces
    text = (project_copy / "data/raw/sources/000_d42bc7caaa2bb36d.txt").read_text(encoding="utf-8")
    assert "口 同 比 增 长 1.4% ，进 口 同 比 增 长\n24.4%" in text
    frame = indicators.build(project_copy)
    assert frame.query("series_id == 'china.services_trade.imports_growth' and period == '2023-11'").value.item() == 24.4


@pytest.mark.parametrize(("old", "new", "message"), [
    pytest.param(",10753.6,亿元,", ",10753.7,亿元,",
                 r"column 'value': got 10753.7; expected a value printed in the quote", id="value-not-in-quote"),
    # 58 is a substring of 58902 but not a number printed in the quote
    pytest.param("outturn,9,%,exact,S000", "outturn,58,%,exact,S000",
                 r"got 58\.0; expected a value printed in the quote", id="value-must-be-a-whole-number"),
    pytest.param(",10753.6,亿元,exact,", ",10753.6,亿元,about,",
                 r"column 'qualifier': got 'about'", id="qualifier-must-be-worded"),
    pytest.param("服务贸易逆差10753.6亿元,,", "服务贸易逆差10753.6亿元,S004,",
                 r"document named by also_source_ids", id="corroborating-source-must-contain-quote"),
    pytest.param(",S000,服务贸易逆差10753.6亿元,", ",S000,,",
                 r"column 'quote': got ''; expected a quote on a printed figure", id="printed-row-needs-quote"),
    pytest.param(",outturn,10753.6,", ",derived,10753.6,",
                 r"column 'kind': got 'derived'; expected outturn, target or estimate", id="curated-row-not-derived"),
])
def test_provenance_breaks_are_rejected(project_copy, old, new, message):
    edit(project_copy, SERVICES, old, new)
    with pytest.raises(DataValidationError, match=message):
        indicators.build(project_copy)


@pytest.mark.parametrize(("rel", "old", "new", "identity"), [
    (PROJECTS, "industry.investment,2024,outturn,1561,", "industry.investment,2024,outturn,1516,",
     "sc_cq.joint_projects.investment"),
    (PROJECTS, "innovation.count,2024,outturn,31,", "innovation.count,2024,outturn,13,",
     "sc_cq.joint_projects.count"),
])
def test_accounting_identities(project_copy, rel, old, new, identity):
    edit(project_copy, rel, old, new)
    # the value check fails too (the quote prints 1561); the identity is reported as well
    with pytest.raises(DataValidationError, match=rf"identities.csv, line \d+, column 'rhs': got '{re.escape(identity)} - "):
        indicators.build(project_copy)


def test_identity_on_services_trade_catches_a_wrong_total(project_copy):
    edit(project_copy, "data/raw/identities.csv", "services_trade_total,2023-01/2023-11,outturn,china.services_trade.total,"
         "china.services_trade.exports + china.services_trade.imports,0.1",
         "services_trade_total,2023-01/2023-11,outturn,china.services_trade.total,"
         "china.services_trade.exports + china.services_trade.deficit,0.1")
    with pytest.raises(DataValidationError, match=r"identities.csv, line 2, column 'rhs'.*= 24074.2 亿元"):
        indicators.build(project_copy)


def test_every_problem_is_reported_in_one_run(project_copy):
    edit(project_copy, SERVICES, ",10753.6,亿元,", ",10753.7,亿元,")
    edit(project_copy, SERVICES, "58902,亿元,exact,S000", "58902,亿元,exact,S999")
    value_line = line_of(project_copy, SERVICES, ",10753.7,亿元,")
    source_line = line_of(project_copy, SERVICES, "58902,亿元,exact,S999")
    with pytest.raises(DataValidationError) as err:
        indicators.build(project_copy)
    found = {(p.file.replace("\\", "/").endswith(SERVICES), p.line, p.column, p.value) for p in err.value.problems}
    assert (True, value_line, "value", 10753.7) in found
    assert (True, source_line, "source_id", "S999") in found




# --- each row against its own number in the quote ------------------------------------------

def problems_of(root) -> list:
    with pytest.raises(DataValidationError) as err:
        indicators.build(root)
    return err.value.problems


@pytest.mark.parametrize(("old", "new", "column", "expected"), [
    pytest.param("outturn,-6.8,%,exact,S000", "outturn,6.8,%,exact,S000", "value",
                 "-6.8, a decline: the quote prints 「下降6.8%」 there", id="decline-stored-positive"),
    pytest.param("outturn,24074.2,亿元,exact", "outturn,24074.2,万元,exact", "unit",
                 "'亿元': the quote prints 「24074.2亿元」 there", id="unit-one-step-off"),
    pytest.param("outturn,58902,亿元,exact", "outturn,58902,亿元,more_than", "qualifier",
                 "'exact': the quote prints 「58902亿元」 there", id="qualifier-the-number-lacks"),
    pytest.param("2023-01/2023-11,outturn,58902", "2023-01/2023-11,target,58902", "kind",
                 "'outturn': the period was over when S000 appeared on 2024-01-04", id="outturn-as-target"),
    pytest.param("china.services_trade.total,2023-01/2023-11", "china.services_trade.total,2022-01/2022-11",
                 "period", "a period within S000's reporting period 2023-01/2023-11", id="period-a-year-off"),
])
def test_each_slip_is_named_with_what_the_quote_prints(project_copy, old, new, column, expected):
    line = line_of(project_copy, SERVICES, old)
    edit(project_copy, SERVICES, old, new)
    found = [p for p in problems_of(project_copy) if p.line == line and p.file.endswith("services_trade.csv")
             and "keeps the identity" not in p.expected]  # a slip that moves an identity is named there too
    assert [p.column for p in found] == [column]
    assert found[0].expected.startswith(expected), found[0].expected


def test_gdp_growth_is_not_qualified_by_the_other_number_of_its_quote(project_copy):
    rel = "data/raw/curated/chengdu_macro.csv"
    line = line_of(project_copy, rel, "chengdu.gdp.real_growth,2023")
    edit(project_copy, rel, "chengdu.gdp.real_growth,2023,outturn,6,%,exact", "chengdu.gdp.real_growth,2023,outturn,6,%,more_than")
    found = [str(p) for p in problems_of(project_copy) if p.line == line]
    assert found == [f"{found[0].split(',')[0]}, line {line}, column 'qualifier': got 'more_than'; expected "
                     "'exact': the quote prints 「6%」 there, with no qualifier marker of data/raw/qualifiers.csv "
                     "attached; if row and quote are both right, add the row to data/raw/validation_exceptions.csv "
                     "with a reason"]


def test_target_for_the_documents_year_cannot_be_an_outturn(project_copy):
    rel = "data/raw/curated/targets_2024.csv"
    edit(project_copy, rel, "chengdu.gdp.real_growth,2024,target,6", "chengdu.gdp.real_growth,2024,outturn,6")
    assert any(p.column == "kind" and "had not ended when S004 appeared on 2024-02-07" in p.expected
               for p in problems_of(project_copy))


EXCEPTIONS = "data/raw/validation_exceptions.csv"


def test_an_exception_needs_a_reason_and_goes_stale_when_the_row_passes(project_copy):
    edit(project_copy, EXCEPTIONS, "Printed as 622万 (人才总量): the people are implied by the subject", "")
    problems = problems_of(project_copy)
    assert [(p.column, p.expected[:9]) for p in problems if p.file.endswith("validation_exceptions.csv")] == \
        [("reason", "a reason:")]


def test_a_stale_exception_is_reported(project_copy):
    # the exception names a unit the row no longer has: the row is checked (and fails) again
    edit(project_copy, "data/raw/curated/plenary_2023.csv", "2023,outturn,622,万人", "2023,outturn,622,人")
    problems = problems_of(project_copy)
    assert any(p.file.endswith("plenary_2023.csv") and p.column == "unit" for p in problems)
    assert any(p.file.endswith("validation_exceptions.csv") and "remove the line" in p.expected for p in problems)


def test_without_its_exception_a_genuine_oddity_fails(project_copy):
    path = project_copy / EXCEPTIONS
    path.write_text("\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                               if "chengdu.cpi.index" not in line) + "\n", encoding="utf-8")
    assert [(p.column, p.value) for p in problems_of(project_copy)] == [("unit", "指数")]


def test_broken_identity_names_the_curated_rows_that_feed_it(project_copy):
    line = line_of(project_copy, PROJECTS, "industry.investment,2024,outturn,1561,")
    edit(project_copy, PROJECTS, "industry.investment,2024,outturn,1561,", "industry.investment,2024,outturn,1516,")
    problems = problems_of(project_copy)
    identity = next(p for p in problems if p.file.endswith("identities.csv") and p.column == "rhs")
    assert f"joint_projects.csv line {line} (sc_cq.joint_projects.industry.investment 1516 亿元)" in identity.expected
    fed = [p for p in problems if p.file.endswith("joint_projects.csv")
           and "keeps the identity joint_projects_investment " in p.expected]
    assert len(fed) == 5 and line in {p.line for p in fed}  # the total and its four categories


@pytest.mark.parametrize("text", ['=HYPERLINK("http://example.com","click")', "=1+1", "@SUM(1+1)", "+1+1", "-2+3"])
def test_text_a_spreadsheet_would_run_is_rejected(project_copy, text):
    line = line_of(project_copy, SERVICES, "下降 printed: stored negative")
    edit(project_copy, SERVICES, "下降 printed: stored negative", '"' + text.replace('"', '""') + '"')
    problems = problems_of(project_copy)
    assert [(p.line, p.column, p.value) for p in problems] == [(line, "note", text)]
    assert "Excel and LibreOffice run such a cell as a formula" in problems[0].expected


def test_a_plain_number_in_a_note_is_not_a_formula(project_copy):
    edit(project_copy, SERVICES, "下降 printed: stored negative", "-6.8")
    indicators.build(project_copy)


def test_cli_groups_every_problem_by_file_and_writes_a_long_list_to_reports(project_copy, capsys):
    from indicators.cli import main

    for rel in (SERVICES, PROJECTS):
        path = project_copy / rel
        path.write_text(path.read_text(encoding="utf-8").replace(",exact,", ",about,"), encoding="utf-8")
    assert main(["validate", "--root", str(project_copy)]) == 1
    err = capsys.readouterr().err
    listing = project_copy / "reports" / "validation-problems.txt"
    assert f"the full list is in {listing}" in err
    full = listing.read_text(encoding="utf-8").splitlines()
    assert full[0].startswith(f"{len(full) - 3} problem(s) in the data, by file:")
    assert [ln for ln in full if not ln.startswith("  ")][1:] == [
        f"{project_copy / PROJECTS}:", f"{project_copy / SERVICES}:"]
    assert not (project_copy / "data/raw" / "validation-problems.txt").exists()


def test_cli_prints_a_short_list_whole(project_copy, capsys):
    from indicators.cli import main

    edit(project_copy, SERVICES, "outturn,-6.8,%,exact,S000", "outturn,6.8,%,exact,S000")
    assert main(["validate", "--root", str(project_copy)]) == 1
    err = capsys.readouterr().err
    assert "services_trade.csv:\n  " in err and "full list" not in err
    assert not (project_copy / "reports").exists()


def test_schema_has_the_contract_columns():
    required = {"series_id", "name_zh", "name_en", "geo", "period", "kind", "measure", "value", "unit",
                "qualifier", "source_id", "quote", "method"}
    assert required <= set(schema().columns)
    assert schema().primary_key == ("series_id", "period", "kind", "origin", "vintage")
