"""Benchmarks: each helper against plain pandas/openpyxl, at growing sizes of synthetic data.

Usage::

    python bench/run.py                                  # every case at 10k, 100k and 1M rows
    python bench/run.py --sizes 10000 100000 --cases load validate compare

| case | ours | baseline |
|---|---|---|
| load | ``indicators.load(root)`` of a validated build: the manifest matches, so no checks | ``pd.read_csv`` of the same file, text as ``str``, ``value`` as float64 |
| validate | ``indicators.load(root, validate=True)``: read and check schema, key, provenance | the same ``pd.read_csv`` |
| compare | ``indicators.targets_vs_outturns(data, root=root)`` | ``pd.merge`` of the targets and the outturns |
| excel | ``indicators.write_workbook(data, path, root=root)`` (sizes up to 100k) | ``data.to_excel(path, engine="openpyxl")`` |
| import | ``python -c "import indicators"`` | ``python -c "import pandas"`` |
| report-cold | ``python -m indicators report`` on a fresh copy of the real project | none |
| report-rerun | the same command again, nothing changed | report-cold |

Each case times *ours* and the *baseline* in the same process, alternating the two (the
order flips each round, after a ``gc.collect()``) and reporting medians, so that load from
other processes on a shared machine hits both alike. ``load`` gives the file a new
modification time before each call, since ``indicators.load`` caches its result in the
process until a file changes (the manifest's hashes still match: the content is the same). Output: a ``#`` line naming the machine, then one line per case and size::

    CASE SIZE ratio=R ours=X.XXXs baseline=Y.YYYs

with ``ratio = ours / baseline``; SIZE is ``-`` for a case without a size (``import``,
``report-rerun``) and the number of observations built for ``report-cold``, whose R and Y
are ``n/a``. Then one line per case run at two sizes or more::

    CASE scaling exponent=E baseline_exponent=F

the slope of log(median time) against log(size) (1 is linear), one line per step of the
cold ``python -m indicators report`` (spaces in NAME become ``_``; the notebooks run in
parallel, so the steps add up to more than the wall time)::

    report-cold step=NAME seconds=S

and one line per goal of issues 8 and 16: ``goal CASE WHAT<=LIMIT[ at SIZE]: VALUE met|missed``.

The data are synthetic and satisfy the contract: :func:`make_project` writes a project
folder laid out like the real one (registries from ``data/raw/``, a synthetic series
catalogue and source documents in newspaper layout, and ``data/processed/observations.csv``
whose quotes occur in those documents and print their values).
"""
from __future__ import annotations

import argparse
import gc
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

import indicators
from indicators.data import periods
from indicators.paths import CHECKOUT_ROOT
from indicators.data.schema import schema

SIZES = [10_000, 100_000, 1_000_000]
CASES = ["load", "validate", "compare", "excel", "import", "report"]
#: the excel goal is stated for 100k observations; openpyxl at 1M rows takes minutes
EXCEL_MAX_SIZE = 100_000
#: goals of issues 8 and 16: case -> (what, limit, size it applies at; None: every size run)
GOALS = {
    "load": [("ratio", 1.3, 1_000_000), ("exponent", 1.1, None)],
    "validate": [("ratio", 3.0, 1_000_000)],
    "compare": [("ratio", 3.0, 1_000_000)],
    "excel": [("ratio", 1.0, 100_000)],
    "import": [("ratio", 1.15, None)],
    "report-cold": [("seconds", 60.0, None)],
    "report-rerun": [("ratio", 0.15, None)],
}

# --- synthetic data -----------------------------------------------------------------------

#: registries copied unchanged from the real project
COPIED_REGISTRIES = ["geo", "topics", "units", "qualifiers"]
#: years of synthetic data; each year has 24 periods (the year, 12 months, 11 year-to-dates)
FIRST_YEAR, YEARS = 2000, 25
#: documents the sentences are spread over; a tenth of the sentences is printed in two
N_DOCUMENTS = 6
#: observations quoting one sentence (a level and its growth, as outturn and as target)
ROWS_PER_SENTENCE = 4
#: characters per printed line of the newspaper layout; every 7th line has spaced characters
LINE_WIDTH, SPACED_EVERY = 16, 7

_WORDS_A = ["地区生产总值", "规模以上工业", "社会消费品零售", "固定资产投资", "进出口", "服务业",
            "一般公共预算", "城乡居民", "高新技术产业", "数字经济", "外贸", "金融机构",
            "旅游", "快递业务", "电子信息产业", "先进制造业", "现代农业", "建筑业", "文化产业",
            "航空货运", "中欧班列", "新能源汽车", "集成电路", "生物医药", "会展经济"]
_WORDS_B = ["增加值", "营业收入", "总额", "完成额", "收入", "利润", "投资", "规模", "产值",
            "交易额", "出口额", "贷款余额", "存款余额", "税收", "支出", "销售额", "产量"]
_FILLER = ["本报讯（记者 王小川）", "近日，记者从有关部门获悉。", "据介绍，",
           "下一步，将继续加大工作力度，推动高质量发展。", "（下转第3版）", "（紧接01版）"]


#: the synthetic documents' publication date: after every synthetic period, so their
#: outturns are over and their targets are printed as targets (预期目标)
SYNTHETIC_DATE = "2100-01-01"

def _period_list() -> list[str]:
    out = []
    for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
        out.append(str(year))
        out += [f"{year}-{m:02d}" for m in range(1, 13)]
        out += [f"{year}-01/{year}-{m:02d}" for m in range(2, 13)]
    return out


def _newspaper(text: str) -> str:
    """*text* broken into short lines as a newspaper page prints it, with some lines'
    characters spaced out (``同 比 增 长``) and full-width punctuation."""
    text = text.replace("%", "％").replace(",", "，")
    lines = [text[i:i + LINE_WIDTH] for i in range(0, len(text), LINE_WIDTH)]
    lines = [" ".join(ln) if i % SPACED_EVERY == SPACED_EVERY - 1 else ln for i, ln in enumerate(lines)]
    return "\n".join(lines)


def make_project(root: str | os.PathLike, n: int, *, seed: int = 0) -> Path:
    """Write a synthetic project with *n* observations under *root*; return *root*.

    Layout as the real project: ``data/raw/`` with the real code lists, a synthetic
    ``series.csv`` and ``sources.csv``, documents under ``data/raw/sources/`` and
    ``data/processed/observations.csv`` in the contract's columns, passing
    ``indicators.load`` (schema, key, provenance, value in quote, qualifier wording).
    Each sentence (about 55 characters) prints a level and its growth, as outturn and as
    target (左右 / 以上), and is the quote of four rows; growth declines are printed as 下降
    and stored as negatives. A tenth of the sentences is printed in two documents
    (``also_source_ids``). The documents hold about 15 characters per row: denser than
    the real ones, whose quotes average 19 characters (1.2 rows per quote).
    """
    # load
    root = Path(root)
    raw, processed = root / "data" / "raw", root / "data" / "processed"
    (raw / "sources").mkdir(parents=True, exist_ok=True)
    processed.mkdir(parents=True, exist_ok=True)
    for name in COPIED_REGISTRIES:
        shutil.copy(CHECKOUT_ROOT / "data" / "raw" / f"{name}.csv", raw / f"{name}.csv")
    topics = pd.read_csv(raw / "topics.csv", dtype=str)["topic"].tolist()
    geo = pd.read_csv(raw / "geo.csv", dtype=str, keep_default_na=False)
    rng = np.random.default_rng(seed)

    # process: one sentence per (group, period); a group is a level series and its growth
    period_list = _period_list()
    n_sentences = math.ceil(n / ROWS_PER_SENTENCE)
    n_groups = math.ceil(n_sentences / len(period_list))
    names = [a + b for a in _WORDS_A for b in _WORDS_B]
    names = [names[g % len(names)] + ("" if g < len(names) else f"（{g // len(names)}）")
             for g in range(n_groups)]
    group_geo = [geo["geo"][g % len(geo)] for g in range(n_groups)]
    series = pd.DataFrame(
        [(f"syn.g{g:05d}.{m}", topics[g % len(topics)], group_geo[g], measure,
          f"{names[g]}{suffix_zh}", f"Synthetic indicator {g}{suffix_en}", "")
         for g in range(n_groups)
         for m, measure, suffix_zh, suffix_en in [("level", "level", "", ""),
                                                    ("growth", "yoy_pct", "增长", ", growth")]],
        columns=["series_id", "topic", "geo", "measure", "name_zh", "name_en", "note"])

    j = np.arange(n_sentences)
    group, period = j // len(period_list), np.asarray(period_list)[j % len(period_list)]
    level = np.round(rng.uniform(10, 60000, n_sentences), 1)
    growth = np.round(rng.uniform(-9.9, 30, n_sentences), 1)
    target = np.round(level * rng.uniform(0.9, 1.1, n_sentences), 1)
    target_growth = np.round(rng.uniform(1, 12, n_sentences), 1)
    labels = {p: periods.label(p, "zh") for p in period_list}
    geo_zh = dict(zip(geo["geo"], geo["name_zh"]))
    quotes = [f"{geo_zh[group_geo[g]]}{names[g]}{labels[p]}完成{a}亿元,同比"
              f"{'增长' if b >= 0 else '下降'}{abs(b)}%,预期目标{t}亿元左右、增长{tg}%以上"
              for g, p, a, b, t, tg in zip(group.tolist(), period.tolist(), level.tolist(),
                                           growth.tolist(), target.tolist(), target_growth.tolist())]
    doc = j % N_DOCUMENTS
    also = np.where(j % 10 == 0, (doc + 1) % N_DOCUMENTS, -1)

    sid = np.array([f"S{d:03d}" for d in range(N_DOCUMENTS)] + [""], dtype=object)  # sid[-1]: none
    sentence = np.repeat(j, ROWS_PER_SENTENCE)[:n]
    slot = np.tile(np.arange(ROWS_PER_SENTENCE), n_sentences)[:n]
    prefix = np.array([f"syn.g{g:05d}" for g in range(n_groups)], dtype=object)
    obs = pd.DataFrame({
        "series_id": prefix[group[sentence]] + np.array([".level", ".growth"] * 2, dtype=object)[slot],
        "period": period[sentence],
        "kind": np.array(["outturn", "outturn", "target", "target"], dtype=object)[slot],
        "origin": "printed",
        "vintage": SYNTHETIC_DATE,
        "value": np.stack([level, growth, target, target_growth], 1)[sentence, slot],
        "unit": np.array(["亿元", "%", "亿元", "%"], dtype=object)[slot],
        "qualifier": np.array(["exact", "exact", "about", "at_least"], dtype=object)[slot],
        "source_id": sid[doc[sentence]],
        "quote": np.asarray(quotes, dtype=object)[sentence],
        "also_source_ids": sid[also[sentence]],
        "method": "",
        "note": np.where(sentence % 50 == 0, "synthetic: read from a newspaper page", ""),
    })
    obs = obs.join(series.set_index("series_id")[["topic", "name_zh", "name_en", "geo", "measure"]],
                   on="series_id")

    documents = [[] for _ in range(N_DOCUMENTS)]
    for k, (d, a, q) in enumerate(zip(doc.tolist(), also.tolist(), quotes)):
        text = (_FILLER[k % len(_FILLER)] if k % 5 == 0 else "") + q + "。"
        documents[d].append(text)
        if a >= 0:
            documents[a].append(text)

    # save
    sources = []
    for d, sentences in enumerate(documents):
        file = f"sources/{d:03d}_synthetic.txt"
        paragraphs = ["".join(sentences[i:i + 5]) for i in range(0, len(sentences), 5)]
        (raw / file).write_text("\n\n".join(_newspaper(p) for p in paragraphs) + "\n", encoding="utf-8")
        sources.append((sid[d], file, f"合成文件{d}", f"Synthetic document {d}", "bench", SYNTHETIC_DATE, "", ""))
    pd.DataFrame(sources, columns=["source_id", "file", "title_zh", "title_en", "publisher",
                                   "date_published", "reporting_period", "note"]
                 ).to_csv(raw / "sources.csv", index=False)
    series.to_csv(raw / "series.csv", index=False)
    (raw / "identities.csv").write_text("identity,period,kind,lhs,rhs,tolerance,unit,description\n",
                                        encoding="utf-8")
    (raw / "derivations.csv").write_text("series_id,period,kind,operation,inputs,unit,decimals,note\n",
                                         encoding="utf-8")
    obs[schema().columns].to_csv(processed / "observations.csv", index=False, float_format="%.10g",
                                 lineterminator="\n")
    return root


# --- timing -------------------------------------------------------------------------------

def alternate(ours, baseline, repeats: int) -> tuple[float, float]:
    """Median seconds of *ours* and *baseline*, run alternately *repeats* times each (the
    order flips every round so that drift in the machine's load hits both alike)."""
    times = {"ours": [], "baseline": []}
    for r in range(repeats):
        pair = [("ours", ours), ("baseline", baseline)]
        for name, func in pair if r % 2 == 0 else pair[::-1]:
            if func is None:
                continue
            gc.collect()
            start = time.perf_counter()
            func()
            times[name].append(time.perf_counter() - start)
    return (statistics.median(times["ours"]),
            statistics.median(times["baseline"]) if times["baseline"] else math.nan)


def repeats_for(case: str, size: int) -> int:
    """Rounds per case and size: 5 up to 10k rows, else 3; 2 for the excel case at 100k
    (its baseline alone takes half a minute there)."""
    if size <= 10_000:
        return 5
    return 2 if case == "excel" else 3


def _line(case: str, size, ours: float, baseline: float) -> str:
    if math.isnan(baseline):
        return f"{case} {size} ratio=n/a ours={ours:.3f}s baseline=n/a"
    return f"{case} {size} ratio={ours / baseline:.2f} ours={ours:.3f}s baseline={baseline:.3f}s"


def exponent(sizes: list[int], seconds: list[float]) -> float:
    """Slope of log(seconds) against log(size): 1 is linear, 2 quadratic."""
    return float(np.polyfit(np.log(sizes), np.log(seconds), 1)[0])


# --- cases --------------------------------------------------------------------------------

def _fresh(path: Path):
    """Give *path* a new modification time, so that ``indicators.load`` (which caches its
    result until the file changes) reads and validates it again."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000))


def _baseline_dtypes() -> dict:
    """Text as ``str`` and ``value`` as float64. Not the seven categoricals ``indicators.load``
    returns: read_csv parses categoricals two to three times slower than text (pandas 3.1),
    which would flatter the ratio; ``load`` converts them after reading instead."""
    return {c: ("float64" if c == "value" else str) for c in schema().columns}


def _validated_build(root: Path) -> None:
    """Check *root*'s observations in full, then record the manifest a build would write."""
    from indicators.data.manifest import changes, input_hashes, write_manifest
    from indicators.paths import project

    proj = project(root)
    if changes(proj):
        indicators.load(root, validate=True)
        write_manifest(proj, input_hashes(proj))


def case_load(root: Path, repeats: int, *, validate: bool | None = None) -> tuple[float, float]:
    path = root / "data" / "processed" / "observations.csv"
    dtypes = _baseline_dtypes()
    if validate is None:
        _validated_build(root)

    def ours():
        _fresh(path)
        indicators.load(root, validate=validate)

    def baseline():
        pd.read_csv(path, dtype=dtypes, keep_default_na=False, na_filter=False, encoding="utf-8")

    return alternate(ours, baseline, repeats)


def case_validate(root: Path, repeats: int) -> tuple[float, float]:
    return case_load(root, repeats, validate=True)


def case_compare(root: Path, repeats: int) -> tuple[float, float]:
    data = indicators.load(root)

    def ours():
        indicators.targets_vs_outturns(data, root=root)

    def baseline():
        targets = data[data["kind"] == "target"]
        outturns = data[data["kind"] == "outturn"]
        pd.merge(targets, outturns, on=["series_id", "period"], how="left", suffixes=("", "_outturn"))

    return alternate(ours, baseline, repeats)


def case_excel(root: Path, repeats: int) -> tuple[float, float]:
    data = indicators.load(root)
    out = root / "bench-excel"
    out.mkdir(exist_ok=True)

    def ours():
        indicators.write_workbook(data, out / "ours.xlsx", root=root)

    def baseline():
        data.to_excel(out / "baseline.xlsx", engine="openpyxl", index=False)

    return alternate(ours, baseline, repeats)


def case_import(repeats: int) -> tuple[float, float]:
    def run(module):
        return lambda: subprocess.run([sys.executable, "-c", f"import {module}"], check=True)

    return alternate(run("indicators"), run("pandas"), repeats)


def case_report(workdir: Path) -> tuple[float, float, list[tuple[str, float]], int]:
    """Run ``python -m indicators report`` on a copy of the real project, then again with
    nothing changed; return both wall times, the seconds per step of the first run and the
    number of observations built."""
    root = workdir / "report-project"
    shutil.copytree(CHECKOUT_ROOT / "data" / "raw", root / "data" / "raw")
    (root / "data" / "processed").mkdir(parents=True)
    if (CHECKOUT_ROOT / "notebooks").is_dir():
        shutil.copytree(CHECKOUT_ROOT / "notebooks", root / "notebooks",
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    seconds, stdouts = [], []
    for _ in ("cold", "rerun"):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "indicators", "report", "--root", str(root)],
                              capture_output=True, text=True, cwd=root)
        seconds.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise RuntimeError(f"`python -m indicators report` failed:\n{done.stderr[-3000:]}")
        stdouts.append(done.stdout)
    with open(root / "data" / "processed" / "observations.csv", encoding="utf-8") as f:
        n = sum(1 for _ in f) - 1
    return seconds[0], seconds[1], report_steps(stdouts[0]), n


def report_steps(stdout: str) -> list[tuple[str, float]]:
    """The (step, seconds) lines ``python -m indicators report`` prints, without the total:
    ``    0.1s  build data/processed``."""
    steps = []
    for line in stdout.splitlines():
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)s\s+(.+?)\s*", line)
        if m and m.group(2) != "total":
            steps.append((m.group(2), float(m.group(1))))
    return steps


# --- main ---------------------------------------------------------------------------------

def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", nargs="+", type=int, default=SIZES, metavar="N",
                   help=f"numbers of observations (default: {' '.join(map(str, SIZES))})")
    p.add_argument("--cases", nargs="+", choices=CASES, default=CASES, metavar="CASE",
                   help=f"cases to run, of {', '.join(CASES)} (default: all)")
    p.add_argument("--repeats", type=int, default=None,
                   help="rounds per case and size (default: 5 up to 10k rows, else 3, 2 for excel; "
                        "9 for import)")
    return p


def _goal_lines(results: dict, exponents: dict) -> list[str]:
    out = []
    for case, goals in GOALS.items():
        for what, limit, at in goals:
            if what == "exponent":
                if case in exponents:
                    e = exponents[case]
                    out.append(f"goal {case} exponent<={limit}: {e:.2f} {'met' if e <= limit else 'missed'}")
                continue
            for size, (ours, base) in results.get(case, {}).items():
                if at is not None and size != at:
                    continue
                value = ours if what == "seconds" else ours / base
                where = "" if size == "-" else f" at {size}"
                out.append(f"goal {case} {what}<={limit:g}{where}: {value:.2f} "
                           f"{'met' if value <= limit else 'missed'}")
    return out


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    sizes = sorted(set(args.sizes))
    print(f"# {os.cpu_count()} cores, Python {sys.version.split()[0]}, pandas {pd.__version__}, "
          f"numpy {np.__version__}; load average {os.getloadavg()[0]:.2f}", flush=True)
    results: dict[str, dict] = {}
    exponents: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="indicators-bench-") as tmp:
        tmp = Path(tmp)
        sized = [c for c in args.cases if c in ("load", "validate", "compare", "excel")]
        for size in sizes if sized else []:
            root = make_project(tmp / f"n{size}", size)
            for case in sized:
                if case == "excel" and size > EXCEL_MAX_SIZE:
                    continue
                func = {"load": case_load, "validate": case_validate, "compare": case_compare,
                        "excel": case_excel}[case]
                if not results.get(case):  # warm up: imports, registries, caches
                    func(root, 1)
                ours, base = func(root, args.repeats or repeats_for(case, size))
                results.setdefault(case, {})[size] = (ours, base)
                print(_line(case, size, ours, base), flush=True)
            shutil.rmtree(root)
        for case in sized:
            done = results.get(case, {})
            if len(done) >= 2:
                xs = sorted(done)
                exponents[case] = exponent(xs, [done[s][0] for s in xs])
                base_e = exponent(xs, [done[s][1] for s in xs])
                print(f"{case} scaling exponent={exponents[case]:.2f} baseline_exponent={base_e:.2f}", flush=True)
        if "import" in args.cases:
            ours, base = case_import(args.repeats or 9)
            results["import"] = {"-": (ours, base)}
            print(_line("import", "-", ours, base), flush=True)
        if "report" in args.cases:
            cold, rerun, steps, n = case_report(tmp)
            results["report-cold"] = {n: (cold, math.nan)}
            print(_line("report-cold", n, cold, math.nan), flush=True)
            for step, s in steps:
                print(f"report-cold step={'_'.join(step.split())} seconds={s:.1f}", flush=True)
            results["report-rerun"] = {"-": (rerun, cold)}
            print(_line("report-rerun", "-", rerun, cold), flush=True)
    for line in _goal_lines(results, exponents):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
