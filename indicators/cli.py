"""Command line: ``python -m indicators {validate,build,report,excel,docs} [--root DIR]`` (also ``indicators``)."""
from __future__ import annotations

import argparse
import logging
import sys

from .exceptions import IndicatorsError


def _validate(args: argparse.Namespace) -> str:
    from .data.build import assemble

    frame = assemble(args.root)
    return f"ok: {len(frame)} observations pass every check"


def _build(args: argparse.Namespace) -> str:
    from .data.build import build
    from .paths import project

    frame = build(args.root)
    return f"wrote {len(frame)} observations to {project(args.root).observations}"


def _report(args: argparse.Namespace) -> str:
    import time

    from .data.build import build
    from .export.workbook import write_workbook
    from .report.notebooks import run_notebooks

    timings = []
    start = time.perf_counter()
    build(args.root)
    timings.append(("build data/processed", time.perf_counter() - start))
    runs = run_notebooks(args.root, parameters={"lang": args.lang} if args.lang else None, code=args.code)
    timings += [(f"notebook {r.notebook.stem}", r.seconds) for r in runs]
    start = time.perf_counter()
    write_workbook(root=args.root)
    timings.append(("workbook reports/indicators.xlsx", time.perf_counter() - start))
    return "\n".join(f"{seconds:7.1f}s  {step}" for step, seconds in timings) + \
        f"\n{sum(s for _, s in timings):7.1f}s  total"


def _excel(args: argparse.Namespace) -> str:
    from .export.workbook import write_workbook

    return f"wrote {write_workbook(path=args.output, root=args.root)}"


def _docs(args: argparse.Namespace) -> str:
    from .report.docs import update_readme

    return "README.md updated" if update_readme(args.root) else "README.md is current"


COMMANDS = {
    "validate": (_validate, "check the curated data against the contract and the sources; write nothing"),
    "build": (_build, "validate, then write data/processed/observations.csv atomically"),
    "report": (_report, "build, execute the notebooks (figures/, reports/*.html) and write the workbook"),
    "docs": (_docs, "refresh README.md's generated sections (data dictionary, derivation operations)"),
    "excel": (_excel, "write the Excel workbook (reports/indicators.xlsx) from data/processed/ atomically"),
}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="indicators", description="Economic indicators: targets against outturns.")
    sub = p.add_subparsers(dest="command", required=True)
    for name, (func, help_text) in COMMANDS.items():
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        cmd.add_argument("--root", default=None, metavar="DIR",
                         help="project folder with data/raw/ and data/processed/ (default: this project)")
        cmd.set_defaults(func=func)
    sub.choices["report"].add_argument("--lang", choices=["zh", "en"], default=None,
                                       help="language of the notebooks' charts (default: each notebook's own)")
    sub.choices["report"].add_argument("--code", action="store_true",
                                       help="also write the pages with their code, to reports/code/*.html")
    sub.choices["excel"].add_argument("--output", default=None, metavar="FILE",
                                      help="where to write the workbook (default: reports/indicators.xlsx)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s", stream=sys.stderr)
    try:
        print(args.func(args))
    except IndicatorsError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0
