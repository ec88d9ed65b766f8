"""Derived figures (indicators/derive.py, data/raw/derivations.csv): they reproduce the printed
figures within the documents' rounding, say how they were computed, and a broken derivation
is reported with its file and line."""
from __future__ import annotations

import pytest

import indicators
from indicators.data.derive import OPERATIONS, method_inputs, method_operation
from indicators.exceptions import DataValidationError

JAN_NOV_2023, JAN_NOV_2022 = "2023-01/2023-11", "2022-01/2022-11"
CATEGORIES = ["infrastructure", "industry", "innovation", "other"]
#: services-trade levels whose Jan–Nov 2022 value is implied by the 2023 level and growth
SERVICES = ["total", "exports", "imports", "knowledge_total", "knowledge_exports", "knowledge_imports",
            "travel_total"]


def value(obs, series_id: str, period: str, kind: str = "outturn", origin: str | None = None) -> float:
    rows = obs[obs["series_id"].astype(str).eq(series_id) & obs["period"].eq(period)
               & obs["kind"].astype(str).eq(kind)]
    if origin is not None:
        rows = rows[rows["origin"].astype(str).eq(origin)]
    assert len(rows) == 1, f"expected one row for {series_id}@{period} ({kind}, {origin}), got {len(rows)}"
    return float(rows["value"].iloc[0])


def growth_name(series: str) -> str:
    return f"china.services_trade.{series}_growth"


def append_line(root, name: str, line: str) -> int:
    """Append *line* to data/raw/NAME.csv and return its line number."""
    path = root / "data/raw" / name
    text = path.read_text(encoding="utf-8")
    path.write_text(text + line + "\n", encoding="utf-8")
    return text.count("\n") + 1


def test_category_plans_sum_to_the_total_plan_within_rounding(observations):
    plan = {c: value(observations, f"sc_cq.joint_projects.{c}.investment", "2024", "target") for c in CATEGORIES}
    total = value(observations, "sc_cq.joint_projects.investment", "2024", "target")
    # each rate is printed to whole percent: a plan I/r can be off by I/(r-0.5) - I/r
    slack = 0.0
    for prefix in ["sc_cq.joint_projects"] + [f"sc_cq.joint_projects.{c}" for c in CATEGORIES]:
        invested = value(observations, f"{prefix}.investment", "2024")
        rate = value(observations, f"{prefix}.completion_rate", "2024")
        slack += invested / ((rate - 0.5) / 100) - invested / (rate / 100) + 0.5
    assert abs(sum(plan.values()) - total) <= slack
    assert abs(sum(plan.values()) - total) < 10  # 4255 against 4262 亿元


def test_implied_plans_give_back_the_printed_investment(observations):
    for prefix in ["sc_cq.joint_projects"] + [f"sc_cq.joint_projects.{c}" for c in CATEGORIES]:
        plan = value(observations, f"{prefix}.investment", "2024", "target", origin="derived")
        rate = value(observations, f"{prefix}.completion_rate", "2024")
        invested = value(observations, f"{prefix}.investment", "2024")
        assert plan * rate / 100 == pytest.approx(invested, abs=0.5 * rate / 100), prefix


def test_category_shares_add_up_to_one_hundred(observations):
    shares = [value(observations, f"sc_cq.joint_projects.{c}.share", "2024") for c in CATEGORIES]
    assert sum(shares) == pytest.approx(100, abs=0.05 * len(shares))


def test_january_to_october_plus_november_is_january_to_november(observations):
    jan_oct = value(observations, "china.services_trade.total", "2023-01/2023-10", origin="derived")
    november = value(observations, "china.services_trade.total", "2023-11", "outturn")
    jan_nov = value(observations, "china.services_trade.total", JAN_NOV_2023, "outturn")
    assert jan_oct + november == pytest.approx(jan_nov, abs=1e-6)
    assert jan_oct == pytest.approx(53454.2)


@pytest.mark.parametrize("series", SERVICES)
def test_implied_2022_level_grows_into_the_printed_2023_level(observations, series):
    base = value(observations, f"china.services_trade.{series}", JAN_NOV_2022, origin="derived")
    growth = value(observations, growth_name(series), JAN_NOV_2023, "outturn")
    printed = value(observations, f"china.services_trade.{series}", JAN_NOV_2023, "outturn")
    # the 2022 level keeps one decimal: rounding it moves 2023 by at most 0.05 × (1 + g)
    assert base * (1 + growth / 100) == pytest.approx(printed, abs=0.05 * (1 + growth / 100) + 1e-9)


@pytest.mark.parametrize(("total", "parts"), [
    ("total", ["exports", "imports"]),
    ("knowledge_total", ["knowledge_exports", "knowledge_imports"]),
])
def test_implied_2022_parts_add_up_within_the_rounding_of_growth_rates(observations, total, parts):
    def slack(series: str) -> float:  # growth printed to 0.1 %: level × 0.0005 ÷ (1 + g)²
        level = value(observations, f"china.services_trade.{series}", JAN_NOV_2023, "outturn")
        growth = value(observations, growth_name(series), JAN_NOV_2023, "outturn") / 100
        return level * 0.0005 / (1 + growth) ** 2 + 0.5

    whole = value(observations, f"china.services_trade.{total}", JAN_NOV_2022, origin="derived")
    summed = sum(value(observations, f"china.services_trade.{p}", JAN_NOV_2022, origin="derived") for p in parts)
    assert abs(whole - summed) <= sum(map(slack, [total] + parts))


def test_shares_are_computed_from_the_printed_parts(observations):
    share = value(observations, "china.services_trade.knowledge_share", JAN_NOV_2023)
    assert share == pytest.approx(round(24351.5 / 58902 * 100, 1))
    travel = value(observations, "china.services_trade.travel_share", JAN_NOV_2023)
    assert travel == pytest.approx(round(13148.8 / 58902 * 100, 1))
    balance = value(observations, "china.services_trade.knowledge_balance", JAN_NOV_2023)
    assert balance == pytest.approx(13895 - 10456.5)


def test_product_multiplies_by_a_plain_multiplier(observations):
    urban = value(observations, "chengdu.urban_income.per_capita", "2023", origin="derived")
    assert urban == pytest.approx(32500 * 1.77, abs=0.5)
    row = observations[observations["series_id"].astype(str).eq("chengdu.urban_income.per_capita")]
    assert row["qualifier"].astype(str).item() == "about"  # the rural income is '32500元以上'


def test_derived_rows_carry_a_method_and_no_source_or_quote(observations):
    derived = observations[observations["origin"].astype(str).eq("derived")]
    assert len(derived) >= 20
    assert derived["method"].str.len().gt(0).all()
    assert derived["source_id"].astype(str).eq("").all()
    assert derived["quote"].eq("").all()
    assert derived["method"].str.contains("@").all()  # names the inputs with their periods


@pytest.mark.parametrize(("row", "problem"), [
    ("sc_cq.joint_projects.investment,1900,target,divide_by_pct,sc_cq.joint_projects.investment@1900; "
     "sc_cq.joint_projects.completion_rate@1900,亿元,0,",
     r"column 'inputs'.*not found: \['sc_cq\.joint_projects\.investment@1900', "
     r"'sc_cq\.joint_projects\.completion_rate@1900'\]"),
    ("sc_cq.joint_projects.investment,1900,target,ratio_of,sc_cq.joint_projects.investment@1900; "
     "sc_cq.joint_projects.completion_rate@1900,亿元,0,",
     r"column 'operation': got 'ratio_of'; expected one of \["),
    ("sc_cq.joint_projects.investment,1900,plan,divide_by_pct,sc_cq.joint_projects.investment@1900; "
     "sc_cq.joint_projects.completion_rate@1900,亿元,0,",
     r"column 'kind': got 'plan'; expected outturn, target or estimate"),
    ("sc_cq.joint_projects.investment,1900,outturn,times_pct,sc_cq.joint_projects.investment@1900:target; "
     "sc_cq.joint_projects.completion_rate@1900,亿元,0,",
     r"column 'inputs'.*not found: \['sc_cq\.joint_projects\.investment@1900:target'"),
], ids=["missing-input", "unknown-operation", "unknown-kind", "missing-target-input"])
def test_a_bad_derivation_is_reported_with_file_and_line(project_copy, row, problem):
    line = append_line(project_copy, "derivations.csv", row)
    with pytest.raises(DataValidationError, match=rf"derivations\.csv, line {line}, {problem}"):
        indicators.build(project_copy)


def test_a_method_names_the_inputs_it_was_computed_from(observations):
    derived = observations[observations["origin"].astype(str).eq("derived")]
    assert len(derived) > 0
    keys = set(zip(*(observations[c].astype(str) for c in ("series_id", "period", "kind"))))
    for r in derived.itertuples(index=False):
        inputs = method_inputs(r.method)
        assert len(inputs) == 2 and all(i in keys for i in inputs), r.method
        assert method_operation(r.method) in OPERATIONS


def test_identity_on_derived_plans_is_checked(project_copy):
    path = project_copy / "data/raw/identities.csv"
    text = path.read_text(encoding="utf-8")
    old = "sc_cq.joint_projects.other.investment,38,"
    assert old in text
    path.write_text(text.replace(old, "sc_cq.joint_projects.other.investment,1,"), encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"identities\.csv, line \d+, column 'rhs': "
                                                  r"got 'sc_cq\.joint_projects\.investment - \("):
        indicators.build(project_copy)
