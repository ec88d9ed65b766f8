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




def test_schema_has_the_contract_columns():
    required = {"series_id", "name_zh", "name_en", "geo", "period", "kind", "measure", "value", "unit",
                "qualifier", "source_id", "quote", "method"}
    assert required <= set(schema().columns)
    assert schema().primary_key == ("series_id", "period", "kind", "origin", "vintage")
