"""indicators/plot/track.py: track records, on a small fixture project."""
from __future__ import annotations

import pytest
from chart_checks import check_legends, draw, legend_entries

import indicators
from projects import growth_series, make_project, row

GDP, RETAIL = "t.gdp.growth", "t.retail.growth"
REPORT = ("2024年目标：地区生产总值增长6%左右。预计2024年地区生产总值增长5%。2025年目标：地区生产总值增长5.5%左右。"
          "2025年目标：社会消费品零售总额增长7%。")


@pytest.fixture(scope="module")
def record(tmp_path_factory):
    """(root, observations): GDP with two targets and an estimate between them, retail with one target."""
    rows = [row(GDP, "2024", "target", 6, "S1", "2024年目标：地区生产总值增长6%左右", qualifier="about"),
            row(GDP, "2024", "estimate", 5, "S1", "预计2024年地区生产总值增长5%"),
            row(GDP, "2025", "target", 5.5, "S1", "2025年目标：地区生产总值增长5.5%左右", qualifier="about"),
            row(RETAIL, "2025", "target", 7, "S1", "2025年目标：社会消费品零售总额增长7%")]
    root = make_project(tmp_path_factory.mktemp("track"), documents={"S1": (REPORT, "2025-02-01", "2024/2025")},
                        series=[growth_series(GDP, "地区生产总值增长", "GDP growth"),
                                growth_series(RETAIL, "社会消费品零售总额增长", "Retail sales growth")],
                        curated={"macro": rows})
    indicators.build(root)
    return root, indicators.load(root)


def test_an_estimate_is_hollow_in_the_legend_as_it_is_on_the_chart(record):
    root, data = record
    ax = draw(indicators.trackplot, data, series=GDP, root=root)
    entries = dict(legend_entries(ax.figure))
    assert entries["预计"].get_markerfacecolor() == "white"
    check_legends(ax.figure)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_legend_entry_of_a_track_grid_has_data(record, lang):
    root, data = record
    with indicators.style():
        fig = indicators.trackgrid(data, series=[GDP, RETAIL], lang=lang, root=root)
        fig.canvas.draw()
    check_legends(fig)
    assert all(h.get_linestyle() == "None" for _, h in legend_entries(fig))  # points, not lines


def test_a_track_grid_compares_targets_and_outturns_once_for_all_its_series(record, monkeypatch):
    import indicators.plot.track as track

    root, data = record
    calls = []
    compare = track.targets_vs_outturns
    monkeypatch.setattr(track, "targets_vs_outturns", lambda *a, **k: calls.append(k.get("series")) or compare(*a, **k))
    with indicators.style():
        fig = indicators.trackgrid(data, series=[GDP, RETAIL], root=root)
    assert len(fig.axes) == 2
    assert calls == [[GDP, RETAIL]]  # one comparison, split by series (it was one per panel)


def test_track_tables_of_several_series_are_those_of_each_alone(record):
    from indicators.plot.track import track_table, track_tables

    root, data = record
    tables = track_tables(data, [GDP, RETAIL], root=root)
    assert list(tables) == [GDP, RETAIL]
    for sid in (GDP, RETAIL):
        alone = track_table(data, sid, root=root)
        assert tables[sid].equals(alone) and tables[sid].attrs == alone.attrs
    assert tables[GDP]["period"].tolist() == ["2024", "2025"] and tables[RETAIL]["target"].tolist() == [7]
