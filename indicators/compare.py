"""Targets against outturns: was each target met, and how far did it ask to move?

Rules (``data/raw/qualifiers.csv``), with *outturn* converted to the target's unit:

| qualifier | met when |
|---|---|
| ``exact``, ``at_least`` | outturn ≥ target |
| ``more_than`` | outturn > target |
| ``at_most`` | outturn ≤ target |
| ``about`` | outturn ≥ target − tolerance: 0.5 percentage points for rates, 2 % of the target for levels |
"""
from __future__ import annotations

import os

import numpy as np
import pandas as pd

from . import periods
from .dataset import load
from .paths import project
from .registry import load_registries
from .units import unit_table

#: measures whose changes are read in percentage points rather than percent
POINT_MEASURES = {"yoy_pct", "share_pct", "rate_pct", "change_pp", "index", "rank"}

_RULES = {
    "ge": lambda o, t, tol: o >= t,
    "gt": lambda o, t, tol: o > t,
    "le": lambda o, t, tol: o <= t,
    "ge_within_tolerance": lambda o, t, tol: o >= t - tol,
}

COLUMNS = [
    "series_id", "name_zh", "name_en", "topic", "geo", "measure", "period", "unit", "qualifier",
    "target", "outturn", "outturn_kind", "outturn_qualifier", "gap", "met", "status",
    "baseline_period", "baseline", "baseline_qualifier", "ambition", "ambition_unit",
    "source_id", "quote",
]


def targets_vs_outturns(data: pd.DataFrame | None = None, *, series: list[str] | None = None,
                        topic: str | list[str] | None = None, period: str | None = None,
                        root: str | os.PathLike | None = None) -> pd.DataFrame:
    """Pair each target with its outturn and with the previous period's outturn.

    Parameters
    ----------
    data : DataFrame, optional
        Observations (default: :func:`indicators.load`).
    series, topic, period : optional
        Keep only these series ids, topics or target period (e.g. ``"2024"``).

    Returns
    -------
    pandas.DataFrame
        One row per target, columns:

        - ``target``, ``unit``, ``qualifier``: the target as printed;
        - ``outturn``: the outturn (or, failing that, the estimate) for the same series and
          period, in the target's unit; ``outturn_kind`` says which;
        - ``gap``: outturn − target, in the target's unit (percentage points for rates);
        - ``met``: True/False honouring the qualifier, ``<NA>`` without an outturn;
        - ``status``: ``met``, ``not met``, ``no outturn yet`` or ``not comparable``
          (units of different dimensions);
        - ``baseline``: the outturn of the previous period (same span a year earlier), in
          the target's unit;
        - ``ambition``: how far the target asks to move from the baseline: target −
          baseline in percentage points for rates (``ambition_unit`` 百分点), target ÷
          baseline − 1 in percent for levels and counts (``%``).
    """
    data = load(root) if data is None else data
    obs = data.astype({c: str for c in ["series_id", "kind", "unit", "qualifier", "period", "topic"]})
    targets = obs[obs["kind"].eq("target")]
    if series is not None:
        targets = targets[targets["series_id"].isin(series)]
    if topic is not None:
        targets = targets[targets["topic"].isin([topic] if isinstance(topic, str) else topic)]
    if period is not None:
        targets = targets[targets["period"].eq(period)]
    targets = targets.rename(columns={"value": "target"})
    unique_periods = pd.unique(targets["period"])
    previous = dict(zip(unique_periods, map(periods.previous, unique_periods)))
    targets = targets.assign(baseline_period=targets["period"].map(previous))

    # the outturn (else the estimate) of the same series and period, and of the period before
    actual = obs[obs["kind"].isin(["outturn", "estimate"])].sort_values("kind", key=lambda k: k.ne("outturn"))
    actual = actual.drop_duplicates(["series_id", "period"])[["series_id", "period", "value", "unit", "kind", "qualifier"]]
    m = targets.merge(actual.add_prefix("out_"), how="left", left_on=["series_id", "period"],
                      right_on=["out_series_id", "out_period"])
    m = m.merge(actual.add_prefix("base_"), how="left", left_on=["series_id", "baseline_period"],
                right_on=["base_series_id", "base_period"])

    units = unit_table(root)
    mult, dim = units["multiplier"], units["dimension"]
    target_dim, target_mult = m["unit"].map(dim), m["unit"].map(mult)
    comparable = pd.Series(True, index=m.index)
    for side in ("out", "base"):
        present = m[f"{side}_value"].notna()
        comparable &= ~present | m[f"{side}_unit"].map(dim).eq(target_dim)
        m[side] = (m[f"{side}_value"] * m[f"{side}_unit"].map(mult) / target_mult).where(comparable)
    points = m["measure"].astype(str).isin(POINT_MEASURES)
    m["gap"] = m["out"] - m["target"]
    m["ambition"] = np.where(points, m["target"] - m["base"], (m["target"] / m["base"] - 1) * 100)
    m["ambition_unit"] = np.where(m["ambition"].notna(), np.where(points, "百分点", "%"), "")

    rules = load_registries(project(root))["qualifiers"].set_index("qualifier")
    rule = m["qualifier"].map(rules["met_if"])
    tolerance = np.where(points, pd.to_numeric(m["qualifier"].map(rules["tolerance_pp"])),
                         pd.to_numeric(m["qualifier"].map(rules["tolerance_rel"])) * m["target"].abs())
    tolerance = np.nan_to_num(tolerance.astype(float))
    met = np.select([rule.eq(name) for name in _RULES],
                    [f(m["out"], m["target"], tolerance) for f in _RULES.values()], default=False)
    m["met"] = pd.array(np.where(m["out"].notna(), met, None), dtype="boolean")
    m["status"] = np.select([~comparable, m["out"].isna(), m["met"].fillna(False)],
                            ["not comparable", "no outturn yet", "met"], default="not met")
    m = m.rename(columns={"out": "outturn", "out_kind": "outturn_kind", "out_qualifier": "outturn_qualifier",
                          "base": "baseline", "base_qualifier": "baseline_qualifier"})
    m[["outturn_kind", "outturn_qualifier", "baseline_qualifier"]] = \
        m[["outturn_kind", "outturn_qualifier", "baseline_qualifier"]].fillna("")
    return m[COLUMNS].reset_index(drop=True)
