"""How targets follow last year's outturn: a pooled least-squares line of target on previous outturn.

:func:`fit_target_model` pairs, across every indicator with a target and the previous
period's outturn in the same growth measure, each target with that outturn. Pairs are
pooled over all target periods, so the model takes more years as they are curated
without a change of code.

statsmodels is imported inside the functions that use it.
"""
from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .._words import check_lang, number
from ..data.dataset import load
from ..exceptions import InsufficientDataError
from ._quiet import _quiet
from .attainment import targets_vs_outturns

#: the measures whose targets and previous outturns are paired by default
GROWTH_MEASURES = ("yoy_pct",)
#: a line needs two points; with exactly two it passes through both and has no error estimate
MIN_PAIRS = 2
#: confidence intervals need at least one residual degree of freedom
MIN_PAIRS_FOR_INTERVALS = 3
#: below this many pairs the summary warns that the sample cannot support general claims
#: (a rule of thumb: with fewer, one pair more or less moves the slope visibly)
SMALL_SAMPLE = 30



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
