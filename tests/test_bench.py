"""`bench/run.py`: its synthetic data satisfy the contract and its output keeps the documented
format. No timings are asserted: they depend on the machine and its load."""
from __future__ import annotations

import importlib.util
import re

import pandas as pd
import pytest

import indicators
from indicators.exceptions import DataValidationError
from indicators.paths import CHECKOUT_ROOT


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_run", CHECKOUT_ROOT / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_synthetic_data_pass_every_check_of_load(bench, tmp_path):
    bench.make_project(tmp_path, 1001)
    data = indicators.load(tmp_path)
    assert len(data) == 1001
    assert set(data["kind"]) == {"outturn", "target"}
    assert {"about", "at_least", "exact"} <= set(data["qualifier"])
    assert (data["value"] < 0).any(), "declines (下降) should be among the values"
    assert data["also_source_ids"].ne("").any()


def test_synthetic_sources_are_laid_out_like_a_newspaper(bench, tmp_path):
    bench.make_project(tmp_path, 200)
    text = (tmp_path / "data/raw/sources/000_synthetic.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert max(len(ln) for ln in lines) <= 2 * bench.LINE_WIDTH
    assert any(" " in ln.strip() for ln in lines), "some lines should have spaced-out characters"
    assert "，" in text and "％" in text


def test_synthetic_data_are_really_validated(bench, tmp_path):
    bench.make_project(tmp_path, 200)
    path = tmp_path / "data/processed/observations.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[5, "value"] = "123456.7"
    frame.to_csv(path, index=False)
    with pytest.raises(DataValidationError, match=r"line 7, column 'value': got 123456.7; expected a value "
                                                  r"printed in the quote"):
        indicators.load(tmp_path)


LINE = {
    "machine": r"# \d+ cores, Python \S+, pandas \S+, numpy \S+; load average \d+\.\d\d",
    "case": r"(load|validate|compare|excel|import|report-cold|report-rerun) (\d+|-) ratio=(\d+\.\d\d|n/a) ours=\d+\.\d{3}s "
            r"baseline=(\d+\.\d{3}s|n/a)",
    "scaling": r"(load|validate|compare|excel) scaling exponent=-?\d+\.\d\d baseline_exponent=-?\d+\.\d\d",
    "step": r"report-cold step=\S+ seconds=\d+\.\d",
    "goal": r"goal (load|validate|compare|excel|import|report-cold|report-rerun) (ratio|exponent|seconds)<=[\d.]+( at \d+)?: "
            r"-?\d+\.\d\d (met|missed)",
}


def test_output_lines_follow_the_documented_format(bench, capsys):
    bench.main(["--sizes", "300", "600", "--cases", "load", "validate", "compare", "excel", "import",
                "--repeats", "1"])
    lines = capsys.readouterr().out.splitlines()
    kinds = [next((k for k, pattern in LINE.items() if re.fullmatch(pattern, ln)), ln) for ln in lines]
    assert set(kinds) <= set(LINE), f"lines outside the documented format: {set(kinds) - set(LINE)}"
    cases = [ln.split()[:2] for ln, k in zip(lines, kinds) if k == "case"]
    assert cases == [["load", "300"], ["validate", "300"], ["compare", "300"], ["excel", "300"],
                     ["load", "600"], ["validate", "600"], ["compare", "600"], ["excel", "600"], ["import", "-"]]
    assert kinds.count("scaling") == 4
    assert any(ln.startswith("goal import ratio<=1.15: ") for ln in lines)


def test_report_steps_are_read_from_the_command_output(bench):
    stdout = "    0.1s  build data/processed\n    4.8s  notebook 01-gdp\n    4.9s  total\n"
    assert bench.report_steps(stdout) == [("build data/processed", 0.1), ("notebook 01-gdp", 4.8)]


def test_scaling_exponent_is_the_slope_in_log_log(bench):
    assert bench.exponent([1_000, 10_000, 100_000], [0.01, 0.1, 1.0]) == pytest.approx(1.0)
    assert bench.exponent([1_000, 10_000], [0.01, 1.0]) == pytest.approx(2.0)
