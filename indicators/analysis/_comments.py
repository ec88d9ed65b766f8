"""The two prose comments of :func:`indicators.targets_vs_outturns`, built column-wise.

Each sentence is a template: connecting words, and parts filled from whole columns. A part
that holds words (a period, a kind of figure, a status, an amount with its qualifier, a
signed change, a bound) is asked of :mod:`indicators._words` (or
:func:`indicators.data.periods.label`) once per distinct key among the rows that need it, a
placeholder number standing where the row's number goes; the rows' own numbers, formatted
column-wise by :func:`indicators._words.numbers` (the digits of ``_words.number``), take its
place. Written row by row, the comments took four fifths of the time at a million targets.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import _words
from ..data import periods

#: a number no unit or word prints: the word functions' answer for it is the template of
#: every row of the same key, the row's number put in its place
PLACEHOLDER = 987654.25
#: added to the kind word of a figure computed by code
DERIVED_WORDS = {"zh": "（推算）", "en": " (derived)"}
#: what the prose of a status says first, per status
_VERDICT_SHAPES = {"met": "compared", "within tolerance": "compared", "not met": "compared",
                   "undetermined": "undetermined", "not comparable": "apart", "no outturn yet": "none"}
_TEXT = pa.large_string()


def comments(m: pd.DataFrame, points: pd.Series, dim: pd.Series, names: dict) -> tuple[pd.Series, pd.Series]:
    """``comment_zh`` and ``comment_en`` of every row of *m* (the verdict, then the ambition).

    Parameters
    ----------
    m : DataFrame
        The pairs of :func:`indicators.targets_vs_outturns` with their verdict and
        ambition, and the printed units ``out_unit``, ``base_unit`` and ``base_value``.
    points : Series of bool
        Rows whose changes read in percentage points.
    dim : Series
        Unit dimension by unit (``units.csv``).
    names : dict
        :func:`indicators._words.qualifier_names`.
    """
    parts = _Parts(m, points, dim, names)
    status = m["status"].astype(str).map(_VERDICT_SHAPES).to_numpy()
    verdict = {shape: status == shape for shape in ("compared", "undetermined", "apart", "none")}
    base_missing = m["base_value"].isna().to_numpy()
    apart = ~base_missing & m["baseline"].isna().to_numpy()
    meaningless = ~base_missing & ~apart & m["ambition"].isna().to_numpy()
    computed = ~base_missing & ~apart & ~meaningless
    exact = computed & m["ambition_qualifier"].eq("exact").to_numpy()
    flat = exact & (m["ambition"].to_numpy(dtype=float) == 0)
    ambition = {"missing": base_missing, "apart": apart, "meaningless": meaningless, "flat": flat,
                "moved": exact & ~flat, "bounded": computed & ~exact}
    # one template per verdict and ambition that occur together: each row is joined once
    pairs = [(v_rows & a_rows, v, a) for v, v_rows in verdict.items() for a, a_rows in ambition.items()]
    pairs = [(rows, v, a) for rows, v, a in pairs if rows.any()]
    out = []
    for lang, sep in (("zh", ""), ("en", " ")):
        branches = [(rows, [*_VERDICT_TEMPLATES[lang][v], sep, *_AMBITION_TEMPLATES[lang][a]]) for rows, v, a in pairs]
        out.append(pd.Series(_sentences(branches, parts, lang, len(m)), index=m.index, dtype="str"))
    return out[0], out[1]


# --- templates: each a list of connecting words and names of :class:`_Parts` methods ---------

_VERDICT_TEMPLATES = {
    "zh": {
        "compared": ["!verdict", "：", "!period", "!kind", "!outturn", "，目标", "!target", "，", "!versus", "。"],
        "undetermined": ["!verdict", "：", "!period", "!kind", "数仅公布为", "!outturn", "，不足以判断是否达到目标",
                         "!target", "。"],
        "apart": ["!verdict", "：", "!period", "!kind", "数单位为", "!out_unit", "，目标单位为", "!unit",
                  "，计量对象不同，文件未给出换算关系。"],
        "none": ["尚无", "!period", "实际数或预计数。"],
    },
    "en": {
        "compared": ["!verdict", ": ", "!period", " ", "!kind", " ", "!outturn", " against a target of ", "!target",
                     " (gap ", "!gap", ")."],
        "undetermined": ["!verdict", ": the ", "!period", " ", "!kind", " is printed only as ", "!outturn",
                         ", which does not settle a target of ", "!target", "."],
        "apart": ["!verdict", ": the ", "!period", " ", "!kind", " is in ", "!out_unit", " (", "!out_dim",
                  ") and the target in ", "!unit", " (", "!dim", "); the documents give no conversion."],
        "none": ["No outturn or estimate for ", "!period", " in the data yet."],
    },
}
_AMBITION_TEMPLATES = {
    "zh": {
        "missing": ["没有", "!base_period", "实际数，无法衡量目标力度。"],
        "apart": ["!base_period", "实际数单位为", "!base_unit", "，与目标单位", "!unit", "不可比，未计算目标力度。"],
        "meaningless": ["基数为", "!baseline", "，按百分比计算目标力度没有意义。"],
        "flat": ["目标与", "!base_period", "实际（", "!baseline", "）持平。"],
        "moved": ["目标比", "!base_period", "实际（", "!baseline", "）", "!ambition", "。"],
        "bounded": ["!base_period", "基数仅公布为", "!baseline", "，目标力度为近似值：", "!bound", "!ambition", "。"],
    },
    "en": {
        "missing": ["No ", "!base_period", " outturn to measure the target's ambition against."],
        "apart": ["Ambition not computed: the ", "!base_period", " outturn is in ", "!base_unit", " (", "!base_dim",
                  "), the target in ", "!unit", " (", "!dim", ")."],
        "meaningless": ["Ambition not computed: a percent change from a baseline of ", "!baseline",
                        " is not meaningful."],
        "flat": ["Ambition: none; the target repeats the ", "!base_period", " outturn of ", "!baseline", "."],
        "moved": ["Ambition: ", "!ambition", " on the ", "!base_period", " outturn of ", "!baseline", "."],
        "bounded": ["Ambition approximate: the ", "!base_period", " baseline is printed as ", "!baseline",
                    ", so the target asks for ", "!bound", " ", "!ambition", "."],
    },
}


def _sentences(branches: list[tuple[np.ndarray, list[str]]], parts: _Parts, lang: str, n: int) -> pa.Array:
    """One sentence per row: each branch's rows (a mask; together they cover every row once)
    take its template, the ``!name`` items filled by ``parts.name(rows, lang)``."""
    rows = [np.flatnonzero(mask) for mask, _ in branches]
    texts = [_join(*_pieces(template, parts, r, lang)) for r, (_, template) in zip(rows, branches)]
    texts = [pa.repeat(t, len(r)) if isinstance(t, pa.Scalar) else t for t, r in zip(texts, rows)]
    order = np.empty(n, dtype=np.int64)
    order[np.concatenate([np.zeros(0, np.int64), *rows])] = np.arange(n)
    return pa.concat_arrays([pa.array([], _TEXT), *texts]).take(pa.array(order))


def _pieces(template: list[str], parts: _Parts, rows: np.ndarray, lang: str) -> list:
    """The pieces of *template* for *rows*: columns and strings, neighbouring strings as one."""
    pieces = []
    for item in template:
        for piece in (getattr(parts, item[1:])(rows, lang) if item.startswith("!") else [item]):
            if isinstance(piece, str) and pieces and isinstance(pieces[-1], str):
                pieces[-1] += piece
            elif not (isinstance(piece, str) and not piece):
                pieces.append(piece)
    return pieces or [""]


def _taken(words: list[str], index: np.ndarray) -> pa.Array | str:
    """``words[i]`` for each *i* of *index*: the one word itself when all are the same."""
    if len(set(words)) == 1:
        return words[0]
    return pa.array(words, _TEXT).take(pa.array(index))


def _join(*parts) -> pa.Array:
    """Row-wise concatenation of strings and Arrow string columns."""
    return pc.binary_join_element_wise(*[pa.scalar(p, _TEXT) if isinstance(p, str) else p for p in parts],
                                       pa.scalar("", _TEXT))


class _Parts:
    """The parts of the comments, each for given rows in a given language."""

    def __init__(self, m: pd.DataFrame, points: pd.Series, dim: pd.Series, names: dict):
        self.m, self.names, self._codes, self._digits = m, names, {}, {}
        self.dims = {u: f"{d}" for u, d in dim.items()}
        self.points = points.to_numpy(dtype=bool)
        self.gap_sign, self.ambition_sign = (np.sign(m[c].to_numpy(dtype=float)) for c in ("gap", "ambition"))

    def _key(self, column) -> tuple[np.ndarray, list]:
        """(codes, distinct values) of a column of *m* (by name) or of an array, encoded once."""
        name = column if isinstance(column, str) else id(column)
        if name not in self._codes:
            values = self.m[column] if isinstance(column, str) else column
            codes, uniques = pd.factorize(np.asarray(values) if not isinstance(values, pd.Series) else values,
                                          use_na_sentinel=False)
            self._codes[name] = (codes.astype(np.int64), list(uniques))
        return self._codes[name]

    def _numbers(self, column: str, rows: np.ndarray, *, size: bool = False) -> pa.Array:
        """``_words.numbers`` of *column* of *m* (its absolute value with *size*) at *rows*,
        formatted once for all rows."""
        if (column, size) not in self._digits:
            x = self.m[column].to_numpy(dtype=float)
            self._digits[column, size] = _words.numbers(np.abs(x) if size else x)
        return self._digits[column, size].take(pa.array(rows))

    def _worded(self, word, keys: list, rows: np.ndarray, x: tuple | None = None) -> list:
        """The pieces of ``word(*key)`` of each of *rows*, asking *word* once per distinct
        key. With *x*, ``(column, size)`` of :meth:`_numbers`: ``word(PLACEHOLDER, *key)``,
        the placeholder's digits replaced by the row's number, as (head, number, tail)."""
        encoded = [self._key(k) for k in keys]
        combined = np.zeros(len(rows), dtype=np.int64)
        for codes, uniques in encoded:
            combined = combined * (len(uniques) + 1) + codes[rows]
        inverse, distinct = pd.factorize(combined)
        first = np.empty(len(distinct), dtype=np.int64)
        first[inverse[::-1]] = np.arange(len(rows))[::-1]
        keyed = [[uniques[codes[rows[f]]] for codes, uniques in encoded] for f in first]
        index = inverse
        if x is None:
            return [_taken([word(*key) for key in keyed], index)]
        split = [word(PLACEHOLDER, *key).partition(_words.number(PLACEHOLDER)) for key in keyed]
        numbered = np.asarray([bool(s[1]) for s in split])
        digits = self._numbers(x[0], rows, size=x[1]) if numbered.any() else ""
        if not numbered.all() and numbered.any():
            digits = pc.if_else(pa.array(numbered[inverse]), digits, pa.scalar("", _TEXT))
        return [_taken([s[0] for s in split], index), digits, _taken([s[2] for s in split], index)]

    def _amount(self, value: str, qualifier: str, rows, lang) -> list:
        names = self.names
        return self._worded(lambda x, u, q: _words.qualified(x, u, q, lang, names), ["unit", qualifier], rows,
                            (value, False))

    def _change(self, value: str, sign: np.ndarray, unit_of, rows, lang) -> list:
        return self._worded(lambda x, s, u, pt: _words.change(s * x, unit_of(u, pt), pt, lang),
                            [sign, "unit", self.points], rows, (value, True))

    def verdict(self, rows, lang):
        return self._worded(lambda s: _words.status_word(s, lang, start=True), ["status"], rows)

    def period(self, rows, lang):
        return self._worded(lambda p: periods.label(p, lang), ["period"], rows)

    def base_period(self, rows, lang):
        return self._worded(lambda p: periods.label(p, lang), ["baseline_period"], rows)

    def kind(self, rows, lang):
        return self._worded(lambda k, o: _words.kind_word(k, lang) + (DERIVED_WORDS[lang] if o == "derived" else ""),
                            ["outturn_kind", "outturn_origin"], rows)

    def target(self, rows, lang):
        names = self.names
        return self._worded(lambda x, u, q, o: _words.qualified(x, u, q, lang, names)
                            + (DERIVED_WORDS[lang] if o == "derived" else ""),
                            ["unit", "qualifier", "target_origin"], rows, ("target", False))

    def outturn(self, rows, lang):
        return self._amount("outturn", "outturn_qualifier", rows, lang)

    def baseline(self, rows, lang):
        return self._amount("baseline", "baseline_qualifier", rows, lang)

    def gap(self, rows, lang):
        return self._change("gap", self.gap_sign, lambda u, pt: u, rows, lang)

    def versus(self, rows, lang):
        """``比目标高0.2个百分点``, or ``与目标持平`` when the outturn equals the target."""
        return self._worded(lambda x, s, u, pt: f"比目标{_words.change(s * x, u, pt, lang)}" if s else "与目标持平",
                            [self.gap_sign, "unit", self.points], rows, ("gap", True))

    def ambition(self, rows, lang):
        return self._change("ambition", self.ambition_sign, lambda u, pt: "百分点" if pt else "%", rows, lang)

    def bound(self, rows, lang):
        return self._worded(lambda q: _words.bound_word(q, lang), ["ambition_qualifier"], rows)

    def unit(self, rows, lang):
        return self._worded(str, ["unit"], rows)

    def out_unit(self, rows, lang):
        return self._worded(str, ["out_unit"], rows)

    def base_unit(self, rows, lang):
        return self._worded(str, ["base_unit"], rows)

    def dim(self, rows, lang):
        return self._worded(lambda u: f"{self.dims.get(u)}", ["unit"], rows)

    def out_dim(self, rows, lang):
        return self._worded(lambda u: f"{self.dims.get(u)}", ["out_unit"], rows)

    def base_dim(self, rows, lang):
        return self._worded(lambda u: f"{self.dims.get(u)}", ["base_unit"], rows)
