"""Two models of targets: how targets follow last year's outturn, and where a trend points.

- :func:`fit_target_model`: across every indicator with a target and the previous period's
  outturn in the same growth measure, an ordinary least-squares line of target on previous
  outturn. Pairs are pooled over all target periods, so the model takes more years as
  they are curated without a change of code.
- :func:`project_trend`: a straight-line trend through one series' history, its value some
  periods ahead with a prediction interval, and the probability of meeting a target.
  :func:`project_trends` does it for every target in the data.

Why a linear trend rather than exponential smoothing: the documents give a handful of
annual figures per indicator. A linear trend has two parameters, exact small-sample
(Student t) prediction intervals under independent normal errors, handles a missing year
without imputation, and can be checked by hand. Holt's exponential smoothing estimates two
smoothing weights and two initial states from the same few points; on short series they
are poorly identified (the weight often runs to 1, a random walk) and statsmodels gives
its intervals by simulation. Neither model foresees a break such as 2020's.

statsmodels (and scipy) are imported inside the functions that use them.
"""
from __future__ import annotations

import math
import os
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import periods as _periods
from ._text import amount, change, check_lang, number, qualified, qualifier_names
from .compare import _RULES, ACTUAL_KINDS, targets_vs_outturns
from .dataset import load
from .exceptions import InsufficientDataError
from .paths import project
from .registry import load_registries
from .units import to_unit, unit_table

#: the measures whose targets and previous outturns are paired by default
GROWTH_MEASURES = ("yoy_pct",)
#: a line needs two points; with exactly two it passes through both and has no error estimate
MIN_PAIRS = 2
#: confidence intervals need at least one residual degree of freedom
MIN_PAIRS_FOR_INTERVALS = 3
#: below this many pairs the summary warns that the sample cannot support general claims
#: (a rule of thumb: with fewer, one pair more or less moves the slope visibly)
SMALL_SAMPLE = 30
#: a trend needs this many points: the prediction interval then rests on at least 3 degrees
#: of freedom (t₀.₉₇₅ = 3.18); with 4 points (2 df) t is 4.30, with 3 points 12.7, and
#: the "projection" would be a line through noise
MIN_TREND_POINTS = 5
#: relative size below which the predictive scale counts as zero (a perfect line, up to float noise)
_EXACT = 1e-9
#: units read as rates: "about" allows the percentage-point tolerance of qualifiers.csv
_RATE_DIMENSIONS = {"percent", "percent_point", "index"}


# --- target-setting model ----------------------------------------------------------------

def target_pairs(data: pd.DataFrame | None = None, *, measures: Sequence[str] = GROWTH_MEASURES,
                 periods: Sequence[str] | None = None, root: str | os.PathLike | None = None) -> pd.DataFrame:
    """Each target with the outturn of the period before, in the same series and unit.

    Pairs come from :func:`indicators.targets_vs_outturns`: a target, and the outturn (else
    estimate, else derived figure) of the same span a year earlier in a unit of the same
    dimension. Pairs whose previous outturn is printed only as a bound (超, 以上, 以内) are
    left out: their x is not known.

    Parameters
    ----------
    data : DataFrame, optional
        Observations (default: :func:`indicators.load`).
    measures : list of str, default ``("yoy_pct",)``
        Measures to pair (year-on-year growth rates in percent).
    periods : list of str, optional
        Target periods to keep (default: all).

    Returns
    -------
    DataFrame
        Columns ``series_id``, ``name_zh``, ``name_en``, ``topic``, ``measure``,
        ``period`` (of the target), ``target``, ``qualifier``, ``unit``,
        ``previous_period``, ``previous_outturn`` (in the target's unit) and
        ``previous_qualifier``.
    """
    data = load(root) if data is None else data
    table = targets_vs_outturns(data, root=root)
    keep = (table["measure"].astype(str).isin(measures) & table["baseline"].notna()
            & table["ambition_qualifier"].isin(["exact", "about"]))
    if periods is not None:
        keep &= table["period"].isin(periods)
    pairs = table[keep].rename(columns={"baseline_period": "previous_period", "baseline": "previous_outturn",
                                        "baseline_qualifier": "previous_qualifier"})
    columns = ["series_id", "name_zh", "name_en", "topic", "measure", "period", "target", "qualifier", "unit",
               "previous_period", "previous_outturn", "previous_qualifier"]
    return pairs[columns].sort_values(["period", "series_id"], ignore_index=True)


@dataclass(frozen=True)
class TargetModel:
    """OLS of target on previous outturn: ``target = intercept + slope × previous_outturn``.

    Confidence intervals are ``NaN`` with fewer than :data:`MIN_PAIRS_FOR_INTERVALS` pairs.
    """

    n: int
    periods: tuple[str, ...]
    measures: tuple[str, ...]
    intercept: float
    slope: float
    intercept_ci: tuple[float, float]
    slope_ci: tuple[float, float]
    #: confidence level of the intervals (0.95)
    level: float
    r_squared: float
    #: standard deviation of the residuals, in percentage points (NaN with two pairs)
    residual_sd: float
    pairs: pd.DataFrame = field(repr=False)
    _fit: object = field(repr=False, compare=False)

    @property
    def has_intervals(self) -> bool:
        return self.n >= MIN_PAIRS_FOR_INTERVALS

    def conf_int(self) -> pd.DataFrame:
        """Lower and upper bounds of the intercept and slope."""
        return pd.DataFrame([self.intercept_ci, self.slope_ci], index=["intercept", "slope"],
                            columns=["lower", "upper"])

    def predict(self, previous_outturn, *, interval: str = "confidence") -> pd.DataFrame:
        """Fitted targets for previous outturns *previous_outturn* (percent).

        Parameters
        ----------
        interval : {"confidence", "prediction"}
            ``confidence``: where the average target for that outturn lies; ``prediction``:
            where one new target would lie. Both ``NaN`` with two pairs.

        Returns
        -------
        DataFrame
            Columns ``previous_outturn``, ``target``, ``lower``, ``upper``.
        """
        if interval not in ("confidence", "prediction"):
            raise ValueError("The value for `interval` must be one of ['confidence', 'prediction'], "
                             f"but {interval!r} was passed.")
        x = np.atleast_1d(np.asarray(previous_outturn, dtype=float))
        exog = np.column_stack([np.ones_like(x), x])
        with _quiet():
            frame = self._fit.get_prediction(exog).summary_frame(alpha=1 - self.level)
        lo, hi = ("mean_ci_lower", "mean_ci_upper") if interval == "confidence" else ("obs_ci_lower", "obs_ci_upper")
        out = pd.DataFrame({"previous_outturn": x, "target": frame["mean"].to_numpy(),
                            "lower": frame[lo].to_numpy(), "upper": frame[hi].to_numpy()})
        if not self.has_intervals:
            out[["lower", "upper"]] = np.nan
        return out

    def summary(self, lang: str = "zh") -> str:
        """The fit and what it can and cannot say, in plain words (``lang`` "zh" or "en")."""
        check_lang(lang)
        n, pct = self.n, round(self.level * 100)
        a, sign, b = number(self.intercept), "−" if self.slope < 0 else "+", number(abs(self.slope))
        k = self.pairs["series_id"].nunique()
        span = "、".join(self.periods) if lang == "zh" else ", ".join(self.periods)
        if lang == "zh":
            parts = [f"目标设定模型（普通最小二乘法，目标期：{span}）：目标 = {a} {sign} {b} × 上期实际，"
                     f"基于{n}对增速（{k}个指标）。"]
        else:
            parts = [f"Target-setting model (ordinary least squares, target periods {span}): "
                     f"target = {a} {sign} {b} × previous outturn, from n = {n} pairs of growth rates ({k} indicators)."]
        if not self.has_intervals:
            parts.append("两点恰好确定一条直线：没有残差，无法给出置信区间或检验；这条线只是复述这两对数字，"
                         "不能说明目标一般如何设定。" if lang == "zh" else
                         "Two pairs fix a straight line exactly: there is no residual, so no confidence "
                         "interval and no test; the line restates the two pairs and says nothing about how "
                         "targets are set in general.")
        else:
            lo, hi = (number(v) for v in self.slope_ci)
            ilo, ihi = (number(v) for v in self.intercept_ci)
            if lang == "zh":
                parts.append(f"{pct}%置信区间：斜率{lo}至{hi}，截距{ilo}至{ihi}；R² = {number(self.r_squared)}。")
            else:
                parts.append(f"{pct}% confidence intervals: slope {lo} to {hi}, intercept {ilo} to {ihi}; "
                             f"R² = {number(self.r_squared)}.")
            parts.append(self._reading(lang))
        if n < SMALL_SAMPLE:
            parts.append(f"只有{n}对数据，多一对或少一对都可能明显改变这条线；这些数据出自同一政府的文件，"
                         "并非相互独立的抽样，而区间的计算假定它们独立。请把结果看作对这几对数字的描述，"
                         "而不是目标设定的规律。" if lang == "zh" else
                         f"With only {n} pairs, one pair more or less can move the line a lot; the pairs come "
                         "from the same government's documents and are not independent draws, which the "
                         f"intervals assume. Read the line as a description of these {n} pairs, not as a rule "
                         "of how targets are set.")
        return ("" if lang == "zh" else " ").join(parts)

    def _reading(self, lang: str) -> str:
        lo, hi = self.slope_ci
        has0, has1 = lo <= 0 <= hi, lo <= 1 <= hi
        if has0 and has1:
            return ("斜率区间同时包含0（目标与上年实际无关）和1（目标随上年实际同幅变动），数据无法区分这两种情形。"
                    if lang == "zh" else
                    "The slope's interval contains both 0 (targets unrelated to last year's outturn) and 1 "
                    "(targets move one for one with it): the data cannot tell these apart.")
        if has1:
            return ("斜率区间包含1、不含0：不能排除目标随上年实际同幅变动。" if lang == "zh" else
                    "The slope's interval contains 1 but not 0: targets moving one for one with last year's "
                    "outturn cannot be ruled out.")
        if has0:
            return ("斜率区间包含0、不含1：不能排除目标与上年实际无关。" if lang == "zh" else
                    "The slope's interval contains 0 but not 1: targets unrelated to last year's outturn "
                    "cannot be ruled out.")
        return ("斜率区间既不含0也不含1。" if lang == "zh" else
                "The slope's interval excludes both 0 and 1.")


def fit_target_model(data: pd.DataFrame | None = None, *, measures: Sequence[str] = GROWTH_MEASURES,
                     periods: Sequence[str] | None = None, level: float = 0.95,
                     root: str | os.PathLike | None = None) -> TargetModel:
    """Regress targets on the previous period's outturn across indicators (OLS).

    Parameters
    ----------
    data : DataFrame, optional
        Observations (default: :func:`indicators.load`).
    measures : list of str, default ``("yoy_pct",)``
        Measures to pair; see :func:`target_pairs`.
    periods : list of str, optional
        Target periods to pool (default: every period with pairs).
    level : float, default 0.95
        Confidence level of the intervals.

    Returns
    -------
    TargetModel

    Raises
    ------
    InsufficientDataError
        With fewer than :data:`MIN_PAIRS` pairs, or when every pair has the same previous
        outturn (no slope can be estimated).
    """
    import statsmodels.api as sm

    if not 0 < level < 1:
        raise ValueError(f"The value for `level` must be between 0 and 1, but {level!r} was passed.")
    pairs = target_pairs(data, measures=measures, periods=periods, root=root)
    n = len(pairs)
    if n < MIN_PAIRS:
        raise InsufficientDataError(
            f"The target-setting model needs at least {MIN_PAIRS} pairs of (previous outturn, target) in "
            f"measures {list(measures)}; the data have {n}: "
            f"{pairs['series_id'].tolist()}. Curate the outturns of the year before each target.")
    x, y = pairs["previous_outturn"].to_numpy(float), pairs["target"].to_numpy(float)
    if np.ptp(x) == 0:
        raise InsufficientDataError(f"All {n} pairs have the same previous outturn ({number(x[0])}); "
                                    "no slope can be estimated.")
    with _quiet():
        fit = sm.OLS(y, sm.add_constant(x, has_constant="add")).fit()
        ci = fit.conf_int(alpha=1 - level) if n >= MIN_PAIRS_FOR_INTERVALS else np.full((2, 2), np.nan)
    resid_sd = math.sqrt(fit.scale) if n >= MIN_PAIRS_FOR_INTERVALS else math.nan
    return TargetModel(n=n, periods=tuple(sorted(pairs["period"].unique())), measures=tuple(measures),
                       intercept=float(fit.params[0]), slope=float(fit.params[1]),
                       intercept_ci=(float(ci[0][0]), float(ci[0][1])), slope_ci=(float(ci[1][0]), float(ci[1][1])),
                       level=level, r_squared=float(fit.rsquared), residual_sd=resid_sd, pairs=pairs, _fit=fit)


class _quiet(warnings.catch_warnings):
    """Silence statsmodels' divide-by-zero warnings on exact fits (handled explicitly)."""

    def __enter__(self):
        out = super().__enter__()
        warnings.simplefilter("ignore", RuntimeWarning)
        return out


# --- trend projection --------------------------------------------------------------------

_YEAR = re.compile(r"\d{4}")
_MONTH = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True)
class TrendProjection:
    """A linear trend through a series' history, projected ``horizon`` steps ahead."""

    series_id: str | None
    unit: str | None
    n: int
    first_period: str
    last_period: str
    #: the period projected and how many steps (years, months …) after the last point
    period: str
    horizon: int
    #: ``"year"``, ``"month"`` or ``"step"`` (a numeric index)
    step: str
    #: change per step, in the series' unit
    slope: float
    forecast: float
    lower: float
    upper: float
    level: float
    #: scale of the predictive Student t distribution and its degrees of freedom (n − 2)
    scale: float
    df: int
    target: float | None = None
    qualifier: str | None = None
    prob_meeting: float | None = None
    root: str | None = field(default=None, repr=False)
    method: str = "linear trend (OLS)"

    def probability(self, target: float, qualifier: str = "at_least") -> float:
        """Probability that the projected value meets *target* under *qualifier*.

        Uses the rules of ``data/raw/qualifiers.csv`` on the predictive Student t
        distribution: ``at_least``/``exact``/``more_than`` — P(value ≥ target);
        ``at_most`` — P(value ≤ target); ``about`` — P(value ≥ target − tolerance), the
        tolerance in percentage points for rates and relative for levels (needs ``unit``).
        """
        from scipy import stats

        rules = load_registries(project(self.root))["qualifiers"].set_index("qualifier")
        if qualifier not in rules.index:
            raise ValueError(f"The value for `qualifier` must be one of {list(rules.index)}, "
                             f"but {qualifier!r} was passed.")
        rule = rules.at[qualifier, "met_if"]
        threshold = float(target)
        if rule == "ge_within_tolerance":
            if self.unit is None:
                raise ValueError("A target 'about' a value needs the series' unit to choose its tolerance; "
                                 "pass `unit=` to project_trend.")
            if unit_table(self.root).at[self.unit, "dimension"] in _RATE_DIMENSIONS:
                threshold -= float(rules.at[qualifier, "tolerance_pp"])
            else:
                threshold -= float(rules.at[qualifier, "tolerance_rel"]) * abs(threshold)
        upper_tail = rule != "le"
        if self.scale <= _EXACT * max(1.0, abs(self.forecast)):  # a perfect line: the projection is certain
            value = threshold if math.isclose(self.forecast, threshold, rel_tol=_EXACT) else self.forecast
            return float(_RULES["ge" if rule == "ge_within_tolerance" else rule](value, threshold, 0))
        z = (threshold - self.forecast) / self.scale
        return float(stats.t.sf(z, self.df) if upper_tail else stats.t.cdf(z, self.df))

    def summary(self, lang: str = "zh") -> str:
        """The projection, its interval and the chance of meeting the target, in plain words."""
        check_lang(lang)
        unit = self.unit or ""
        pct = round(self.level * 100)
        f, lo, hi = (amount(v, unit, lang) for v in (self.forecast, self.lower, self.upper))
        first, last, when = (_label(p, lang) for p in (self.first_period, self.last_period, self.period))
        if lang == "zh":
            unit_zh = "个百分点" if unit in ("%", "百分点") else unit
            move = "上升" if self.slope > 0 else "下降" if self.slope < 0 else "持平"
            step = {"year": "每年", "month": "每月", "step": "每期"}[self.step]
            slope = f"{step}{move}" + (f"{number(abs(self.slope))}{unit_zh}" if self.slope else "")
        else:
            step = {"year": "a year", "month": "a month", "step": "a step"}[self.step]
            slope = f"{change(self.slope, unit, unit in ('%', '百分点'), lang)} {step}"
        if lang == "zh":
            text = (f"线性趋势（最小二乘法）拟合{self.n}个数据点（{first}至{last}），{slope}，"
                    f"外推{when}为{f}，{pct}%预测区间{lo}至{hi}。")
        else:
            text = (f"A linear trend (least squares) through {self.n} points ({first} to {last}), {slope}, "
                    f"projects {f} for {when}; {pct}% prediction interval {lo} to {hi}.")
        if self.target is not None:
            names = qualifier_names(load_registries(project(self.root))["qualifiers"])
            t = qualified(self.target, unit, self.qualifier or "at_least", lang, names)
            p = number(self.prob_meeting * 100, 0)
            text += (f"按此趋势，达到目标{t}的概率约为{p}%。" if lang == "zh" else
                     f" Probability of meeting the target of {t}: about {p}%.")
        text += ("该区间假定各期偏离直线的误差相互独立且服从正态分布，无法预见趋势的突变（如2020年）。"
                 if lang == "zh" else
                 " The interval assumes the deviations from the line are independent and normal; it cannot "
                 "foresee a break in the trend (such as 2020's).")
        return text


def _label(period: str, lang: str) -> str:
    try:
        return _periods.label(period, lang)
    except (AttributeError, TypeError):  # a numeric step
        return period


def _time_axis(index: pd.Index) -> tuple[np.ndarray, str, callable]:
    """Numeric positions of *index*, the step name, and a labeller of ``last + h`` steps."""
    if pd.api.types.is_numeric_dtype(index):
        x = index.to_numpy(float)
        return x, "step", lambda h: number(x[-1] + h)
    labels = [str(p) for p in index]
    shapes = {_YEAR.sub("YYYY", p) for p in labels}
    if len(shapes) == 1 and all(_YEAR.search(p) for p in labels):
        x = np.array([_periods.year(p) for p in labels], dtype=float)
        return x, "year", lambda h: _periods.shift_years(labels[-1], h)
    if all(_MONTH.fullmatch(p) for p in labels):
        x = np.array([int(p[:4]) * 12 + int(p[5:]) - 1 for p in labels], dtype=float)

        def month(h: int) -> str:
            y, m = divmod(int(x[-1]) + h, 12)
            return f"{y:04d}-{m + 1:02d}"
        return x, "month", month
    raise ValueError(f"The periods mix spans {sorted(shapes)}; a trend needs one kind of period "
                     "(only years '2023', only the same year-to-date span '2023-01/2023-11', or only "
                     "months '2023-11'). Select one before projecting.")


def project_trend(series: pd.Series, *, horizon: int = 1, target: float | None = None,
                  qualifier: str = "at_least", level: float = 0.95, unit: str | None = None,
                  root: str | os.PathLike | None = None) -> TrendProjection:
    """Project a linear trend through *series* and give the chance of meeting *target*.

    Parameters
    ----------
    series : Series
        Values indexed by period (as :func:`indicators.series` returns: ``"2019"`` …
        ``"2023"``, or months ``"2023-01"`` …), or by numbers. Missing values are dropped;
        missing periods are fine (the trend is fitted on the period's position).
    horizon : int, default 1
        Steps (years, months) after the last point to project.
    target : float, optional
        A target for the projected period, in the series' unit.
    qualifier : str, default "at_least"
        How the target is worded; see :meth:`TrendProjection.probability`.
    level : float, default 0.95
        Coverage of the prediction interval.
    unit : str, optional
        The series' unit (default ``series.attrs["unit"]``); needed for ``about``.

    Returns
    -------
    TrendProjection

    Raises
    ------
    InsufficientDataError
        With fewer than :data:`MIN_TREND_POINTS` points: it refuses rather than fit noise.
    ValueError
        For periods of mixed spans, repeated periods or a horizon below 1.
    """
    import statsmodels.api as sm

    if int(horizon) != horizon or horizon < 1:
        raise ValueError(f"The value for `horizon` must be a whole number of steps ≥ 1, but {horizon!r} was passed.")
    if not 0 < level < 1:
        raise ValueError(f"The value for `level` must be between 0 and 1, but {level!r} was passed.")
    name = series.name if series.name is not None else "the series"
    values = series.dropna()
    n = len(values)
    if n < MIN_TREND_POINTS:
        shown = ", ".join(str(p) for p in values.index) or "none"
        raise InsufficientDataError(
            f"{name}: {n} point(s) ({shown}); a trend projection needs at least {MIN_TREND_POINTS}, so that "
            f"its prediction interval rests on at least {MIN_TREND_POINTS - 2} degrees of freedom. With fewer, "
            "a fitted line is noise: curate earlier years, or do not project this series.")
    x, _, _ = _time_axis(values.index)
    values = values.iloc[np.argsort(x, kind="stable")]
    x, step, label = _time_axis(values.index)
    y, labels = values.to_numpy(float), [str(p) for p in values.index]
    if len(np.unique(x)) != n:
        raise ValueError(f"{name}: repeated periods {labels}; give one value per period.")
    x0 = x - x[-1]  # centred on the last point: the intercept is its fitted value
    fit = sm.OLS(y, sm.add_constant(x0, has_constant="add")).fit()
    with _quiet():
        frame = fit.get_prediction(np.array([[1.0, float(horizon)]])).summary_frame(alpha=1 - level)
    forecast = float(frame["mean"].iloc[0])
    se_mean = float(frame["mean_se"].iloc[0])
    scale = math.sqrt(se_mean ** 2 + fit.scale)
    df = int(fit.df_resid)
    unit = unit or series.attrs.get("unit")
    projection = TrendProjection(
        series_id=None if series.name is None else str(series.name), unit=unit, n=n,
        first_period=labels[0], last_period=labels[-1], period=label(int(horizon)), horizon=int(horizon),
        step=step, slope=float(fit.params[1]), forecast=forecast,
        lower=float(frame["obs_ci_lower"].iloc[0]), upper=float(frame["obs_ci_upper"].iloc[0]),
        level=level, scale=scale, df=df, root=None if root is None else str(root))
    if target is None:
        return projection
    prob = projection.probability(target, qualifier)
    return TrendProjection(**{**projection.__dict__, "target": float(target), "qualifier": qualifier,
                              "prob_meeting": prob})


PROJECTION_COLUMNS = ["series_id", "name_zh", "name_en", "period", "target", "unit", "qualifier", "n_points",
                      "first_period", "last_period", "forecast", "lower", "upper", "prob_meeting", "status",
                      "reason"]


def project_trends(data: pd.DataFrame | None = None, *, level: float = 0.95,
                   root: str | os.PathLike | None = None) -> pd.DataFrame:
    """For every target, project the trend of its series' history to the target period.

    History is the outturns (else estimates, else derived figures) of the same series and
    the same kind of period before the target period, in the target's unit.

    Returns
    -------
    DataFrame
        One row per target, columns :data:`PROJECTION_COLUMNS`; ``status`` is ``projected``
        or ``too few points`` / ``not projectable`` with the ``reason`` in words.
    """
    data = load(root) if data is None else data
    targets = targets_vs_outturns(data, root=root)
    obs = data[data["kind"].astype(str).isin(ACTUAL_KINDS)].copy()
    obs["_rank"] = obs["kind"].astype(str).map(ACTUAL_KINDS.index)
    obs = obs.sort_values("_rank", kind="stable").drop_duplicates(["series_id", "period"])
    obs["series_id"], obs["period"] = obs["series_id"].astype(str), obs["period"].astype(str)
    obs["_shape"] = obs["period"].str.replace(_YEAR, "YYYY", regex=True)
    rows = []
    for t in targets.itertuples(index=False):
        shape = _YEAR.sub("YYYY", t.period)
        hist = obs[obs["series_id"].eq(t.series_id) & obs["_shape"].eq(shape)]
        hist = hist[hist["period"].map(_periods.year).lt(_periods.year(t.period))]
        hist = to_unit(hist, t.unit, errors="ignore", root=root)
        hist = hist[hist["unit"].astype(str).eq(t.unit)]
        history = pd.Series(hist["value"].to_numpy(float), index=hist["period"].to_numpy(), name=t.series_id)
        row = dict(series_id=t.series_id, name_zh=t.name_zh, name_en=t.name_en, period=t.period,
                   target=t.target, unit=t.unit, qualifier=t.qualifier, n_points=len(history),
                   first_period=min(history.index, default=""), last_period=max(history.index, default=""),
                   forecast=np.nan, lower=np.nan, upper=np.nan, prob_meeting=np.nan)
        try:
            years = _periods.year(t.period) - _periods.year(max(history.index)) if len(history) else 1
            p = project_trend(history, horizon=years, target=t.target, qualifier=t.qualifier, level=level,
                              unit=t.unit, root=root)
        except InsufficientDataError as err:
            row.update(status="too few points", reason=str(err))
        except ValueError as err:
            row.update(status="not projectable", reason=str(err))
        else:
            row.update(forecast=p.forecast, lower=p.lower, upper=p.upper, prob_meeting=p.prob_meeting,
                       status="projected", reason="")
        rows.append(row)
    return pd.DataFrame(rows, columns=PROJECTION_COLUMNS)
