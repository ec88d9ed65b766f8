"""The registries in ``data/raw/``: code lists and catalogues kept as data, not code.

| file | one row per |
|---|---|
| ``sources.csv`` | source document (id, file, titles, publisher, dates) |
| ``series.csv`` | series (id, topic, area, measure, names) |
| ``units.csv`` | printed unit, with its base unit and multiplier |
| ``geo.csv`` | area code |
| ``topics.csv`` | topic code |
| ``qualifiers.csv`` | qualifier code, its markers in the text and when a target counts as met |
| ``identities.csv`` | accounting identity checked on the data |
| ``derivations.csv`` | derived figure computed by code |
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from ..exceptions import DataValidationError, Problem
from ..paths import Project
from .manifest import raw_signature
from .read import FILE, LINE, parse_numbers, read_csv

#: name -> (columns, required columns, key column)
COLUMNS: dict[str, tuple[list[str], list[str], str]] = {
    "sources": (["source_id", "file", "title_zh", "title_en", "publisher", "date_published",
                 "reporting_period", "note"], ["source_id", "file", "title_zh", "title_en", "date_published"],
                "source_id"),
    "series": (["series_id", "topic", "geo", "measure", "name_zh", "name_en", "note"],
               ["series_id", "topic", "geo", "measure", "name_zh", "name_en"], "series_id"),
    "units": (["unit", "name_en", "dimension", "base_unit", "multiplier", "number_format", "note", "aliases"],
              ["unit", "dimension", "base_unit", "multiplier"], "unit"),
    "geo": (["geo", "name_zh", "name_en", "note"], ["geo", "name_zh", "name_en"], "geo"),
    "topics": (["topic", "name_zh", "name_en"], ["topic", "name_zh", "name_en"], "topic"),
    "qualifiers": (["qualifier", "name_zh", "name_en", "markers", "met_if", "tolerance_pp",
                    "tolerance_rel", "description"], ["qualifier", "met_if"], "qualifier"),
    "identities": (["identity", "period", "kind", "lhs", "rhs", "tolerance", "unit", "description"],
                   ["identity", "period", "kind", "lhs", "rhs", "tolerance", "unit"], "identity"),
    "derivations": (["series_id", "period", "kind", "operation", "inputs", "unit", "decimals", "note"],
                    ["series_id", "period", "kind", "operation", "inputs", "unit", "decimals"], None),
}


#: full-width forms in nearly every line of Chinese text, replaced by their NFKC form up
#: front: NFKC decomposes them to exactly that, so the result is the same, but NFKC's slow
#: path (about 40 times slower) is left for the few lines that still need it
_FULL_WIDTH = "，％；：（）！？\u3000０１２３４５６７８９"


def normalise_text(text: str) -> str:
    """Text as the provenance check compares it: NFKC (full-width punctuation and digits
    become ASCII) with all whitespace removed, since newspaper layouts break lines and
    space out characters (``同 比 增 长``)."""
    if unicodedata.is_normalized("NFKC", text):
        return "".join(text.split())
    for wide in _FULL_WIDTH:
        if wide in text:
            text = text.replace(wide, unicodedata.normalize("NFKC", wide))
    if not unicodedata.is_normalized("NFKC", text):
        # line by line, so that one odd character does not slow the whole document; a line
        # break never combines with its neighbours, so this equals NFKC of the whole text
        text = "\n".join([unicodedata.normalize("NFKC", line) for line in text.split("\n")])
    return "".join(text.split())


_TERM = re.compile(r"([+-]?)\s*([a-z0-9_.]+)")


def identity_terms(rhs: str) -> list[tuple[float, str]]:
    """The signed series of an identity's right-hand side in ``identities.csv``:
    ``"a + b - c"`` → ``[(1.0, "a"), (1.0, "b"), (-1.0, "c")]``."""
    return [(-1.0 if sign == "-" else 1.0, sid) for sign, sid in _TERM.findall(rhs)]


@dataclass
class Registries:
    """Every registry of one project, read and checked."""

    project: Project
    tables: dict[str, pd.DataFrame]

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    @cached_property
    def source_texts(self) -> dict[str, str]:
        """Source id -> normalised text of the document (see :func:`normalise_text`)."""
        out = {}
        for sid, file in zip(self["sources"].source_id, self["sources"].file):
            out[sid] = normalise_text((self.project.raw / file).read_text(encoding="utf-8"))
        return out

    @cached_property
    def multipliers(self) -> pd.Series:
        return self["units"].set_index("unit")["multiplier"]


#: project root -> (:func:`~indicators.data.manifest.raw_signature` when read, registries)
_cache: dict = {}


def load_registries(project: Project) -> Registries:
    """Read and check every registry of *project*.

    Read once per state of ``data/raw/``: while no file there changes its size or
    modification time (:func:`~indicators.data.manifest.raw_signature`), a later call
    returns the same :class:`Registries`, to be read and not changed.

    Raises
    ------
    DataValidationError
        If a registry is missing, breaks its columns, repeats a key, or names a source file
        that does not exist.
    """
    signature = raw_signature(project)
    cached = _cache.get(project.root)
    if cached is None or cached[0] != signature:
        _cache[project.root] = cached = (signature, _read_registries(project))
    return cached[1]


def _read_registries(project: Project) -> Registries:
    """The registries of *project* as read now (see :func:`load_registries`)."""
    tables, problems = {}, []
    for name, (columns, required, key) in COLUMNS.items():
        path = project.registry(name)
        if not path.exists():
            problems.append(Problem(str(path), None, None, None, f"the {name} registry; restore it from git"))
            continue
        try:
            frame = read_csv(path, columns=columns, required=required)
        except DataValidationError as err:
            problems.extend(err.problems)
            continue
        for col in required:
            for _, row in frame[frame[col] == ""].iterrows():
                problems.append(Problem(row[FILE], row[LINE], col, "", "a value"))
        if key is not None:
            for _, row in frame[frame.duplicated(key, keep="first")].iterrows():
                problems.append(Problem(row[FILE], row[LINE], key, row[key], f"a unique {key}"))
        tables[name] = frame
    if "units" in tables:
        multipliers, bad = parse_numbers(tables["units"], "multiplier", percent_unit="")
        tables["units"]["multiplier"] = multipliers
        problems += bad
    if "sources" in tables:
        for _, row in tables["sources"].iterrows():
            if row.file and not (project.raw / row.file).is_file():
                problems.append(Problem(row[FILE], row[LINE], "file", row.file,
                                        f"a document under {project.raw}"))
    if problems:
        raise DataValidationError(problems)
    return Registries(project, tables)
