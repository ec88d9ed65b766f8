"""Notebooks: reviewable in git, parameterised, executed headless with clear failures."""
from __future__ import annotations

import re
import shutil

import jupytext
import nbformat
import pytest

import indicators
from indicators.data import periods
from indicators.report.notebooks import NotebookError, notebook_paths, run_notebooks
from indicators.paths import CHECKOUT_ROOT
from projects import chart_project

NOTEBOOKS = notebook_paths(CHECKOUT_ROOT)


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
        nbformat.v4.new_code_cell("import indicators.paths as p\nprint('lang is', lang, p.project().raw.resolve())"),
    ])
    (run,) = run_notebooks(root, parameters={"lang": "en"}, progress=False)
    html = run.html.read_text(encoding="utf-8")
    assert f"lang is en {(root / 'data' / 'raw').resolve()}" in html


@pytest.mark.slow
def test_every_notebook_runs_and_writes_its_figures(built_root, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(built_root, root)
    shutil.copytree(CHECKOUT_ROOT / "notebooks", root / "notebooks")
    runs = run_notebooks(root, progress=False)
    assert [r.notebook.stem for r in runs] == [p.stem for p in NOTEBOOKS]
    for run in runs:
        prefix = run.notebook.stem[:2]
        figures = sorted((root / "figures").glob(f"{prefix}-*"))
        assert {p.suffix for p in figures} >= {".png", ".svg", ".pdf"}, run.notebook.stem
        html = run.html.read_text(encoding="utf-8")
        charts = len(re.findall(r'<img[^>]*src="data:image/png;base64', html))
        source = run.notebook.read_text(encoding="utf-8")
        saved = source.count("save_figure(") + 2 * source.count("save_target_charts(")  # it saves two
        assert charts >= saved, f"{run.html} embeds {charts} charts for {saved} saved figures"
    titles = {svg.stem: svg_title(svg) for svg in sorted((root / "figures").glob("*.svg"))}
    assert all(titles.values()), titles
    shared = {t for t in titles.values() if list(titles.values()).count(t) > 1}
    assert not shared, {name: t for name, t in titles.items() if t in shared}  # each title says what it shows
    data = indicators.load(root)
    years = {str(periods.year(p)) for p in data["period"].astype(str).unique()}
    for name, title in titles.items():  # titles are computed from the data: no year the data do not hold
        assert set(re.findall(r"(?<!\d)(\d{4})(?!\d)", title)) <= years, (name, title)


def svg_title(path) -> str:
    """The title of a saved chart: the text of its SVG group ``id="title"``, on one line."""
    import xml.etree.ElementTree as ET

    group = ET.parse(path).getroot().find(".//{http://www.w3.org/2000/svg}g[@id='title']")
    return "" if group is None else "".join(t.text or "" for t in group.iter("{http://www.w3.org/2000/svg}text"))


# --- reruns: only what changed --------------------------------------------------------------

def _cached_project(built_root, tmp_path):
    """A built copy of the real data with two tiny notebooks: one reads the data and saves
    a table, the other only prints its language."""
    root = tmp_path / "project"
    shutil.copytree(built_root / "data", root / "data")
    params = nbformat.v4.new_code_cell("lang = 'zh'\noutput_dir = None", metadata={"tags": ["parameters"]})
    reads = nbformat.v4.new_code_cell("import indicators\nobs = indicators.load()\n"
                                      "indicators.save_table(obs[['series_id', 'value']].head(3), '01-data')\n"
                                      "print(len(obs), 'observations')")
    for name, cells in [("01-data", [params, reads]), ("02-words", [params, nbformat.v4.new_code_cell("print(lang)")])]:
        nb = nbformat.v4.new_notebook()
        nb.cells = cells
        (root / "notebooks").mkdir(exist_ok=True)
        nbformat.write(nb, root / "notebooks" / f"{name}.ipynb")
    return root


def _outputs(root) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "reports").rglob("*"))
            if p.is_file()}


def _ran(runs) -> list[str]:
    return [r.notebook.stem for r in runs if not r.cached]


@pytest.mark.slow
def test_unchanged_rerun_runs_nothing_and_leaves_outputs_byte_identical(built_root, tmp_path):
    root = _cached_project(built_root, tmp_path)
    assert _ran(run_notebooks(root, progress=False)) == ["01-data", "02-words"]
    before = _outputs(root)
    assert {"reports/01-data.html", "reports/02-words.html", "reports/tables/01-data.csv"} <= set(before)
    assert _ran(run_notebooks(root, progress=False)) == []
    assert _outputs(root) == before


@pytest.mark.slow
def test_what_changed_decides_which_notebooks_rerun(built_root, tmp_path, monkeypatch):
    from indicators.report import cache

    root = _cached_project(built_root, tmp_path)
    run_notebooks(root, progress=False)
    # a curated row: every notebook reads the data (the key covers data/raw and data/processed)
    curated = root / "data/raw/curated/services_trade.csv"
    curated.write_text(curated.read_text(encoding="utf-8").replace("同比增长9%,,\n", "同比增长9%,,a note\n", 1),
                       encoding="utf-8")
    assert _ran(run_notebooks(root, progress=False)) == ["01-data", "02-words"]
    # one notebook's content
    nb = nbformat.read(root / "notebooks/02-words.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("print('more')"))
    nbformat.write(nb, root / "notebooks/02-words.ipynb")
    assert _ran(run_notebooks(root, progress=False)) == ["02-words"]
    # the parameters
    assert _ran(run_notebooks(root, parameters={"lang": "en"}, progress=False)) == ["01-data", "02-words"]
    # an output deleted by hand
    (root / "reports/tables/01-data.csv").unlink()
    assert _ran(run_notebooks(root, parameters={"lang": "en"}, progress=False)) == ["01-data"]
    # another version of the package
    monkeypatch.setattr(cache, "package_fingerprint", lambda: {"indicators": "another version"})
    assert _ran(run_notebooks(root, parameters={"lang": "en"}, progress=False)) == ["01-data", "02-words"]


@pytest.mark.slow
def test_failed_run_leaves_previous_outputs_as_they_were(built_root, tmp_path):
    root = _cached_project(built_root, tmp_path)
    run_notebooks(root, progress=False)
    before = _outputs(root)
    nb = nbformat.read(root / "notebooks/01-data.ipynb", as_version=4)
    nb.cells[1].source = nb.cells[1].source.replace("head(3)", "head(5)") + "\nraise ValueError('boom')"
    nbformat.write(nb, root / "notebooks/01-data.ipynb")
    with pytest.raises(NotebookError, match=r"01-data.ipynb: code cell 2 \('import indicators'\) failed: "
                                            r"ValueError: boom"):
        run_notebooks(root, progress=False)
    assert _outputs(root) == before  # the table the failed run saved (5 rows) is not there
    assert not (root / "reports" / ".staging").exists()


@pytest.mark.slow
def test_report_rerun_with_nothing_changed_writes_nothing(built_root, tmp_path, capsys):
    from indicators.cli import main

    root = _cached_project(built_root, tmp_path)
    assert main(["report", "--root", str(root)]) == 0
    files = {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and "raw" not in p.parts}
    assert root / "reports/indicators.xlsx" in files and root / "data/processed/manifest.json" in files
    capsys.readouterr()
    assert main(["report", "--root", str(root)]) == 0
    steps = [ln for ln in capsys.readouterr().out.splitlines() if not ln.endswith("total")]
    assert steps and all(ln.endswith("(unchanged)") for ln in steps), steps
    assert {p: p.read_bytes() for p in files} == files
    assert sorted(p for p in root.rglob("*") if p.is_file() and "raw" not in p.parts) == sorted(files)


def _figure_notebook(root, name: str, *, fail: bool = False) -> None:
    """``notebooks/01-gdp.ipynb`` saving one chart as ``figures/NAME.*`` (then raising, if *fail*)."""
    params = nbformat.v4.new_code_cell("lang = 'zh'\noutput_dir = None", metadata={"tags": ["parameters"]})
    draw = nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\nimport indicators\n"
                                     "fig, ax = plt.subplots()\nax.plot([1, 2], [3, 4])\n"
                                     f"indicators.save_figure(fig, {name!r})" + ("\nraise ValueError('boom')" if fail else ""))
    nb = nbformat.v4.new_notebook()
    nb.cells = [params, draw]
    (root / "notebooks").mkdir(exist_ok=True)
    nbformat.write(nb, root / "notebooks" / "01-gdp.ipynb")


def _figures(root) -> list[str]:
    return sorted(p.name for p in (root / "figures").iterdir())


@pytest.mark.slow
def test_renamed_figure_leaves_no_stale_copy_and_a_users_file_stays(tmp_path):

    root = chart_project(tmp_path / "project")
    _figure_notebook(root, "01-gdp-growth-targets")
    run_notebooks(root, progress=False)
    assert _figures(root) == ["01-gdp-growth-targets.pdf", "01-gdp-growth-targets.png", "01-gdp-growth-targets.svg"]
    (root / "figures" / "my-notes.png").write_bytes(b"the analyst's own")
    (root / "figures" / "01-gdp-old-draft.png").write_bytes(b"not written by the report")
    # the rename fails: the previous figures stay, the renamed ones are not there
    _figure_notebook(root, "01-gdp-targets", fail=True)
    with pytest.raises(NotebookError, match="ValueError: boom"):
        run_notebooks(root, progress=False)
    assert _figures(root) == ["01-gdp-growth-targets.pdf", "01-gdp-growth-targets.png", "01-gdp-growth-targets.svg",
                              "01-gdp-old-draft.png", "my-notes.png"]
    # the rename succeeds: the old name's files go, the files the report did not write stay
    _figure_notebook(root, "01-gdp-targets")
    run_notebooks(root, progress=False)
    assert _figures(root) == ["01-gdp-old-draft.png", "01-gdp-targets.pdf", "01-gdp-targets.png",
                              "01-gdp-targets.svg", "my-notes.png"]
    assert (root / "figures" / "my-notes.png").read_bytes() == b"the analyst's own"
    assert "01-gdp-growth-targets.png" not in (root / "reports" / ".cache.json").read_text(encoding="utf-8")


@pytest.mark.slow
def test_stale_figure_edited_by_hand_stays(tmp_path):

    root = chart_project(tmp_path / "project")
    _figure_notebook(root, "01-gdp-growth-targets")
    run_notebooks(root, progress=False)
    (root / "figures" / "01-gdp-growth-targets.svg").write_text("<svg>edited by hand</svg>", encoding="utf-8")
    _figure_notebook(root, "01-gdp-targets")
    run_notebooks(root, progress=False)
    assert _figures(root) == ["01-gdp-growth-targets.svg", "01-gdp-targets.pdf", "01-gdp-targets.png",
                              "01-gdp-targets.svg"]
