"""The notebooks run under tools we did not write, with no flags: papermill and nbconvert."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys

import jupytext
import nbformat
import pytest

from indicators.paths import CHECKOUT_ROOT, ROOT_ENV_VAR
from indicators.report.notebooks import notebook_paths

NOTEBOOKS = notebook_paths(CHECKOUT_ROOT)
#: the shortest notebook; any would do
NOTEBOOK = "05-scorecard"
#: folders of the checkout a notebook could write to
WATCHED = ("data", "figures", "reports", "notebooks")


def digest(root) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in WATCHED if (root / folder).is_dir()
            for p in sorted((root / folder).rglob("*")) if p.is_file()}


def run(command, cwd) -> subprocess.CompletedProcess:
    """Run *command* as a user would: no INDICATORS_ROOT, in folder *cwd*."""
    env = {k: v for k, v in os.environ.items() if k != ROOT_ENV_VAR}
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_and_its_script_name_the_kernel_and_language(path):
    for nb in (nbformat.read(path, as_version=4), jupytext.read(path.with_suffix(".py"))):
        assert nb.metadata["kernelspec"]["name"] == "python3"
        assert nb.metadata["kernelspec"]["language"] == "python"
        assert nb.metadata["language_info"]["name"] == "python"


@pytest.mark.slow
def test_papermill_runs_a_notebook_with_parameters_into_a_temporary_folder(built_root, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(built_root, project)
    out = tmp_path / "out"
    repo_before, project_before = digest(CHECKOUT_ROOT), digest(project)
    source = CHECKOUT_ROOT / "notebooks" / f"{NOTEBOOK}.ipynb"
    # run from the copy's folder: the kernel finds the project there (no INDICATORS_ROOT)
    run([sys.executable, "-m", "papermill", str(source), str(tmp_path / f"{NOTEBOOK}.ipynb"),
         "-p", "lang", "en", "-p", "output_dir", str(out), "--no-progress-bar"], cwd=project)
    executed = nbformat.read(tmp_path / f"{NOTEBOOK}.ipynb", as_version=4)
    injected = [c.source for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and "lang = \"en\"" in injected[0]
    written = {p.suffix for p in out.iterdir()}
    assert {".png", ".svg", ".pdf", ".csv"} <= written  # figures and the table honour output_dir
    assert digest(CHECKOUT_ROOT) == repo_before
    assert digest(project) == project_before


@pytest.mark.slow
def test_nbconvert_executes_a_notebook_with_no_flags(built_root, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(built_root, project)
    (project / "notebooks").mkdir()
    shutil.copy(CHECKOUT_ROOT / "notebooks" / f"{NOTEBOOK}.ipynb", project / "notebooks")
    repo_before = digest(CHECKOUT_ROOT)
    # nbconvert starts the kernel in notebooks/; the project is found in its parent
    run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
         f"notebooks/{NOTEBOOK}.ipynb", "--output-dir", str(tmp_path / "out")], cwd=project)
    assert (tmp_path / "out" / f"{NOTEBOOK}.ipynb").is_file()
    assert (project / "reports" / "tables" / f"{NOTEBOOK}.csv").is_file()
    assert digest(CHECKOUT_ROOT) == repo_before
