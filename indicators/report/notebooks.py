"""Executing the notebooks headless and rendering each to a self-contained HTML page.

The notebooks live in ``notebooks/NN-topic.ipynb`` (output-free, paired by jupytext with a
``NN-topic.py`` percent script for readable diffs). Each has a cell tagged ``parameters``;
:func:`run_notebooks` injects overrides after it, as papermill does, so the same notebook
runs in another language or writes to another folder.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from .._hashing import file_hash
from ..exceptions import IndicatorsError
from ..paths import ROOT_ENV_VAR, project
from . import cache

log = logging.getLogger("indicators")


class NotebookError(IndicatorsError):
    """A notebook failed; the message names it and the cell."""


@dataclass(frozen=True)
class NotebookRun:
    notebook: Path
    html: Path | None
    seconds: float
    #: True when the notebook was left as it was (nothing it reads had changed)
    cached: bool = False


def notebook_paths(root: str | os.PathLike | None = None) -> list[Path]:
    """The project's notebooks in reading order (``notebooks/NN-*.ipynb``)."""
    return sorted(project(root).notebooks.glob("[0-9][0-9]-*.ipynb"))


def inject_parameters(nb, parameters: dict) -> None:
    """Insert a cell assigning *parameters* right after the cell tagged ``parameters``.

    Raises
    ------
    NotebookError
        If the notebook has no cell tagged ``parameters``.
    """
    import nbformat

    index = next((i for i, cell in enumerate(nb.cells)
                  if "parameters" in cell.get("metadata", {}).get("tags", [])), None)
    if index is None:
        raise NotebookError("no cell tagged 'parameters'; tag the cell that sets lang and output_dir")
    source = "# injected parameters\n" + "\n".join(f"{k} = {v!r}" for k, v in parameters.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    nb.cells.insert(index + 1, cell)


def run_notebooks(root: str | os.PathLike | None = None, *, parameters: dict | None = None,
                  names: list[str] | None = None, html: bool = True, code: bool = False, progress: bool = True,
                  timeout: int = 600, jobs: int | None = None, force: bool = False) -> list[NotebookRun]:
    """Execute the notebooks of *root* that changed, in parallel; write ``reports/NAME.html``.

    A notebook runs again only when its key (:func:`notebook_key`: its content, the data,
    the package, the parameters) differs from the one recorded when it last succeeded, or
    when a file it wrote then is missing or altered (:mod:`indicators.report.cache`).
    Each runs in a staging folder; its figures, tables and HTML page replace the previous
    ones only when every cell succeeded, so a failure leaves the previous outputs as they were.
    A notebook that succeeded has the files it wrote last time and no longer writes removed
    (:func:`indicators.report.cache.record`): a renamed figure leaves no stale copy.

    Parameters
    ----------
    root : path-like, optional
        Project folder; the kernels see it as ``INDICATORS_ROOT`` so that
        ``indicators.load()`` inside a notebook reads this copy of the data.
    parameters : dict, optional
        Overrides for the ``parameters`` cell, e.g. ``{"lang": "en"}``.
    names : list of str, optional
        Run only these notebooks (file stems such as ``"01-gdp"``).
    html : bool, default True
        Render each executed notebook to a self-contained reader page without code (charts
        embedded; see :mod:`indicators.report.pages`).
    code : bool, default False
        Also write the same pages with their code, to ``reports/code/NAME.html``.
    timeout : int, default 600
        Seconds one cell may run.
    jobs : int, optional
        Notebooks run at once (default: the number of cores).
    force : bool, default False
        Run every notebook, changed or not.

    Returns
    -------
    list of NotebookRun
        In reading order; ``cached`` is True for a notebook left as it was.

    Raises
    ------
    NotebookError
        Naming each notebook that failed and the cell (number and first line), after the
        others have finished.
    """
    from tqdm.auto import tqdm

    proj = project(root)
    paths = [p for p in notebook_paths(root) if names is None or p.stem in names]
    if names is not None and len(paths) != len(names):
        known = [p.stem for p in notebook_paths(root)]
        raise NotebookError(f"unknown notebook(s) {sorted(set(names) - {p.stem for p in paths})}; "
                            f"the notebooks are {known}")
    data = cache.data_key(proj)
    keys = {p: notebook_key(p, data, parameters, html, code) for p in paths}
    todo = [p for p in paths if force or not cache.fresh(proj, f"notebook {p.stem}", keys[p])]
    runs = {p: NotebookRun(p, proj.reports / f"{p.stem}.html" if html else None, 0.0, cached=True)
            for p in paths if p not in todo}
    bar = tqdm(total=len(todo), desc="notebooks", unit="nb", disable=not progress or not todo)
    failures, done = [], {}
    try:
        results = _run(_execute_all(proj, todo, parameters or {}, (html, code), timeout, jobs or os.cpu_count() or 1, bar))
    finally:
        bar.close()
    for path, (outcome, seconds) in zip(todo, results):
        if isinstance(outcome, NotebookError):
            failures.append(str(outcome))
            continue
        done[f"notebook {path.stem}"] = (keys[path], outcome)
        runs[path] = NotebookRun(path, proj.reports / f"{path.stem}.html" if html else None, seconds)
        if html and not code:  # a page with code from an earlier run would show other numbers
            (proj.reports / "code" / f"{path.stem}.html").unlink(missing_ok=True)
    if done:
        for path in cache.record(proj, done):
            log.info("removed %s: written by an earlier report, no notebook writes it now",
                     path.relative_to(proj.root).as_posix())
    if failures:
        raise NotebookError("; ".join(failures))
    return [runs[p] for p in paths]


def notebook_key(path: Path, data: str, parameters: dict | None, html: bool, code: bool = False) -> str:
    """What a notebook's outputs depend on: its content, the data and package (*data*, from
    :func:`indicators.report.cache.data_key`), its parameters and whether HTML is written."""
    return cache.key(file_hash(path), data, parameters or {}, html, code)


def _run(coroutine):
    """``asyncio.run``, also from a thread when an event loop is already running (Jupyter)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def _execute_all(proj, paths: list[Path], parameters: dict, html: tuple[bool, bool], timeout: int,
                       jobs: int, bar) -> list[tuple]:
    """Run *paths*, at most *jobs* at once; ``(files written or NotebookError, seconds)`` each."""
    slots = asyncio.Semaphore(jobs)

    async def one(path: Path):
        async with slots:
            bar.set_postfix_str(path.stem)
            start = time.perf_counter()
            try:
                outcome = await _execute(proj, path, parameters, html, timeout)
            except NotebookError as err:
                outcome = err
            bar.update()
            return outcome, time.perf_counter() - start

    return await asyncio.gather(*(one(p) for p in paths))


async def _execute(proj, path: Path, parameters: dict, html: tuple[bool, bool], timeout: int) -> list[Path]:
    """Execute one notebook in a staging project whose ``data/`` is the real one; on success
    move what it wrote into the project and return those files."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    stage = proj.reports / ".staging" / path.stem
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    try:
        (stage / "data").symlink_to(proj.root / "data", target_is_directory=True)
        nb = nbformat.read(path, as_version=4)
        if parameters:
            inject_parameters(nb, parameters)
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        try:
            await client.async_execute(env={**os.environ, ROOT_ENV_VAR: str(stage)})
        except CellExecutionError as err:
            raise NotebookError(f"{path.name}: {_failed_cell(nb)} failed: {err.ename}: {err.evalue}") from None
        if html[0]:  # (reader page, and the page with code too)
            _write_html(nb, stage / "reports" / f"{path.stem}.html", code=html[1])
        written = []
        for file in sorted(p for p in stage.rglob("*") if p.is_file() and not p.is_symlink()
                           and p.relative_to(stage).parts[0] != "data"):
            target = proj.root / file.relative_to(stage)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(file, target)
            written.append(target)
        return written
    finally:
        shutil.rmtree(stage, ignore_errors=True)
        with contextlib.suppress(OSError):
            stage.parent.rmdir()  # the last one out removes reports/.staging/


def _failed_cell(nb) -> str:
    number = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        number += 1
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
            return f"code cell {number} ({first!r})"
    return "a cell"


def _write_html(nb, path: Path, *, code: bool = False) -> Path:
    from .pages import write_page

    return write_page(nb, path, code=code)
