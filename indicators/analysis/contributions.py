"""What the parts say about a total: contributions to its growth and shares of it.

Both work on levels in any unit of one dimension (converted through ``data/raw/units.csv``)
and on year-on-year growth rates in percent, as the documents print them::

    服务出口24074.2亿元，同比下降6.8%；进口34827.8亿元，同比增长23.5%

A part's level a year earlier is ``level / (1 + growth / 100)``; its contribution to the
total's growth, in percentage points, is its change over the total's earlier level. The
contributions add up to the total's growth exactly (up to the rounding of the printed
figures), which is how the published total growth is checked.
"""
from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from ..data.dataset import load
from ..data.figures import best_actual, best_actuals
from ..data.units import convert, to_unit
from ..exceptions import InsufficientDataError, UnitError, UnknownSeriesError

#: growth series named after their level series: china.services_trade.exports → …exports_growth
GROWTH_SUFFIX = "_growth"

CONTRIBUTION_COLUMNS = ["series_id", "name_zh", "name_en", "role", "period", "unit", "level",
                        "growth_pct", "previous_level", "contribution_pp", "share_of_growth_pct",
                        "published_level", "published_growth_pct", "approximate"]
SHARE_COLUMNS = ["series_id", "name_zh", "name_en", "period", "unit", "level", "total_level",
                 "share_pct", "previous_share_pct", "share_change_pp", "approximate"]


def growth_contributions(levels: pd.Series, growth: pd.Series) -> pd.DataFrame:
    """Contribution of each part to the growth of their sum, in percentage points.

    Parameters
    ----------
    levels : Series
        Current levels of the parts, indexed by part, all in one unit.
    growth : Series
        Year-on-year growth of each part in percent (−6.8 for 下降6.8%), same index.

    Returns
    -------
    DataFrame
        Indexed by part plus a last row ``"total"`` (the sum), columns ``level``,
        ``growth_pct``, ``previous_level`` (level ÷ (1 + growth/100)), ``contribution_pp``
        (change of the part ÷ earlier total × 100; they sum to the total's growth) and
        ``share_of_growth_pct`` (contribution ÷ total growth × 100; empty when the total did
        not change).

    Raises
    ------
    ValueError
        If the indexes differ, a value is missing, or a growth rate is −100 % or below
        (no earlier level to speak of).
    """
    levels, growth = pd.Series(levels, dtype=float), pd.Series(growth, dtype=float)
    if not levels.index.equals(growth.index):
        raise ValueError(f"`levels` and `growth` must name the same parts, but got {list(levels.index)} "
                         f"and {list(growth.index)}.")
    if levels.isna().any() or growth.isna().any():
        raise ValueError("`levels` and `growth` must not have missing values; "
                         f"got levels {levels.to_dict()} and growth {growth.to_dict()}.")
    if (growth <= -100).any():
        raise ValueError(f"Growth rates must be above -100%, but got {growth[growth <= -100].to_dict()}.")
    previous = levels / (1 + growth / 100)
    total_previous, total = previous.sum(), levels.sum()
    contribution = (levels - previous) / total_previous * 100
    total_growth = (total / total_previous - 1) * 100
    out = pd.DataFrame({"level": levels, "growth_pct": growth, "previous_level": previous,
                        "contribution_pp": contribution})
    out.loc["total"] = [total, total_growth, total_previous, contribution.sum()]
    out["share_of_growth_pct"] = out["contribution_pp"] / total_growth * 100 if total_growth else np.nan
    return out


def contributions(data: pd.DataFrame | None = None, *, parts: Sequence[str], period: str,
                  total: str | None = None, growth: Mapping[str, str] | None = None,
                  unit: str | None = None, root: str | os.PathLike | None = None) -> pd.DataFrame:
    """Contribution of each part to the growth of a total, from the parts' levels and growth.

    Parameters
    ----------
    data : DataFrame, optional
        Observations (default: :func:`indicators.load`).
    parts : list of str
        Level series of the parts, e.g. ``["china.services_trade.exports",
        "china.services_trade.imports"]``.
    period : str
        E.g. ``"2023-01/2023-11"``.
    total : str, optional
        Level series of the published total, to check against: its level and growth
        (``total + "_growth"``) go into ``published_level`` and ``published_growth_pct``
        of the total row.
    growth : mapping, optional
        Level series → growth series (percent); default ``series_id + "_growth"``.
    unit : str, optional
        Unit of the levels in the result (default: the first part's unit).

    Returns
    -------
    DataFrame
        One row per part (``role`` = ``part``) and a last row ``role`` = ``total``, columns
        as :func:`growth_contributions` plus ids, names and ``approximate`` (a figure was
        printed with 约, 超 … or is an estimate).

    Raises
    ------
    UnknownSeriesError, InsufficientDataError
        If a series, or its figure for *period*, is not in the data.
    UnitError
        If the parts' levels measure different things (亿元 and 亿美元).
    """
    data = load(root) if data is None else data
    growth = dict(growth or {})
    rows = [_figure(data, p, period) for p in parts]
    rates = [_figure(data, growth.get(p, p + GROWTH_SUFFIX), period) for p in parts]
    for r in rates:
        if r["unit"] != "%":
            raise UnitError(f"Growth series {r['series_id']!r} is in {r['unit']!r}; expected '%'.")
    unit = unit or rows[0]["unit"]
    levels = to_unit(pd.DataFrame(rows), unit, root=root)["value"]
    table = growth_contributions(pd.Series(levels.to_numpy(), index=parts),
                                 pd.Series([r["value"] for r in rates], index=parts))
    out = table.reset_index(names="series_id")
    out["role"] = ["part"] * len(parts) + ["total"]
    out["period"], out["unit"] = period, unit
    out["name_zh"] = [r["name_zh"] for r in rows] + ["合计"]
    out["name_en"] = [r["name_en"] for r in rows] + ["Total"]
    approx = [_approximate(a) or _approximate(b) for a, b in zip(rows, rates)]
    out["published_level"] = out["published_growth_pct"] = np.nan
    if total is not None:
        level = _figure(data, total, period)
        rate = _figure(data, growth.get(total, total + GROWTH_SUFFIX), period)
        out.loc[out.index[-1], ["series_id", "name_zh", "name_en"]] = [total, level["name_zh"], level["name_en"]]
        out.loc[out.index[-1], "published_level"] = float(convert(level["value"], level["unit"], unit, root=root))
        out.loc[out.index[-1], "published_growth_pct"] = rate["value"]
    out["approximate"] = approx + [any(approx)]
    return out[CONTRIBUTION_COLUMNS]


def shares(data: pd.DataFrame | None = None, *, parts: Sequence[str], total: str, period: str,
           growth: Mapping[str, str] | None = None, root: str | os.PathLike | None = None) -> pd.DataFrame:
    """Each part's share of a total in percent, and its change on a year earlier when known.

    Parameters
    ----------
    data : DataFrame, optional
        Observations (default: :func:`indicators.load`).
    parts : list of str
        Level series, e.g. ``["china.services_trade.knowledge_total",
        "china.services_trade.travel_total"]``; they need not add up to the total.
    total : str
        Level series of the total, e.g. ``"china.services_trade.total"``.
    period : str
        E.g. ``"2023-01/2023-11"``.
    growth : mapping, optional
        Level series → growth series (percent); default ``series_id + "_growth"``. When a
        part and the total both have one, ``previous_share_pct`` is the share a year
        earlier (levels deflated by their growth) and ``share_change_pp`` the change in
        percentage points; otherwise these are empty.

    Returns
    -------
    DataFrame
        One row per part, levels in the total's unit.

    Raises
    ------
    UnitError
        If a part measures something other than the total (亿美元 against 亿元).
    """
    data = load(root) if data is None else data
    growth = dict(growth or {})
    whole = _figure(data, total, period)
    rows = [_figure(data, p, period) for p in parts]
    levels = to_unit(pd.DataFrame(rows), whole["unit"], root=root)["value"].to_numpy()
    out = pd.DataFrame({"series_id": list(parts), "name_zh": [r["name_zh"] for r in rows],
                        "name_en": [r["name_en"] for r in rows], "period": period, "unit": whole["unit"],
                        "level": levels, "total_level": whole["value"]})
    out["share_pct"] = out["level"] / out["total_level"] * 100
    total_rate = _figure(data, growth.get(total, total + GROWTH_SUFFIX), period, missing_ok=True)
    part_rates = [_figure(data, growth.get(p, p + GROWTH_SUFFIX), period, missing_ok=True) for p in parts]
    rate = pd.Series([np.nan if r is None else r["value"] for r in part_rates], dtype=float)
    total_growth = np.nan if total_rate is None else total_rate["value"]
    out["previous_share_pct"] = out["share_pct"] * (1 + total_growth / 100) / (1 + rate / 100)
    out["share_change_pp"] = out["share_pct"] - out["previous_share_pct"]
    out["approximate"] = [_approximate(whole) or _approximate(r) for r in rows]
    return out[SHARE_COLUMNS]


def _figure(data: pd.DataFrame, series_id: str, period: str, *, missing_ok: bool = False) -> dict | None:
    """The best actual figure (:func:`indicators.data.figures.best_actual`) of a series in a period."""
    row = best_actual(data, series_id, period)
    if row is None:
        if missing_ok:
            return None
        ids = data["series_id"].astype(str)
        if not ids.eq(series_id).any():
            raise UnknownSeriesError(f"No series {series_id!r} in the data; see data/raw/series.csv for the ids.")
        have = sorted(best_actuals(data[ids.eq(series_id)])["period"].astype(str).unique())
        raise InsufficientDataError(f"Series {series_id!r} has no outturn or estimate for period {period!r}; "
                                    f"it has {have or 'none'}.")
    return {"series_id": series_id, "value": float(row["value"]), "unit": str(row["unit"]),
            "qualifier": str(row["qualifier"]), "kind": str(row["kind"]),
            "name_zh": str(row["name_zh"]), "name_en": str(row["name_en"])}


def _approximate(figure: dict) -> bool:
    return figure["qualifier"] != "exact" or figure["kind"] != "outturn"
