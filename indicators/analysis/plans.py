"""Annual plans against what was completed: a series' plan record, its categories' plans
against its own, and which series have both in a period.

An annual plan is a *target* of an investment series (printed, or derived in
``data/raw/derivations.csv`` as completed investment ÷ completion rate), what was
completed its *outturn*. Nothing here names a series or a year: the caller passes the
series, and the periods are those the data hold.
"""
from __future__ import annotations

import os

import numpy as np
import pandas as pd

from ..data import periods
from ..data.units import to_unit


def plan_record(data: pd.DataFrame, series: str, *, rate: str | None = None,
                root: str | os.PathLike | None = None) -> pd.DataFrame:
    """The plan and the completed amount of *series*, period by period, with the rate of
    completion.

    Parameters
    ----------
    data : DataFrame
        Tidy observations (:func:`indicators.load`).
    series : str
        The series whose targets are the plans and whose outturns were completed, e.g.
        ``sc_cq.joint_projects.investment``.
    rate : str, optional
        A series of printed completion rates (%), e.g.
        ``sc_cq.joint_projects.completion_rate``.
    root : path-like, optional
        Project folder whose ``units.csv`` converts units.

    Returns
    -------
    DataFrame
        One row per period with a plan or a completed amount, earliest first: ``period``,
        ``plan`` and ``plan_origin`` (``printed`` or ``derived``), ``completed``,
        ``completion_rate_pct`` (%) and ``completion_rate_origin``: the rate of *rate* where
        one is printed (``printed``), else completed ÷ plan × 100 where both are known
        (``derived``), else missing (``""``); and ``unit``, the unit the series prints most
        (other rows converted to it).
    """
    rows, unit = _in_one_unit(data[data["series_id"].eq(series)], root)
    plans, done = (rows[rows["kind"].eq(kind)].set_index("period") for kind in ("target", "outturn"))
    record = pd.DataFrame({"plan": plans["value"], "plan_origin": plans["origin"].astype(str),
                           "completed": done["value"]})
    record = record.loc[sorted(record.index, key=periods.sort_key)]
    printed = None
    if rate is not None:
        rates = data[data["series_id"].eq(rate) & data["kind"].eq("outturn")]
        printed = rates.set_index(rates["period"].astype(str))["value"].reindex(record.index)
    record["completion_rate_pct"], record["completion_rate_origin"] = completion_rate(
        record["completed"], record["plan"], printed)
    return record.rename_axis("period").reset_index().assign(unit=unit)


def completion_rate(completed, plan, printed=None) -> tuple[np.ndarray, np.ndarray]:
    """The completion rate (%) of each plan: the *printed* rate where there is one (missing:
    NaN), else *completed* ÷ *plan* × 100 (a plan of 0 or less has none); and how each was
    obtained, ``"printed"``, ``"derived"`` or ``""`` (none). Arrays aligned, amounts in one
    unit."""
    completed, plan = np.asarray(completed, dtype=float), np.asarray(plan, dtype=float)
    printed = np.full(completed.shape, np.nan) if printed is None else np.asarray(printed, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        computed = np.where(plan > 0, completed / plan * 100, np.nan)
    rate = np.where(np.isnan(printed), computed, printed)
    return rate, np.select([~np.isnan(printed), ~np.isnan(computed)], ["printed", "derived"], "")


def category_plans(data: pd.DataFrame, categories: list[str], total: str, *,
                   root: str | os.PathLike | None = None) -> pd.DataFrame:
    """The plans of *categories* summed, against the plan of *total*: how well the parts
    add up (derived plans differ by the rounding of the completion rates they come from).

    Parameters
    ----------
    data : DataFrame
        Tidy observations (:func:`indicators.load`).
    categories : list of str
        The series of the categories, e.g. ``sc_cq.joint_projects.industry.investment``.
    total : str
        The series of their total.
    root : path-like, optional
        Project folder whose ``units.csv`` converts units.

    Returns
    -------
    DataFrame
        One row per period with a plan for every category and for the total, earliest
        first: ``period``, ``categories_plan``, ``total_plan``, ``categories_less_total``
        and ``unit`` (the unit the plans print most; others converted to it).
    """
    plans = data[data["kind"].eq("target") & data["series_id"].isin([*categories, total])]
    plans, unit = _in_one_unit(plans, root)
    table = plans.pivot_table(index="period", columns=plans["series_id"].astype(str), values="value",
                              observed=True).reindex(columns=[*categories, total])
    parts = table[categories].sum(axis=1, min_count=len(categories))  # a missing category: no sum
    check = pd.DataFrame({"categories_plan": parts, "total_plan": table[total]}).dropna()
    check = check.loc[sorted(check.index, key=periods.sort_key)]
    check = check.assign(categories_less_total=check["categories_plan"] - check["total_plan"], unit=unit)
    return check.rename_axis("period").reset_index()


def planned_series(data: pd.DataFrame, series: list[str], period: str) -> list[str]:
    """Those of *series* with both a plan (a target) and an outturn in *period*, in the
    order given: the categories a plan chart of that period can draw."""
    rows = data[data["period"].astype(str).eq(period)]
    kinds = rows.groupby(rows["series_id"].astype(str), observed=True)["kind"].agg(lambda k: set(k.astype(str)))
    return [s for s in series if {"target", "outturn"} <= kinds.get(s, set())]


def _in_one_unit(rows: pd.DataFrame, root) -> tuple[pd.DataFrame, str]:
    """*rows* with their values in the unit most of them print (the first such in their
    order on a tie), and that unit ("" when there are no rows)."""
    if rows.empty:
        return rows, ""
    units = rows["unit"].astype(str)
    unit = units.value_counts(sort=False).idxmax()  # counted in order of appearance: the first wins a tie
    return (rows if units.eq(unit).all() else to_unit(rows, unit, root=root)), unit
