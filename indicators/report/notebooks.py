"""Executing the notebooks headless and rendering each to a self-contained HTML page.

The notebooks live in ``notebooks/NN-topic.ipynb`` (output-free, paired by jupytext with a
``NN-topic.py`` percent script for readable diffs). Each has a cell tagged ``parameters``;
:func:`run_notebooks` injects overrides after it, as papermill does, so the same notebook
runs in another language or writes to another folder.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..exceptions import IndicatorsError
from ..paths import ROOT_ENV_VAR, project


class NotebookError(IndicatorsError):
    """A notebook failed; the message names it and the cell."""


@dataclass(frozen=True)
class NotebookRun:
    notebook: Path
    html: Path | None
    seconds: float


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
                  names: list[str] | None = None, html: bool = True, code: bool = False,
                  progress: bool = True, timeout: int = 600) -> list[NotebookRun]:
    """Execute the notebooks of *root* in order; write ``reports/NAME.html`` for each.

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

    Raises
    ------
    NotebookError
        Naming the notebook and the cell (number and first line) that failed.
    """
    import time

    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from tqdm.auto import tqdm

    proj = project(root)
    paths = [p for p in notebook_paths(root) if names is None or p.stem in names]
    if names is not None and len(paths) != len(names):
        known = [p.stem for p in notebook_paths(root)]
        raise NotebookError(f"unknown notebook(s) {sorted(set(names) - {p.stem for p in paths})}; "
                            f"the notebooks are {known}")
    runs = []
    env_before = os.environ.get(ROOT_ENV_VAR)
    os.environ[ROOT_ENV_VAR] = str(proj.root)
    try:
        bar = tqdm(paths, desc="notebooks", unit="nb", disable=not progress)
        for path in bar:
            bar.set_postfix_str(path.stem)
            start = time.perf_counter()
            nb = nbformat.read(path, as_version=4)
            if parameters:
                inject_parameters(nb, parameters)
            client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                    resources={"metadata": {"path": str(path.parent)}})
            try:
                client.execute()
            except CellExecutionError as err:
                failed = _failed_cell(nb)
                raise NotebookError(f"{path.name}: {failed} failed: {err.ename}: {err.evalue}") from None
            out = _write_html(nb, proj.reports / f"{path.stem}.html", code=code) if html else None
            runs.append(NotebookRun(path, out, time.perf_counter() - start))
    finally:
        if env_before is None:
            os.environ.pop(ROOT_ENV_VAR, None)
        else:
            os.environ[ROOT_ENV_VAR] = env_before
    return runs


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
