"""The period grammar, in one place: ISO 8601 as the contract writes it.

A period is a year ``2023``, a month ``2023-11``, or an interval of either
``2023-01/2023-11`` (a year to date) or ``2019/2023``. :func:`parse` reads one;
:func:`is_valid` is the validator's test; :func:`year`, :func:`shift_years`,
:func:`previous`, :func:`shape`, :func:`sort_key`, :func:`month_index` and
:func:`from_month_index` compute with them; :func:`label` words them for a reader.
"""
from __future__ import annotations

import re
from typing import NamedTuple

_PART = re.compile(r"(\d{4})(?:-(\d{2}))?")
_PERIOD = re.compile(r"(\d{4})(?:-(\d{2}))?(?:/(\d{4})(?:-(\d{2}))?)?")
_YEAR = re.compile(r"\d{4}")
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_MONTH = "(?:" + "|".join(_MONTHS) + ")"
#: a period as :func:`label` words it (and as documents do: ``1至11月``), for text that must
#: keep it whole, such as a wrapped chart title
LABEL = re.compile("|".join([
    r"\d{4}年\d{1,2}月[-–—至]\d{4}年\d{1,2}月",
    r"\d{4}(?:[-–—至]\d{4})?年(?:\d{1,2}(?:[-–—至]\d{1,2})?月)?",
    r"\d{1,2}(?:[-–—至]\d{1,2})?月",
    rf"{_MONTH} \d{{4}}[-–]{_MONTH} \d{{4}}", rf"{_MONTH}(?:[-–]{_MONTH})? \d{{4}}", r"\d{4}[-–]\d{4}",
]))
#: what :func:`is_valid` accepts, in words for error messages
GRAMMAR = "an ISO 8601 period: 2023, 2023-11 or 2023-01/2023-11 (months 01-12, start before end)"


class Part(NamedTuple):
    """One end of a period: a year and, for months, the month (1–12)."""

    year: int
    month: int | None


def parse(period: str) -> tuple[Part, ...]:
    """The one or two ends of *period*: ``parse("2023-01/2023-11")`` is
    ``(Part(2023, 1), Part(2023, 11))``.

    Raises
    ------
    ValueError
        If *period* does not follow the grammar (see :data:`GRAMMAR`).
    """
    m = _PERIOD.fullmatch(period) if isinstance(period, str) else None
    if m is None:
        raise ValueError(f"{period!r} is not {GRAMMAR}.")
    y1, m1, y2, m2 = m.groups()
    parts = tuple(Part(int(y), None if mm is None else int(mm)) for y, mm in ((y1, m1), (y2, m2)) if y is not None)
    if any(p.month is not None and not 1 <= p.month <= 12 for p in parts):
        raise ValueError(f"{period!r} is not {GRAMMAR}: months run from 01 to 12.")
    if len(parts) == 2:
        (a, b) = parts
        if (a.month is None) != (b.month is None):
            raise ValueError(f"{period!r} is not {GRAMMAR}: both ends must be years, or both months.")
        if (a.year, a.month or 0) >= (b.year, b.month or 0):
            raise ValueError(f"{period!r} is not {GRAMMAR}: the interval must start before it ends.")
    return parts


def is_valid(period: str) -> bool:
    """Whether *period* follows the grammar (see :func:`parse`)."""
    try:
        parse(period)
    except ValueError:
        return False
    return True


def year(period: str) -> int:
    """The year a period ends in."""
    return int(_PART.findall(period)[-1][0])


def shift_years(period: str, years: int) -> str:
    """The same span *years* later (negative: earlier): ``shift_years("2023-01/2023-11", -1)``
    is ``"2022-01/2022-11"``."""
    return _PART.sub(lambda m: str(int(m.group(1)) + years) + (f"-{m.group(2)}" if m.group(2) else ""), period)


def previous(period: str) -> str:
    """The period a year earlier: the baseline of a year-on-year comparison."""
    return shift_years(period, -1)


def shape(period: str) -> str:
    """*period* with its years replaced by ``YYYY``: periods of one shape cover the same
    span of different years (``2023-01/2023-11`` and ``2022-01/2022-11``: ``YYYY-01/YYYY-11``)."""
    return _YEAR.sub("YYYY", period)


def sort_key(period: str) -> tuple[int, str]:
    """Order periods by the year they end in, then as text (oldest first)."""
    return year(period), period


def is_month(period: str) -> bool:
    """Whether *period* is one month (``2023-11``)."""
    parts = parse(period) if is_valid(period) else ()
    return len(parts) == 1 and parts[0].month is not None


def month_index(period: str) -> int:
    """A month as a count of months since year 0 (``2023-11`` → 2023 × 12 + 10)."""
    (part,) = parse(period)
    if part.month is None:
        raise ValueError(f"{period!r} is a year, not a month such as '2023-11'.")
    return part.year * 12 + part.month - 1


def from_month_index(index: int) -> str:
    """The month *index* months after year 0: the inverse of :func:`month_index`."""
    y, m = divmod(int(index), 12)
    return f"{y:04d}-{m + 1:02d}"


def label(period: str, lang: str = "zh") -> str:
    """A reader's label: ``2023年1-11月`` / ``Jan-Nov 2023``, ``2023年11月`` / ``Nov 2023``.

    Raises
    ------
    ValueError
        If *period* does not follow the grammar.
    """
    zh = lang == "zh"
    parts = parse(period)
    if len(parts) == 1:
        (y, m), = parts
        if m is None:
            return f"{y:04d}年" if zh else f"{y:04d}"
        return f"{y:04d}年{m}月" if zh else f"{_MONTHS[m - 1]} {y:04d}"
    (y1, m1), (y2, m2) = parts
    if m1 is None:
        return f"{y1:04d}-{y2:04d}年" if zh else f"{y1:04d}-{y2:04d}"
    if y1 == y2:
        return f"{y1:04d}年{m1}-{m2}月" if zh else f"{_MONTHS[m1 - 1]}-{_MONTHS[m2 - 1]} {y1:04d}"
    return (f"{y1:04d}年{m1}月-{y2:04d}年{m2}月" if zh
            else f"{_MONTHS[m1 - 1]} {y1:04d}-{_MONTHS[m2 - 1]} {y2:04d}")


def latest(found, *, like: str | None = None) -> str:
    """The latest of the periods *found* (:func:`sort_key`); with *like*, only periods of the
    same :func:`shape` count (``like="2023-01/2023-11"`` picks the latest January–November
    span).

    Raises
    ------
    ValueError
        If there is none, naming the periods there are.
    """
    found = sorted(set(found), key=sort_key)
    kept = [p for p in found if like is None or shape(p) == shape(like)]
    if not kept:
        raise ValueError(f"No period{' like ' + repr(like) if like else ''} among {found}.")
    return kept[-1]


def is_span(period: str) -> bool:
    """Whether *period* runs from one month to another (``2023-01/2023-11``), as year-to-date
    figures do."""
    return "/" in period
