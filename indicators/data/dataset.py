"""Reading the processed contract: :func:`load` the validated table, :func:`series` one series."""
from __future__ import annotations

import difflib
import io
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import csv

from .._hashing import sha256
from ..exceptions import (
    DataValidationError,
    IndicatorsError,
    Problem,
    UnknownSeriesError,
)
from ..paths import project
from .manifest import changes, stat_signature
from .read import FILE, LINE, PLAIN_NUMBER
from .registry import load_registries
from .schema import schema
from .validate import validate as validate_frame
from .vintages import select

#: columns typed as pandas categoricals (codes from the contract and its registries)
CATEGORICAL = ["topic", "geo", "kind", "origin", "measure", "unit", "qualifier", "source_id"]

_cache: dict[tuple, pd.DataFrame] = {}


def _read_text_csv(data: bytes) -> pd.DataFrame:
    """Every column of the CSV in *data* as text (``""`` for an empty field).

    Arrow's reader: it gives the same frame as pandas' C reader (checked in
    tests/data/test_manifest.py) in about half the time, and reads fields with line breaks
    inside quotes.
    """
    header = pd.read_csv(io.BytesIO(data), nrows=0, encoding="utf-8").columns
    table = csv.read_csv(io.BytesIO(data),
                         parse_options=csv.ParseOptions(newlines_in_values=True),
                         convert_options=csv.ConvertOptions(column_types={c: pa.large_string() for c in header},
                                                            strings_can_be_null=False,
                                                            quoted_strings_can_be_null=False))
    text = pd.Series(dtype=str).dtype  # what the C reader gives: pandas 3's str, object before it
    return table.to_pandas(types_mapper={pa.large_string(): text}.get if text != object else None)


def _numbers(text: pd.Series) -> pd.Series:
    """A column of text as float64: each cell that is a plain number (:data:`~indicators.
    data.read.PLAIN_NUMBER`, spaces around it allowed) parsed by Arrow, which rounds
    correctly; NaN for any other cell, which the checks then report."""
    cells = pc.utf8_trim_whitespace(pa.array(text, pa.large_string()))
    plain = pc.match_substring_regex(cells, f"^(?:{PLAIN_NUMBER.pattern})$")
    values = pc.cast(pc.if_else(plain, cells, pa.scalar(None, pa.large_string())), pa.float64())
    return pd.Series(values.to_numpy(zero_copy_only=False), index=text.index, name=text.name)


def read_observations(path: os.PathLike, data: bytes | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Read ``observations.csv`` as strings plus a float ``value``, with ``_file``/``_line``.

    *data*, when given, is the file's content already read (so that it is hashed and parsed
    from one read).
    """
    columns = schema().columns
    frame = _read_text_csv(Path(path).read_bytes() if data is None else data)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        return frame, [Problem(str(path), 1, c, None, f"a column named {c!r}; rebuild with "
                                                      "`python -m indicators build`") for c in missing]
    frame = frame[columns]
    frame["value"] = _numbers(frame["value"])
    # one category: a column of the same path a million times would be a million strings
    frame[FILE] = pd.Categorical.from_codes(np.zeros(len(frame), dtype=np.int8), [str(path)])
    frame[LINE] = range(2, len(frame) + 2)
    return frame, []


def load(root: str | os.PathLike | None = None, *, validate: bool | None = None,
         vintage: str = "latest") -> pd.DataFrame:
    """Return the tidy observations table, validated against the contract.

    Parameters
    ----------
    root : path-like, optional
        Project folder (see :func:`indicators.paths.project`).
    validate : bool, optional
        ``None`` (default): check the schema, key and provenance (every quote in its
        source) unless the build manifest (``data/processed/manifest.json``) shows that
        this very file was checked by ``build`` against the very same inputs and package
        (see :mod:`indicators.data.manifest`). ``True``: always check. ``False``: never.
        The result is cached in the process until a file of the project changes size or
        modification time.
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
    key = (stat_signature(proj), validate)
    if key not in _cache:
        data = path.read_bytes()
        frame, problems = read_observations(path, data)
        if not problems and (validate or validate is None and changes(proj, observations_hash=sha256(data))):
            problems = validate_frame(frame, load_registries(proj))
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
