"""Unit-aware arithmetic through ``data/raw/units.csv`` (亿元 ↔ 万亿元, 万人 ↔ 人 …).

Units of one ``dimension`` convert by their multipliers to a common base unit. Units of
different dimensions never mix: US-dollar figures (亿美元) stay in dollars, since the
documents give no exchange rate.

Three levels of use:

- :func:`factor`, :func:`convert` for numbers and arrays;
- :class:`Quantity` for one figure with its unit (``Quantity(2.2, "万亿元") + Quantity(500, "亿元")``);
- :func:`to_unit` for a tidy frame with ``value`` and ``unit`` columns.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from numbers import Real

import numpy as np
import pandas as pd

from ..exceptions import UnitError
from ..paths import project
from .registry import Registries, load_registries

#: relative tolerance under which two quantities count as equal after conversion; printed
#: figures carry at most about seven significant digits, float conversion errors are ~1e-16
REL_TOL = 1e-9


def unit_table(root: str | os.PathLike | None = None, *, registries: Registries | None = None) -> pd.DataFrame:
    """The unit registry indexed by unit: ``dimension``, ``base_unit``, ``multiplier`` …

    From *registries* when given (registries being checked, as the build step reads
    them), else from the project at *root* as :func:`~indicators.data.registry.load_registries`
    reads it: again after ``data/raw/units.csv`` changes, also within one process.
    """
    registries = load_registries(project(root)) if registries is None else registries
    return registries["units"].set_index("unit")


def _lookup(unit: str, table: pd.DataFrame) -> pd.Series:
    if unit not in table.index:
        raise UnitError(f"Unknown unit {unit!r}; add it to data/raw/units.csv "
                        f"(known: {', '.join(table.index)}).")
    return table.loc[unit]


def dimension(unit: str, *, root: str | os.PathLike | None = None, registries: Registries | None = None) -> str:
    """What *unit* measures (``money_cny``, ``money_usd``, ``people`` …), from units.csv."""
    return str(_lookup(unit, unit_table(root, registries=registries)).dimension)


def factor(from_unit: str, to_unit: str, *, root: str | os.PathLike | None = None,
           registries: Registries | None = None) -> float:
    """The number to multiply a value in *from_unit* by to express it in *to_unit*
    (units from *registries* when given, else from the project at *root*).

    Raises
    ------
    UnitError
        If either unit is unknown or the two measure different things (亿元 and 亿美元,
        万人 and 亿元 …).
    """
    table = unit_table(root, registries=registries)
    a, b = _lookup(from_unit, table), _lookup(to_unit, table)
    if a.dimension != b.dimension:
        raise UnitError(f"Cannot convert {from_unit!r} ({a.dimension}) to {to_unit!r} "
                        f"({b.dimension}): they measure different things.")
    return float(a.multiplier / b.multiplier)


def convert(value, from_unit: str, to_unit: str, *, root: str | os.PathLike | None = None,
            registries: Registries | None = None):
    """*value* (a number, array or Series) in *from_unit* expressed in *to_unit*.

    >>> float(convert(2.2, "万亿元", "亿元"))
    22000.0
    """
    return np.multiply(value, factor(from_unit, to_unit, root=root, registries=registries))


@dataclass(frozen=True, eq=False)
class Quantity:
    """A number with its printed unit, e.g. ``Quantity(2.2, "万亿元")``.

    Adding, subtracting and comparing convert the right operand into the left one's unit
    first and raise :class:`UnitError` across dimensions (亿元 and 亿美元) or against a bare
    number. Equality allows a relative difference of :data:`REL_TOL` (float conversion
    noise), so quantities are not hashable. Dividing two quantities of one dimension gives
    a plain ratio; multiplying or dividing by a number scales the value.

    >>> Quantity(2.2, "万亿元") + Quantity(500, "亿元")
    Quantity(value=2.25, unit='万亿元')
    >>> Quantity(24074.2, "亿元").to("万亿元").value
    2.40742
    """

    value: float
    unit: str
    #: project folder whose units.csv applies (default: this project)
    root: str | None = field(default=None, repr=False)

    __hash__ = None  # equality is approximate

    def __post_init__(self):
        _lookup(self.unit, unit_table(self.root))  # fail early on an unknown unit

    def to(self, unit: str) -> Quantity:
        """The same amount expressed in *unit*."""
        return Quantity(float(self.value * factor(self.unit, unit, root=self.root)), unit, self.root)

    @property
    def dimension(self) -> str:
        return dimension(self.unit, root=self.root)

    def _other(self, other, verb: str) -> float:
        """*other*'s value in this quantity's unit, refusing bare numbers."""
        if isinstance(other, Quantity):
            return other.value * factor(other.unit, self.unit, root=self.root)
        raise UnitError(f"Cannot {verb} {other!r} (a bare number, no unit) and {self}; "
                        f"give it a unit: Quantity({other!r}, {self.unit!r}).")

    def __add__(self, other) -> Quantity:
        return Quantity(self.value + self._other(other, "add"), self.unit, self.root)

    def __sub__(self, other) -> Quantity:
        return Quantity(self.value - self._other(other, "subtract"), self.unit, self.root)

    def __neg__(self) -> Quantity:
        return Quantity(-self.value, self.unit, self.root)

    def __mul__(self, k) -> Quantity:
        if isinstance(k, Real):
            return Quantity(self.value * k, self.unit, self.root)
        return NotImplemented

    __rmul__ = __mul__

    def __truediv__(self, other):
        if isinstance(other, Quantity):
            return self.value / self._other(other, "divide")
        if isinstance(other, Real):
            return Quantity(self.value / other, self.unit, self.root)
        return NotImplemented

    def __eq__(self, other) -> bool:
        if not isinstance(other, Quantity):
            return NotImplemented
        return math.isclose(self.value, self._other(other, "compare"), rel_tol=REL_TOL)

    def __lt__(self, other) -> bool:
        return self.value < self._other(other, "compare") and not self == other

    def __le__(self, other) -> bool:
        return self.value < self._other(other, "compare") or self == other

    def __gt__(self, other) -> bool:
        return self.value > self._other(other, "compare") and not self == other

    def __ge__(self, other) -> bool:
        return self.value > self._other(other, "compare") or self == other

    def __str__(self) -> str:
        return f"{self.value:g} {self.unit}"


#: accepted values of ``to_unit(errors=...)``
_ERRORS = ("raise", "ignore")


def to_unit(data: pd.DataFrame, unit: str, *, errors: str = "raise",
            root: str | os.PathLike | None = None) -> pd.DataFrame:
    """A copy of tidy *data* with ``value`` expressed in *unit* and ``unit`` set to it.

    Parameters
    ----------
    data : DataFrame
        With columns ``value`` (numbers in the printed unit) and ``unit``.
    unit : str
        A unit of ``data/raw/units.csv``, e.g. ``"亿元"``.
    errors : {"raise", "ignore"}, default "raise"
        What to do with rows whose unit measures something else (亿美元 when *unit* is
        亿元): raise :class:`UnitError` naming them, or leave them in their own unit.

    Raises
    ------
    UnitError
        For an unknown unit, or rows of another dimension when ``errors="raise"``.
    """
    if errors not in _ERRORS:
        raise ValueError(f"The value for `errors` must be one of {list(_ERRORS)}, but {errors!r} was passed.")
    table = unit_table(root)
    target = _lookup(unit, table)
    units = data["unit"].astype(str)
    for u in pd.unique(units):
        _lookup(u, table)
    same = units.map(table["dimension"]).eq(target.dimension)
    if not same.all() and errors == "raise":
        bad = data.loc[~same]
        who = bad["series_id"].astype(str) if "series_id" in bad else bad.index.astype(str)
        examples = ", ".join(f"{w} ({u})" for w, u in list(zip(who, bad["unit"].astype(str)))[:5])
        more = f" and {len(bad) - 5} more" if len(bad) > 5 else ""
        raise UnitError(f"Cannot express {len(bad)} row(s) in {unit!r} ({target.dimension}): "
                        f"{examples}{more} measure something else. Select rows of one dimension "
                        f"first, or pass errors='ignore' to leave them in their own unit.")
    out = data.copy()
    scale = units[same].map(table["multiplier"]).astype(float) / float(target.multiplier)
    out.loc[same, "value"] = data.loc[same, "value"].astype(float) * scale
    if isinstance(out["unit"].dtype, pd.CategoricalDtype) and unit not in out["unit"].cat.categories:
        out["unit"] = out["unit"].cat.add_categories([unit])
    out.loc[same, "unit"] = unit
    return out
