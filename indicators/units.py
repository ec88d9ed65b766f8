"""Unit-aware arithmetic through ``data/raw/units.csv`` (亿元 ↔ 万亿元, 万人 ↔ 人 …).

Units of one ``dimension`` convert by their multipliers to a common base unit. Units of
different dimensions never mix: US-dollar figures (亿美元) stay in dollars, since the
documents give no exchange rate.
"""
from __future__ import annotations

import os
from functools import cache

import numpy as np
import pandas as pd

from .exceptions import UnitError
from .paths import project
from .registry import load_registries


@cache
def _table(root: str) -> pd.DataFrame:
    return load_registries(project(root))["units"].set_index("unit")


def unit_table(root: str | os.PathLike | None = None) -> pd.DataFrame:
    """The unit registry indexed by unit: ``dimension``, ``base_unit``, ``multiplier`` …"""
    return _table(str(project(root).root))


def _lookup(unit: str, table: pd.DataFrame) -> pd.Series:
    if unit not in table.index:
        raise UnitError(f"Unknown unit {unit!r}; add it to data/raw/units.csv "
                        f"(known: {', '.join(table.index)}).")
    return table.loc[unit]


def factor(from_unit: str, to_unit: str, *, root: str | os.PathLike | None = None) -> float:
    """The number to multiply a value in *from_unit* by to express it in *to_unit*.

    Raises
    ------
    UnitError
        If either unit is unknown or the two measure different things (亿元 and 亿美元,
        万人 and 亿元 …).
    """
    table = unit_table(root)
    a, b = _lookup(from_unit, table), _lookup(to_unit, table)
    if a.dimension != b.dimension:
        raise UnitError(f"Cannot convert {from_unit!r} ({a.dimension}) to {to_unit!r} "
                        f"({b.dimension}): they measure different things.")
    return float(a.multiplier / b.multiplier)


def convert(value, from_unit: str, to_unit: str, *, root: str | os.PathLike | None = None):
    """*value* (a number, array or Series) in *from_unit* expressed in *to_unit*.

    >>> convert(2.2, "万亿元", "亿元")
    22000.0
    """
    return np.multiply(value, factor(from_unit, to_unit, root=root))


def add(a: float, a_unit: str, b: float, b_unit: str, *, unit: str | None = None,
        root: str | os.PathLike | None = None) -> float:
    """``a + b`` expressed in *unit* (default: *a_unit*); refuses incompatible units."""
    unit = unit or a_unit
    return float(convert(a, a_unit, unit, root=root) + convert(b, b_unit, unit, root=root))
