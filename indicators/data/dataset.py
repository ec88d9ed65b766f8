"""Reading the processed contract: :func:`load` the validated table, :func:`series` one series."""
from __future__ import annotations

import difflib
import os

import pandas as pd

from ..exceptions import (
    DataValidationError,
    IndicatorsError,
    Problem,
    UnknownSeriesError,
)
from ..paths import project
from .read import FILE, LINE
from .registry import load_registries
from .schema import schema
from .validate import validate
from .vintages import select

#: columns typed as pandas categoricals (codes from the contract and its registries)
CATEGORICAL = ["topic", "geo", "kind", "origin", "measure", "unit", "qualifier", "source_id"]

_cache: dict[tuple, pd.DataFrame] = {}


def read_observations(path: os.PathLike) -> tuple[pd.DataFrame, list[Problem]]:
    """Read ``observations.csv`` as strings plus a float ``value``, with ``_file``/``_line``."""
    columns = schema().columns
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        return frame, [Problem(str(path), 1, c, None, f"a column named {c!r}; rebuild with "
                                                      "`python -m indicators build`") for c in missing]
    frame = frame[columns]
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
    frame[FILE] = str(path)
    frame[LINE] = range(2, len(frame) + 2)
    return frame, []


def load(root: str | os.PathLike | None = None, *, validated: bool = True,
         vintage: str = "latest") -> pd.DataFrame:
    """Return the tidy observations table, validated against the contract.

    Parameters
    ----------
    root : path-like, optional
        Project folder (see :func:`indicators.paths.project`).
    validated : bool, default True
        Check the schema, key and provenance (every quote in its source) before returning.
        The result is cached until the file changes.
    vintage : {"latest", "first", "all"}, default "latest"
        Which rows of a figure that later documents revised: the latest vintage, the first
        release, or every vintage (then a figure may have several rows; see ``vintage``
        and ``source_id``). A printed figure always wins over a derived one.

    Returns
    -------
    pandas.DataFrame
        One row per figure (per vintage with ``vintage="all"``), columns as in the README's
        data dictionary; code columns are categoricals and ``value`` is float64 (in the
        printed ``unit``).

    Raises
    ------
    IndicatorsError
        If ``data/processed/observations.csv`` is missing.
    DataValidationError
        If it breaks the contract.
    """
    proj = project(root)
    path = proj.observations
    if not path.exists():
        raise IndicatorsError(f"{path} does not exist yet; build it with `make report` "
                              "or `python -m indicators build`.")
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size, validated)
    if key not in _cache:
        frame, problems = read_observations(path)
        if not problems and validated:
            problems = validate(frame, load_registries(proj))
        if problems:
            raise DataValidationError(problems, DataValidationError.FIX_PROCESSED)
        frame = frame.drop(columns=[FILE, LINE])
        for col in CATEGORICAL:
            frame[col] = frame[col].astype("category")
        _cache.clear()
        _cache[key] = frame
    return select(_cache[key], vintage).reset_index(drop=True).copy()


def series(series_id: str, kind: str = "outturn", *, data: pd.DataFrame | None = None,
           root: str | os.PathLike | None = None) -> pd.Series:
    """One series as a pandas Series indexed by period.

    Parameters
    ----------
    series_id : str
        E.g. ``"china.services_trade.total"``.
    kind : {"outturn", "target", "estimate"}, default "outturn"
    data : DataFrame, optional
        Observations to read from; defaults to :func:`load` ``(root)``.

    Returns
    -------
    pandas.Series
        Values in the printed unit, named *series_id*, with ``attrs["unit"]`` (when every
        period shares one unit) and ``attrs["name_zh"]``, ``attrs["name_en"]``.
    """
    data = load(root) if data is None else data
    if kind not in schema().field("kind").enum:
        raise ValueError(f"The value for `kind` must be one of {list(schema().field('kind').enum)}, "
                         f"but {kind!r} was passed.")
    ids = data["series_id"].astype(str)
    rows = data[ids.eq(series_id) & data["kind"].astype(str).eq(kind)]
    if rows.empty:
        if not ids.eq(series_id).any():
            close = difflib.get_close_matches(series_id, ids.unique().tolist(), n=3)
            raise UnknownSeriesError(f"No series {series_id!r} in the data"
                                     + (f"; did you mean {close}?" if close else
                                        "; see data/raw/series.csv for the ids."))
        kinds = sorted(data.loc[ids.eq(series_id), "kind"].astype(str).unique())
        raise UnknownSeriesError(f"Series {series_id!r} has no {kind!r} rows; it has {kinds}.")
    rows = rows.sort_values("period")
    out = pd.Series(rows["value"].to_numpy(), index=pd.Index(rows["period"].astype(str), name="period"),
                    name=series_id)
    units = rows["unit"].astype(str).unique()
    if len(units) == 1:
        out.attrs["unit"] = units[0]
    out.attrs["name_zh"], out.attrs["name_en"] = rows["name_zh"].iloc[0], rows["name_en"].iloc[0]
    return out
