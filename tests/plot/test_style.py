"""indicators/chart_style.py: one style context, bilingual text, wrapping and numbers."""
from __future__ import annotations

import matplotlib
import pytest

matplotlib.use("Agg")

import indicators  # noqa: E402
from indicators.plot import style as st  # noqa: E402


def test_style_applies_the_cjk_chain_and_restores_the_previous_settings():
    before = dict(matplotlib.rcParams)
    with indicators.style(width="half"):
        assert matplotlib.rcParams["font.sans-serif"][0] == indicators.cjk_font().family
        assert matplotlib.rcParams["pdf.fonttype"] == 42
        assert matplotlib.rcParams["svg.fonttype"] == "none"
        assert matplotlib.rcParams["figure.figsize"][0] == pytest.approx(7.8 / 2.54)
        assert st.active()
    assert dict(matplotlib.rcParams) == before
    assert not st.active()


def test_importing_the_style_module_changes_no_setting():
    import importlib

    before = dict(matplotlib.rcParams)
    importlib.reload(st)
    assert dict(matplotlib.rcParams) == before


def test_unknown_width_is_rejected_with_the_choices():
    with pytest.raises(ValueError, match=r"`width` must be one of \['full', 'half'\]"):
        with indicators.style(width="quarter"):
            pass


def test_text_switches_language_and_rejects_unknown_ones():
    assert st.text("source", "zh") == "资料来源："
    assert st.text("source", "en") == "Source: "
    with pytest.raises(ValueError, match=r"`lang` must be one of \['zh', 'en'\]"):
        st.text("source", "fr")


@pytest.mark.parametrize(("qualifier", "zh", "en"), [
    ("about", "6左右", "about 6"), ("at_least", "6以上", "at least 6"),
    ("more_than", "超过6", "more than 6"), ("at_most", "6以内", "at most 6"), ("exact", "6", "6"),
])
def test_targets_read_with_their_qualifier(qualifier, zh, en):
    assert st.qualified("6", qualifier, "zh") == zh
    assert st.qualified("6", qualifier, "en") == en


def test_a_qualifier_missing_from_the_labels_falls_back_to_its_registry_name():
    assert st.qualified("6", "roughly", "en", name="roughly") == "6 (roughly)"


def test_numbers_print_as_the_documents_do_with_a_true_minus_sign():
    with indicators.style():
        assert st.number(-6.8, "zh") == "\N{MINUS SIGN}6.8"
        assert st.number(58902.0, "zh") == "58,902"  # as the tables print it
        assert st.number(58902.0, "en") == "58,902"
        assert st.number(9, "en", sign=True) == "+9"


def test_wrap_breaks_chinese_and_english_between_words():
    with indicators.style():
        zh = st.wrap("社会消费品零售总额增长", 60, 7.5)
        en = st.wrap("Construction and installation investment, growth", 80, 7.5)
        assert zh.replace("\n", "") == "社会消费品零售总额增长"
        assert all(st.text_width(line, 7.5) <= 60 for line in zh.split("\n"))
        assert all(not line.startswith(" ") and " " not in line[-1:] for line in en.split("\n"))
        assert "installa\n" not in en and len(en.split("\n")) > 1


@pytest.mark.parametrize(("text", "width", "lines"), [
    ("基础设施类项目完成投资", 45, ["基础设施类", "项目完成投资"]),  # never 基础设 + 施类
    ("基础设施类", 30, ["基础设施", "类"]),  # too narrow for the word: it breaks between words inside it
    ("规模以上工业增加值", 30, ["规模以上", "工业", "增加值"]),  # never 规模以 + 上工业
    ("基础设施", 20, ["基础", "设施"]),  # one word wider than the line: cut, as it must be
    ("2022年1-11月服务进出口总额", 60, ["2022年1-11月", "服务进出口总额"]),  # never 2022年 + 1-11月
    ("2022年1-11月服务进出口总额", 30, ["2022年", "1-11月", "服务", "进出口", "总额"]),  # a period wider than a line
    ("Services exports, Jan-Nov 2023", 70, ["Services exports,", "Jan-Nov 2023"]),
    # a range of periods breaks after its dash
    ("服务进出口总额（2022年1-11月–2023年1-11月）", 140, ["服务进出口总额（2022年1-11月–", "2023年1-11月）"]),
])
def test_wrap_keeps_words_and_periods_whole(text, width, lines):
    with indicators.style():
        assert st.wrap(text, width, 7.5).split("\n") == lines


@pytest.mark.parametrize("width", range(60, 320, 7))
def test_wrap_keeps_dates_numbers_and_names_of_a_source_line_whole(width):
    source = "资料来源：成都日报：川渝共建重点项目2024年完成投资5200亿元，增长+9%（成都日报 / 四川省发展改革委，2025-01-02）"
    with indicators.style():
        lines = st.wrap(source, width, 6.5).split("\n")
    assert "".join(lines).replace(" ", "") == source.replace(" ", "")  # only spaces at a break go
    for word in ["2025-01-02", "5200亿元", "+9%", "2024年", "成都日报", "重点项目", "四川省"]:
        assert any(word in line for line in lines), (word, lines)


def test_wrap_balances_lines_instead_of_leaving_an_orphan():
    with indicators.style():
        lines = st.wrap("社会消费品零售总额增长", 80, 7.5).split("\n")
    assert len(lines) == 2 and min(len(x) for x in lines) >= 5


def test_punctuation_never_starts_a_line():
    with indicators.style():
        lines = st.wrap("注：另有5项目标口径或单位不同，未列入：城镇调查失业率（%）、空气质量优良天数（天）", 70, 6.5)
    assert not any(line[:1] in "，。；：、）" for line in lines.split("\n"))


@pytest.mark.parametrize(("word", "width", "lines"), [
    ("Infrastructure", 39, ["Infrastruc-", "ture"]),  # not Infrastructur + e
    ("Infrastructure", 30, ["Infra-", "structure"]),
    ("opening-up", 30, ["opening-", "up"]),  # a word's own hyphen first
])
def test_an_english_word_wider_than_the_line_breaks_at_a_hyphenation_point(word, width, lines):
    with indicators.style():
        assert st.wrap(word, width, 6.5).split("\n") == lines


NOTE = "注：另有5项目标口径或单位不同，未列入：城镇调查失业率（%）、空气质量优良天数（天）"


@pytest.mark.parametrize("width", range(45, 300, 5))
def test_a_short_bracket_stays_with_the_name_before_it(width):
    with indicators.style():
        lines = st.wrap(NOTE, width, 6.5).split("\n")
    assert not any(line.startswith("（") for line in lines), lines
    assert any("失业率（%）" in line for line in lines) and any("天数（天）" in line for line in lines), lines


@pytest.mark.parametrize("width", range(25, 80, 5))
def test_a_cut_word_never_starts_a_line_with_a_closing_mark_or_ends_one_with_an_opening_mark(width):
    with indicators.style():
        lines = st.wrap(NOTE, width, 6.5).split("\n")
    assert "".join(lines) == NOTE
    assert not any(line[:1] in "，。；：、）%" or line[-1:] in "（" for line in lines), lines


def test_helpers_draw_chinese_even_outside_the_style_context(observations, built_root):
    import warnings

    from chart_checks import glyph_warnings

    before = dict(matplotlib.rcParams)
    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        ax = indicators.targetplot(observations, period="2024", root=built_root)
        ax.figure.canvas.draw()
    assert not glyph_warnings(records)
    assert ax.figure.get_figwidth() == pytest.approx(16 / 2.54)
    assert dict(matplotlib.rcParams) == before  # the helper's style did not leak
