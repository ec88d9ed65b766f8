"""`indicators.analysis.target_model`: the target-setting regression, on known answers."""
from __future__ import annotations

import math

import pytest
from scipy import stats

from indicators.data import periods
from indicators.exceptions import InsufficientDataError
from indicators.analysis.target_model import fit_target_model, target_pairs
from fixtures import obs
from indicators.data.units import dimension

BOUNDS = {"at_least", "more_than", "at_most"}




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


def test_real_pairs_hold_the_printed_target_and_previous_outturn(observations):
    pairs = target_pairs(observations)
    assert len(pairs) > 0
    value = observations.assign(kind=observations["kind"].astype(str)).set_index(["series_id", "period", "kind"])["value"]
    for row in pairs.itertuples(index=False):
        assert value[(row.series_id, row.period, "target")] == row.target, row.series_id
        outturn = value.get((row.series_id, row.previous_period, "outturn"),
                            value.get((row.series_id, row.previous_period, "estimate")))
        assert outturn == row.previous_outturn, row.series_id
