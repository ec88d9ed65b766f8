"""SHA-256 of bytes and of files: the one place the package hashes anything.

The build manifest (:mod:`indicators.data.manifest`), the report cache
(:mod:`indicators.report.cache`) and the workbook's data version all call these, so a file
has one digest wherever it is recorded.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

#: read files in blocks of this many bytes (1 MiB) when hashing
_BLOCK = 1 << 20


def sha256(data: bytes) -> str:
    """Hex SHA-256 of *data*."""
    return hashlib.sha256(data).hexdigest()


def file_hash(path: Path) -> str:
    """Hex SHA-256 of the file at *path*, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(_BLOCK):
            digest.update(block)
    return digest.hexdigest()
