"""Tables a notebook hands on to the Excel workbook.

A notebook ends with ``indicators.save_table(table, "05-scorecard", out_dir=output_dir)``; the
table goes to ``reports/tables/05-scorecard.csv`` (UTF-8 with BOM, so Excel opens it too), or
into *out_dir* when the notebook runs with one, and :func:`indicators.write_workbook` gives
every table saved in ``reports/tables/`` a sheet of its own.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

from .._atomic import atomic_path
from .._cells import neutralise_frame
from ..paths import project

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def tables_dir(root: str | os.PathLike | None = None) -> Path:
    """``reports/tables/`` of the project."""
    return project(root).reports / "tables"


def save_table(table: pd.DataFrame, name: str, *, out_dir: str | os.PathLike | None = None,
               root: str | os.PathLike | None = None) -> Path:
    """Write *table* to ``reports/tables/NAME.csv`` (or ``OUT_DIR/NAME.csv``) atomically; return the path.

    Parameters
    ----------
    table : DataFrame
        What the notebook shows; its index is dropped, so make labels columns.
    name : str
        File stem such as ``"05-scorecard"`` (letters, digits, ``.``, ``-``, ``_``); it becomes
        the workbook's sheet name.
    out_dir : path-like, optional
        Folder to write into instead of the project's ``reports/tables/`` (created if
        missing); a notebook passes its ``output_dir`` parameter, so that a run into a
        temporary folder writes nothing inside the project.
    root : path-like, optional
        Project folder whose ``reports/tables/`` is used when *out_dir* is not given.
    """
    if not _NAME.fullmatch(name):
        raise ValueError(f"The value for `name` must be a plain file stem such as '05-scorecard', "
                         f"but {name!r} was passed.")
    path = (tables_dir(root) if out_dir is None else Path(out_dir)) / f"{name}.csv"
    with atomic_path(path) as tmp:
        neutralise_frame(table).to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\n")
    return path


def saved_tables(root: str | os.PathLike | None = None) -> dict[str, pd.DataFrame]:
    """Every table saved by :func:`save_table`, by name, in name order."""
    return {p.stem: pd.read_csv(p, encoding="utf-8-sig", keep_default_na=False, na_values=[""])
            for p in sorted(tables_dir(root).glob("*.csv"))}
