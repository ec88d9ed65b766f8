"""Targets against outturns: was each target met, and how far did it ask to move?

Rules (``data/raw/qualifiers.csv``), with *outturn* converted to the target's unit:

| qualifier | met when |
|---|---|
| ``exact``, ``at_least`` | outturn ≥ target |
| ``more_than`` | outturn > target |
| ``at_most`` | outturn ≤ target |
| ``about`` | outturn ≥ target − tolerance: 0.5 percentage points for rates, 2 % of the target for levels |

An ``about`` target is ``met`` when the outturn reaches it, and ``within tolerance`` when
the outturn falls short but stays inside the tolerance band: the target counts as met
(``met`` is True), but 5.7 against "about 6" never reads like 6.2 against it.

A qualifier printed with the *outturn* or the *baseline* is a bound on the true figure
(``超2.2万亿元``: more than 2.2 trillion). A bounded outturn decides a target only when
every value the bound allows gives the same answer; otherwise the status is
``undetermined``. A bounded baseline makes the ambition a bound in the other direction
(``ambition_qualifier``). An outturn or baseline printed as ``about`` (约, 左右) is taken
at its printed value.
"""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pyarrow as pa

from .._words import qualifier_names
from ..data import periods
from ..data.dataset import load
from ..data._rows import category_codes, positions
from ..data.figures import ACTUAL_KINDS, best_actuals
from ..data.registry import load_registries
from ..data.units import unit_table
from ..exceptions import PeriodError
from ..paths import project
from ._comments import Fills, comments

#: measures whose changes are read in percentage points rather than percent
POINT_MEASURES = {"yoy_pct", "share_pct", "rate_pct", "change_pp", "index", "rank"}

_RULES = {
    "ge": lambda o, t, tol: o >= t,
    "gt": lambda o, t, tol: o > t,
    "le": lambda o, t, tol: o <= t,
    "ge_within_tolerance": lambda o, t, tol: o >= t - tol,
}

#: unit dimensions read as rates: "about" allows the percentage-point tolerance of
#: qualifiers.csv there, and a tolerance relative to the target elsewhere (see :func:`tolerance`)
RATE_DIMENSIONS = frozenset({"percent", "percent_point", "index"})

#: what a qualifier printed with an outturn says about the true figure
_LOWER_BOUNDS, _UPPER_BOUNDS = {"at_least", "more_than"}, {"at_most"}
#: ambition falls as the baseline rises, so a bound on the baseline bounds the ambition the
#: other way; a baseline printed as "about" makes the ambition "about"
AMBITION_QUALIFIER = {"at_least": "at_most", "more_than": "at_most", "at_most": "at_least", "about": "about"}

#: every value of the ``status`` column
STATUSES = ("met", "within tolerance", "not met", "undetermined", "no outturn yet", "not comparable")

COLUMNS = [
    "series_id", "name_zh", "name_en", "topic", "geo", "measure", "period", "unit", "qualifier",
    "target", "target_origin", "outturn", "outturn_kind", "outturn_origin", "outturn_qualifier",
    "outturn_source_id", "outturn_vintage", "gap", "tolerance", "met", "status",
    "baseline_period", "baseline", "baseline_qualifier", "ambition", "ambition_unit",
    "source_id", "quote", "ambition_qualifier", "comment_zh", "comment_en",
]


def target_periods(data: pd.DataFrame) -> list[str]:
    """The periods that have targets, in time order (by the year they end, then as written)."""
    found = pd.unique(data.loc[data["kind"].astype(str).eq("target"), "period"].astype(str))
    return sorted(found, key=lambda p: (periods.year(p), p))


def choose_period(data: pd.DataFrame, period: str | None = None) -> str:
    """The target period to report on: *period* itself, checked, or the default.

    The default is the latest target period for which some target has an outturn (or an
    estimate) of the same period, or the latest target period when none has.

    Raises
    ------
    PeriodError
        If *period* has no targets (the message lists the periods that have), or the data
        have no targets at all.
    """
    found = target_periods(data)
    if period is not None:
        if period not in found:
            raise PeriodError(f"No targets for period {period!r}; the data have targets for {found}. "
                             "Pass one of these, or leave the period out for the latest with outturns.")
        return period
    if not found:
        raise PeriodError("The data have no targets, so there is no target period to choose; "
                         "add targets to data/raw/curated/ and rebuild.")
    kinds = data.assign(kind=data["kind"].astype(str), period=data["period"].astype(str),
                        series_id=data["series_id"].astype(str))
    targets = kinds.loc[kinds["kind"].eq("target"), ["series_id", "period"]]
    actual = kinds.loc[kinds["kind"].isin(ACTUAL_KINDS), ["series_id", "period"]]
    paired = set(targets.merge(actual, on=["series_id", "period"])["period"])
    with_outturns = [p for p in found if p in paired]
    return (with_outturns or found)[-1]


def targets_vs_outturns(data: pd.DataFrame | None = None, *, series: list[str] | None = None,
                        topic: str | list[str] | None = None, period: str | None = None,
                        root: str | os.PathLike | None = None) -> pd.DataFrame:
    """Pair each target with its outturn and with the previous period's outturn.

    Parameters
    ----------
    data : DataFrame, optional
        Observations (default: :func:`indicators.load`).
    series, topic, period : optional
        Keep only these series ids, topics or target period (e.g. ``"2024"``).

    Returns
    -------
    pandas.DataFrame
        One row per target, columns:

        - ``target``, ``unit``, ``qualifier``: the target as printed; ``target_origin``
          says whether it is printed or derived (an implied plan);
        - ``outturn``: the outturn (failing that the estimate, failing that a derived
          figure) for the same series and period, in the target's unit; ``outturn_kind``
          says which, ``outturn_origin`` whether printed or derived, ``outturn_qualifier``
          how it was printed, and ``outturn_source_id`` and ``outturn_vintage`` which
          document (and its date) the value comes from (the latest vintage, unless *data*
          holds another);
        - ``gap``: outturn − target, in the target's unit (percentage points for rates); a
          bound when the outturn is printed as one;
        - ``tolerance``: how far below an ``about`` target an outturn may fall and still
          count as met, in the target's unit (0 for other qualifiers);
        - ``met``: True/False honouring both qualifiers, ``<NA>`` without a comparable
          outturn or when a bounded outturn cannot decide;
        - ``status``: ``met``, ``within tolerance`` (an ``about`` target missed by no more
          than its tolerance: ``met`` is True), ``not met``, ``undetermined`` (a bounded outturn such as
          ``超2.2万亿元`` that does not settle the target), ``no outturn yet`` or ``not
          comparable`` (units of different dimensions: 亿美元 against 亿元);
        - ``baseline``: the outturn of the previous period (same span a year earlier), in
          the target's unit;
        - ``ambition``: how far the target asks to move from the baseline: target −
          baseline in percentage points for rates (``ambition_unit`` 百分点), target ÷
          baseline − 1 in percent for levels and counts (``%``); missing when the baseline
          is missing, in another dimension, or (levels) zero or negative;
        - ``ambition_qualifier``: ``exact``, ``about``, ``at_most`` or ``at_least`` when the
          baseline is printed approximately or as a bound;
        - ``comment_zh``, ``comment_en``: the verdict and the ambition in one or two
          plain sentences, including why a comparison is not made.
    """
    data = load(root) if data is None else data
    rows = _target_rows(data, series=series, topic=topic, period=period)
    if not len(rows):
        numeric = {"target", "outturn", "gap", "tolerance", "baseline", "ambition"}
        return pd.DataFrame({c: pd.Series(dtype="boolean" if c == "met" else float if c in numeric else object)
                             for c in COLUMNS})
    with ThreadPoolExecutor(max(1, min(2, pa.cpu_count()))) as pool:
        # what a target only carries along is gathered, and each number and period a
        # comment prints is formatted as soon as its column exists, on the second core meanwhile
        carried = pool.submit(_carried, {c: data[c] for c in _CARRIED}, rows)
        targets = data[_COMPARED].take(rows).rename(columns={"value": "target", "origin": "target_origin"})
        fills = Fills(pool)
        fills.start(targets, "target", "period")  # the pairs keep the targets' order
        actual = data.loc[data["kind"].isin(ACTUAL_KINDS).to_numpy(), _ACTUAL_COLUMNS]
        m = _pair(targets, best_actuals(actual))
        fills.start(m, "baseline_period")
        dim, comparable = _in_target_unit(m, root)
        m["gap"] = m["outturn"] - m["target"]
        fills.start(m, "outturn", "baseline", "gap")
        points = m["measure"].isin(POINT_MEASURES)
        _ambition(m, points)
        fills.start(m, "ambition")
        rules = qualifier_rules(root)
        _verdict(m, comparable["outturn"], rules, root)
        returned = [c for c in COLUMNS if c in m]
        text = pool.submit(_as_text, m[returned], [c for c in _TEXT_COLUMNS if c in m], blank=_BLANK_WHEN_MISSING)
        zh, en = comments(m, points, dim, qualifier_names(rules.reset_index()), fills=fills, pool=pool)
        table = pd.concat([text.result(), carried.result()], axis=1).assign(comment_zh=zh, comment_en=en)
    return table[COLUMNS]


def qualifier_rules(root: str | os.PathLike | None = None) -> pd.DataFrame:
    """``data/raw/qualifiers.csv`` indexed by qualifier: ``met_if``, ``tolerance_pp``, ``tolerance_rel`` …"""
    return load_registries(project(root))["qualifiers"].set_index("qualifier")


def tolerance(target, qualifier, unit, *, rules: pd.DataFrame | None = None,
              root: str | os.PathLike | None = None) -> np.ndarray:
    """How far below *target* an outturn may fall and still meet it (``about``: 左右), in
    the target's unit; 0 for qualifiers without a tolerance.

    The one place that decides rate against level: a target in a unit of
    :data:`RATE_DIMENSIONS` (%, 百分点, index points) allows ``tolerance_pp`` of
    ``data/raw/qualifiers.csv``, any other ``tolerance_rel`` × |target|.

    Parameters
    ----------
    target, qualifier, unit : array-like
        Targets (in their printed unit), their qualifiers and units, aligned.
    rules : DataFrame, optional
        :func:`qualifier_rules` (read from *root* when not given).
    """
    rules = qualifier_rules(root) if rules is None else rules
    target = np.asarray(target, dtype=float)
    qualifier, unit = (x.reset_index(drop=True) if isinstance(x, pd.Series) else pd.Series(np.asarray(x, dtype=str))
                       for x in (qualifier, unit))
    rate = _lookup(unit, unit_table(root)["dimension"].isin(RATE_DIMENSIONS)).to_numpy() == 1  # per unit, then per row
    points = _lookup(qualifier, pd.to_numeric(rules["tolerance_pp"])).to_numpy(dtype=float)
    relative = _lookup(qualifier, pd.to_numeric(rules["tolerance_rel"])).to_numpy(dtype=float) * np.abs(target)
    return np.nan_to_num(np.where(rate, points, relative))


#: the columns of the observations that a target's comparison reads
_COMPARED = ["series_id", "measure", "period", "unit", "qualifier", "value", "origin"]
#: the columns a target only carries into the table
_CARRIED = ["name_zh", "name_en", "topic", "geo", "source_id", "quote"]
#: the columns of the observations that an actual figure brings along
_ACTUAL_COLUMNS = ["series_id", "period", "value", "unit", "kind", "origin", "qualifier", "source_id", "vintage"]
#: what each side of a pair takes from its actual figure (as ``{side}_{column}``): the
#: outturn all it reports, the baseline what its ambition needs
_SIDE_COLUMNS = {"outturn": ["value", "unit", "kind", "origin", "qualifier", "source_id", "vintage"],
                 "baseline": ["value", "unit", "qualifier"]}
#: columns of the table returned as text (``str``), whatever dtype the observations have;
#: until then they keep it (a categorical is compared and looked up by its categories)
_TEXT_COLUMNS = ["series_id", "topic", "period", "unit", "qualifier", "target_origin", "source_id", "outturn_kind",
                 "outturn_origin", "outturn_qualifier", "outturn_source_id", "outturn_vintage", "status",
                 "baseline_period", "baseline_qualifier", "ambition_unit", "ambition_qualifier"]
#: text columns of the actual figure, ``""`` (rather than missing) where a target has none
_BLANK_WHEN_MISSING = ["outturn_kind", "outturn_origin", "outturn_qualifier", "outturn_source_id",
                       "outturn_vintage", "baseline_qualifier"]


def _target_rows(data: pd.DataFrame, *, series, topic, period) -> np.ndarray:
    """Positions of the targets in *data*, of these series, topics and period if given."""
    keep = data["kind"].eq("target")
    if series is not None:
        keep &= data["series_id"].isin(series)
    if topic is not None:
        keep &= data["topic"].isin([topic] if isinstance(topic, str) else topic)
    if period is not None:
        keep &= data["period"].astype(str).eq(period)
    return np.flatnonzero(keep.to_numpy(dtype=bool, na_value=False))


def _carried(columns: dict[str, pd.Series], rows: np.ndarray) -> pd.DataFrame:
    """The *rows* of the columns a target carries into the table, text as ``str``."""
    frame = pd.DataFrame({c: values.take(rows).reset_index(drop=True) for c, values in columns.items()})
    return _as_text(frame, [c for c in frame if c in _TEXT_COLUMNS], blank=[])


def _as_text(frame: pd.DataFrame, columns: list[str], *, blank: list[str]) -> pd.DataFrame:
    """*frame* with its *columns* as ``str`` (a categorical through its categories: each
    distinct value converted once), those of *blank* ``""`` where missing."""
    text = {}
    for column in columns:
        values = frame[column]
        if isinstance(values.dtype, pd.CategoricalDtype):  # a missing value takes the last word
            words = pa.array([*values.cat.categories.astype(str), "" if column in blank else None], pa.large_string())
            text[column] = pd.Series(words.take(pa.array(category_codes(values))), index=frame.index, dtype="str")
        else:
            text[column] = (values.fillna("") if column in blank else values).astype(str)
    return frame.assign(**text)


def _lookup(values: pd.Series, table: pd.Series) -> pd.Series:
    """``table[v]`` for each *v* of *values* (missing where *table* has none), by each
    value's :func:`~indicators.data._rows.positions` among the few keys of *table*."""
    found = table.to_numpy()
    if not len(found):
        return pd.Series(np.nan, index=values.index)
    found = np.append(found.astype(float) if found.dtype.kind in "biuf" else found.astype(object), np.nan)
    return pd.Series(found[positions(values, table.index)], index=values.index, dtype=found.dtype)


def _categorical(codes: np.ndarray, words: list[str], index: pd.Index) -> pd.Series:
    """``words[c]`` for each code *c*, as a categorical column: the table keeps it coded
    while it compares and looks up, and returns it as text (see :data:`_TEXT_COLUMNS`)."""
    return pd.Series(pd.Categorical(words).take(codes), index=index)


def _pair(targets: pd.DataFrame, actual: pd.DataFrame) -> pd.DataFrame:
    """Each target with the best actual figure of its series and period (``outturn_``
    columns) and of the period a year before (``baseline_`` columns): the columns of
    :data:`_SIDE_COLUMNS`."""
    at, unique_periods = pd.factorize(targets["period"])
    previous = [periods.previous(p) for p in unique_periods]
    targets = targets.assign(baseline_period=_categorical(at, previous, targets.index))
    # one integer per (series, period), so that each side is found by position, not merged
    series, _ = pd.factorize(pd.concat([targets["series_id"], actual["series_id"]], ignore_index=True))
    actual_at, actual_periods = pd.factorize(actual["period"])
    spans = pd.Index(list(dict.fromkeys([*unique_periods, *previous, *actual_periods])))
    n, width = len(targets), len(spans)
    keys = pd.Index(series[n:].astype(np.int64) * width + spans.get_indexer(actual_periods)[actual_at])
    actual = actual.reset_index(drop=True)
    sides = [targets.reset_index(drop=True)]
    for side, found in (("outturn", unique_periods), ("baseline", previous)):
        rows = keys.get_indexer(series[:n].astype(np.int64) * width + spans.get_indexer(found)[at])
        sides.append(actual[_SIDE_COLUMNS[side]].reindex(rows).reset_index(drop=True).add_prefix(f"{side}_"))
    return pd.concat(sides, axis=1)


def _in_target_unit(m: pd.DataFrame, root) -> tuple[pd.Series, dict[str, pd.Series]]:
    """Set ``outturn`` and ``baseline``: the printed figures in the target's unit, missing
    across dimensions. Returns the unit dimensions and, per side, where it is comparable."""
    units = unit_table(root)
    mult, dim = units["multiplier"], units["dimension"]
    dim_code = pd.Series(pd.factorize(dim)[0], index=dim.index)  # dimensions compared as numbers
    target_dim, target_mult = _lookup(m["unit"], dim_code), _lookup(m["unit"], mult)
    comparable = {}
    for side in _SIDE_COLUMNS:
        present = m[f"{side}_value"].notna()
        comparable[side] = ~present | _lookup(m[f"{side}_unit"], dim_code).eq(target_dim)
        m[side] = (m[f"{side}_value"] * _lookup(m[f"{side}_unit"], mult) / target_mult).where(comparable[side])
    return dim, comparable


def _ambition(m: pd.DataFrame, points: pd.Series) -> None:
    """Set ``ambition``, its unit and its qualifier (see :data:`AMBITION_QUALIFIER`)."""
    meaningful = points | (m["baseline"] > 0)  # a percent change needs a positive base
    m["ambition"] = np.where(points, m["target"] - m["baseline"],
                             (m["target"] / m["baseline"].where(meaningful) - 1) * 100)
    known = m["ambition"].notna().to_numpy()
    m["ambition_unit"] = _categorical(np.where(known, np.where(points, 1, 2), 0), ["", "百分点", "%"], m.index)
    qualifiers = ["", *dict.fromkeys(["exact", *AMBITION_QUALIFIER.values()])]
    printed, found = pd.factorize(m["baseline_qualifier"])
    code = np.array([qualifiers.index(AMBITION_QUALIFIER.get(q, "exact")) for q in found] + [1], dtype=np.int64)
    m["ambition_qualifier"] = _categorical(np.where(known, code[printed], 0), qualifiers, m.index)


def _verdict(m: pd.DataFrame, comparable: pd.Series, rules: pd.DataFrame, root) -> None:
    """Set ``met``, ``status`` and ``tolerance`` under the target's rule, honouring a bounded outturn."""
    slack = tolerance(m["target"], m["qualifier"], m["unit"], rules=rules, root=root)
    target, out = m["target"].to_numpy(dtype=float), m["outturn"].to_numpy(dtype=float)
    # the range of true outturns the printed one allows; the rules are monotone in the
    # outturn, so the target is decided when both ends give the same answer
    out_q = m["outturn_qualifier"]
    low = np.where(out_q.isin(_UPPER_BOUNDS), -np.inf, np.where(out_q.eq("more_than"), np.nextafter(out, np.inf), out))
    high = np.where(out_q.isin(_LOWER_BOUNDS), np.inf, out)
    # the rows under each rule: those whose qualifier has it
    applies = [m["qualifier"].isin(rules.index[rules["met_if"] == name]).to_numpy() for name in _RULES]
    met_low, met_high = ([np.select(applies, [f(end, target, slack) for f in _RULES.values()], default=False)
                          for end in (low, high)])
    decided = ~np.isnan(out) & (met_low == met_high)
    m["tolerance"] = slack
    # inside the tolerance band but short of the target itself: met by the rule, not reached
    short = applies[list(_RULES).index("ge_within_tolerance")] & ~(low >= target)
    m["met"] = pd.arrays.BooleanArray(met_low.astype(bool), mask=~decided)
    met = met_low.astype(bool) & decided
    status = np.select([~comparable.to_numpy(), np.isnan(out), ~decided, met & short, met],
                       [STATUSES.index(s) for s in ["not comparable", "no outturn yet", "undetermined",
                                                    "within tolerance", "met"]], default=STATUSES.index("not met"))
    m["status"] = _categorical(status, list(STATUSES), m.index)
