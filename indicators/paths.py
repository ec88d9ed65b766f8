"""Where the project's files live, computed from one root folder.

Nothing here touches the disk at import time. :func:`project` finds the root: the folder
given, else ``INDICATORS_ROOT``, else the current folder or the nearest parent holding
``data/raw/sources.csv``. It never falls back to the folder the package is installed in,
which for an installed wheel is ``site-packages``.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .exceptions import ProjectNotFoundError

PACKAGE_DIR = Path(__file__).resolve().parent
SCHEMA_PATH = PACKAGE_DIR / "data" / "observations.schema.json"
# The source checkout of an editable install (``pip install -e .``, what ``make`` does): the
# test suite and bench/ copy data/raw/ from here. :func:`project` does not default to it,
# since for an installed wheel this is site-packages.
CHECKOUT_ROOT = PACKAGE_DIR.parent
ROOT_ENV_VAR = "INDICATORS_ROOT"
#: the file that marks a folder as a project root
MARKER = Path("data") / "raw" / "sources.csv"
#: what to do when no project is found, said by every message about it
HOW_TO_POINT = (f"run from the project folder, pass --root DIR, or set {ROOT_ENV_VAR}=DIR "
                f"(DIR holds {MARKER.as_posix()})")


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


def find_root(start: str | os.PathLike | None = None) -> Path:
    """The nearest folder, *start* (default: the current folder) or a parent, holding
    ``data/raw/sources.csv``.

    Raises
    ------
    ProjectNotFoundError
        If none does; the message says how to point at a project.
    """
    start = Path.cwd() if start is None else Path(start).resolve()
    for folder in (start, *start.parents):
        if (folder / MARKER).is_file():
            return folder
    raise ProjectNotFoundError(f"no project in {start} or its parents; {HOW_TO_POINT}")


def check_root(root: str | os.PathLike) -> Path:
    """*root*, resolved, after checking that it is a project folder.

    Raises
    ------
    ProjectNotFoundError
        In one line, if *root* does not exist, is a file, or lacks ``data/raw/sources.csv``.
    """
    path = Path(root).resolve()
    if not path.exists():
        problem = "does not exist"
    elif not path.is_dir():
        problem = "is a file, not a folder"
    elif not (path / MARKER).is_file():
        problem = f"is not a project (no {MARKER.as_posix()})"
    else:
        return path
    raise ProjectNotFoundError(f"project root {path} {problem}; {HOW_TO_POINT}")


def project(root: str | os.PathLike | None = None) -> Project:
    """Return the :class:`Project` at *root*.

    Parameters
    ----------
    root : path-like, optional
        Folder laid out like the project (it need not exist yet). Defaults to the
        ``INDICATORS_ROOT`` environment variable, else :func:`find_root` of the current folder.

    Raises
    ------
    ProjectNotFoundError
        If *root* is not given, ``INDICATORS_ROOT`` is not set and no project is found.
    """
    if root is None:
        root = os.environ.get(ROOT_ENV_VAR) or find_root()
    return Project(Path(root).resolve())
