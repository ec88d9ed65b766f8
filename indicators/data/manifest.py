"""The build manifest: what a build checked, so that reading its output need not check again.

``build`` writes ``data/processed/manifest.json`` right after ``observations.csv``:

- ``inputs``: the SHA-256 of every file under ``data/raw/`` (registries, curated CSVs,
  source documents), hashed before the build read them;
- ``package``: :func:`package_fingerprint`, the version of ``indicators``, a hash of its
  source files and the versions of Python and the libraries that parse and compute;
- ``outputs``: the SHA-256 of ``observations.csv`` as written.

Validation is a pure function of these, so when all of them are unchanged the processed
file is as valid as when the build checked it. :func:`changes` lists what differs; an
empty list is the only case in which :func:`indicators.load` skips its checks. The
manifest is written after the output and holds no timestamps: a crash between the two
writes leaves a manifest that does not match, which means a full check, never a wrong trust.
"""
from __future__ import annotations

import functools
import json
import os
import sys
from importlib import metadata
from pathlib import Path

from .._atomic import atomic_path
from .._hashing import file_hash, sha256
from ..paths import PACKAGE_DIR, Project

#: bump when the manifest's layout changes; a manifest of another format never matches
FORMAT = 1
#: libraries whose behaviour decides what is read and computed (their versions are recorded)
LIBRARIES = ("numpy", "pandas", "pyarrow", "matplotlib")
def tree_hashes(folder: Path, base: Path) -> dict[str, str]:
    """``{path relative to base: SHA-256}`` of every file under *folder*, hidden files aside."""
    return {p.relative_to(base).as_posix(): file_hash(p) for p in sorted(folder.rglob("*"))
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)}


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


@functools.lru_cache(maxsize=1)
def package_fingerprint() -> dict[str, str]:
    """What the code that reads and checks the data is: versions and a hash of its source.

    The hash covers every ``.py`` and ``.json`` file of the ``indicators`` package, so an
    edit to an editable install counts as a new version. Computed once per process.
    """
    source = b"".join(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0"
                      for path in sorted(PACKAGE_DIR.rglob("*"))
                      if path.suffix in (".py", ".json") and "__pycache__" not in path.parts)
    return {"indicators": _version("indicators"), "source": sha256(source),
            "python": sys.version.split()[0], **{lib: _version(lib) for lib in LIBRARIES}}


def input_hashes(proj: Project) -> dict[str, str]:
    """The SHA-256 of every input of a build: each file under ``data/raw/``."""
    return tree_hashes(proj.raw, proj.root)


def manifest_path(proj: Project) -> Path:
    """``data/processed/manifest.json``."""
    return proj.processed / "manifest.json"


def write_manifest(proj: Project, inputs: dict[str, str]) -> Path:
    """Record *inputs* (from :func:`input_hashes`, taken before they were read), the package
    and the hash of ``observations.csv`` as it is now; write atomically; return the path.

    Call only after the observations were written *and* passed every check.
    """
    record = {"format": FORMAT, "package": package_fingerprint(), "inputs": inputs,
              "outputs": {proj.observations.relative_to(proj.root).as_posix(): file_hash(proj.observations)}}
    path = manifest_path(proj)
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(record, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                       encoding="utf-8")
    return path


def changes(proj: Project, *, observations_hash: str | None = None) -> list[str]:
    """What differs from the manifest: ``[]`` when the build's checks still hold.

    Parameters
    ----------
    proj : Project
    observations_hash : str, optional
        SHA-256 of ``observations.csv`` when the caller has already read it (saves a read).

    Returns
    -------
    list of str
        One entry per difference, e.g. ``"no manifest"``, ``"package"``,
        ``"data/raw/series.csv changed"``, ``"data/raw/sources/x.txt added"``,
        ``"data/processed/observations.csv changed"``.
    """
    path = manifest_path(proj)
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ["no manifest"]
    except (OSError, ValueError):
        return [f"{path} unreadable"]
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        return [f"{path} of another format"]
    out = [] if record.get("package") == package_fingerprint() else ["package"]
    out += _differences(record.get("inputs", {}), input_hashes(proj))
    name = proj.observations.relative_to(proj.root).as_posix()
    if not proj.observations.is_file():
        return out + [f"{name} removed"]
    now = observations_hash or file_hash(proj.observations)
    out += _differences(record.get("outputs", {}), {name: now})
    return out


def _differences(recorded: dict[str, str], now: dict[str, str]) -> list[str]:
    return ([f"{p} changed" for p in sorted(recorded.keys() & now.keys()) if recorded[p] != now[p]]
            + [f"{p} removed" for p in sorted(recorded.keys() - now.keys())]
            + [f"{p} added" for p in sorted(now.keys() - recorded.keys())])


def stat_signature(proj: Project) -> tuple:
    """Size and modification time of the observations, the manifest and every input: a
    cheap key for an in-process cache (a change that keeps all three is not seen)."""
    return _stats([proj.observations, manifest_path(proj)]) + raw_signature(proj)


def raw_signature(proj: Project) -> tuple:
    """Size and modification time of every file under ``data/raw/`` (registries, curated
    CSVs, documents): the inputs part of :func:`stat_signature`."""
    return _stats(sorted(p for p in proj.raw.rglob("*") if p.is_file()))


def _stats(files: list[Path]) -> tuple:
    """``(path, size, mtime_ns)`` of each of *files*, ``(path, None)`` for one that is gone."""
    out = []
    for p in files:
        try:
            st = os.stat(p)
        except FileNotFoundError:
            out.append((str(p), None))
            continue
        out.append((str(p), st.st_size, st.st_mtime_ns))
    return tuple(out)
