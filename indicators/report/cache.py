"""Rerun only what changed: a report step is skipped while its key and its outputs are
those recorded when it last succeeded.

``reports/.cache.json`` holds, for each step (a notebook, the workbook), the SHA-256 *key*
of everything the step reads and the SHA-256 of every file it wrote::

    {"notebook 01-gdp": {"key": "9f…", "outputs": {"figures/01-gdp-growth-targets.png": "3a…", …}}}

A step is fresh when its key is the one recorded and every recorded output still exists
with its recorded hash (a deleted or edited figure makes the step run again).

When a step succeeds, the outputs it recorded last time and no longer writes (a figure
renamed in its notebook) are removed, so no stale chart lies beside the current one. Only
files the report recorded writing go, and only while they hold what it wrote: a file a user
put in ``figures/``, or a recorded one since edited by hand, stays.
"""
from __future__ import annotations

import json
from pathlib import Path

from .._atomic import atomic_path
from .._hashing import file_hash, sha256
from ..data.manifest import input_hashes, package_fingerprint
from ..paths import Project


def cache_path(proj: Project) -> Path:
    """``reports/.cache.json``."""
    return proj.reports / ".cache.json"


def key(*parts) -> str:
    """SHA-256 of *parts* (anything JSON can write)."""
    return sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode())


def data_key(proj: Project) -> str:
    """Key of what a step that reads the data depends on: every file under ``data/raw/``,
    ``data/processed/observations.csv`` and the package (:func:`package_fingerprint`)."""
    observations = file_hash(proj.observations) if proj.observations.is_file() else None
    return key(input_hashes(proj), observations, package_fingerprint())


def _records(proj: Project) -> dict:
    try:
        return json.loads(cache_path(proj).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def fresh(proj: Project, step: str, step_key: str) -> bool:
    """Whether *step* last succeeded with *step_key* and its outputs are as it left them."""
    record = _records(proj).get(step)
    if not isinstance(record, dict) or record.get("key") != step_key:
        return False
    for name, digest in record.get("outputs", {}).items():
        path = proj.root / name
        if not path.is_file() or file_hash(path) != digest:
            return False
    return True


def record(proj: Project, results: dict[str, tuple[str, list[Path]]]) -> list[Path]:
    """Record steps that succeeded: ``{step: (key, files written)}``; write atomically.

    Returns
    -------
    list of Path
        The files removed: those the same steps wrote last time and no other recorded step
        wrote (a notebook's renamed figure), and which still held what they wrote then.
    """
    records = _records(proj)
    previous = {step: records.get(step, {}).get("outputs", {}) for step in results}
    for step, (step_key, outputs) in results.items():
        records[step] = {"key": step_key,
                         "outputs": {p.relative_to(proj.root).as_posix(): file_hash(p) for p in sorted(outputs)}}
    current = {name for r in records.values() if isinstance(r, dict) for name in r.get("outputs", {})}
    removed = []
    for name, digest in sorted({n: d for old in previous.values() for n, d in old.items()}.items()):
        path = proj.root / name
        if name not in current and path.is_file() and file_hash(path) == digest:
            path.unlink()  # before the record: were we stopped here, the step would only run again
            removed.append(path)
    with atomic_path(cache_path(proj)) as tmp:
        tmp.write_text(json.dumps(records, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return removed
