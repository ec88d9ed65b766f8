"""The two prose comments of `targets_vs_outturns` (indicators/analysis/attainment.py), word
for word: every status, both languages, printed and derived figures, qualifiers, bounded
baselines, rates and levels, period shapes and the digits of awkward numbers.

The expectations are written out literally. The property test compares every comment with
a sentence built row by row in this file from the words of :mod:`indicators._words` and
:func:`indicators.data.periods.label`, the verdict and ambition taken from the output's own
numeric columns (which the tests of ``test_attainment.py`` pin)."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import indicators
from fixtures import observation
from indicators import _words
from indicators.data import periods

#: one fixture series per case: its rows as (period, kind, value, unit, qualifier, origin), the
#: series' measure, and the comments expected for its one target
CASES = {
    "met_rate_about": ("yoy_pct", [
        ("2024", "target", 6, "%", "about", "printed"), ("2024", "outturn", 6.2, "%", "exact", "printed"),
        ("2023", "outturn", 5.2, "%", "exact", "printed")],
        "达成：2024年实际6.2%，目标6%左右，比目标高0.2个百分点。目标比2023年实际（5.2%）高0.8个百分点。",
        "Met: 2024 outturn 6.2% against a target of about 6% (gap +0.2 percentage points). "
        "Ambition: +0.8 percentage points on the 2023 outturn of 5.2%."),
    "within_tolerance_rate_no_baseline": ("yoy_pct", [
        ("2024", "target", 6, "%", "about", "printed"), ("2024", "outturn", 5.7, "%", "exact", "printed")],
        "容差内：2024年实际5.7%，目标6%左右，比目标低0.3个百分点。没有2023年实际数，无法衡量目标力度。",
        "Within tolerance: 2024 outturn 5.7% against a target of about 6% (gap -0.3 percentage points). "
        "No 2023 outturn to measure the target's ambition against."),
    "not_met_level_derived_outturn_bounded_baseline": ("level", [
        ("2024", "target", 2.4, "万亿元", "at_least", "printed"),
        ("2024", "outturn", 2.3, "万亿元", "exact", "derived"),
        ("2023", "outturn", 2.2, "万亿元", "more_than", "printed")],
        "未达成：2024年实际（推算）2.3万亿元，目标2.4万亿元以上，比目标低0.1万亿元。"
        "2023年基数仅公布为超过2.2万亿元，目标力度为近似值：至多高9.09%。",
        "Not met: 2024 outturn (derived) 2.3 万亿元 against a target of at least 2.4 万亿元 (gap -0.1 万亿元). "
        "Ambition approximate: the 2023 baseline is printed as more than 2.2 万亿元, so the target asks for "
        "at most +9.09%."),
    "undetermined_flat_ambition": ("level", [
        ("2024", "target", 2.5, "万亿元", "exact", "printed"),
        ("2024", "outturn", 2.2, "万亿元", "more_than", "printed"),
        ("2023", "outturn", 2.5, "万亿元", "exact", "printed")],
        "无法判定：2024年实际数仅公布为超过2.2万亿元，不足以判断是否达到目标2.5万亿元。目标与2023年实际（2.5万亿元）持平。",
        "Undetermined: the 2024 outturn is printed only as more than 2.2 万亿元, which does not settle a target "
        "of 2.5 万亿元. Ambition: none; the target repeats the 2023 outturn of 2.5 万亿元."),
    "not_comparable": ("level", [
        ("2024", "target", 25, "亿美元", "at_least", "printed"), ("2024", "outturn", 180, "亿元", "exact", "printed"),
        ("2023", "outturn", 20, "亿美元", "exact", "printed")],
        "口径不同：2024年实际数单位为亿元，目标单位为亿美元，计量对象不同，文件未给出换算关系。目标比2023年实际（20亿美元）高25%。",
        "Not comparable: the 2024 outturn is in 亿元 (money_cny) and the target in 亿美元 (money_usd); the "
        "documents give no conversion. Ambition: +25% on the 2023 outturn of 20 亿美元."),
    "no_outturn_derived_target_zero_baseline": ("count", [
        ("2024", "target", 10, "个", "at_least", "derived"), ("2023", "outturn", 0, "个", "exact", "printed")],
        "尚无2024年实际数或预计数。基数为0个，按百分比计算目标力度没有意义。",
        "No outturn or estimate for 2024 in the data yet. Ambition not computed: a percent change from a "
        "baseline of 0 个 is not meaningful."),
    "met_estimate_about_derived_ceiling": ("rate_pct", [
        ("2024", "target", 7, "%", "at_most", "derived"), ("2024", "estimate", 5.5, "%", "about", "printed"),
        ("2023", "outturn", 6, "%", "about", "printed")],
        "达成：2024年预计5.5%左右，目标7%以内（推算），比目标低1.5个百分点。2023年基数仅公布为6%左右，目标力度为近似值：约高1个百分点。",
        "Met: 2024 estimate about 5.5% against a target of at most 7% (derived) (gap -1.5 percentage points). "
        "Ambition approximate: the 2023 baseline is printed as about 6%, so the target asks for about "
        "+1 percentage points."),
    "met_level_no_gap_baseline_in_dollars": ("level", [
        ("2024", "target", 100, "亿元", "exact", "printed"), ("2024", "outturn", 100, "亿元", "exact", "printed"),
        ("2023", "outturn", 12, "亿美元", "exact", "printed")],
        "达成：2024年实际100亿元，目标100亿元，与目标持平。2023年实际数单位为亿美元，与目标单位亿元不可比，未计算目标力度。",
        "Met: 2024 outturn 100 亿元 against a target of 100 亿元 (gap 0 亿元). Ambition not computed: the 2023 "
        "outturn is in 亿美元 (money_usd), the target in 亿元 (money_cny)."),
    "within_tolerance_level_converted_floor_baseline": ("level", [
        ("2024", "target", 1000, "亿元", "about", "printed"),
        ("2024", "outturn", 0.099, "万亿元", "exact", "printed"),
        ("2023", "outturn", 900, "亿元", "at_least", "printed")],
        "容差内：2024年实际990亿元，目标1000亿元左右，比目标低10亿元。2023年基数仅公布为900亿元以上，目标力度为近似值：至多高11.11%。",
        "Within tolerance: 2024 outturn 990 亿元 against a target of about 1000 亿元 (gap -10 亿元). Ambition "
        "approximate: the 2023 baseline is printed as at least 900 亿元, so the target asks for at most +11.11%."),
    "not_met_more_than_target_ceiling_outturn": ("yoy_pct", [
        ("2024", "target", 5, "%", "more_than", "printed"), ("2024", "outturn", 4, "%", "at_most", "printed"),
        ("2023", "outturn", 8, "%", "exact", "printed")],
        "未达成：2024年实际4%以内，目标超过5%，比目标低1个百分点。目标比2023年实际（8%）低3个百分点。",
        "Not met: 2024 outturn at most 4% against a target of more than 5% (gap -1 percentage points). "
        "Ambition: -3 percentage points on the 2023 outturn of 8%."),
    "met_year_to_date": ("yoy_pct", [
        ("2024-01/2024-11", "target", 5, "%", "exact", "printed"),
        ("2024-01/2024-11", "outturn", 5.3, "%", "exact", "printed"),
        ("2023-01/2023-11", "outturn", 4.8, "%", "exact", "printed")],
        "达成：2024年1-11月实际5.3%，目标5%，比目标高0.3个百分点。目标比2023年1-11月实际（4.8%）高0.2个百分点。",
        "Met: Jan-Nov 2024 outturn 5.3% against a target of 5% (gap +0.3 percentage points). "
        "Ambition: +0.2 percentage points on the Jan-Nov 2023 outturn of 4.8%."),
    "met_level_in_percent": ("level", [
        ("2024", "target", 60, "%", "at_least", "printed"), ("2024", "outturn", 60.5, "%", "exact", "printed"),
        ("2023", "outturn", 50, "%", "exact", "printed")],
        "达成：2024年实际60.5%，目标60%以上，比目标高0.5%。目标比2023年实际（50%）高20%。",
        "Met: 2024 outturn 60.5% against a target of at least 60% (gap +0.5%). "
        "Ambition: +20% on the 2023 outturn of 50%."),
    "no_outturn_month": ("yoy_pct", [("2024-03", "target", 3, "%", "exact", "printed")],
        "尚无2024年3月实际数或预计数。没有2023年3月实际数，无法衡量目标力度。",
        "No outturn or estimate for Mar 2024 in the data yet. No Mar 2023 outturn to measure the target's "
        "ambition against."),
    "met_negative_rates": ("yoy_pct", [
        ("2024", "target", -2, "%", "at_least", "printed"), ("2024", "outturn", -1.5, "%", "exact", "printed"),
        ("2023", "outturn", -3.004, "%", "exact", "printed")],
        "达成：2024年实际-1.5%，目标-2%以上，比目标高0.5个百分点。目标比2023年实际（-3%）高1个百分点。",
        "Met: 2024 outturn -1.5% against a target of at least -2% (gap +0.5 percentage points). "
        "Ambition: +1 percentage points on the 2023 outturn of -3%."),
    "met_by_a_gap_that_prints_as_zero_and_rounding_ties": ("yoy_pct", [
        ("2024", "target", 2, "%", "exact", "printed"), ("2024", "outturn", 2.004, "%", "exact", "printed"),
        ("2023", "outturn", 0.125, "%", "exact", "printed")],
        "达成：2024年实际2%，目标2%，比目标高0个百分点。目标比2023年实际（0.12%）高1.88个百分点。",
        "Met: 2024 outturn 2% against a target of 2% (gap +0 percentage points). "
        "Ambition: +1.88 percentage points on the 2023 outturn of 0.12%."),
    "met_large_count": ("count", [
        ("2024", "target", 12000000, "个", "at_least", "printed"),
        ("2024", "outturn", 12345678.91, "个", "exact", "printed"),
        ("2023", "outturn", 11000000, "个", "exact", "printed")],
        "达成：2024年实际12345678.91个，目标12000000个以上，比目标高345678.91个。目标比2023年实际（11000000个）高9.09%。",
        "Met: 2024 outturn 12345678.91 个 against a target of at least 12000000 个 (gap +345678.91 个). "
        "Ambition: +9.09% on the 2023 outturn of 11000000 个."),
}


def _case_data() -> pd.DataFrame:
    return pd.DataFrame([observation(f"s.{name}", period, kind, value, unit, qualifier, measure, origin=origin)
                         for name, (measure, rows, _, _) in CASES.items()
                         for period, kind, value, unit, qualifier, origin in rows])


@pytest.fixture(scope="module")
def all_cases() -> pd.DataFrame:
    """The comments of every case, computed in one call (so rows of every kind are mixed)."""
    return indicators.targets_vs_outturns(_case_data()).set_index("series_id")


@pytest.mark.parametrize("name", list(CASES))
def test_comment_words_are_pinned(all_cases, name):
    _, _, zh, en = CASES[name]
    row = all_cases.loc[f"s.{name}"]
    assert row["comment_zh"] == zh
    assert row["comment_en"] == en


def test_every_status_is_covered_by_the_pinned_cases(all_cases):
    from indicators.analysis.attainment import STATUSES
    assert set(all_cases["status"]) == set(STATUSES)


def test_a_case_alone_reads_as_in_the_mix(all_cases):
    # the comments of a row do not depend on which other rows share the table
    for name in ("undetermined_flat_ambition", "not_comparable", "no_outturn_month"):
        alone = indicators.targets_vs_outturns(_case_data().loc[lambda d: d["series_id"].eq(f"s.{name}")])
        assert alone[["comment_zh", "comment_en"]].values.tolist() == \
            [all_cases.loc[f"s.{name}", ["comment_zh", "comment_en"]].tolist()]


def test_comments_are_text_columns_without_missing_values(all_cases):
    for column in ("comment_zh", "comment_en"):
        assert pd.api.types.is_string_dtype(all_cases[column])
        assert all_cases[column].notna().all()


# --- property: every comment against a row-by-row sentence from the words ----------------

#: the unit dimensions of data/raw/units.csv that the generated units have
DIMENSIONS = {"%": "percent", "亿元": "money_cny", "万亿元": "money_cny", "亿美元": "money_usd", "个": "count"}
QUALIFIERS = ["exact", "about", "at_least", "more_than", "at_most"]
values = st.one_of(st.integers(-20000, 20000).map(lambda i: i / 100), st.integers(-3000, 3000).map(lambda i: i / 1000),
                   st.sampled_from([0.0, 0.125, 2.675, 1e7 + 0.005, 123456789.125]))
figure = st.fixed_dictionaries({"value": values, "unit": st.sampled_from(list(DIMENSIONS)),
                                "qualifier": st.sampled_from(QUALIFIERS),
                                "origin": st.sampled_from(["printed", "derived"])})
series_cases = st.fixed_dictionaries({
    "measure": st.sampled_from(["yoy_pct", "level"]),
    "period": st.sampled_from(["2024", "2024-03", "2024-01/2024-06"]),
    "target": figure, "outturn": st.none() | figure, "kind": st.sampled_from(["outturn", "estimate"]),
    "baseline": st.none() | figure})


def _reference(case: dict, row: pd.Series, lang: str) -> str:
    """The comment of one row in *lang*, sentence by sentence from the words."""
    zh = lang == "zh"
    t, out, base = case["target"], case["outturn"], case["baseline"]
    pt = case["measure"] == "yoy_pct"
    per, base_per = periods.label(case["period"], lang), periods.label(row["baseline_period"], lang)
    unit = t["unit"]
    derived = "（推算）" if zh else " (derived)"
    target = _words.qualified(t["value"], unit, t["qualifier"], lang) + (derived if t["origin"] == "derived" else "")
    status = row["status"]
    word = _words.status_word(status, lang, start=True)
    if status == "no outturn yet":
        first = f"尚无{per}实际数或预计数。" if zh else f"No outturn or estimate for {per} in the data yet."
    else:
        kind = _words.kind_word(case["kind"], lang) + (derived if out["origin"] == "derived" else "")
        if status == "not comparable":
            first = (f"{word}：{per}{kind}数单位为{out['unit']}，目标单位为{unit}，计量对象不同，文件未给出换算关系。" if zh
                     else f"{word}: the {per} {kind} is in {out['unit']} ({DIMENSIONS[out['unit']]}) and the target in "
                          f"{unit} ({DIMENSIONS[unit]}); the documents give no conversion.")
        else:
            printed = _words.qualified(row["outturn"], unit, out["qualifier"], lang)
            if status == "undetermined":
                first = (f"{word}：{per}{kind}数仅公布为{printed}，不足以判断是否达到目标{target}。" if zh
                         else f"{word}: the {per} {kind} is printed only as {printed}, which does not settle a target "
                              f"of {target}.")
            else:
                gap = _words.change(row["gap"], unit, pt, lang)
                first = ((f"{word}：{per}{kind}{printed}，目标{target}，" + (f"比目标{gap}" if row["gap"] else "与目标持平")
                          + "。") if zh else f"{word}: {per} {kind} {printed} against a target of {target} (gap {gap}).")
    if base is None:
        second = (f"没有{base_per}实际数，无法衡量目标力度。" if zh
                  else f"No {base_per} outturn to measure the target's ambition against.")
    elif DIMENSIONS[base["unit"]] != DIMENSIONS[unit]:
        second = (f"{base_per}实际数单位为{base['unit']}，与目标单位{unit}不可比，未计算目标力度。" if zh
                  else f"Ambition not computed: the {base_per} outturn is in {base['unit']} ({DIMENSIONS[base['unit']]}), "
                       f"the target in {unit} ({DIMENSIONS[unit]}).")
    else:
        printed = _words.qualified(row["baseline"], unit, base["qualifier"], lang)
        if pd.isna(row["ambition"]):
            second = (f"基数为{printed}，按百分比计算目标力度没有意义。" if zh
                      else f"Ambition not computed: a percent change from a baseline of {printed} is not meaningful.")
        else:
            change = _words.change(row["ambition"], "百分点" if pt else "%", pt, lang)
            if row["ambition_qualifier"] == "exact" and row["ambition"] == 0:
                second = (f"目标与{base_per}实际（{printed}）持平。" if zh
                          else f"Ambition: none; the target repeats the {base_per} outturn of {printed}.")
            elif row["ambition_qualifier"] == "exact":
                second = (f"目标比{base_per}实际（{printed}）{change}。" if zh
                          else f"Ambition: {change} on the {base_per} outturn of {printed}.")
            else:
                bound = _words.bound_word(row["ambition_qualifier"], lang)
                second = (f"{base_per}基数仅公布为{printed}，目标力度为近似值：{bound}{change}。" if zh
                          else f"Ambition approximate: the {base_per} baseline is printed as {printed}, so the "
                               f"target asks for {bound} {change}.")
    return first + second if zh else f"{first} {second}"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(series_cases, min_size=1, max_size=12))
def test_every_comment_reads_as_the_words_put_together_row_by_row(cases):
    rows = []
    for i, case in enumerate(cases):
        sid, measure, period = f"s{i}", case["measure"], case["period"]
        t = case["target"]
        rows.append(observation(sid, period, "target", t["value"], t["unit"], t["qualifier"], measure, origin=t["origin"]))
        if case["outturn"] is not None:
            o = case["outturn"]
            rows.append(observation(sid, period, case["kind"], o["value"], o["unit"], o["qualifier"], measure,
                                    origin=o["origin"]))
        if case["baseline"] is not None:
            b = case["baseline"]
            rows.append(observation(sid, periods.previous(period), "outturn", b["value"], b["unit"], b["qualifier"],
                                    measure, origin=b["origin"]))
    result = indicators.targets_vs_outturns(pd.DataFrame(rows)).set_index("series_id")
    assert len(result) == len(cases)
    for i, case in enumerate(cases):
        row = result.loc[f"s{i}"]
        if case["outturn"] is None:
            assert row["status"] == "no outturn yet"
        elif DIMENSIONS[case["outturn"]["unit"]] != DIMENSIONS[case["target"]["unit"]]:
            assert row["status"] == "not comparable"
        for lang in ("zh", "en"):
            assert row[f"comment_{lang}"] == _reference(case, row, lang), (case, lang)
