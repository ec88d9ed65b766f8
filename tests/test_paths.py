"""Where the project is: the root given, INDICATORS_ROOT, else the nearest folder holding data/raw/sources.csv."""
from __future__ import annotations

import pytest

import indicators
from indicators.exceptions import ProjectNotFoundError
from indicators import paths
from indicators.paths import CHECKOUT_ROOT, PACKAGE_DIR, ROOT_ENV_VAR


@pytest.fixture(autouse=True)
def _no_root_in_environment(monkeypatch):
    monkeypatch.delenv(ROOT_ENV_VAR, raising=False)


def test_the_folder_the_package_is_installed_beside_is_never_the_default(tmp_path, monkeypatch):
    assert (CHECKOUT_ROOT / "data/raw/sources.csv").is_file()  # a project, yet not looked at
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ProjectNotFoundError, match=rf"no project in {tmp_path} or its parents; .*--root DIR"):
        indicators.project()


def test_the_checkout_is_named_for_what_it_is_and_offers_no_default_root():
    # the package's parent is the checkout the tests and bench copy from, not a default project
    assert CHECKOUT_ROOT == PACKAGE_DIR.parent
    assert not [name for name in vars(paths) if "DEFAULT" in name]


def test_nearest_project_above_the_current_folder_is_found(project_copy, monkeypatch):
    inner = project_copy / "notebooks"
    inner.mkdir()
    monkeypatch.chdir(inner)
    assert indicators.project().root == project_copy.resolve()


def test_root_argument_then_environment_variable_come_first(project_copy, tmp_path, monkeypatch):
    monkeypatch.chdir(project_copy)
    monkeypatch.setenv(ROOT_ENV_VAR, str(tmp_path / "elsewhere"))
    assert indicators.project().root == (tmp_path / "elsewhere").resolve()
    assert indicators.project(tmp_path / "given").root == (tmp_path / "given").resolve()
