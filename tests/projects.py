"""Small fixture projects: a project folder with documents and curated rows written by the test.

The code lists that do not depend on the data (units, qualifiers, geo, topics) are copied
from the real project; documents, sources, series, curated rows, derivations and identities
are the test's own, so a behaviour test never depends on what today's data holds.
"""
from __future__ import annotations

import csv
from pathlib import Path

from indicators.paths import CHECKOUT_ROOT

CODE_LISTS = ("units", "qualifiers", "geo", "topics")
HEADERS = {
    "sources": ["source_id", "file", "title_zh", "title_en", "publisher", "date_published", "reporting_period", "note"],
    "series": ["series_id", "topic", "geo", "measure", "name_zh", "name_en", "note"],
    "curated": ["series_id", "period", "kind", "value", "unit", "qualifier", "source_id", "quote",
                "also_source_ids", "note"],
    "derivations": ["series_id", "period", "kind", "operation", "inputs", "unit", "decimals", "note"],
    "identities": ["identity", "period", "kind", "lhs", "rhs", "tolerance", "unit", "description"],
}


def write_csv(path: Path, header: list[str], rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows([{k: r.get(k, "") for k in header} for r in rows])
    return path


def make_project(root: Path, *, documents: dict[str, tuple[str, str, str]], series: list[dict],
                 curated: dict[str, list[dict]], derivations: list[dict] = (),
                 identities: list[dict] = ()) -> Path:
    """Write a project under *root*.

    Parameters
    ----------
    documents : dict
        Source id → (text, date_published, reporting_period).
    series : list of dict
        Rows of series.csv (``series_id``, ``topic``, ``geo``, ``measure``, names).
    curated : dict
        File name (without ``.csv``) → rows of that curated file.
    """
    raw = root / "data" / "raw"
    (root / "data" / "processed").mkdir(parents=True, exist_ok=True)
    for name in CODE_LISTS:
        (raw / f"{name}.csv").parent.mkdir(parents=True, exist_ok=True)
        (raw / f"{name}.csv").write_bytes((CHECKOUT_ROOT / "data" / "raw" / f"{name}.csv").read_bytes())
    sources = []
    for sid, (text, date, reporting) in documents.items():
        path = raw / "sources" / f"{sid.lower()}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        sources.append(dict(source_id=sid, file=f"sources/{path.name}", title_zh=f"文件{sid}",
                            title_en=f"Document {sid}", publisher="测试", date_published=date,
                            reporting_period=reporting))
    write_csv(raw / "sources.csv", HEADERS["sources"], sources)
    write_csv(raw / "series.csv", HEADERS["series"], series)
    for name, rows in curated.items():
        write_csv(raw / "curated" / f"{name}.csv", HEADERS["curated"], rows)
    write_csv(raw / "derivations.csv", HEADERS["derivations"], list(derivations))
    write_csv(raw / "identities.csv", HEADERS["identities"], list(identities))
    return root


def growth_series(series_id: str, name_zh: str, name_en: str, topic: str = "output") -> dict:
    return dict(series_id=series_id, topic=topic, geo="CD", measure="yoy_pct", name_zh=name_zh, name_en=name_en)


def row(series_id: str, period: str, kind: str, value, source_id: str, quote: str, *, unit: str = "%",
        qualifier: str = "exact", also: str = "") -> dict:
    return dict(series_id=series_id, period=period, kind=kind, value=value, unit=unit, qualifier=qualifier,
                source_id=source_id, quote=quote, also_source_ids=also)
