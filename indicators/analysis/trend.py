"""Where a trend points: a straight line through one series' history, projected ahead.

:func:`project_trend` gives the value some periods ahead with a prediction interval, and
the probability of meeting a target; :func:`project_trends` does it for every target in
the data.

Why a linear trend rather than exponential smoothing: the documents give a handful of
annual figures per indicator. A linear trend has two parameters, exact small-sample
(Student t) prediction intervals under independent normal errors, handles a missing year
without imputation, and can be checked by hand. Holt's exponential smoothing estimates two
smoothing weights and two initial states from the same few points; on short series they
are poorly identified (the weight often runs to 1, a random walk) and statsmodels gives
its intervals by simulation. Neither model foresees a break such as 2020's.

scipy is imported inside the functions that use it.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .._words import amount, change, check_lang, number, qualified, qualifier_names
from ..data import periods as _periods
from ..data.dataset import load
from ..data.figures import best_actuals
from ..data.units import to_unit
from ..exceptions import InsufficientDataError
from ._quiet import _quiet
from .attainment import _RULES, qualifier_rules, targets_vs_outturns, tolerance

#: a trend needs this many points: the prediction interval then rests on at least 3 degrees
#: of freedom (t₀.₉₇₅ = 3.18); with 4 points (2 df) t is 4.30, with 3 points 12.7, and
#: the "projection" would be a line through noise
MIN_TREND_POINTS = 5
#: relative size below which the predictive scale counts as zero (a perfect line, up to float noise)
_EXACT = 1e-9


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

        rules = qualifier_rules(self.root)
        if qualifier not in rules.index:
            raise ValueError(f"The value for `qualifier` must be one of {list(rules.index)}, "
                             f"but {qualifier!r} was passed.")
        rule = rules.at[qualifier, "met_if"]
        threshold = float(target)
        if rule == "ge_within_tolerance":
            if self.unit is None:
                raise ValueError("A target 'about' a value needs the series' unit to choose its tolerance; "
                                 "pass `unit=` to project_trend.")
            threshold -= float(tolerance([threshold], [qualifier], [self.unit], rules=rules, root=self.root)[0])
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
            names = qualifier_names(qualifier_rules(self.root).reset_index())
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
    except ValueError:  # a numeric step
        return period


def _time_axis(index: pd.Index) -> tuple[np.ndarray, str, callable]:
    """Numeric positions of *index*, the step name, and a labeller of ``last + h`` steps."""
    if pd.api.types.is_numeric_dtype(index):
        x = index.to_numpy(float)
        return x, "step", lambda h: number(x[-1] + h)
    labels = [str(p) for p in index]
    shapes = {_periods.shape(p) for p in labels}
    if all(_periods.is_valid(p) for p in labels):
        if len(shapes) == 1:
            x = np.array([_periods.year(p) for p in labels], dtype=float)
            return x, "year", lambda h: _periods.shift_years(labels[-1], h)
        if all(_periods.is_month(p) for p in labels):
            x = np.array([_periods.month_index(p) for p in labels], dtype=float)
            return x, "month", lambda h: _periods.from_month_index(int(x[-1]) + h)
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
    obs = best_actuals(data).copy()
    obs["series_id"], obs["period"] = obs["series_id"].astype(str), obs["period"].astype(str)
    obs["_shape"] = obs["period"].map(_periods.shape)
    rows = []
    for t in targets.itertuples(index=False):
        hist = obs[obs["series_id"].eq(t.series_id) & obs["_shape"].eq(_periods.shape(t.period))]
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
