"""ISO 8601 periods as the contract writes them: ``2023``, ``2023-11``, ``2023-01/2023-11``."""
from __future__ import annotations

import re

_PART = re.compile(r"(\d{4})(?:-(\d{2}))?")


def shift_years(period: str, years: int) -> str:
    """The same span *years* later (negative: earlier): ``shift_years("2023-01/2023-11", -1)``
    is ``"2022-01/2022-11"``."""
    return _PART.sub(lambda m: str(int(m.group(1)) + years) + (f"-{m.group(2)}" if m.group(2) else ""), period)


def previous(period: str) -> str:
    """The period a year earlier: the baseline of a year-on-year comparison."""
    return shift_years(period, -1)


def label(period: str, lang: str = "zh") -> str:
    """A reader's label: ``2023年1-11月`` / ``Jan-Nov 2023``, ``2023年11月`` / ``Nov 2023``."""
    parts = [_PART.fullmatch(p).groups() for p in period.split("/")]
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    if len(parts) == 1:
        year, month = parts[0]
        if month is None:
            return f"{year}年" if lang == "zh" else year
        return f"{year}年{int(month)}月" if lang == "zh" else f"{months[int(month) - 1]} {year}"
    (y1, m1), (y2, m2) = parts
    if m1 is None:
        return f"{y1}-{y2}年" if lang == "zh" else f"{y1}-{y2}"
    if y1 == y2:
        return (f"{y1}年{int(m1)}-{int(m2)}月" if lang == "zh"
                else f"{months[int(m1) - 1]}-{months[int(m2) - 1]} {y1}")
    return (f"{y1}年{int(m1)}月-{y2}年{int(m2)}月" if lang == "zh"
            else f"{months[int(m1) - 1]} {y1}-{months[int(m2) - 1]} {y2}")


def latest(found, *, like: str | None = None) -> str:
    """The latest of the periods *found* (by the year it ends, then as written); with
    *like*, only periods of the same shape count (``like="2023-01/2023-11"`` picks the
    latest January–November span).

    Raises
    ------
    ValueError
        If there is none, naming the periods there are.
    """
    found = sorted(set(found), key=lambda p: (year(p), p))
    kept = [p for p in found if like is None or shape(p) == shape(like)]
    if not kept:
        raise ValueError(f"No period{' like ' + repr(like) if like else ''} among {found}.")
    return kept[-1]


def is_span(period: str) -> bool:
    """Whether *period* runs from one month to another (``2023-01/2023-11``), as year-to-date
    figures do."""
    return "/" in period


def shape(period: str) -> str:
    """The span of *period* without its years: ``"YYYY"``, ``"YYYY-11"``, ``"YYYY-01/YYYY-11"``;
    periods of one shape are comparable year on year."""
    return _PART.sub(lambda m: "YYYY" + (f"-{m.group(2)}" if m.group(2) else ""), period)


def year(period: str) -> int:
    """The year a period ends in."""
    return int(_PART.findall(period)[-1][0])
