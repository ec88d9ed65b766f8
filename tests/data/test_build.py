"""The build step and the command line: exit codes, atomic output, data/raw/ never written."""
from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest

import indicators
from indicators.cli import main
from indicators.exceptions import DataValidationError


def digest_tree(folder) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def break_data(root) -> None:
    path = root / "data/raw/curated/services_trade.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",10753.6,亿元,", ",10753.7,亿元,"), encoding="utf-8")


def test_build_writes_observations_and_leaves_raw_untouched(project_copy):
    before = digest_tree(project_copy / "data/raw")
    frame = indicators.build(project_copy)
    assert (project_copy / "data/processed/observations.csv").is_file()
    assert len(frame) == len(indicators.load(project_copy, vintage="all"))
    assert digest_tree(project_copy / "data/raw") == before


def test_failed_build_keeps_previous_outputs_byte_identical(project_copy):
    indicators.build(project_copy)
    processed = project_copy / "data/processed"
    before = digest_tree(processed)
    break_data(project_copy)
    with pytest.raises(DataValidationError):
        indicators.build(project_copy)
    assert digest_tree(processed) == before  # no temporary files left behind either


def test_build_is_deterministic(project_copy):
    indicators.build(project_copy)
    first = digest_tree(project_copy / "data/processed")
    indicators.build(project_copy)
    assert digest_tree(project_copy / "data/processed") == first


def test_cli_validate_and_build_exit_zero(project_copy, capsys):
    assert main(["validate", "--root", str(project_copy)]) == 0
    assert "pass every check" in capsys.readouterr().out
    assert not (project_copy / "data/processed/observations.csv").exists()
    assert main(["build", "--root", str(project_copy)]) == 0
    assert (project_copy / "data/processed/observations.csv").exists()


def test_cli_reports_bad_input_without_traceback(project_copy):
    indicators.build(project_copy)
    before = digest_tree(project_copy / "data")
    break_data(project_copy)
    raw_after_break = digest_tree(project_copy / "data/raw")
    result = subprocess.run([sys.executable, "-m", "indicators", "build", "--root", str(project_copy)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = (project_copy / "data/raw/curated/services_trade.csv").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if ",10753.7," in text)
    assert f"services_trade.csv, line {line}, column 'value': got 10753.7" in result.stderr
    assert digest_tree(project_copy / "data/processed") == {k[len("processed/"):]: v for k, v in before.items()
                                                           if k.startswith("processed/")}
    assert digest_tree(project_copy / "data/raw") == raw_after_break


def test_cli_missing_registry_is_reported(project_copy, capsys):
    (project_copy / "data/raw/units.csv").unlink()
    assert main(["validate", "--root", str(project_copy)]) == 1
    assert "units.csv" in capsys.readouterr().err


def test_console_script_is_installed():
    exe = sys.executable.rsplit("/", 1)[0] + "/indicators"
    result = subprocess.run([exe, "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "validate" in result.stdout
