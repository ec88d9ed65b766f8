"""The two prose comments of :func:`indicators.targets_vs_outturns`, built column-wise.

Each sentence is a template (:data:`_VERDICT_TEMPLATES`, then :data:`_AMBITION_TEMPLATES`):
connecting words, and parts that hold words (a period, a kind of figure, a status, an
amount with its qualifier, a signed change, a bound) from :mod:`indicators._words` and
:func:`indicators.data.periods.label`. Apart from its numbers and its two periods, what a
row's comment says depends only on its *key*: its values of :data:`_KEY_COLUMNS`, the
signs of its gap and ambition, whether its changes read in percentage points, and which
templates it takes. The 500k targets of the 1M benchmark have 26 keys.

So each sentence is written once per distinct key, with a placeholder in every *slot*:
each number (:data:`NUMBER_SLOTS`, the placeholder a number of :data:`PLACEHOLDERS` that
the word functions format like any other) and each period (:data:`PERIOD_SLOTS`); a slot
is named for the column of the pairs it prints. Cut at its placeholders, a sentence is a
list of fixed segments. A language is then one row-wise join of columns: the *i*-th
segments, taken by key code from an array as long as the keys, and between them the
row's fill of the slot that stands there: its number, formatted once per column by
:func:`indicators._words.numbers` (the digits of ``_words.number``) for both languages,
or its period's label, written once per distinct period. Written row by row, the
comments took four fifths of the time at a million targets.

The fills are formatted on the caller's pool as soon as their columns exist
(:class:`Fills`), while the caller works out the rest of the comparison, and the two
languages are joined side by side there (:func:`indicators.targets_vs_outturns` uses two
threads, one when ``pyarrow.cpu_count()`` is 1). The work is in Arrow and NumPy, which
release the GIL; the threads share nothing they change.
"""
from __future__ import annotations

import re
from concurrent.futures import Executor

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import _words
from ..data import periods
from ..data._rows import category_codes, combined_codes

#: the numbers a comment prints, by slot (the column of the pairs): whether the slot prints
#: its size (a change, whose sign is in the words) rather than its value
NUMBER_SLOTS = {"target": False, "outturn": False, "baseline": False, "gap": True, "ambition": True}
#: per number slot, a number no unit or word prints: where the words of a key print its
#: digits, each row prints its own number
PLACEHOLDERS = {slot: 987651.25 + i for i, slot in enumerate(NUMBER_SLOTS)}
#: the periods a comment prints, by slot (the column of the pairs), each printed as its label
PERIOD_SLOTS = ("period", "baseline_period")
#: per period slot, text no word prints (private-use characters), standing where its label goes
_PERIOD_MARKS = {slot: f"\ue000{slot}\ue001" for slot in PERIOD_SLOTS}
#: the slot of each placeholder as it stands in the words of a key
_MARKS = {**{_words.number(x): slot for slot, x in PLACEHOLDERS.items()},
          **{mark: slot for slot, mark in _PERIOD_MARKS.items()}}
_PLACEHOLDER = re.compile("(" + "|".join(map(re.escape, _MARKS)) + ")")
#: added to the kind word of a figure computed by code
DERIVED_WORDS = {"zh": "（推算）", "en": " (derived)"}
#: what the prose of a status says first, per status
_VERDICT_SHAPES = {"met": "compared", "within tolerance": "compared", "not met": "compared",
                   "undetermined": "undetermined", "not comparable": "apart", "no outturn yet": "none"}
#: the columns of the pairs whose values the words of a comment depend on (besides its slots)
_KEY_COLUMNS = ["status", "outturn_kind", "outturn_origin", "unit", "qualifier", "target_origin",
                "outturn_qualifier", "baseline_qualifier", "ambition_qualifier", "outturn_unit", "baseline_unit"]
_TEXT = pa.large_string()
#: the languages of the comments, with the text that joins a verdict to its ambition
_LANGUAGES = {"zh": "", "en": " "}


def comments(m: pd.DataFrame, points: pd.Series, dim: pd.Series, names: dict, *, fills: Fills,
             pool: Executor) -> tuple[pd.Series, pd.Series]:
    """``comment_zh`` and ``comment_en`` of every row of *m* (the verdict, then the ambition).

    Parameters
    ----------
    m : DataFrame
        The pairs of :func:`indicators.targets_vs_outturns` with their verdict and
        ambition, and the printed units ``outturn_unit``, ``baseline_unit`` and
        ``baseline_value``.
    points : Series of bool
        Rows whose changes read in percentage points.
    dim : Series
        Unit dimension by unit (``units.csv``).
    names : dict
        :func:`indicators._words.qualifier_names`.
    fills : Fills
        Every slot of :data:`NUMBER_SLOTS` and :data:`PERIOD_SLOTS`, started.
    pool : Executor
        Where one language is joined while this thread joins the other.
    """
    branch, branches = _branches(m)
    code, keys = _keys(m, {"branch": branch, "points": points.to_numpy(dtype=bool),
                           "gap_sign": np.sign(m["gap"].to_numpy(dtype=float)),
                           "ambition_sign": np.sign(m["ambition"].to_numpy(dtype=float))})
    words = _Words(names, {u: f"{d}" for u, d in dim.items()})
    filled = fills.result()

    def language(lang: str, sep: str) -> pd.Series:
        templates = [[*_VERDICT_TEMPLATES[lang][v], sep, *_AMBITION_TEMPLATES[lang][a]] for v, a in branches]
        sentences = [words.sentence(templates[key["branch"]], key, lang) for key in keys]
        return pd.Series(_filled(sentences, code, filled, lang), index=m.index, dtype="str")

    # one language on the pool, the other on this thread meanwhile
    en = pool.submit(language, "en", _LANGUAGES["en"])
    return language("zh", _LANGUAGES["zh"]), en.result()


def _branches(m: pd.DataFrame) -> tuple[np.ndarray, list[tuple[str, str]]]:
    """Which templates each row takes: a code per row, and (verdict, ambition) per code."""
    verdict = {shape: m["status"].isin([s for s, v in _VERDICT_SHAPES.items() if v == shape]).to_numpy()
               for shape in ("compared", "undetermined", "apart", "none")}
    base_missing = m["baseline_value"].isna().to_numpy()
    apart = ~base_missing & m["baseline"].isna().to_numpy()
    meaningless = ~base_missing & ~apart & m["ambition"].isna().to_numpy()
    computed = ~base_missing & ~apart & ~meaningless
    exact = computed & m["ambition_qualifier"].eq("exact").to_numpy()
    flat = exact & (m["ambition"].to_numpy(dtype=float) == 0)
    ambition = {"missing": base_missing, "apart": apart, "meaningless": meaningless, "flat": flat,
                "moved": exact & ~flat, "bounded": computed & ~exact}
    pairs = [(v, a) for v in verdict for a in ambition]
    v = np.select(list(verdict.values()), range(len(verdict)), -1)
    a = np.select(list(ambition.values()), range(len(ambition)), -1)
    return np.where((v < 0) | (a < 0), -1, v * len(ambition) + a), pairs


def _keys(m: pd.DataFrame, arrays: dict[str, np.ndarray]) -> tuple[np.ndarray, list[dict]]:
    """The key of every row: (a code per row, ``{name: value}`` per code), over the columns
    :data:`_KEY_COLUMNS` of *m* (a missing text read as ``""``) and the *arrays* aligned
    with it."""
    columns = {**{c: m[c] for c in _KEY_COLUMNS}, **arrays}
    encoded = {name: _codes(values) for name, values in columns.items()}
    encoded = {name: (codes, ["" if name in _KEY_COLUMNS and pd.isna(u) else u for u in uniques])
               for name, (codes, uniques) in encoded.items()}
    combined = combined_codes([codes for codes, _ in encoded.values()],
                              [len(uniques) for _, uniques in encoded.values()])
    code, distinct = pd.factorize(combined)
    first = np.empty(len(distinct), dtype=np.int64)  # a row of each key
    first[code[::-1]] = np.arange(len(m))[::-1]
    values = {name: [uniques[c] for c in codes[first]] for name, (codes, uniques) in encoded.items()}
    return code.astype(np.int64), [dict(zip(values, key)) for key in zip(*values.values())]


def _codes(values) -> tuple[np.ndarray, list]:
    """(a code per value, the distinct values), a missing value one of them: a
    categorical's own codes (missing as the last), anything else factorized."""
    if isinstance(getattr(values, "dtype", None), pd.CategoricalDtype):
        return category_codes(values), [*values.cat.categories, np.nan]
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return codes, list(uniques)


class Fills:
    """What each row puts in each slot, formatted on *pool* as soon as the slot's column
    exists (:meth:`start`): per slot ``{language: text}``, a number's digits (formatted
    once, the same for both languages) or a period's label (each distinct period written
    once)."""

    def __init__(self, pool: Executor):
        self.pool, self._pending = pool, {}

    def start(self, m: pd.DataFrame, *slots: str) -> None:
        """Format the *slots* (columns of *m*, as they are now) on the pool."""
        for slot in slots:
            work = self._digits if slot in NUMBER_SLOTS else self._labels
            self._pending[slot] = self.pool.submit(work, slot, m[slot])

    def result(self) -> dict[str, dict[str, pa.Array]]:
        """``{slot: {language: text}}`` of the started slots, once each is formatted."""
        return {slot: future.result() for slot, future in self._pending.items()}

    @staticmethod
    def _digits(slot: str, values: pd.Series) -> dict[str, pa.Array]:
        x = values.to_numpy(dtype=float)
        return dict.fromkeys(_LANGUAGES, _words.numbers(np.abs(x) if NUMBER_SLOTS[slot] else x))

    @staticmethod
    def _labels(slot: str, values: pd.Series) -> dict[str, pa.Array]:
        codes, found = pd.factorize(values, use_na_sentinel=False)
        return {lang: pa.array([periods.label(p, lang) for p in found], _TEXT).take(pa.array(codes))
                for lang in _LANGUAGES}


def _filled(sentences: list[str], code: np.ndarray, fills: dict[str, dict[str, pa.Array]], lang: str) -> pa.Array:
    """``sentences[c]`` for each row's key code *c*, each placeholder in it replaced by the
    row's fill of that slot: one join of the segments between placeholders (the *i*-th
    segment of every sentence taken as one column) and the *fills* of :class:`Fills`."""
    cut = [_PLACEHOLDER.split(s) for s in sentences]  # segment, placeholder, segment, …, segment
    width = max(map(len, cut), default=1)
    index, pieces = pa.array(code), []
    for i in range(width):
        column = [c[i] if i < len(c) else "" for c in cut]
        if i % 2 == 0:
            pieces.append(column[0] if len(set(column)) == 1 else pa.array(column, _TEXT).take(index))
            continue
        slots = list(dict.fromkeys(_MARKS.get(c) for c in column))
        if len(slots) == 1:
            pieces.append(fills[slots[0]][lang] if slots[0] else "")
        else:
            which = np.array([slots.index(_MARKS.get(c)) for c in column], dtype=np.int8)
            pieces.append(pc.choose(pa.array(which[code]),
                                    *[fills[s][lang] if s else pa.scalar("", _TEXT) for s in slots]))
    text = pc.binary_join_element_wise(*[pa.scalar(p, _TEXT) if isinstance(p, str) else p for p in pieces],
                                       pa.scalar("", _TEXT))
    return pa.repeat(text, len(code)) if isinstance(text, pa.Scalar) else text


# --- templates: each a list of connecting words and names of :class:`_Words` methods ---------

_VERDICT_TEMPLATES = {
    "zh": {
        "compared": ["!verdict", "：", "!period", "!kind", "!outturn", "，目标", "!target", "，", "!versus", "。"],
        "undetermined": ["!verdict", "：", "!period", "!kind", "数仅公布为", "!outturn", "，不足以判断是否达到目标",
                         "!target", "。"],
        "apart": ["!verdict", "：", "!period", "!kind", "数单位为", "!outturn_unit", "，目标单位为", "!unit",
                  "，计量对象不同，文件未给出换算关系。"],
        "none": ["尚无", "!period", "实际数或预计数。"],
    },
    "en": {
        "compared": ["!verdict", ": ", "!period", " ", "!kind", " ", "!outturn", " against a target of ", "!target",
                     " (gap ", "!gap", ")."],
        "undetermined": ["!verdict", ": the ", "!period", " ", "!kind", " is printed only as ", "!outturn",
                         ", which does not settle a target of ", "!target", "."],
        "apart": ["!verdict", ": the ", "!period", " ", "!kind", " is in ", "!outturn_unit", " (", "!outturn_dim",
                  ") and the target in ", "!unit", " (", "!dim", "); the documents give no conversion."],
        "none": ["No outturn or estimate for ", "!period", " in the data yet."],
    },
}
_AMBITION_TEMPLATES = {
    "zh": {
        "missing": ["没有", "!baseline_period", "实际数，无法衡量目标力度。"],
        "apart": ["!baseline_period", "实际数单位为", "!baseline_unit", "，与目标单位", "!unit", "不可比，未计算目标力度。"],
        "meaningless": ["基数为", "!baseline", "，按百分比计算目标力度没有意义。"],
        "flat": ["目标与", "!baseline_period", "实际（", "!baseline", "）持平。"],
        "moved": ["目标比", "!baseline_period", "实际（", "!baseline", "）", "!ambition", "。"],
        "bounded": ["!baseline_period", "基数仅公布为", "!baseline", "，目标力度为近似值：", "!bound", "!ambition", "。"],
    },
    "en": {
        "missing": ["No ", "!baseline_period", " outturn to measure the target's ambition against."],
        "apart": ["Ambition not computed: the ", "!baseline_period", " outturn is in ", "!baseline_unit", " (", "!baseline_dim",
                  "), the target in ", "!unit", " (", "!dim", ")."],
        "meaningless": ["Ambition not computed: a percent change from a baseline of ", "!baseline",
                        " is not meaningful."],
        "flat": ["Ambition: none; the target repeats the ", "!baseline_period", " outturn of ", "!baseline", "."],
        "moved": ["Ambition: ", "!ambition", " on the ", "!baseline_period", " outturn of ", "!baseline", "."],
        "bounded": ["Ambition approximate: the ", "!baseline_period", " baseline is printed as ", "!baseline",
                    ", so the target asks for ", "!bound", " ", "!ambition", "."],
    },
}



class _Words:
    """The words of each template part for one key (``{name: value}`` of :func:`_keys`) in
    one language, a number printed as the placeholder of its slot."""

    def __init__(self, names: dict, dims: dict[str, str]):
        self.names, self.dims = names, dims

    def sentence(self, template: list[str], key: dict, lang: str) -> str:
        """*template* for *key*: the ``!name`` items as ``self.name(key, lang)``."""
        return "".join(getattr(self, item[1:])(key, lang) if item.startswith("!") else item for item in template)

    def _amount(self, slot: str, qualifier: str, key: dict, lang: str) -> str:
        return _words.qualified(PLACEHOLDERS[slot], key["unit"], key[qualifier], lang, self.names)

    @staticmethod
    def _derived(origin: str, lang: str) -> str:
        return DERIVED_WORDS[lang] if origin == "derived" else ""

    def verdict(self, key, lang):
        return _words.status_word(key["status"], lang, start=True)

    def period(self, key, lang):
        return _PERIOD_MARKS["period"]

    def baseline_period(self, key, lang):
        return _PERIOD_MARKS["baseline_period"]

    def kind(self, key, lang):
        return _words.kind_word(key["outturn_kind"], lang) + self._derived(key["outturn_origin"], lang)

    def target(self, key, lang):
        return self._amount("target", "qualifier", key, lang) + self._derived(key["target_origin"], lang)

    def outturn(self, key, lang):
        return self._amount("outturn", "outturn_qualifier", key, lang)

    def baseline(self, key, lang):
        return self._amount("baseline", "baseline_qualifier", key, lang)

    def gap(self, key, lang):
        return _words.change(key["gap_sign"] * PLACEHOLDERS["gap"], key["unit"], key["points"], lang)

    def versus(self, key, lang):
        """``比目标高0.2个百分点``, or ``与目标持平`` when the outturn equals the target."""
        return f"比目标{self.gap(key, lang)}" if key["gap_sign"] else "与目标持平"

    def ambition(self, key, lang):
        points = key["points"]
        return _words.change(key["ambition_sign"] * PLACEHOLDERS["ambition"], "百分点" if points else "%", points,
                             lang)

    def bound(self, key, lang):
        return _words.bound_word(key["ambition_qualifier"], lang)

    def unit(self, key, lang):
        return str(key["unit"])

    def outturn_unit(self, key, lang):
        return str(key["outturn_unit"])

    def baseline_unit(self, key, lang):
        return str(key["baseline_unit"])

    def dim(self, key, lang):
        return f"{self.dims.get(key['unit'])}"

    def outturn_dim(self, key, lang):
        return f"{self.dims.get(key['outturn_unit'])}"

    def baseline_dim(self, key, lang):
        return f"{self.dims.get(key['baseline_unit'])}"
