"""Where the project's files live, computed from one root folder.

Nothing here touches the disk at import time: :func:`project` only builds paths.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SCHEMA_PATH = PACKAGE_DIR / "data" / "observations.schema.json"
# An editable install (``pip install -e .``, what ``make`` does) keeps the package in the
# project folder, so the project root is the package's parent.
DEFAULT_ROOT = PACKAGE_DIR.parent
ROOT_ENV_VAR = "INDICATORS_ROOT"


@dataclass(frozen=True)
class Project:
    """The folders of one copy of the project, laid out as ``ROOT/data/raw`` and so on."""

    root: Path

    @property
    def raw(self) -> Path:
        """``data/raw/``: source documents, registries and curated CSVs; never written by code."""
        return self.root / "data" / "raw"

    @property
    def sources(self) -> Path:
        return self.raw / "sources"

    @property
    def curated(self) -> Path:
        """``data/raw/curated/``: one hand-curated CSV per topic."""
        return self.raw / "curated"

    @property
    def processed(self) -> Path:
        return self.root / "data" / "processed"

    @property
    def observations(self) -> Path:
        """``data/processed/observations.csv``: the validated tidy table."""
        return self.processed / "observations.csv"

    @property
    def figures(self) -> Path:
        return self.root / "figures"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    def registry(self, name: str) -> Path:
        """Path of the registry CSV ``data/raw/NAME.csv`` (sources, series, units, …)."""
        return self.raw / f"{name}.csv"


def project(root: str | os.PathLike | None = None) -> Project:
    """Return the :class:`Project` at *root*.

    Parameters
    ----------
    root : path-like, optional
        Folder laid out like the project. Defaults to the ``INDICATORS_ROOT`` environment
        variable, else the folder that holds the ``indicators`` package.
    """
    if root is None:
        root = os.environ.get(ROOT_ENV_VAR) or DEFAULT_ROOT
    return Project(Path(root).resolve())
