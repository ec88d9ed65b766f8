"""Targets against outturns: was each target met, and how far did it ask to move?

Rules (``data/raw/qualifiers.csv``), with *outturn* converted to the target's unit:

| qualifier | met when |
|---|---|
| ``exact``, ``at_least`` | outturn ≥ target |
| ``more_than`` | outturn > target |
| ``at_most`` | outturn ≤ target |
| ``about`` | outturn ≥ target − tolerance: 0.5 percentage points for rates, 2 % of the target for levels |

A qualifier printed with the *outturn* or the *baseline* is a bound on the true figure
(``超2.2万亿元``: more than 2.2 trillion). A bounded outturn decides a target only when
every value the bound allows gives the same answer; otherwise the status is
``undetermined``. A bounded baseline makes the ambition a bound in the other direction
(``ambition_qualifier``). An outturn or baseline printed as ``about`` (约, 左右) is taken
at its printed value.
"""
from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .._words import change as _change
from .._words import number as _number
from .._words import qualified as _qualified
from .._words import qualifier_names as _qualifier_names
from ..data import periods
from ..data.dataset import load
from ..data.registry import load_registries
from ..data.units import unit_table
from ..paths import project

#: measures whose changes are read in percentage points rather than percent
POINT_MEASURES = {"yoy_pct", "share_pct", "rate_pct", "change_pp", "index", "rank"}

_RULES = {
    "ge": lambda o, t, tol: o >= t,
    "gt": lambda o, t, tol: o > t,
    "le": lambda o, t, tol: o <= t,
    "ge_within_tolerance": lambda o, t, tol: o >= t - tol,
}

#: where an outturn or baseline stands for a figure, best first: a printed outturn, then a
#: printed estimate (预计), then a figure derived by code from printed ones
ACTUAL_KINDS = ("outturn", "estimate", "derived")

#: what a qualifier printed with an outturn says about the true figure
_LOWER_BOUNDS, _UPPER_BOUNDS = {"at_least", "more_than"}, {"at_most"}
#: ambition falls as the baseline rises, so a bound on the baseline bounds the ambition the
#: other way; a baseline printed as "about" makes the ambition "about"
AMBITION_QUALIFIER = {"at_least": "at_most", "more_than": "at_most", "at_most": "at_least", "about": "about"}

#: every value of the ``status`` column
STATUSES = ("met", "not met", "undetermined", "no outturn yet", "not comparable")

COLUMNS = [
    "series_id", "name_zh", "name_en", "topic", "geo", "measure", "period", "unit", "qualifier",
    "target", "outturn", "outturn_kind", "outturn_qualifier", "gap", "met", "status",
    "baseline_period", "baseline", "baseline_qualifier", "ambition", "ambition_unit",
    "source_id", "quote", "ambition_qualifier", "comment_zh", "comment_en",
]


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

        - ``target``, ``unit``, ``qualifier``: the target as printed;
        - ``outturn``: the outturn (failing that the estimate, failing that a derived
          figure) for the same series and period, in the target's unit; ``outturn_kind``
          says which and ``outturn_qualifier`` how it was printed;
        - ``gap``: outturn − target, in the target's unit (percentage points for rates); a
          bound when the outturn is printed as one;
        - ``met``: True/False honouring both qualifiers, ``<NA>`` without a comparable
          outturn or when a bounded outturn cannot decide;
        - ``status``: ``met``, ``not met``, ``undetermined`` (a bounded outturn such as
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
    obs = data.astype({c: str for c in ["series_id", "kind", "unit", "qualifier", "period", "topic"]})
    targets = obs[obs["kind"].eq("target")]
    if series is not None:
        targets = targets[targets["series_id"].isin(series)]
    if topic is not None:
        targets = targets[targets["topic"].isin([topic] if isinstance(topic, str) else topic)]
    if period is not None:
        targets = targets[targets["period"].eq(period)]
    if targets.empty:
        numeric = {"target", "outturn", "gap", "baseline", "ambition"}
        return pd.DataFrame({c: pd.Series(dtype="boolean" if c == "met" else float if c in numeric else object)
                             for c in COLUMNS})
    targets = targets.rename(columns={"value": "target"})
    unique_periods = pd.unique(targets["period"])
    previous = dict(zip(unique_periods, map(periods.previous, unique_periods)))
    targets = targets.assign(baseline_period=targets["period"].map(previous))

    # the best actual figure (see ACTUAL_KINDS) of the same series and period, and of the period before
    actual = obs[obs["kind"].isin(ACTUAL_KINDS)]
    actual = actual.sort_values("kind", key=lambda k: k.map(ACTUAL_KINDS.index), kind="stable")
    actual = actual.drop_duplicates(["series_id", "period"])[["series_id", "period", "value", "unit", "kind", "qualifier"]]
    m = targets.merge(actual.add_prefix("out_"), how="left", left_on=["series_id", "period"],
                      right_on=["out_series_id", "out_period"])
    m = m.merge(actual.add_prefix("base_"), how="left", left_on=["series_id", "baseline_period"],
                right_on=["base_series_id", "base_period"])

    units = unit_table(root)
    mult, dim = units["multiplier"], units["dimension"]
    target_dim, target_mult = m["unit"].map(dim), m["unit"].map(mult)
    comparable = {}
    for side in ("out", "base"):
        present = m[f"{side}_value"].notna()
        comparable[side] = ~present | m[f"{side}_unit"].map(dim).eq(target_dim)
        m[side] = (m[f"{side}_value"] * m[f"{side}_unit"].map(mult) / target_mult).where(comparable[side])
    points = m["measure"].astype(str).isin(POINT_MEASURES)
    m["gap"] = m["out"] - m["target"]
    meaningful = points | (m["base"] > 0)  # a percent change needs a positive base
    m["ambition"] = np.where(points, m["target"] - m["base"], (m["target"] / m["base"].where(meaningful) - 1) * 100)
    m["ambition_unit"] = np.where(m["ambition"].notna(), np.where(points, "百分点", "%"), "")
    base_q = m["base_qualifier"].fillna("")
    m["ambition_qualifier"] = np.where(m["ambition"].notna(), base_q.map(AMBITION_QUALIFIER).fillna("exact"), "")

    rules = load_registries(project(root))["qualifiers"].set_index("qualifier")
    rule = m["qualifier"].map(rules["met_if"])
    tolerance = np.where(points, pd.to_numeric(m["qualifier"].map(rules["tolerance_pp"])),
                         pd.to_numeric(m["qualifier"].map(rules["tolerance_rel"])) * m["target"].abs())
    tolerance = np.nan_to_num(tolerance.astype(float))
    # the range of true outturns the printed one allows; the rules are monotone in the
    # outturn, so the target is decided when both ends give the same answer
    out_q = m["out_qualifier"].fillna("")
    low = np.where(out_q.isin(_UPPER_BOUNDS), -np.inf,
                   np.where(out_q.eq("more_than"), np.nextafter(m["out"], np.inf), m["out"]))
    high = np.where(out_q.isin(_LOWER_BOUNDS), np.inf, m["out"])
    met_low, met_high = ([np.select([rule.eq(name) for name in _RULES],
                                    [f(end, m["target"], tolerance) for f in _RULES.values()], default=False)
                          for end in (low, high)])
    decided = m["out"].notna() & (met_low == met_high)
    m["met"] = pd.array(np.where(decided, met_low, None), dtype="boolean")
    m["status"] = np.select([~comparable["out"], m["out"].isna(), ~decided, m["met"].fillna(False)],
                            ["not comparable", "no outturn yet", "undetermined", "met"], default="not met")
    m = m.rename(columns={"out": "outturn", "out_kind": "outturn_kind", "out_qualifier": "outturn_qualifier",
                          "base": "baseline", "base_qualifier": "baseline_qualifier"})
    m[["outturn_kind", "outturn_qualifier", "baseline_qualifier"]] = \
        m[["outturn_kind", "outturn_qualifier", "baseline_qualifier"]].fillna("")
    m["comment_zh"], m["comment_en"] = _comments(m, points, dim, _qualifier_names(rules.reset_index()))
    return m[COLUMNS].reset_index(drop=True)


# --- plain-language comments ------------------------------------------------------------
#
# Built column-wise in Arrow: every sentence is a template whose gaps are filled from whole
# columns, and the words for an amount, a change or a period are asked of indicators._words
# (and periods.label) once per distinct unit, qualifier or period, not once per row. At a
# million targets, writing the comments row by row took four fifths of the time.

_KIND_WORDS = {"zh": {"outturn": "实际", "estimate": "预计", "derived": "推算"},
               "en": {"outturn": "outturn", "estimate": "estimate", "derived": "derived figure"}}
_BOUND_WORDS = {"zh": {"about": "约", "at_most": "至多", "at_least": "至少"},
                "en": {"about": "about", "at_most": "at most", "at_least": "at least"}}
#: a number no unit or word contains: a word function's answer for it is the template for
#: every row of the same unit and qualifier, the row's own number put in its place
_PLACEHOLDER = 987654.25
#: Arrow prints a float as its shortest round-trip digits, as ``_words.number`` does for a
#: value rounded to two decimals, until it turns to exponents at 1e10; values this large,
#: or within float error of a rounding tie (0.125), are formatted by ``_words.number``
_FAST_LIMIT, _TIE = 1e9, 1e-6
_TEXT = pa.large_string()


def _numbers(x: np.ndarray) -> pa.Array:
    """``_words.number(v)`` (two decimals, no trailing zeros) of each value of *x*."""
    scaled = np.abs(x) * 100
    with np.errstate(invalid="ignore"):
        slow = ~((np.abs(x) < _FAST_LIMIT) & (np.abs(scaled - np.floor(scaled) - 0.5) > _TIE))
    rounded = np.round(x, 2) + 0.0  # + 0.0 turns -0.0 into 0.0
    text = pc.cast(pa.array(rounded), _TEXT)
    if slow.any():
        exact = np.full(len(x), None, dtype=object)
        exact[slow] = [_number(v) for v in x[slow]]
        text = pc.if_else(slow, pa.array(exact, _TEXT), text)
    return text


def _worded(word, numbers: pa.Array | None, *keys) -> pa.Array:
    """``word(v, *key)`` of every row, calling *word* once per distinct key (columns
    *keys*): its answer for :data:`_PLACEHOLDER` is the template, filled with the row's
    *numbers* (:func:`_numbers` of v). A key whose answer prints no number (``持平``) is
    used as it is."""
    codes, combos = np.zeros(len(keys[0]), dtype=np.int64), [()]
    for key in keys:
        encoded = pc.dictionary_encode(pa.array(key), null_encoding="encode")
        values = encoded.dictionary.to_pylist()
        codes = codes * len(values) + encoded.indices.to_numpy()
        combos = [c + (v,) for c in combos for v in values]
    used, codes = _factorize(codes, len(combos))
    placeholder = _number(_PLACEHOLDER)
    parts = [word(_PLACEHOLDER, *combos[u]).partition(placeholder) for u in used]
    heads, tails = (pc.take(pa.array([p[i] for p in parts], _TEXT), codes) for i in (0, 2))
    if numbers is None:
        return heads
    numbered = np.asarray([bool(p[1]) for p in parts])[codes]
    return _join(heads, pc.if_else(numbered, numbers, pa.scalar("", _TEXT)), tails)


def _factorize(codes: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of *codes* (integers below *size*) and each row's index among
    them, in one pass (``np.unique`` sorts)."""
    if size > 4 * len(codes) + 1024:
        return np.unique(codes, return_inverse=True)
    present = np.zeros(size, dtype=bool)
    present[codes] = True
    return np.flatnonzero(present), (np.cumsum(present) - 1)[codes]


def _join(*parts) -> pa.Array:
    """Row-wise concatenation of strings and Arrow string columns."""
    return pc.binary_join_element_wise(*[pa.scalar(p, _TEXT) if isinstance(p, str) else p for p in parts],
                                       pa.scalar("", _TEXT))


def _sentences(branches: list[tuple[np.ndarray, list]]) -> pa.Array:
    """One sentence per row: *branches* are ``(rows, parts)`` pairs, the rows (a mask;
    together they cover every row once) taking ``parts`` joined (see :func:`_join`)."""
    rows = [np.flatnonzero(mask) for mask, _ in branches]
    texts = [_join(*[pc.take(p, r) if isinstance(p, pa.Array) else p for p in parts])
             for r, (_, parts) in zip(rows, branches)]
    order = np.empty(sum(len(r) for r in rows), dtype=np.int64)
    order[np.concatenate(rows)] = np.arange(len(order))
    return pc.take(pa.concat_arrays(texts), order)


def _column(m: pd.DataFrame, name: str) -> pa.Array:
    return pa.array(m[name], _TEXT)


def _comments(m: pd.DataFrame, points: pd.Series, dim: pd.Series, names: dict) -> tuple[pd.Series, pd.Series]:
    """``comment_zh`` and ``comment_en`` of every row: the verdict, then the ambition."""
    dims = dim.astype(str).to_dict()
    cols = {c: _column(m, c) for c in ("unit", "out_unit", "base_unit", "qualifier", "outturn_qualifier",
                                       "baseline_qualifier", "period", "baseline_period", "outturn_kind",
                                       "ambition_qualifier", "status")}
    status = {s: pc.equal(cols["status"], s).to_numpy(zero_copy_only=False) for s in STATUSES}
    verdict = status["met"] | status["not met"] | status["undetermined"]
    apart = status["not comparable"]
    pt = pa.array(points.to_numpy(dtype=bool))
    gap, ambition = m["gap"].to_numpy(dtype=float), m["ambition"].to_numpy(dtype=float)
    signs = {"gap": np.sign(gap), "ambition": np.sign(ambition)}
    nums = {c: _numbers(np.abs(m[c].to_numpy(dtype=float)) if c in signs else m[c].to_numpy(dtype=float))
            for c in ("target", "outturn", "gap", "baseline", "ambition")}
    unit_dim, out_dim = (_worded(lambda _, u: dims.get(u, "None"), None, cols[c]) for c in ("unit", "out_unit"))
    out = []
    for lang in ("zh", "en"):
        per, base_per = (_worded(lambda _, p: periods.label(p, lang), None, cols[c])
                         for c in ("period", "baseline_period"))
        kind = _worded(lambda _, k: _KIND_WORDS[lang].get(k, ""), None, cols["outturn_kind"])
        target = _amounts(nums["target"], cols["unit"], cols["qualifier"], lang, names)
        printed = _amounts(nums["outturn"], cols["unit"], cols["outturn_qualifier"], lang, names)
        if lang == "zh":
            word = _worded(lambda _, s: {"met": "已完成", "not met": "未完成"}.get(s, ""), None, cols["status"])
            versus = _worded(lambda v, u, p, s: f"比目标{_change(s * v, u, p, lang)}" if s else "与目标持平",
                             nums["gap"], cols["unit"], pt, signs["gap"])
            text = _sentences([
                (verdict & ~status["undetermined"], [word, "：", per, kind, printed, "，目标", target, "，", versus, "。"]),
                (status["undetermined"], ["无法判断：", per, kind, "数仅公布为", printed, "，不足以判断是否达到目标", target, "。"]),
                (apart, ["不可比：", per, kind, "数单位为", cols["out_unit"], "，目标单位为", cols["unit"],
                         "，计量对象不同，文件未给出换算关系。"]),
                (~verdict & ~apart, ["尚无", per, "实际数或预计数。"])])
        else:
            word = _worded(lambda _, s: {"met": "Met", "not met": "Not met"}.get(s, ""), None, cols["status"])
            change = _worded(lambda v, u, p, s: _change(s * v, u, p, lang), nums["gap"], cols["unit"], pt,
                             signs["gap"])
            text = _sentences([
                (verdict & ~status["undetermined"], [word, ": ", per, " ", kind, " ", printed, " against a target of ",
                                                        target, " (gap ", change, ")."]),
                (status["undetermined"], ["Undetermined: the ", per, " ", kind, " is printed only as ", printed,
                                            ", which does not settle a target of ", target, "."]),
                (apart, ["Not comparable: the ", per, " ", kind, " is in ", cols["out_unit"], " (", out_dim,
                         ") and the target in ", cols["unit"], " (", unit_dim, "); the documents give no conversion."]),
                (~verdict & ~apart, ["No outturn or estimate for ", per, " in the data yet."])])
        ambition = _ambition_comment(m, pt, names, base_per, cols, dims, nums, signs, lang)
        out.append(pd.Series(_join(text, "" if lang == "zh" else " ", ambition), index=m.index, dtype="str"))
    return out[0], out[1]


def _amounts(numbers: pa.Array, unit: pa.Array, qualifier: pa.Array, lang: str, names: dict) -> pa.Array:
    """``_words.qualified`` of each row: ``6%左右`` / ``about 6%``."""
    return _worded(lambda v, u, q: _qualified(v, u, q, lang, names), numbers, unit, qualifier)


def _ambition_comment(m: pd.DataFrame, pt: pa.Array, names: dict, base_per: pa.Array, cols: dict,
                      dims: dict, nums: dict, signs: dict, lang: str) -> pa.Array:
    """The sentence on the target's ambition of every row, in *lang*."""
    missing = m["base_value"].isna().to_numpy()
    apart = ~missing & m["baseline"].isna().to_numpy()
    meaningless = ~missing & ~apart & m["ambition"].isna().to_numpy()
    ambition = signs["ambition"]
    exact = m["ambition_qualifier"].eq("exact").to_numpy() & ~missing & ~apart & ~meaningless
    flat, moved = exact & (ambition == 0), exact & (ambition != 0)
    bounded = ~missing & ~apart & ~meaningless & ~exact
    base = _amounts(nums["baseline"], cols["unit"], cols["baseline_qualifier"], lang, names)
    change = _worded(lambda v, p, s: _change(s * v, "百分点" if p else "%", p, lang),
                     nums["ambition"], pt, signs["ambition"])
    bound = _worded(lambda _, q: _BOUND_WORDS[lang].get(q, ""), None, cols["ambition_qualifier"])
    if lang == "zh":
        return _sentences([
            (missing, ["没有", base_per, "实际数，无法衡量目标力度。"]),
            (apart, [base_per, "实际数单位为", cols["base_unit"], "，与目标单位", cols["unit"], "不可比，未计算目标力度。"]),
            (meaningless, ["基数为", base, "，按百分比计算目标力度没有意义。"]),
            (flat, ["目标与", base_per, "实际（", base, "）持平。"]),
            (moved, ["目标比", base_per, "实际（", base, "）", change, "。"]),
            (bounded, [base_per, "基数仅公布为", base, "，目标力度为近似值：", bound, change, "。"])])
    unit_dim, base_dim = (_worded(lambda _, u: dims.get(u, "None"), None, cols[c]) for c in ("unit", "base_unit"))
    return _sentences([
        (missing, ["No ", base_per, " outturn to measure the target's ambition against."]),
        (apart, ["Ambition not computed: the ", base_per, " outturn is in ", cols["base_unit"], " (", base_dim,
                 "), the target in ", cols["unit"], " (", unit_dim, ")."]),
        (meaningless, ["Ambition not computed: a percent change from a baseline of ", base, " is not meaningful."]),
        (flat, ["Ambition: none; the target repeats the ", base_per, " outturn of ", base, "."]),
        (moved, ["Ambition: ", change, " on the ", base_per, " outturn of ", base, "."]),
        (bounded, ["Ambition approximate: the ", base_per, " baseline is printed as ", base,
                   ", so the target asks for ", bound, " ", change, "."])])
