"""`indicators/units.py`: conversion through units.csv, refusal across dimensions."""
from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, strategies as st

from indicators.exceptions import UnitError
from indicators.data.units import Quantity, convert, dimension, factor, to_unit, unit_table

TABLE = unit_table()
UNITS = sorted(TABLE.index)
BY_DIMENSION = {d: sorted(g.index) for d, g in TABLE.groupby("dimension")}
MULTI = {d: u for d, u in BY_DIMENSION.items() if len(u) > 1}

units = st.sampled_from(UNITS)
values = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)
#: three units of one dimension (possibly repeated)
same_dimension = st.sampled_from(sorted(MULTI)).flatmap(
    lambda d: st.tuples(*[st.sampled_from(MULTI[d])] * 3))
different_dimension = st.tuples(units, units).filter(lambda p: TABLE.dimension[p[0]] != TABLE.dimension[p[1]])


def close(a, b):
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-9)


def test_known_conversions_from_the_documents():
    assert convert(2.2, "万亿元", "亿元") == pytest.approx(22000)
    assert convert(24074.2, "亿元", "万亿元") == pytest.approx(2.40742)
    assert convert(1, "万人", "人") == 10000
    assert convert(3, "万吨", "吨") == 30000
    assert convert(5, "万元", "元") == 50000


@given(same_dimension, values)
def test_round_trip_returns_the_value(trio, x):
    a, b, _ = trio
    assert close(convert(convert(x, a, b), b, a), x)


@given(same_dimension)
def test_factors_chain(trio):
    a, b, c = trio
    assert close(factor(a, b) * factor(b, c), factor(a, c))
    assert close(factor(a, b) * factor(b, a), 1.0)


@given(units)
def test_factor_to_itself_is_one(u):
    assert factor(u, u) == 1.0


@given(different_dimension, values)
def test_conversion_across_dimensions_is_refused(pair, x):
    a, b = pair
    with pytest.raises(UnitError, match=rf"Cannot convert '{a}' \({dimension(a)}\) to '{b}'"):
        convert(x, a, b)
    with pytest.raises(UnitError, match="measure different things"):
        Quantity(x, a) + Quantity(x, b)
    with pytest.raises(UnitError):
        Quantity(x, a) < Quantity(x, b)


def test_dollars_stay_dollars():
    with pytest.raises(UnitError, match=r"'亿美元' \(money_usd\) to '亿元' \(money_cny\)"):
        factor("亿美元", "亿元")


def test_unknown_unit_names_the_registry():
    with pytest.raises(UnitError, match=r"Unknown unit '亿英镑'; add it to data/raw/units.csv"):
        factor("亿英镑", "亿元")
    with pytest.raises(UnitError, match="Unknown unit"):
        Quantity(1, "亿英镑")


@given(same_dimension, values, values)
def test_addition_commutes_and_is_associative_up_to_units(trio, x, y):
    a, b, c = trio
    assert close((Quantity(x, a) + Quantity(y, b)).to(c).value, (Quantity(y, b) + Quantity(x, a)).to(c).value)
    left = (Quantity(x, a) + Quantity(y, b)) + Quantity(x, c)
    right = Quantity(x, a) + (Quantity(y, b) + Quantity(x, c))
    assert math.isclose(left.value, right.to(a).value, rel_tol=1e-9, abs_tol=1e-6 * max(1, abs(left.value)))


@given(same_dimension, values, values)
def test_quantity_order_agrees_with_converted_values(trio, x, y):
    a, b, _ = trio
    p, q = Quantity(x, a), Quantity(y, b)
    base_p, base_q = x * TABLE.multiplier[a], y * TABLE.multiplier[b]
    if math.isclose(base_p, base_q, rel_tol=1e-9):
        assert p == q and p <= q and p >= q
    else:
        assert (p < q) == (base_p < base_q)
        assert (p > q) == (base_p > base_q)
        assert p != q


def test_quantity_arithmetic():
    total = Quantity(24074.2, "亿元") + Quantity(3.48278, "万亿元")
    assert total.unit == "亿元" and total.value == pytest.approx(58902)
    assert total.to("万亿元") == Quantity(5.8902, "万亿元")
    assert Quantity(13148.8, "亿元") / total == pytest.approx(0.22323, abs=1e-5)
    assert (2 * Quantity(1, "万人")).to("人").value == 20000
    assert str(Quantity(22.9, "亿美元")) == "22.9 亿美元"


def test_quantity_refuses_bare_numbers_with_advice():
    with pytest.raises(UnitError, match=r"Cannot add 5 \(a bare number, no unit\).*Quantity\(5, '亿元'\)"):
        Quantity(1, "亿元") + 5
    with pytest.raises(UnitError, match="Cannot compare"):
        Quantity(1, "亿元") < 5


def frame(rows):
    return pd.DataFrame(rows, columns=["series_id", "value", "unit"])


@given(st.lists(st.tuples(st.sampled_from(BY_DIMENSION["money_cny"]), values), min_size=1, max_size=8),
       st.sampled_from(BY_DIMENSION["money_cny"]))
def test_to_unit_round_trips_a_frame(rows, unit):
    data = frame([("s", v, u) for u, v in rows])
    there = to_unit(data, unit)
    assert (there["unit"] == unit).all()
    for (u, v), got in zip(rows, there["value"]):
        assert close(got, convert(v, u, unit))
    back = there.assign(value=[convert(v, unit, u) for (u, _), v in zip(rows, there["value"])],
                        unit=[u for u, _ in rows])
    assert all(close(a, b) for a, b in zip(back["value"], data["value"]))


def test_to_unit_refuses_other_dimensions_and_names_them():
    data = frame([("chengdu.fdi.level", 22.9, "亿美元"), ("chengdu.foreign_trade.level", 7489.8, "亿元")])
    with pytest.raises(UnitError, match=r"1 row\(s\) in '万亿元' \(money_cny\): chengdu.fdi.level \(亿美元\)"):
        to_unit(data, "万亿元")
    kept = to_unit(data, "万亿元", errors="ignore")
    assert kept["unit"].tolist() == ["亿美元", "万亿元"]
    assert kept["value"].tolist() == pytest.approx([22.9, 0.74898])


def test_to_unit_keeps_categorical_units(observations):
    money = observations[observations["unit"].astype(str).isin(["亿元", "万亿元"])]
    out = to_unit(money, "亿元")
    assert isinstance(out["unit"].dtype, pd.CategoricalDtype)
    assert set(out["unit"].astype(str)) == {"亿元"}
    assert money["unit"].astype(str).isin(["亿元", "万亿元"]).all()  # the input is untouched


def test_to_unit_checks_its_errors_argument():
    with pytest.raises(ValueError, match=r"`errors` must be one of \['raise', 'ignore'\]"):
        to_unit(frame([]), "亿元", errors="coerce")


def test_a_unit_added_to_the_registry_is_known_at_the_next_call_in_the_same_process(project_copy):
    with pytest.raises(UnitError, match="Unknown unit '千亿元'"):
        factor("千亿元", "亿元", root=project_copy)
    path = project_copy / "data/raw/units.csv"
    with path.open("a", encoding="utf-8") as f:
        f.write('千亿元,100 billion yuan,money_cny,元,100000000000,"#,##0.0",,\n')
    assert factor("千亿元", "亿元", root=project_copy) == 1000
    assert unit_table(project_copy).loc["千亿元", "dimension"] == "money_cny"
