"""Numbers and amounts in plain-language sentences (comments and summaries), zh and en.

Plain text without matplotlib: charts use :func:`indicators.style.number` instead.
"""
from __future__ import annotations

import pandas as pd

LANGS = ("zh", "en")
#: qualifiers whose Chinese word goes before the number (超过2.2万亿元), not after (6%左右)
ZH_PREFIX = {"more_than"}


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


def amount(x: float, unit: str, lang: str) -> str:
    """``6%``, ``2.2万亿元`` (zh), ``2.2 万亿元`` (en)."""
    if unit in ("%", "") or lang == "zh":
        return f"{number(x)}{unit}"
    return f"{number(x)} {unit}"


def qualifier_names(qualifiers: pd.DataFrame) -> dict[str, dict[str, str]]:
    """``{qualifier: {"zh": 左右, "en": about}}`` from ``qualifiers.csv``, for :func:`qualified`."""
    return {q: {"zh": zh, "en": en} for q, zh, en in
            zip(qualifiers["qualifier"], qualifiers["name_zh"], qualifiers["name_en"])}


def qualified(x: float, unit: str, qualifier: str, lang: str, names: dict[str, dict[str, str]]) -> str:
    """``6%左右`` / ``about 6%``; *names* from :func:`qualifier_names`."""
    text = amount(x, unit, lang)
    if qualifier in ("", "exact") or qualifier not in names:
        return text
    word = names[qualifier][lang]
    if lang == "zh":
        return f"{word}{text}" if qualifier in ZH_PREFIX else f"{text}{word}"
    return f"{word} {text}"


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
