"""Notebooks: reviewable in git, parameterised, executed headless with clear failures."""
from __future__ import annotations

import re
import shutil

import jupytext
import nbformat
import pytest

from indicators.report.notebooks import NotebookError, notebook_paths, run_notebooks
from indicators.paths import DEFAULT_ROOT

NOTEBOOKS = notebook_paths(DEFAULT_ROOT)


def test_there_are_notebooks_in_reading_order():
    stems = [p.stem for p in NOTEBOOKS]
    assert len(stems) >= 5
    assert [s[:2] for s in stems] == [f"{i:02d}" for i in range(1, len(stems) + 1)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, "strip outputs before committing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_matches_its_paired_script(path):
    script = path.with_suffix(".py")
    assert script.exists(), f"pair it: jupytext --set-formats ipynb,py:percent {path}"
    a, b = jupytext.read(path), jupytext.read(script)
    assert [c.source for c in a.cells] == [c.source for c in b.cells], f"run: jupytext --sync {path}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_opens_bilingually_and_has_parameters(path):
    nb = nbformat.read(path, as_version=4)
    intro = nb.cells[0]
    assert intro.cell_type == "markdown"
    assert re.search(r"[\u4e00-\u9fff]", intro.source) and re.search(r"[A-Za-z]{4,}", intro.source)
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    assert "lang" in params[0].source and "output_dir" in params[0].source


def tiny_project(tmp_path, cells):
    (tmp_path / "notebooks").mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    nbformat.write(nb, tmp_path / "notebooks" / "01-tiny.ipynb")
    return tmp_path


@pytest.mark.slow
def test_failing_cell_is_named(tmp_path):
    root = tiny_project(tmp_path, [
        nbformat.v4.new_code_cell("lang = 'zh'\noutput_dir = None", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("raise ValueError('boom')"),
    ])
    with pytest.raises(NotebookError, match=r"01-tiny.ipynb: code cell 3 \(\"raise ValueError\('boom'\)\"\) "
                                            r"failed: ValueError: boom"):
        run_notebooks(root, progress=False)
    assert not (root / "reports" / "01-tiny.html").exists()


@pytest.mark.slow
def test_parameters_are_injected_and_html_is_self_contained(tmp_path):
    root = tiny_project(tmp_path, [
        nbformat.v4.new_code_cell("lang = 'zh'\noutput_dir = None", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("import os\nprint('lang is', lang, os.environ['INDICATORS_ROOT'])"),
    ])
    (run,) = run_notebooks(root, parameters={"lang": "en"}, progress=False)
    html = run.html.read_text(encoding="utf-8")
    assert f"lang is en {root}" in html


@pytest.mark.slow
def test_every_notebook_runs_and_writes_its_figures(built_root, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(built_root, root)
    shutil.copytree(DEFAULT_ROOT / "notebooks", root / "notebooks")
    runs = run_notebooks(root, progress=False)
    assert [r.notebook.stem for r in runs] == [p.stem for p in NOTEBOOKS]
    for run in runs:
        prefix = run.notebook.stem[:2]
        figures = sorted((root / "figures").glob(f"{prefix}-*"))
        assert {p.suffix for p in figures} >= {".png", ".svg", ".pdf"}, run.notebook.stem
        html = run.html.read_text(encoding="utf-8")
        charts = len(re.findall(r'<img[^>]*src="data:image/png;base64', html))
        saved = run.notebook.read_text(encoding="utf-8").count("save_figure(")
        assert charts >= saved, f"{run.html} embeds {charts} charts for {saved} saved figures"
