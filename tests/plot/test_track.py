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


def test_a_one_point_panel_has_round_ticks_not_quarter_steps(record):
    root, data = record
    with indicators.style():
        fig = indicators.trackgrid(data, series=[GDP, RETAIL], root=root)
        fig.canvas.draw()
    retail = fig.axes[1]  # one target, 7
    ticks = [t for t in retail.get_yticks() if retail.get_ylim()[0] <= t <= retail.get_ylim()[1]]
    assert len(ticks) >= 2, ticks
    assert all(abs(t * 2 - round(t * 2)) < 1e-9 for t in ticks), ticks  # 6.5, 7, 7.5: no 6.75


def test_track_panels_separate_thousands_on_their_value_axes(tmp_path):
    sid = "t.investment.level"
    doc = "2024年目标：重点项目完成投资1400亿元。2024年重点项目完成投资1200亿元。"
    rows = [row(sid, "2024", "target", 1400, "S1", "2024年目标：重点项目完成投资1400亿元", unit="亿元"),
            row(sid, "2024", "outturn", 1200, "S1", "2024年重点项目完成投资1200亿元", unit="亿元")]
    root = make_project(tmp_path, documents={"S1": (doc, "2025-02-01", "2024")},
                        series=[dict(series_id=sid, topic="investment", geo="CN", measure="level",
                                     name_zh="重点项目完成投资", name_en="Key projects, investment")],
                        curated={"macro": rows})
    indicators.build(root)
    with indicators.style():
        fig = indicators.trackgrid(indicators.load(root), series=[sid], root=root)
        fig.canvas.draw()
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels() if t.get_text()]
    assert any(t.replace(",", "").isdigit() and int(t.replace(",", "")) >= 1000 for t in ticks), ticks
    assert all("," in t for t in ticks if t.replace(",", "").isdigit() and int(t.replace(",", "")) >= 1000), ticks
