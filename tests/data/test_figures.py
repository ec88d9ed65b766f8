"""`indicators/data/figures.py`: which row stands for a series in a period."""
from __future__ import annotations

import pandas as pd

from fixtures import obs
from indicators.data.figures import ACTUAL_KINDS, best_actual, best_actuals


def test_an_outturn_beats_an_estimate_and_printed_beats_derived():
    data = obs(("s.a", "2023", "outturn", 3, "%"), ("s.a", "2023", "estimate", 2, "%"),
               ("s.a", "2023", "outturn", 1, "%"), ("s.a", "2024", "outturn", 5, "%"),
               ("s.a", "2024", "estimate", 4, "%"), ("s.a", "2025", "outturn", 6, "%"),
               ("s.a", "2025", "target", 7, "%"))
    data["origin"] = ["derived", "printed", "printed", "derived", "printed", "derived", "printed"]
    best = best_actuals(data).set_index("period")
    assert best["kind"].to_dict() == {"2023": "outturn", "2024": "outturn", "2025": "outturn"}
    assert best["value"].to_dict() == {"2023": 1, "2024": 5, "2025": 6}
    assert best["origin"].to_dict() == {"2023": "printed", "2024": "derived", "2025": "derived"}


def test_targets_never_stand_for_an_actual_figure_unless_asked():
    data = obs(("s.p", "2024", "target", 100, "亿元"), ("s.p", "2024", "estimate", 90, "亿元"))
    assert best_actual(data, "s.p", "2024")["kind"] == "estimate"
    assert best_actual(data, "s.p", "2024", kinds=("target", *ACTUAL_KINDS))["kind"] == "target"
    assert best_actual(data, "s.p", "2023") is None
    assert best_actual(obs(("s.p", "2024", "target", 100, "亿元")), "s.p", "2024") is None


def test_every_column_of_the_frame_given_is_kept():
    data = obs(("s.a", "2023", "estimate", 2, "%"), ("s.a", "2023", "outturn", 1, "%"), note="x")
    data["origin"] = ["printed", "derived"]
    best = best_actuals(data)
    assert list(best.columns) == list(data.columns)
    assert best[["kind", "origin", "note"]].values.tolist() == [["outturn", "derived", "x"]]


def test_categorical_columns_and_a_repeated_index_are_fine():
    data = pd.concat([obs(("s.a", "2023", "estimate", 2, "%")), obs(("s.a", "2023", "outturn", 1, "%"))])
    data["kind"] = data["kind"].astype("category")
    assert best_actuals(data)["value"].tolist() == [1]
