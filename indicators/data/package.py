"""``data/processed/datapackage.json``: the processed table as a Frictionless Data Package.

The package holds ``observations.csv`` and a copy of every registry it refers to
(``series.csv``, ``sources.csv``, ``units.csv`` …), so that ``data/processed/`` is
self-contained and any Frictionless client can check types, keys and foreign keys::

    frictionless validate data/processed/datapackage.json

Nothing here is written by hand a second time: the observations schema is
``observations.schema.json`` itself, and each registry's schema comes from the columns,
required columns and key that :mod:`indicators.data.registry` reads it with, plus the
contract's constraints on the columns it shares with the observations (``measure``'s
codes, ``series_id``'s pattern) and its foreign keys. Our own validator stays the source of
truth for provenance (every quote in its source), which no Table Schema can express.
"""
from __future__ import annotations

import contextlib
import json

import pandas as pd

from .._atomic import atomic_path
from ..paths import SCHEMA_PATH, Project
from .read import FILE, LINE
from .registry import COLUMNS, Registries

PACKAGE_FILE = "datapackage.json"
#: how numbers are written to every CSV of the package (as in observations.csv)
FLOAT_FORMAT = "%.10g"


def observations_schema() -> dict:
    """The Table Schema of ``observations.csv``, as ``observations.schema.json`` has it."""
    raw = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    raw.pop("$comment", None)
    return raw


def referenced_registries(schema: dict) -> list[str]:
    """Registries that *schema*'s foreign keys refer to, in the order it names them."""
    return list(dict.fromkeys(fk["reference"]["resource"] for fk in schema.get("foreignKeys", [])))


def registry_schema(name: str, table: pd.DataFrame, contract: dict) -> dict:
    """The Table Schema of registry *name* as :func:`~indicators.data.registry.load_registries` reads it.

    Parameters
    ----------
    name : str
        Registry name, e.g. ``"series"``.
    table : DataFrame
        The registry as loaded: a column parsed to numbers is typed ``number``.
    contract : dict
        The observations schema: a column of the same name keeps its ``enum`` and
        ``pattern``, and its foreign key when it points at another registry.
    """
    columns, required, key = COLUMNS[name]
    shared = {f["name"]: f.get("constraints", {}) for f in contract["fields"]}
    fields = []
    for column in columns:
        numeric = pd.api.types.is_numeric_dtype(table[column])
        constraints = {k: v for k, v in shared.get(column, {}).items() if k in ("enum", "pattern")}
        if column in required:
            constraints["required"] = True
        field = {"name": column, "type": "number" if numeric else "string"}
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    out = {"fields": fields, "missingValues": [""]}
    if key is not None:
        out["primaryKey"] = [key]
    foreign = [fk for fk in contract.get("foreignKeys", [])
               if fk["fields"] in columns and fk["reference"]["resource"] != name]
    if foreign:
        out["foreignKeys"] = foreign
    return out


def descriptor(registries: Registries) -> dict:
    """The ``datapackage.json`` of a build: observations first, then the registries it refers to."""
    contract = observations_schema()

    def resource(name: str, title: str, schema: dict) -> dict:
        return {"name": name, "title": title, "path": f"{name}.csv", "profile": "tabular-data-resource",
                "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": schema}

    observations = resource("observations", contract["title"],
                            {k: v for k, v in contract.items() if k not in ("name", "title", "description")})
    observations["description"] = contract["description"]
    resources = [observations]
    for name in referenced_registries(contract):
        title = f"data/raw/{name}.csv, as validated by the build"
        resources.append(resource(name, title, registry_schema(name, registries[name], contract)))
    return {"profile": "tabular-data-package", "name": "indicators",
            "title": "Economic indicators from Chinese government documents",
            "description": "Targets and outturns printed in Chinese government documents, each with the "
                           "document id and the verbatim quote; written by `python -m indicators build`.",
            "resources": resources}


def write_package(proj: Project, registries: Registries) -> None:
    """Write the registries the observations refer to and ``datapackage.json`` into ``data/processed/``.

    Every file is written to a temporary file first and moved into place only when all of
    them are written, so a failure leaves the previous files as they were.
    """
    package = descriptor(registries)
    with contextlib.ExitStack() as stack:
        for res in package["resources"][1:]:
            tmp = stack.enter_context(atomic_path(proj.processed / res["path"]))
            table = registries[res["name"]].drop(columns=[FILE, LINE], errors="ignore")
            table.to_csv(tmp, index=False, float_format=FLOAT_FORMAT, lineterminator="\n")
        tmp = stack.enter_context(atomic_path(proj.processed / PACKAGE_FILE))
        tmp.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
