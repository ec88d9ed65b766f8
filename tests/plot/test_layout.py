"""indicators/plot/layout.py: the furniture of every chart the real data produce.

Invariants, for whatever the data hold: every legend entry has data drawn in its style,
a legend names a left or right axis only on a chart with two, value labels keep off the
zero line and the marks, a growth axis shows its zero, and a plan chart footnotes its
categories exactly when they do not add up to the total. The charts are found from the
data and the registries (identities, growth series, topics with targets), not listed.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from chart_checks import by_gid, check_legends, draw, flat, has_twin, labels_on_marks

import indicators
from indicators.data import periods
from indicators.data.registry import identity_terms
from indicators.plot.levels import GROWTH_SUFFIX

ACTUAL = ("outturn", "estimate")


def _identities(root) -> pd.DataFrame:
    return pd.read_csv(root / "data" / "raw" / "identities.csv", dtype=str, keep_default_na=False)


def _has(data, series_id, period, kinds) -> bool:
    rows = data[data["series_id"].astype(str).eq(series_id) & data["period"].astype(str).eq(period)]
    return rows["kind"].astype(str).isin(kinds).any()


def _level_groups(data: pd.DataFrame, root) -> list[tuple[list[str], str]]:
    """``(series, period)`` for growthplot: the terms of each outturn identity, and per topic
    and period the level series with a growth figure in that period."""
    out = []
    for r in _identities(root).itertuples(index=False):
        ids = [r.lhs] + [sid for _, sid in identity_terms(r.rhs)]
        if r.kind == "outturn" and all(_has(data, s, r.period, ACTUAL) for s in ids):
            out.append((ids, r.period))
    known = set(data["series_id"].astype(str))
    levels = data[data["measure"].astype(str).eq("level") & data["kind"].astype(str).isin(ACTUAL)]
    for (_, period), rows in levels.groupby([levels["topic"].astype(str), levels["period"].astype(str)]):
        ids = [s for s in pd.unique(rows["series_id"].astype(str))
               if s + GROWTH_SUFFIX in known and _has(data, s + GROWTH_SUFFIX, period, ACTUAL)]
        if len(ids) > 1 and len({str(u) for u in rows[rows["series_id"].isin(ids)]["unit"]}) == 1:
            out.append((ids, period))
    return out


def _with_growth(data: pd.DataFrame) -> list[str]:
    known = set(data["series_id"].astype(str))
    return sorted(s for s in known if s + GROWTH_SUFFIX in known and _has_any(data, s))


def _has_any(data, series_id) -> bool:
    return data[data["series_id"].astype(str).eq(series_id)]["kind"].astype(str).isin(ACTUAL).any()


def _plans(data: pd.DataFrame, root) -> list[tuple[list[str], list[tuple[float, str]], str]]:
    """``(series, parts, period)`` for planplot: target identities whose series have a plan and an outturn."""
    out = []
    for r in _identities(root).itertuples(index=False):
        parts = identity_terms(r.rhs)
        ids = [sid for _, sid in parts] + [r.lhs]
        if r.kind == "target" and all(_has(data, s, r.period, ("target",)) and _has(data, s, r.period, ("outturn",))
                                      for s in ids):
            out.append((ids, parts, r.period))
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_level_charts_have_legends_with_data_labels_off_the_marks_and_a_zero_growth_tick(observations, built_root,
                                                                                       lang):
    groups = _level_groups(observations, built_root)
    assert groups, "the data have no level series with growth to chart"
    for ids, period in groups:
        ax = draw(indicators.growthplot, observations, series=ids, period=period, lang=lang, root=built_root)
        _check_levels(ax, f"{ids} {period}")
        plt.close("all")
    for sid in _with_growth(observations):
        ax = draw(indicators.growthplot, observations, series=sid, lang=lang, root=built_root, width="half")
        _check_levels(ax, sid)
        plt.close("all")


def _check_levels(ax, what: str) -> None:
    check_legends(ax.figure)
    assert labels_on_marks(ax) == [], what
    twins = [a for a in ax.figure.axes if a is not ax]
    assert all(0 in list(t.get_yticks()) for t in twins), f"{what}: the growth axis has no zero"
    named = any("轴" in t.get_text() or "axis" in t.get_text() for t in ax.get_legend().get_texts())
    assert named == has_twin(ax), what


def test_balance_charts_have_legends_with_data_and_labels_off_the_marks(observations, built_root):
    known = set(observations["series_id"].astype(str))
    pairs = [(s, s[: -len("exports")] + "imports") for s in sorted(known) if s.endswith(".exports")
             and s[: -len("exports")] + "imports" in known]
    for exports, imports in pairs:
        balance = exports[: -len("exports")] + "deficit"
        ax = draw(indicators.balanceplot, observations, exports=exports, imports=imports,
                  balance=balance if balance in known else None, root=built_root)
        check_legends(ax.figure)
        assert labels_on_marks(ax) == [], exports


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_plan_charts_footnote_categories_exactly_when_they_do_not_add_up(observations, built_root, lang):
    for ids, parts, period in _plans(observations, built_root):
        ax = draw(indicators.planplot, observations, actual=ids, period=period, lang=lang, root=built_root)
        check_legends(ax.figure)
        note = flat(by_gid(ax, "source"))
        targets = observations[observations["kind"].astype(str).eq("target")
                               & observations["period"].astype(str).eq(period)]
        value = targets.set_index(targets["series_id"].astype(str))["value"].astype(float)
        summed, total = round(sum(sign * value[s] for sign, s in parts)), round(value[ids[-1]])
        word = "各类计划合计" if lang == "zh" else "plansaddupto"
        if summed == total:
            assert word not in note, period
        else:
            shown = [f"{summed:,}", f"{total:,}"]  # 4,255 in both languages, as the tables print it
            assert word in note and all(s in note for s in shown), (period, summed, total, note)
        plt.close("all")


@pytest.mark.slow  # one grid per topic with targets: over a minute
def test_track_record_grids_have_legends_with_data(observations, built_root):
    # the legend's entries and styles do not depend on the language (the fixture tests check both)
    with_targets = observations[observations["kind"].astype(str).eq("target")]
    for topic in sorted(set(with_targets["topic"].astype(str))):
        with indicators.style():
            fig = indicators.trackgrid(observations, topic=topic, root=built_root)
            fig.canvas.draw()
        check_legends(fig)
        plt.close("all")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_target_and_model_charts_have_legends_with_data(observations, built_root, lang):
    with_targets = observations[observations["kind"].astype(str).eq("target")]
    for period in sorted(set(with_targets["period"].astype(str)), key=periods.sort_key):
        ax = draw(indicators.targetplot, observations, period=period, lang=lang, root=built_root)
        check_legends(ax.figure)
        plt.close("all")
    check_legends(draw(indicators.modelplot, observations, lang=lang, root=built_root).figure)


@pytest.mark.parametrize(("entries", "room", "expected"), [(3, 3, 3), (4, 3, 2), (5, 4, 3), (7, 3, 3), (2, 1, 1)])
def test_a_legend_that_wraps_fills_its_rows_evenly(entries, room, expected):
    from indicators.plot import layout, style as st

    size = 8.0
    handles = layout.legend_handles([("Outturn 2024", {"marker": "o"})] * entries)
    one = st.text_width("Outturn 2024", size) + 3.4 * size  # the width one entry takes
    assert layout.legend_columns(handles, size, room * one + one / 2) == expected


def test_a_legend_of_two_rows_reads_across_in_the_order_given():
    from indicators.plot import layout

    fig, ax = plt.subplots()
    names = ["Target", "Outturn", "Within tolerance", "Last year", "Estimate"]
    handles = layout.legend_handles([(n, {"marker": "o"}) for n in names])
    legend = ax.legend(handles=layout.row_major(handles, 3), ncols=3)
    fig.canvas.draw()
    boxes = {t.get_text(): t.get_window_extent() for t in legend.get_texts()}
    rows = sorted({round(b.y0) for b in boxes.values()}, reverse=True)  # top row first
    read = [n for y in rows for n in sorted((n for n, b in boxes.items() if round(b.y0) == y),
                                            key=lambda n: boxes[n].x0)]
    assert read == names
