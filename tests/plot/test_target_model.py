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
