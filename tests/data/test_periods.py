"""`indicators/data/periods.py`: the period grammar."""
from __future__ import annotations

import pytest

from indicators.data import periods


@pytest.mark.parametrize(("period", "parts"), [
    ("2023", ((2023, None),)),
    ("2023-11", ((2023, 11),)),
    ("2023-01/2023-11", ((2023, 1), (2023, 11))),
    ("2019/2023", ((2019, None), (2023, None))),
    ("2022-11/2023-02", ((2022, 11), (2023, 2))),
])
def test_periods_parse_into_their_ends(period, parts):
    assert periods.parse(period) == parts
    assert periods.is_valid(period)


@pytest.mark.parametrize(("period", "why"), [
    ("2023-13", "months run from 01 to 12"), ("2023-00", "months run from 01 to 12"),
    ("2023/2022", "start before it ends"), ("2023-11/2023-01", "start before it ends"),
    ("2023-01/2023", "both ends must be years, or both months"), ("23", "ISO 8601"), ("2023-1", "ISO 8601"),
    ("2023 ", "ISO 8601"), ("", "ISO 8601"),
])
def test_bad_periods_are_refused_with_the_reason(period, why):
    assert not periods.is_valid(period)
    with pytest.raises(ValueError, match=why):
        periods.parse(period)


@pytest.mark.parametrize(("period", "zh", "en"), [
    ("2023", "2023年", "2023"), ("2023-11", "2023年11月", "Nov 2023"),
    ("2023-01/2023-11", "2023年1-11月", "Jan-Nov 2023"), ("2019/2023", "2019-2023年", "2019-2023"),
    ("2022-11/2023-02", "2022年11月-2023年2月", "Nov 2022-Feb 2023"),
])
def test_labels_read_as_the_documents_write_them(period, zh, en):
    assert (periods.label(period, "zh"), periods.label(period, "en")) == (zh, en)


def test_a_year_earlier_keeps_the_span():
    assert periods.previous("2024-01/2024-11") == "2023-01/2023-11"
    assert periods.shift_years("2023-11", 2) == "2025-11"
    assert periods.shape("2023-01/2023-11") == periods.shape("2019-01/2019-11") == "YYYY-01/YYYY-11"
    assert periods.shape("2023") != periods.shape("2023-11")


def test_periods_sort_by_the_year_they_end_in():
    shuffled = ["2023", "2022-01/2022-11", "2022", "2023-01/2023-11"]
    assert sorted(shuffled, key=periods.sort_key) == ["2022", "2022-01/2022-11", "2023", "2023-01/2023-11"]


def test_months_count_across_the_new_year():
    assert periods.from_month_index(periods.month_index("2023-11") + 3) == "2024-02"
    assert periods.is_month("2023-11") and not periods.is_month("2023") and not periods.is_month("2023-01/2023-11")
    with pytest.raises(ValueError, match="is a year"):
        periods.month_index("2023")
