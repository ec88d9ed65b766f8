"""The command line: where the project is, ``--root`` anywhere, one line for a wrong root."""
from __future__ import annotations

import pytest

from indicators.cli import main
from indicators.paths import ROOT_ENV_VAR


@pytest.fixture(autouse=True)
def _no_root_in_environment(monkeypatch):
    monkeypatch.delenv(ROOT_ENV_VAR, raising=False)


@pytest.mark.parametrize("argv", [["--root", "{root}", "validate"], ["validate", "--root", "{root}"]],
                         ids=["before", "after"])
def test_root_is_accepted_before_or_after_the_command(project_copy, capsys, argv):
    assert main([a.format(root=project_copy) for a in argv]) == 0
    assert "pass every check" in capsys.readouterr().out


def wrong_roots(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    return {"nonexistent": (tmp_path / "missing", "does not exist"),
            "empty": (tmp_path / "empty", "is not a project (no data/raw/sources.csv)"),
            "file": (tmp_path / "a-file", "is a file, not a folder")}


@pytest.mark.parametrize("case", ["nonexistent", "empty", "file"])
@pytest.mark.parametrize("source", ["option", "environment"])
def test_wrong_root_is_one_line_naming_it_and_how_to_point_at_a_project(tmp_path, monkeypatch, capsys,
                                                                       case, source):
    root, problem = wrong_roots(tmp_path)[case]
    if source == "option":
        argv = ["--root", str(root), "validate"]
    else:
        monkeypatch.setenv(ROOT_ENV_VAR, str(root))
        argv = ["validate"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert f"project root {root} {problem}" in err
    assert "--root DIR" in err and f"{ROOT_ENV_VAR}=DIR" in err


def test_no_project_here_or_above_is_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"no project in {tmp_path} or its parents" in err
    assert f"{ROOT_ENV_VAR}=DIR" in err


def test_project_is_found_from_a_subfolder(project_copy, monkeypatch, capsys):
    monkeypatch.chdir(project_copy / "data" / "raw" / "curated")
    assert main(["build"]) == 0
    assert (project_copy / "data/processed/observations.csv").is_file()
    assert str(project_copy / "data/processed/observations.csv") in capsys.readouterr().out


def test_environment_variable_is_used_and_root_option_wins(project_copy, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(ROOT_ENV_VAR, str(project_copy))
    assert main(["validate"]) == 0
    monkeypatch.setenv(ROOT_ENV_VAR, str(tmp_path / "missing"))
    assert main(["validate", "--root", str(project_copy)]) == 0


def test_help_names_the_root_option_and_the_environment_variable(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "--root DIR" in out and ROOT_ENV_VAR in out and "data/raw/sources.csv" in out
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    assert ROOT_ENV_VAR in " ".join(capsys.readouterr().out.split())
