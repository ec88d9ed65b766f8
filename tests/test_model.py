"""`indicators/model.py`: the target-setting regression and trend projections, on known answers."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import indicators
from indicators import periods
from indicators.exceptions import InsufficientDataError
from indicators.model import (MIN_TREND_POINTS, fit_target_model, project_trend, project_trends,
                              target_pairs)
from indicators.schema import schema
from indicators.units import dimension

BOUNDS = {"at_least", "more_than", "at_most"}


def obs(*rows) -> pd.DataFrame:
    """Observations from (series_id, period, kind, value, unit, qualifier, measure) tuples."""
    return pd.DataFrame([{c: "" for c in schema().columns} | dict(
        series_id=s, topic="output", name_zh=s, name_en=s, geo="CD", period=p, kind=k, measure=me,
        value=v, unit=u, qualifier=q) for s, p, k, v, u, q, me in rows])


def growth_pairs(xs, ys, *, year=2024):
    """A target in *year* and the outturn of the year before for series s0, s1, …"""
    rows = []
    for i, (x, y) in enumerate(zip(xs, ys)):
        rows += [(f"s.g{i}", str(year - 1), "outturn", x, "%", "exact", "yoy_pct"),
                 (f"s.g{i}", str(year), "target", y, "%", "about", "yoy_pct")]
    return rows


# --- target-setting model: known answers -------------------------------------------------
X, Y = [2, 4, 6, 8, 10], [5, 5.5, 6.5, 7, 8.5]
# by hand: x̄ = 6, ȳ = 6.5, Sxx = 40, Sxy = 17 → slope 0.425, intercept 3.95;
# residuals 0.2, −0.15, 0, −0.35, 0.3 → SSE 0.275, s² = 0.275 / 3
SLOPE, INTERCEPT, S2, SXX = 0.425, 3.95, 0.275 / 3, 40


def test_target_model_matches_the_hand_computed_fit():
    model = fit_target_model(obs(*growth_pairs(X, Y)))
    assert model.n == 5 and model.periods == ("2024",)
    assert model.slope == pytest.approx(SLOPE) and model.intercept == pytest.approx(INTERCEPT)
    t = stats.t.ppf(0.975, 3)  # 3.182
    half = t * math.sqrt(S2 / SXX)
    assert model.slope_ci == pytest.approx((SLOPE - half, SLOPE + half))
    half_a = t * math.sqrt(S2 * (1 / 5 + 6 ** 2 / SXX))
    assert model.intercept_ci == pytest.approx((INTERCEPT - half_a, INTERCEPT + half_a))
    assert model.residual_sd == pytest.approx(math.sqrt(S2))
    assert model.r_squared == pytest.approx(1 - 0.275 / sum((y - 6.5) ** 2 for y in Y))


def test_target_model_prediction_intervals_nest():
    model = fit_target_model(obs(*growth_pairs(X, Y)))
    conf = model.predict([6.0])
    pred = model.predict([6.0], interval="prediction")
    assert conf["target"].iloc[0] == pytest.approx(6.5)  # the line passes through (x̄, ȳ)
    assert pred["lower"].iloc[0] < conf["lower"].iloc[0] < 6.5 < conf["upper"].iloc[0] < pred["upper"].iloc[0]
    with pytest.raises(ValueError, match=r"`interval` must be one of"):
        model.predict([6.0], interval="credible")


def test_summary_reads_the_slope_interval_in_both_languages():
    model = fit_target_model(obs(*growth_pairs(X, Y)))
    en, zh = model.summary("en"), model.summary("zh")
    assert "target = 3.95 + 0.42 × previous outturn, from n = 5 pairs"  # 0.425 in binary is 0.42499… in en
    assert "excludes both 0 and 1" in en  # [0.27, 0.58]
    assert "With only 5 pairs" in en
    assert "基于5对增速" in zh and "既不含0也不含1" in zh
    with pytest.raises(ValueError, match=r"`lang` must be one of \['zh', 'en'\]"):
        model.summary("fr")


def test_two_pairs_fit_exactly_and_say_so():
    model = fit_target_model(obs(*growth_pairs([2, 6], [6.5, 6])))
    assert model.n == 2 and model.slope == pytest.approx(-0.125) and model.intercept == pytest.approx(6.75)
    assert all(math.isnan(v) for v in model.slope_ci + model.intercept_ci)
    assert model.predict([4])["lower"].isna().all()
    assert "Two pairs fix a straight line exactly" in model.summary("en")
    assert "两点恰好确定一条直线" in model.summary("zh")


def test_too_few_pairs_are_refused_with_a_reason():
    with pytest.raises(InsufficientDataError, match=r"at least 2 pairs .* the data have 1: \['s.g0'\]"):
        fit_target_model(obs(*growth_pairs([2], [6])))
    with pytest.raises(InsufficientDataError, match=r"All 3 pairs have the same previous outturn \(5\)"):
        fit_target_model(obs(*growth_pairs([5, 5, 5], [6, 7, 8])))


def test_pairs_leave_out_other_measures_bounded_baselines_and_other_units():
    rows = growth_pairs(X, Y) + [
        ("s.level", "2023", "outturn", 100, "亿元", "exact", "level"),
        ("s.level", "2024", "target", 110, "亿元", "exact", "level"),
        ("s.bound", "2023", "outturn", 5, "%", "more_than", "yoy_pct"),   # x not known
        ("s.bound", "2024", "target", 6, "%", "exact", "yoy_pct"),
        ("s.pp", "2023", "outturn", 1, "百分点", "exact", "yoy_pct"),     # another dimension
        ("s.pp", "2024", "target", 6, "%", "exact", "yoy_pct"),
    ]
    pairs = target_pairs(obs(*rows))
    assert pairs["series_id"].tolist() == [f"s.g{i}" for i in range(5)]
    assert fit_target_model(obs(*rows)).n == 5


def test_model_takes_more_years_without_a_change():
    one_year = obs(*growth_pairs(X, Y))
    assert fit_target_model(one_year).n == 5
    # a second year: 2024 outturns and 2025 targets for three series, and a 2025 target
    # whose 2024 outturn is not in yet (not a pair)
    two_years = obs(*growth_pairs(X, Y), *growth_pairs([3, 5, 7], [5.5, 6, 7], year=2025),
                    ("s.g4", "2025", "target", 6, "%", "exact", "yoy_pct"))
    model = fit_target_model(two_years)
    assert model.n == 8 and model.periods == ("2024", "2025")
    assert fit_target_model(two_years, periods=["2025"]).n == 3


def independent_pairs(observations) -> int:
    """Growth targets with a comparable, unbounded actual figure a year earlier, counted directly."""
    data = observations.astype({c: str for c in ["series_id", "kind", "period", "unit", "qualifier", "measure"]})
    rank = {"outturn": 0, "estimate": 1, "derived": 2}
    actual = (data[data["kind"].isin(rank)].assign(r=lambda d: d["kind"].map(rank))
              .sort_values("r").drop_duplicates(["series_id", "period"]).set_index(["series_id", "period"]))
    count = 0
    for t in data[data["kind"].eq("target") & data["measure"].eq("yoy_pct")].itertuples():
        key = (t.series_id, periods.previous(t.period))
        if key in actual.index:
            a = actual.loc[key]
            count += a["qualifier"] not in BOUNDS and dimension(a["unit"]) == dimension(t.unit)
    return count


def test_real_data_model_counts_every_pair(observations):
    n = independent_pairs(observations)
    if n < 2:
        with pytest.raises(InsufficientDataError):
            fit_target_model(observations)
        return
    model = fit_target_model(observations)
    assert model.n == n == len(model.pairs)
    # OLS passes through the means of the pairs, whatever the data
    x, y = model.pairs["previous_outturn"].mean(), model.pairs["target"].mean()
    assert model.intercept + model.slope * x == pytest.approx(y)
    assert model.has_intervals == (n >= 3)
    assert f"n = {n} pairs" in model.summary("en")


def test_real_fai_and_gdp_pairs_are_in_the_model(observations):
    pairs = target_pairs(observations).set_index("series_id")
    # 2023: GDP +6%, FAI +2%; 2024 targets: GDP about 6%, FAI 6.5%
    assert pairs.loc["chengdu.gdp.real_growth", ["previous_outturn", "target"]].tolist() == [6, 6]
    assert pairs.loc["chengdu.fai.growth", ["previous_outturn", "target"]].tolist() == [2, 6.5]


# --- trend projection: known answers ----------------------------------------------------

def years(values, start=2019, name="s.g", unit="%"):
    s = pd.Series(values, index=[str(start + i) for i in range(len(values))], name=name, dtype=float)
    s.attrs["unit"] = unit
    return s


# by hand for 1, 2, 3, 4, 6 in 2019–2023: slope 12 / 10 = 1.2, mean 3.2 in 2021, so 6.8 in
# 2024; SSE 0.4, s² = 0.4 / 3, predictive variance s² (1 + 1/5 + 3²/10) = 0.28
HAND = dict(forecast=6.8, scale=math.sqrt(0.28), df=3)


def test_trend_projection_matches_the_hand_computed_interval():
    p = project_trend(years([1, 2, 3, 4, 6]))
    assert (p.period, p.n, p.df, p.step) == ("2024", 5, 3, "year")
    assert p.slope == pytest.approx(1.2) and p.forecast == pytest.approx(HAND["forecast"])
    half = stats.t.ppf(0.975, 3) * HAND["scale"]
    assert (p.lower, p.upper) == pytest.approx((6.8 - half, 6.8 + half))
    assert p.scale == pytest.approx(HAND["scale"])


def test_probability_of_meeting_a_target_on_the_predictive_distribution():
    p = project_trend(years([1, 2, 3, 4, 6]))
    assert p.probability(6.8) == pytest.approx(0.5)
    assert p.probability(p.upper) == pytest.approx(0.025)
    assert p.probability(p.lower, "at_most") == pytest.approx(0.025)
    assert p.probability(7.5) + p.probability(7.5, "at_most") == pytest.approx(1)
    # about 7.3% is met from 6.8% (0.5 points of tolerance): a coin toss
    assert p.probability(7.3, "about") == pytest.approx(0.5)
    with pytest.raises(ValueError, match=r"`qualifier` must be one of"):
        p.probability(7, "roughly")


def test_target_given_up_front_is_kept_with_its_probability():
    p = project_trend(years([1, 2, 3, 4, 6]), target=6.8, qualifier="at_least")
    assert p.prob_meeting == pytest.approx(0.5) and p.target == 6.8
    assert "about 50%" in p.summary("en") and "约为50%" in p.summary("zh")


def test_about_on_a_level_uses_the_relative_tolerance():
    p = project_trend(years([96, 98, 100, 102, 104], unit="亿元"))
    # 106 forecast exactly; about 108 is met from 108 − 2% = 105.84
    assert p.forecast == pytest.approx(106)
    assert p.probability(108, "about") == 1.0 and p.probability(108.2, "about") == 0.0


def test_a_perfect_line_with_gaps_gives_a_certain_projection():
    s = pd.Series([2.0, 3.0, 3.5, 4.5, 6.0], index=["2015", "2017", "2018", "2020", "2023"], name="s.g")
    p = project_trend(s, horizon=2)
    assert p.period == "2025" and p.forecast == pytest.approx(7.0)  # 2 + 0.5 a year
    assert p.lower == pytest.approx(7.0) and p.upper == pytest.approx(7.0)
    assert p.probability(7.0) == 1.0 and p.probability(7.1) == 0.0


def test_the_interval_widens_with_the_horizon():
    s = years([1, 2, 3, 4, 6])
    near, far = project_trend(s, horizon=1), project_trend(s, horizon=3)
    assert far.period == "2026" and far.upper - far.lower > near.upper - near.lower


@pytest.mark.parametrize("n", range(MIN_TREND_POINTS))
def test_short_series_are_refused_with_the_rule(n):
    with pytest.raises(InsufficientDataError, match=rf"s.g: {n} point\(s\).*needs at least {MIN_TREND_POINTS}"):
        project_trend(years([1.0, 2, 3, 4, 5][:n]))


def test_missing_values_do_not_count_as_points():
    with pytest.raises(InsufficientDataError, match=r"4 point\(s\)"):
        project_trend(years([1, 2, np.nan, 4, 6]))


def test_months_and_numbers_are_steps_too():
    months = pd.Series([1.0, 1.5, 2.0, 2.5, 3.0], index=[f"2023-{m:02d}" for m in range(8, 13)])
    p = project_trend(months)
    assert (p.step, p.period) == ("month", "2024-01") and p.forecast == pytest.approx(3.5)
    numbers = pd.Series([1.0, 3, 5, 7, 9], index=[1, 2, 3, 4, 5])
    assert project_trend(numbers).forecast == pytest.approx(11)


def test_mixed_period_spans_are_refused():
    s = pd.Series([1.0, 2, 3, 4, 5], index=["2019", "2020", "2021", "2022", "2023-01/2023-11"])
    with pytest.raises(ValueError, match=r"The periods mix spans"):
        project_trend(s)


def test_prediction_interval_covers_as_promised_on_simulated_series():
    # 8 annual points on 3 + 0.4 t with standard normal noise: the 95% interval should hold
    # the next value 95% of the time; 400 draws give a standard error of about 1.1 points
    rng = np.random.default_rng(20240201)
    hits = 0
    for _ in range(400):
        y = 3 + 0.4 * np.arange(9) + rng.standard_normal(9)
        p = project_trend(years(y[:8], start=2015))
        hits += p.lower <= y[8] <= p.upper
    assert 0.91 <= hits / 400 <= 0.99


def test_real_series_too_short_are_refused(observations):
    gdp = indicators.series("chengdu.gdp.real_growth", data=observations)
    if len(gdp) < MIN_TREND_POINTS:
        with pytest.raises(InsufficientDataError, match=r"chengdu.gdp.real_growth: \d point\(s\)"):
            project_trend(gdp)
    else:
        assert project_trend(gdp).n == len(gdp)


def test_project_trends_covers_every_target(observations):
    table = project_trends(observations)
    assert len(table) == int(observations["kind"].astype(str).eq("target").sum())
    assert set(table["status"]) <= {"projected", "too few points", "not projectable"}
    assert table["n_points"].lt(MIN_TREND_POINTS).eq(table["status"].eq("too few points")).all()
    assert table.loc[table["status"].ne("projected"), "reason"].str.len().gt(0).all()


def test_project_trends_projects_a_long_enough_history():
    rows = [("s.g", str(2019 + i), "outturn", v, "%", "exact", "yoy_pct") for i, v in enumerate([1, 2, 3, 4, 6])]
    rows += [("s.g", "2025", "target", 7.5, "%", "at_least", "yoy_pct"),
             ("s.g", "2023-01/2023-11", "outturn", 99, "%", "exact", "yoy_pct")]  # another span: ignored
    row = project_trends(obs(*rows)).iloc[0]
    direct = project_trend(years([1, 2, 3, 4, 6]), horizon=2, target=7.5)
    assert (row["status"], row["n_points"], row["last_period"]) == ("projected", 5, "2023")
    assert row["forecast"] == pytest.approx(direct.forecast) == pytest.approx(8.0)
    assert row["prob_meeting"] == pytest.approx(direct.prob_meeting)
