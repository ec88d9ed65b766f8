"""Exceptions raised by the package; each message says what was expected and what to do."""
from __future__ import annotations

from dataclasses import dataclass


class IndicatorsError(Exception):
    """Base class of every error the package raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One bad cell (or row, or file) found while reading or validating data.

    ``line`` counts physical lines of the file from 1 (the header is line 1); ``None`` when
    the problem concerns the whole file or several rows.
    """

    file: str
    line: int | None
    column: str | None
    value: object
    expected: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        if self.column is not None:
            where += f", column {self.column!r}"
        got = "" if self.value is None else f": got {self.value!r}"
        return f"{where}{got}; expected {self.expected}"


class DataValidationError(IndicatorsError):
    """The data break the contract; ``.problems`` lists every bad cell found."""

    #: how many problems the message spells out; ``.problems`` keeps them all
    shown = 20

    #: what fixes problems found in the curated data
    FIX_RAW = "Fix the rows named above (data/raw/ is yours to edit) and run the command again."
    #: what fixes problems found in data/processed/, which only the build writes
    FIX_PROCESSED = ("data/processed/ is written by the build, not by hand: rebuild it with "
                     "`python -m indicators build`, which names any problem in data/raw/.")

    def __init__(self, problems: list[Problem], next_step: str = FIX_RAW):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0))
        lines = [str(p) for p in self.problems[: self.shown]]
        more = len(self.problems) - len(lines)
        if more > 0:
            lines.append(f"... and {more} more")
        super().__init__(
            f"{len(self.problems)} problem(s) in the data:\n  "
            + "\n  ".join(lines)
            + "\n" + next_step
        )


class ProjectNotFoundError(IndicatorsError, FileNotFoundError):
    """No project folder (one holding ``data/raw/sources.csv``) where one was looked for."""


class UnknownSeriesError(IndicatorsError, KeyError):
    """A series id that is not in the data."""

    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0])


class UnitError(IndicatorsError, ValueError):
    """Units that cannot be converted into each other, or a unit that is not in units.csv."""


class FontError(IndicatorsError, RuntimeError):
    """No font that can draw Chinese text was found."""


class InsufficientDataError(IndicatorsError, ValueError):
    """Too few data points for the analysis asked for (a trend, a regression, a contribution)."""


class PeriodError(IndicatorsError, ValueError):
    """A period asked for is not in the data; the message lists the periods there are."""


class DocumentError(IndicatorsError):
    """A document given to ``suggest`` cannot be read: missing, not text, or no text in it."""


class UnregisteredSourceError(IndicatorsError, KeyError):
    """A source id that ``sources.csv`` does not list."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])
