"""The observations contract, read from ``observations.schema.json`` (a Frictionless Table Schema).

The same file drives validation (:mod:`indicators.validate`) and the README's data
dictionary (:func:`data_dictionary`), so the two cannot drift apart.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from ..paths import SCHEMA_PATH


@dataclass(frozen=True)
class Field:
    name: str
    title: str
    type: str
    description: str
    required: bool
    enum: tuple[str, ...] | None
    pattern: str | None


@dataclass(frozen=True)
class Schema:
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    #: column -> (registry name, registry column)
    foreign_keys: dict[str, tuple[str, str]]

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


@cache
def schema() -> Schema:
    """Return the observations schema (read once per process)."""
    raw = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    fields = tuple(
        Field(
            name=f["name"],
            title=f.get("title", f["name"]),
            type=f.get("type", "string"),
            description=f.get("description", ""),
            required=f.get("constraints", {}).get("required", False),
            enum=tuple(f["constraints"]["enum"]) if "enum" in f.get("constraints", {}) else None,
            pattern=f.get("constraints", {}).get("pattern"),
        )
        for f in raw["fields"]
    )
    foreign_keys = {
        fk["fields"]: (fk["reference"]["resource"], fk["reference"]["fields"])
        for fk in raw.get("foreignKeys", [])
    }
    return Schema(fields, tuple(raw["primaryKey"]), foreign_keys)


def data_dictionary() -> str:
    """The data dictionary of ``observations.csv`` as a Markdown table (as in the README)."""
    s = schema()
    rows = ["| column | title | type | required | meaning |", "|---|---|---|---|---|"]
    for f in s.fields:
        meaning = f.description
        if f.name in s.foreign_keys:
            registry, column = s.foreign_keys[f.name]
            meaning += f" Must be a `{column}` of `data/raw/{registry}.csv`."
        rows.append(
            f"| `{f.name}` | {f.title} | {f.type} | {'yes' if f.required else 'no'} | {meaning} |"
        )
    rows.append("")
    rows.append(f"Key: ({', '.join(f'`{c}`' for c in s.primary_key)}) is unique.")
    return "\n".join(rows)
