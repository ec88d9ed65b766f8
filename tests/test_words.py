"""`indicators/_words.py`: the one source of the words for qualifiers, kinds and statuses."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from indicators import _words
from indicators.analysis.attainment import STATUSES
from indicators.data.registry import load_registries
from indicators.data.schema import schema
from indicators.paths import project


@pytest.mark.parametrize(("qualifier", "zh", "en"), [
    ("about", "6%左右", "about 6%"), ("at_least", "700个以上", "at least 700 个"),
    ("more_than", "超过2.2万亿元", "more than 2.2 万亿元"), ("at_most", "5.5%以内", "at most 5.5%"),
    ("exact", "6%", "6%"), ("", "6%", "6%"),
])
def test_an_amount_reads_with_its_qualifier(qualifier, zh, en):
    x, unit = {"at_least": (700, "个"), "more_than": (2.2, "万亿元"), "at_most": (5.5, "%")}.get(qualifier, (6, "%"))
    assert _words.qualified(x, unit, qualifier, "zh") == zh
    assert _words.qualified(x, unit, qualifier, "en") == en


def test_every_registry_qualifier_and_contract_kind_has_words_in_both_languages():
    qualifiers = load_registries(project())["qualifiers"]["qualifier"]
    for q in qualifiers:
        assert q == "exact" or q in _words.labels()["qualifier"], q
    for kind in schema().field("kind").enum:
        assert _words.kind_word(kind, "zh") and _words.kind_word(kind, "en"), kind
    for status in STATUSES:
        assert _words.status_word(status, "zh") and _words.status_word(status, "en"), status


def test_words_for_kinds_and_statuses():
    assert (_words.kind_word("estimate", "zh"), _words.kind_word("derived", "en")) == ("预计", "derived figure")
    assert _words.kind_word("outturn", "en", start=True) == "Outturn"
    assert _words.status_word("met", "zh") == "达成" and _words.status_word("not met", "en", start=True) == "Not met"


def test_a_qualifier_missing_from_the_labels_reads_with_its_registry_name():
    names = {"roughly": {"zh": "大约", "en": "roughly"}}
    assert _words.qualified(6, "%", "roughly", "en", names) == "6% (roughly)"
    assert _words.qualified(6, "%", "roughly", "en") == "6%"


@pytest.mark.parametrize(("x", "expected"), [
    (6, "6"), (2.2, "2.2"), (-3.25, "-3.25"), (0.125, "0.12"), (1.875, "1.88"), (2.675, "2.67"),
    (-0.004, "0"), (2.004, "2"), (12345678.91, "12345678.91"), (0.05, "0.05"), (10.1, "10.1")])
def test_numbers_prints_a_column_with_the_digits_of_number(x, expected):
    assert _words.numbers([x]).to_pylist() == [expected]


@given(st.lists(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False) | st.integers(-10**6, 10**6).map(
    lambda i: i / 1000), max_size=50))
def test_numbers_agrees_with_number_for_every_value(values):
    assert _words.numbers(values).to_pylist() == [_words.number(v) for v in values]


def test_numbers_leaves_missing_values_missing():
    assert _words.numbers([float("nan"), 1.5]).to_pylist() == [None, "1.5"]


def test_words_that_depend_on_a_count_read_in_the_singular_and_plural():
    assert _words.text("not_shown", "en", n=1, names="A") == "Note: 1 target in other units or measures not shown: A."
    assert _words.text("not_shown", "en", n=2, names="A, B") == "Note: 2 targets in other units or measures not shown: A, B."
    assert _words.text("panels_left_out", "en", n=1).startswith("Note: 1 more target with a shorter record is")
    assert _words.text("not_shown", "zh", n=1, names="甲") == "注：另有1项目标口径或单位不同，未列入：甲。"


def test_every_counted_text_has_a_form_for_any_other_count():
    for key, forms in _words.labels()["text"].items():
        for lang in _words.LANGS:
            if isinstance(forms[lang], dict):
                assert "other" in forms[lang] and set(forms[lang]) <= {"0", "1", "all", "other"}, (key, lang)
