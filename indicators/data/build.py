"""The build step: curated CSVs in ``data/raw/`` → validated ``data/processed/observations.csv``.

Reads as load → process → save. Nothing under ``data/raw/`` is written; the output is
written atomically, and only when every check passes, so a failed build leaves the previous
``data/processed/`` byte-identical.
"""
from __future__ import annotations

import logging
import os

import pandas as pd

from .._atomic import atomic_path
from ..exceptions import DataValidationError, Problem
from ..paths import Project, project
from .derive import derive
from .manifest import input_hashes, write_manifest
from .read import FILE, LINE, parse_numbers, read_csv
from .registry import Registries, load_registries
from .schema import schema
from .validate import check_identities, validate

log = logging.getLogger("indicators")

#: columns of a curated CSV: the contract's names, less those the series catalogue supplies
CURATED_COLUMNS = ["series_id", "period", "kind", "value", "unit", "qualifier",
                   "source_id", "quote", "also_source_ids", "note"]
CURATED_REQUIRED = ["series_id", "period", "kind", "value", "unit", "qualifier", "source_id", "quote"]
#: columns copied from data/raw/series.csv onto each row
SERIES_COLUMNS = ["topic", "name_zh", "name_en", "geo", "measure"]


def read_curated(proj: Project, registries: Registries) -> tuple[pd.DataFrame, list[Problem]]:
    """Every curated CSV of *proj*, in the observations layout, with the problems found."""
    files = sorted(proj.curated.glob("*.csv"))
    if not files:
        raise DataValidationError([Problem(str(proj.curated), None, None, None,
                                           "at least one curated CSV file")])
    frames, problems = [], []
    for path in files:
        try:
            frames.append(read_csv(path, columns=CURATED_COLUMNS, required=CURATED_REQUIRED))
        except DataValidationError as err:
            problems += err.problems
    if not frames:
        return pd.DataFrame(columns=schema().columns + [FILE, LINE]), problems
    frame = pd.concat(frames, ignore_index=True)
    frame["value"], bad = parse_numbers(frame, "value")
    problems += bad
    derived = frame["kind"].eq("derived")
    problems += [Problem(f, ln, "kind", "derived",
                         "outturn, target or estimate; derived rows are computed from data/raw/derivations.csv")
                 for f, ln in zip(frame.loc[derived, FILE], frame.loc[derived, LINE])]
    catalogue = registries["series"].set_index("series_id")[SERIES_COLUMNS]
    frame = frame.join(catalogue, on="series_id")
    frame[SERIES_COLUMNS] = frame[SERIES_COLUMNS].fillna("")
    frame["method"] = ""
    return frame[schema().columns + [FILE, LINE]], problems


def assemble(root: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read, derive and validate the project's data; return the observations table.

    Raises
    ------
    DataValidationError
        Listing every problem found, each with file, line, column and what was expected.
    """
    # load
    proj = project(root)
    registries = load_registries(proj)
    printed, problems = read_curated(proj, registries)
    # process
    derived, derive_problems = derive(printed, registries)
    frame = pd.concat([printed, derived], ignore_index=True) if len(derived) else printed
    problems += derive_problems + validate(frame, registries) + check_identities(frame, registries)
    if problems:
        raise DataValidationError(problems)
    return frame.sort_values(["topic", "series_id", "period", "kind"], ignore_index=True)


def write_observations(frame: pd.DataFrame, proj: Project) -> None:
    """Write *frame* to ``data/processed/observations.csv`` atomically (UTF-8, LF)."""
    with atomic_path(proj.observations) as tmp:
        frame[schema().columns].to_csv(tmp, index=False, float_format="%.10g", lineterminator="\n")


def build(root: str | os.PathLike | None = None) -> pd.DataFrame:
    """Validate the curated data and write ``data/processed/observations.csv``, then the
    manifest that lets :func:`indicators.load` trust it (:mod:`indicators.data.manifest`).

    Parameters
    ----------
    root : path-like, optional
        A folder laid out like the project (``ROOT/data/raw``, ``ROOT/data/processed``).

    Returns
    -------
    pandas.DataFrame
        The observations written.
    """
    proj = project(root)
    inputs = input_hashes(proj)  # before reading: an edit during the build makes a mismatch
    frame = assemble(root)
    write_observations(frame, proj)
    write_manifest(proj, inputs)
    log.info("wrote %d observations (%d derived) to %s", len(frame),
             int(frame["kind"].eq("derived").sum()), proj.observations)
    return frame
