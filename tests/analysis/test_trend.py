"""`indicators.analysis.trend`: trend projections, on known answers."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import indicators
from indicators.exceptions import InsufficientDataError
from indicators.analysis.trend import MIN_TREND_POINTS, project_trend, project_trends
from fixtures import obs



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


@pytest.mark.parametrize(("n", "refused"), [(MIN_TREND_POINTS - 1, True), (MIN_TREND_POINTS, False)])
def test_a_series_from_the_data_is_projected_only_with_enough_points(n, refused):
    data = obs(*[("s.g", str(2015 + i), "outturn", 1.5 * i, "%", "exact", "yoy_pct") for i in range(n)],
               ("s.g", "2015", "target", 9, "%", "exact", "yoy_pct"))  # targets are not history
    history = indicators.series("s.g", data=data)
    if refused:
        with pytest.raises(InsufficientDataError, match=rf"s.g: {n} point\(s\) \(2015, .*\)"):
            project_trend(history)
    else:
        p = project_trend(history, target=20, qualifier="about")  # "about" needs the unit: from attrs
        assert (p.n, p.unit, p.period) == (n, "%", str(2015 + n))
        assert p.forecast == pytest.approx(1.5 * n)


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


@pytest.mark.parametrize(("unit", "target", "at_threshold"), [
    ("%", 6.5, 6.0),        # a rate: 0.5 percentage points below the target
    ("指数", 106.5, 106.0),  # index points read as a rate too
    ("亿元", 1000, 980),     # a level: 2 % of the target below it
])
def test_about_allows_the_same_tolerance_in_the_verdict_and_in_the_projection(unit, target, at_threshold):
    # a perfect line ending at the threshold: the projection is certain, like an outturn
    step = 0.25
    history = years([at_threshold - step * (5 - i) for i in range(5)], unit=unit)
    p = project_trend(history, target=target, qualifier="about")
    missed = project_trend(history - 0.01, target=target, qualifier="about")
    assert (p.forecast, p.prob_meeting, missed.prob_meeting) == (pytest.approx(at_threshold), 1.0, 0.0)
    verdict = indicators.targets_vs_outturns(obs(("s.g", "2024", "target", target, unit, "about", "level"),
                                                 ("s.g", "2024", "outturn", at_threshold, unit, "exact", "level"),
                                                 ("s.h", "2024", "target", target, unit, "about", "level"),
                                                 ("s.h", "2024", "outturn", at_threshold - 0.01, unit, "exact",
                                                  "level")))
    # at the threshold: met by the rule, short of the target itself
    assert verdict["status"].tolist() == ["within tolerance", "not met"]
    assert verdict["met"].tolist() == [True, False]
