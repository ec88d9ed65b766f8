"""Every word the package prints, zh and en: the one place for qualifiers, kinds and statuses.

The words live in ``labels.json`` beside this module: chart text (``text``), how each
qualifier wraps a number (``qualifier``: ``{value}左右`` / ``about {value}``), the word for
each kind of figure (``kind``: 实际 / outturn) and for each result of a comparison
(``status``: 达成 / met). Charts (:mod:`indicators.plot.style`), the comments of
:func:`indicators.targets_vs_outturns` and the models' summaries all read them here.

Plain text without matplotlib: charts print numbers with :func:`indicators.plot.style.number`.
"""
from __future__ import annotations

import json
from functools import cache

import pandas as pd

from .paths import PACKAGE_DIR

LANGS = ("zh", "en")


@cache
def labels() -> dict:
    """The contents of ``labels.json`` (read once)."""
    return json.loads((PACKAGE_DIR / "labels.json").read_text(encoding="utf-8"))


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"The value for `lang` must be one of {list(LANGS)}, but {lang!r} was passed.")
    return lang


def number(x: float, decimals: int = 2, *, thousands: bool = False) -> str:
    """``6``, ``2.2``, ``-3.25``: at most *decimals* decimals, no trailing zeros
    (``58,902`` with *thousands*)."""
    text = f"{x:,.{decimals}f}" if thousands else f"{x:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


#: :func:`numbers` formats values below this size column-wise; within float error of a
#: rounding tie (``0.125``) or above it, a value goes through :func:`number` itself
_COLUMN_WISE_LIMIT, _TIE = 1e7, 1e-6


def numbers(x) -> "pyarrow.Array":
    """:func:`number` of every value of *x* (two decimals), column-wise: an Arrow string
    array, null where *x* is missing.

    The digits are those of :func:`number`: a value is rounded to hundredths with
    ``np.rint(x * 100)``, which gives ``f"{x:.2f}"``'s answer except near a tie, where
    ``x * 100`` carries float error; those values (and values of 1e7 or more) are formatted
    by :func:`number`.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    x = np.asarray(x, dtype=float)
    finite = np.isfinite(x)
    with np.errstate(invalid="ignore"):
        scaled = np.abs(np.where(finite, x, 0.0)) * 100
        slow = finite & ((scaled >= _COLUMN_WISE_LIMIT * 100) | (np.abs(scaled - np.floor(scaled) - 0.5) <= _TIE))
    hundredths = np.rint(np.where(slow, 0.0, scaled)).astype(np.int64)
    negative = (x < 0) & (hundredths > 0)
    minus = (pa.array(["", "-"], pa.large_string()).take(pa.array(negative.view(np.int8))) if negative.any()
             else pa.scalar("", pa.large_string()))
    whole = pc.cast(pa.array(hundredths // 100, mask=~finite), pa.large_string())  # null where missing
    fraction = _FRACTIONS().take(pa.array(hundredths % 100))
    text = pc.binary_join_element_wise(minus, whole, fraction, pa.scalar("", pa.large_string()))
    if slow.any():
        exact = np.full(len(x), None, dtype=object)
        exact[slow] = [number(v) for v in x[slow]]
        text = pc.if_else(pa.array(slow), pa.array(exact, pa.large_string()), text)
    return text


@cache
def _FRACTIONS():
    """``""``, ``".01"`` … ``".1"`` … ``".99"``: what :func:`number` prints after the units
    for each count of hundredths."""
    import pyarrow as pa
    return pa.array([number(i / 100)[1:] for i in range(100)], pa.large_string())


def amount(x: float, unit: str, lang: str) -> str:
    """``6%``, ``2.2万亿元`` (zh), ``2.2 万亿元`` (en)."""
    if unit in ("%", "") or lang == "zh":
        return f"{number(x)}{unit}"
    return f"{number(x)} {unit}"


def text(key: str, lang: str, **fields) -> str:
    """Text *key* from ``labels.json`` in *lang*, with ``{fields}`` filled in.

    Words that depend on a count give one form per case, picked by the field ``n`` (and ``of``,
    the whole it counts from): ``"0"`` when *n* is 0, ``"1"`` when it is 1, ``"all"`` when it
    is all of *of* (more than one), else ``"other"``; a case without a form of its own reads
    ``"other"``. ``{"1": "{n} target", "other": "{n} targets"}``.
    """
    words = labels()["text"][key][check_lang(lang)]
    if isinstance(words, dict):
        n, of = fields["n"], fields.get("of")
        cases = [case for case, holds in (("0", n == 0), ("1", n == 1), ("all", of is not None and n == of > 1))
                 if holds]
        words = next((words[case] for case in cases if case in words), words["other"])
    return words.format(**fields)


def qualify(value: str, qualifier: str, lang: str, *, name: str = "") -> str:
    """*value* (already printed) as the document words it: ``6%左右`` / ``about 6%``,
    ``超过2.2万亿元`` / ``more than 2.2 万亿元``.

    A qualifier missing from ``labels.json`` (one just added to ``data/raw/qualifiers.csv``)
    reads ``value (name)``, with *name* from the registry (see :func:`qualifier_names`).
    """
    if qualifier in ("", "exact"):
        return value
    forms = labels()["qualifier"].get(qualifier)
    if forms is None:
        return f"{value} ({name})" if name else value
    return forms[check_lang(lang)].format(value=value)


def qualifier_names(qualifiers: pd.DataFrame) -> dict[str, dict[str, str]]:
    """``{qualifier: {"zh": 左右, "en": about}}`` from ``qualifiers.csv``: the fallback
    names of :func:`qualify`."""
    return {q: {"zh": zh, "en": en} for q, zh, en in
            zip(qualifiers["qualifier"], qualifiers["name_zh"], qualifiers["name_en"])}


def qualified(x: float, unit: str, qualifier: str, lang: str,
              names: dict[str, dict[str, str]] | None = None) -> str:
    """An amount with its qualifier: ``6%左右`` / ``about 6%`` (see :func:`qualify`;
    *names* from :func:`qualifier_names` for qualifiers missing from ``labels.json``)."""
    name = (names or {}).get(qualifier, {}).get(lang, "")
    return qualify(amount(x, unit, lang), qualifier, lang, name=name)


def bound_word(qualifier: str, lang: str) -> str:
    """The word that bounds an approximate change before it: ``约`` / ``about``, ``至多`` /
    ``at most``, ``至少`` / ``at least``."""
    return labels()["bound"][qualifier][check_lang(lang)]


def kind_word(kind: str, lang: str, *, start: bool = False) -> str:
    """The word for a kind of figure: ``实际`` / ``outturn``, ``推算`` / ``derived figure``
    (capitalised in English at the *start* of a label); empty for an unknown kind."""
    word = labels()["kind"].get(kind, {}).get(check_lang(lang), "")
    return word[:1].upper() + word[1:] if start else word


def status_word(status: str, lang: str, *, start: bool = False) -> str:
    """The word for a result of :func:`indicators.targets_vs_outturns`: ``达成`` / ``met``,
    ``未达成`` / ``not met`` … (capitalised in English at the *start* of a sentence)."""
    word = labels()["status"][status][check_lang(lang)]
    return word[:1].upper() + word[1:] if start else word


def change(x: float, unit: str, points: bool, lang: str) -> str:
    """A signed change: ``+4.5 percentage points``, ``-2%`` / ``高4.5个百分点``, ``低2%``."""
    if lang == "zh":
        if x == 0:
            return "持平"
        size = f"{number(abs(x))}个百分点" if points else amount(abs(x), unit, lang)
        return ("高" if x > 0 else "低") + size
    sign = "+" if x > 0 else "-" if x < 0 else ""
    size = f"{number(abs(x))} percentage points" if points else amount(abs(x), unit, lang)
    return f"{sign}{size}"
