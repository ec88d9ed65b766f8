"""`indicators/plot_model.py`: the target-setting chart draws what the model says."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402

from fixtures import observation  # noqa: E402
from indicators.exceptions import InsufficientDataError  # noqa: E402
from indicators.analysis.target_model import fit_target_model, target_pairs  # noqa: E402
from indicators.plot.target_model import modelplot  # noqa: E402


def pairs(xs, ys) -> pd.DataFrame:
    rows = []
    for i, (x, y) in enumerate(zip(xs, ys)):
        names = dict(name_zh=f"指标{i}增长", name_en=f"Indicator {i}, growth")
        rows += [observation(f"s.g{i}", "2023", "outturn", x, "%", "exact", "yoy_pct", **names),
                 observation(f"s.g{i}", "2024", "target", y, "%", "about", "yoy_pct", **names)]
    return pd.DataFrame(rows)


FIVE = pairs([2, 4, 6, 8, 10], [5, 5.5, 6.5, 7, 8.5])


def lines(ax, gid):
    return [line for line in ax.get_lines() if line.get_gid() == gid]


def texts(ax, gid):
    return [t.get_text() for t in ax.texts if t.get_gid() == gid]


def test_draws_every_pair_the_fit_and_its_band():
    ax = modelplot(FIVE, lang="en")
    (points,) = lines(ax, "pairs")
    assert list(points.get_xdata()) == [2, 4, 6, 8, 10] and list(points.get_ydata()) == [5, 5.5, 6.5, 7, 8.5]
    (fit,) = lines(ax, "fit")
    model = fit_target_model(FIVE)
    x, y = fit.get_xdata(), fit.get_ydata()
    assert y[0] == pytest.approx(model.intercept + model.slope * x[0])
    assert any(isinstance(c, PolyCollection) for c in ax.collections)  # the confidence band
    assert texts(ax, "label") == [f"Indicator {i}" for i in range(5)]  # common ", growth" dropped
    assert texts(ax, "title") == ["Targets against the previous outturn: 5 pairs"]
    assert "n = 5" in texts(ax, "source")[0]


def test_two_pairs_have_no_band_and_a_note_saying_why():
    ax = modelplot(pairs([2, 6], [6.5, 6]), lang="zh")
    assert not any(isinstance(c, PolyCollection) for c in ax.collections)
    assert "两点恰好确定一条直线" in texts(ax, "source")[0]
    assert texts(ax, "title") == ["目标与上年实际：2对增速"]


def test_draws_on_the_given_axes_and_passes_kwargs_to_the_diamonds():
    fig, (left, right) = plt.subplots(1, 2)
    out = modelplot(FIVE, ax=right, lang="en", markersize=11, labels=False)
    assert out is right and not left.get_lines()
    assert lines(right, "pairs")[0].get_markersize() == 11
    assert texts(right, "label") == []


def test_a_given_model_is_drawn_as_is():
    model = fit_target_model(FIVE, periods=["2024"])
    ax = modelplot(FIVE, model=model, lang="en")
    assert len(lines(ax, "pairs")[0].get_xdata()) == model.n


def test_bad_language_and_too_few_pairs_are_refused():
    with pytest.raises(ValueError, match=r"`lang` must be one of"):
        modelplot(FIVE, lang="de")
    with pytest.raises(InsufficientDataError):
        modelplot(pairs([2], [6]))


def test_real_data_chart_names_its_source(observations, built_root):
    model = fit_target_model(observations)
    ax = modelplot(observations, lang="zh")
    assert len(lines(ax, "pairs")[0].get_xdata()) == model.n
    pairs = target_pairs(observations)
    sources = pd.read_csv(built_root / "data/raw/sources.csv", dtype=str).set_index("source_id")["title_zh"]
    printed = observations[observations["kind"].eq("target") & observations["series_id"].isin(pairs["series_id"])]
    assert "资料来源：" in texts(ax, "source")[0]
    assert any(sources[s] in texts(ax, "source")[0].replace("\n", "") for s in printed["source_id"].astype(str))


def crowded() -> pd.DataFrame:
    """Nine targets bunched near the fit and the diagonal, with long names."""
    xs = [5.0, 5.2, 5.4, 5.3, 6.0, 6.1, 8.0, 4.8, 12.0]
    ys = [6.0, 6.0, 6.2, 5.9, 6.0, 6.5, 7.0, 6.1, 8.0]
    rows = []
    for i, (x, y) in enumerate(zip(xs, ys)):
        names = dict(name_zh=["规模以上工业增加值", "地区生产总值", "全社会固定资产投资", "社会消费品零售总额",
                              "一般公共预算收入", "城镇居民人均可支配收入", "进出口总额", "技术合同成交额",
                              "全社会研发经费投入"][i] + "增长",
                     name_en=f"Indicator number {i} with a long name, growth")
        rows += [observation(f"s.g{i}", "2023", "outturn", x, "%", "exact", "yoy_pct", **names),
                 observation(f"s.g{i}", "2024", "target", y, "%", "about", "yoy_pct", **names)]
    return pd.DataFrame(rows)


@pytest.mark.parametrize("width", ["full", "half"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_crowded_labels_overlap_nothing_and_stay_inside_the_axes(lang, width):
    from chart_checks import draw, overlapping_texts, texts_outside

    ax = draw(modelplot, crowded(), lang=lang, width=width)
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    assert overlapping_texts(fig) == []
    assert texts_outside(fig) == []
    (points,) = lines(ax, "pairs")
    markers = ax.transData.transform(list(zip(points.get_xdata(), points.get_ydata())))
    half = points.get_markersize() * fig.dpi / 72 / 2
    labels = [t for t in ax.texts if t.get_gid() == "label"]
    assert len(labels) == 9
    frame = ax.bbox
    for label in labels:
        box = matplotlib.text.Text.get_window_extent(label, renderer)
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1, label
        for mx, my in markers:  # no label covers a diamond
            assert not (box.x0 < mx + half and mx - half < box.x1 and box.y0 < my + half and my - half < box.y1), label
        if label.arrow_patch is None:  # a label without a leader sits next to its point
            px, py = ax.transData.transform(label.xy)
            gap = max(box.x0 - px, px - box.x1, box.y0 - py, py - box.y1, 0)
            assert gap - half < 6 * fig.dpi / 72, (label.get_text(), gap)


def test_labels_keep_off_the_lines_where_there_is_room():
    from chart_checks import draw

    ax = draw(modelplot, FIVE, lang="zh")
    renderer = ax.figure.canvas.get_renderer()
    for line in lines(ax, "fit") + [ax.get_lines()[0]]:  # the fit and the diagonal
        path = ax.transData.transform(list(zip(line.get_xdata(), line.get_ydata())))
        dense = [a + (b - a) * t for a, b in zip(path[:-1], path[1:]) for t in (i / 40 for i in range(40))]
        for label in [t for t in ax.texts if t.get_gid() == "label"]:
            box = matplotlib.text.Text.get_window_extent(label, renderer)
            assert not any(box.x0 < x < box.x1 and box.y0 < y < box.y1 for x, y in dense), label.get_text()
