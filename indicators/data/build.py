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
from .._cells import neutralise_frame
from ..exceptions import DataValidationError, Problem
from ..paths import Project, project
from .catalogue import series_catalogue
from .derive import derive
from .manifest import input_hashes, write_manifest
from .package import write_package
from .read import FILE, LINE, parse_numbers, read_csv
from .registry import Registries, load_registries
from .schema import schema
from .validate import check_identities, validate
from .vintages import FIGURE, date_problems, merge_restatements, select

log = logging.getLogger("indicators")

#: columns of a curated CSV: the contract's names, less those the series catalogue supplies
CURATED_COLUMNS = ["series_id", "period", "kind", "value", "unit", "qualifier",
                   "source_id", "quote", "also_source_ids", "note"]
CURATED_REQUIRED = ["series_id", "period", "kind", "value", "unit", "qualifier", "source_id", "quote"]
#: columns copied from data/raw/series.csv onto each row (``origin`` and ``vintage`` are set by the build)
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
                         "outturn, target or estimate: a figure the documents only imply goes in "
                         "data/raw/derivations.csv, which computes it (origin = derived)")
                 for f, ln in zip(frame.loc[derived, FILE], frame.loc[derived, LINE])]
    catalogue = registries["series"].set_index("series_id")[SERIES_COLUMNS]
    frame = frame.join(catalogue, on="series_id")
    frame[SERIES_COLUMNS] = frame[SERIES_COLUMNS].fillna("")
    frame["method"] = ""
    frame, vintage_problems = merge_restatements(frame, registries)
    return frame[schema().columns + [FILE, LINE]], problems + vintage_problems


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
    problems += derive_problems + date_problems(registries) + validate(frame, registries)
    problems += check_identities(select(frame), registries)
    if problems:
        raise DataValidationError(problems)
    return frame.sort_values(["topic", "series_id", "period", "kind", "origin", "vintage"], ignore_index=True)


def write_observations(frame: pd.DataFrame, proj: Project) -> None:
    """Write *frame* to ``data/processed/observations.csv`` and its catalogue of series to
    ``data/processed/series.md``, each atomically (UTF-8, LF); text that a spreadsheet would
    run as a formula is guarded as in the workbook."""
    with atomic_path(proj.observations) as tmp:
        neutralise_frame(frame[schema().columns]).to_csv(tmp, index=False, float_format="%.10g", lineterminator="\n")
    with atomic_path(proj.processed / "series.md") as tmp:
        tmp.write_text(series_catalogue(frame), encoding="utf-8")


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
    write_package(proj, load_registries(proj))
    write_manifest(proj, inputs)
    log.info("wrote %d observations (%d derived, %d revised figures) to %s", len(frame),
             int(frame["origin"].eq("derived").sum()), int(frame.duplicated(FIGURE).sum()), proj.observations)
    return frame
