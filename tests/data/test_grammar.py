"""The figure grammar reads each number with its own sign, unit, qualifier and years."""
from __future__ import annotations

import pyarrow as pa
import pytest

from indicators.data.grammar import Grammar, figures, says
from indicators.data.registry import load_registries, normalise_text
from indicators.paths import project


@pytest.fixture(scope="module")
def registries(built_root):
    return load_registries(project(built_root))


def read(text, registries, **kwargs):
    return [(f.signed, f.unit, f.qualifier) for f in figures(text, registries=registries, **kwargs)]


@pytest.mark.parametrize(("text", "expected"), [
    ("服务贸易出口24074.2亿元，同比下降6.8%", [(24074.2, "亿元", "exact"), (-6.8, "%", "exact")]),
    ("较前期选址减少占用耕地10%", [(-10, "%", "exact")]),
    ("城乡居民收入比缩小到1.77∶1", [(1.77, "倍", "exact")]),  # fell *to*: a level
    ("生产安全事故起数、死亡人数分别下降25.1%、16.1%", [(-25.1, "%", "exact"), (-16.1, "%", "exact")]),
    ("出口下降6.8%、进口增长10.5%", [(-6.8, "%", "exact"), (10.5, "%", "exact")]),
])
def test_sign_words_make_declines_negative_and_carry_over_a_list(registries, text, expected):
    assert read(text, registries) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("分别增长2、5.5和6.5%", [(2, "%"), (5.5, "%"), (6.5, "%")]),
    ("提高2个百分点", [(2, "百分点")]),
    ("地区生产总值超2.2万亿元", [(2.2, "万亿元")]),
    ("全年接待游客2.8亿人次", [(2.8, "亿人次")]),
    ("服务进出口总额58,902亿元", [(58902, "亿元")]),
    ("新增1—2个省级百强中心镇", [(1, "个"), (2, "个")]),
    ("成都人才总量达622万", [(622, "")]),  # a bare magnitude is no unit of units.csv
])
def test_units_are_the_printed_forms_of_units_csv(registries, text, expected):
    assert [(v, u or "") for v, u, _ in read(text, registries)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("地区生产总值超2.2万亿元、增长6%", ["more_than", "exact"]),
    ("地区生产总值增长6%左右", ["about"]),
    ("城镇调查失业率控制在5.5%左右", ["at_most"]),  # the marker before the number decides
    ("新建居民小区电动自行车停放示范场所不少于500处", ["at_least"]),
    ("确保每个镇至少有规范化食品经营店1家", ["at_least"]),
    ("新建社区生鲜超市100个", ["exact"]),  # 超市 is a word, not 超
    ("规模以上工业增加值增长4.1%", ["exact"]),  # 以上 after a word, not after the number
    ("航空旅客、货邮吞吐量分别增长5%、6%以上", ["at_least", "at_least"]),
])
def test_qualifier_is_the_one_attached_to_that_number(registries, text, expected):
    assert [q for _, _, q in read(text, registries)] == expected


def test_years_are_named_by_the_sentence_and_dates_are_not_figures(registries):
    found = figures("2023年1至11月，我国服务进出口总额58902亿元。预计今年收入32500元以上",
                    registries=registries, year=2024)
    assert [(f.value, f.years) for f in found] == [(58902, (2023,)), (32500, (2024,))]


def test_spans_and_printed_text_locate_the_figure(registries):
    text = "我国服务贸易出口24074.2亿元，同比下降6.8%"
    (level, growth) = figures(text, registries=registries)
    assert text[slice(*level.span)] == "24074.2亿元"
    assert growth.text == "下降6.8%"


@pytest.mark.parametrize("as_arrow", [False, True])
def test_reading_many_texts_at_once_locates_each_figure_in_its_own_text(registries, as_arrow):
    texts = [normalise_text(t) for t in ["收入增长5%，成效明显", "没有数字", "出口下降6.8%", "总额58,902亿元",
                                         "增长6%左右", "也没有数字"]]
    table = Grammar.of(registries).read(pa.array(texts) if as_arrow else texts)
    assert list(table["text"]) == [0, 2, 3, 4]
    assert [texts[t][s:e] for t, s, e in zip(table["text"], table["start"], table["end"])] == \
        ["5%", "6.8%", "58,902亿元", "6%"]
    assert list(table["printed"]) == ["5%", "下降6.8%", "58,902亿元", "6%左右"]
    assert list(table["value"]) == [5, 6.8, 58902, 6]


def test_says_finds_any_of_the_words_as_printed():
    texts = ["全年预期目标为5%", "计划(草案)", "没有", "abc"]
    assert list(says(texts, ["目标", "(草案)"])) == [True, True, False, False]
    assert list(says(pa.array(texts), ["a.c"])) == [False] * 4  # a word, not a pattern
    assert list(says(texts, [])) == [False] * 4
