"""Command line: ``python -m indicators [--root DIR] {validate,build,report,excel,docs,suggest}`` (also ``indicators``)."""
from __future__ import annotations

import argparse
import logging
import os
import sys

from .exceptions import DataValidationError, IndicatorsError
from .paths import MARKER, ROOT_ENV_VAR, check_root, find_root

log = logging.getLogger("indicators")


def _validate(args: argparse.Namespace) -> str:
    from .data.build import assemble

    frame = _reported(assemble, args.root)
    return f"ok: {len(frame)} observations pass every check"


def _reported(step, root):
    """Run *step* (root); data problems become one error listing them all, grouped by file."""
    from .data.validate import problem_report

    try:
        return step(root)
    except DataValidationError as err:
        raise IndicatorsError(problem_report(err.problems, root=root)) from None


def _build(args: argparse.Namespace) -> str:
    from .data.build import build
    from .paths import project

    frame = _reported(build, args.root)
    return f"wrote {len(frame)} observations to {project(args.root).observations}"


def _report(args: argparse.Namespace) -> str:
    import time

    from ._hashing import file_hash
    from .analysis.attainment import choose_period
    from .data.build import build
    from .data.dataset import load
    from .data.manifest import changes
    from .export.tables import tables_dir
    from .export.workbook import write_workbook
    from .paths import project
    from .report import cache
    from .report.notebooks import run_notebooks

    proj = project(args.root)
    timings = []
    begin = start = time.perf_counter()
    fresh = proj.observations.is_file() and not changes(proj)  # the manifest: validated by a build
    if not fresh:
        build(args.root)
    timings.append(("build data/processed" + (" (unchanged)" if fresh else ""), time.perf_counter() - start))
    period = choose_period(load(args.root), args.period)
    log.info("target period %s (%s)", period, "as asked" if args.period else
             "the latest target period with outturns, else the latest; choose another with --period")
    parameters = {"period": period} | ({"lang": args.lang} if args.lang else {})
    runs = run_notebooks(args.root, parameters=parameters, code=args.code)
    timings += [(f"notebook {r.notebook.stem}" + (" (unchanged)" if r.cached else ""), r.seconds) for r in runs]
    start = time.perf_counter()
    tables = sorted(tables_dir(args.root).glob("*.csv"))
    key = cache.key(cache.data_key(proj), {p.name: file_hash(p) for p in tables}, period)
    fresh = cache.fresh(proj, "workbook", key)
    if not fresh:
        cache.record(proj, {"workbook": (key, [write_workbook(period=period, root=args.root)])})
    timings.append(("workbook reports/indicators.xlsx" + (" (unchanged)" if fresh else ""),
                    time.perf_counter() - start))
    # notebooks run in parallel: the total is the wall time, less than the sum of the steps
    return "\n".join(f"{seconds:7.1f}s  {step}" for step, seconds in timings) + \
        f"\n{time.perf_counter() - begin:7.1f}s  total"


def _excel(args: argparse.Namespace) -> str:
    from .export.workbook import write_workbook

    return f"wrote {write_workbook(path=args.output, period=args.period, root=args.root)}"


def _docs(args: argparse.Namespace) -> str:
    from .report.docs import update_readme

    return "README.md updated" if update_readme(args.root) else "README.md is current"


def _suggest(args: argparse.Namespace) -> str:
    from .curate.read import read_document
    from .curate.suggest import default_output, suggest, write_beside, write_draft

    document = read_document(args.file)
    output = args.output or default_output(args.root, args.source_id)
    done = []
    if document.extracted:  # first, so that a source still to register has its text and row
        text, row = write_beside(document, output, source_id=args.source_id,
                                 source_file=args.file, root=args.root)
        done.append(f"wrote the text it read to {text} and a draft sources.csv row to {row}")
    draft = suggest(document.text, source_id=args.source_id, root=args.root,
                    include_all=args.all, existing=args.existing)
    path = write_draft(draft, output, root=args.root)
    figures = int(draft["figure"].sum())
    checks = int((draft["review"][draft["figure"]] != "").sum())
    return "\n".join(done + [f"wrote {figures} draft row(s) ({checks} to check, see the review column) to {path}"])


COMMANDS = {
    "validate": (_validate, "check the curated data against the contract and the sources; write nothing but, past a screenful, the list of problems"),
    "build": (_build, "validate, then write data/processed/ (observations.csv, datapackage.json) atomically"),
    "report": (_report, "build, execute the notebooks (figures/, reports/*.html) and write the workbook; "
                        "each step only when what it reads changed"),
    "docs": (_docs, "refresh README.md's generated sections (data dictionary, derivation operations)"),
    "suggest": (_suggest, "draft curated rows (series, kind, period, quote) from a document's figures, "
                          "for review; never writes under data/raw/"),
    "excel": (_excel, "write the Excel workbook (reports/indicators.xlsx) from data/processed/ atomically"),
}


ROOT_HELP = (f"project folder, the one holding {MARKER.as_posix()} (default: ${ROOT_ENV_VAR}, "
             "else the current folder or the nearest parent that holds it)")
EPILOG = (f"The project is --root DIR, else the folder in the {ROOT_ENV_VAR} environment variable, "
          f"else the current folder or its nearest parent holding {MARKER.as_posix()}. "
          "--root may come before or after the command.")


def parser() -> argparse.ArgumentParser:
    from importlib.metadata import version

    p = argparse.ArgumentParser(prog="indicators", description="Economic indicators: targets against outturns.",
                                epilog=EPILOG)
    p.add_argument("--version", action="version", version=f"%(prog)s {version('indicators')}")
    p.add_argument("--root", default=None, metavar="DIR", help=ROOT_HELP)
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (func, help_text) in COMMANDS.items():
        cmd = sub.add_parser(name, help=help_text, description=help_text, epilog=EPILOG)
        # SUPPRESS: absent after the command, it keeps the value given before it
        cmd.add_argument("--root", default=argparse.SUPPRESS, metavar="DIR", help=ROOT_HELP)
        cmd.set_defaults(func=func)
    sub.choices["report"].add_argument("--lang", choices=["zh", "en"], default=None,
                                       help="language of the notebooks' charts (default: each notebook's own)")
    sub.choices["report"].add_argument("--period", default=None, metavar="PERIOD",
                                       help="target period to report on, e.g. 2025 (default: the latest target "
                                            "period with outturns, else the latest)")
    sub.choices["report"].add_argument("--code", action="store_true",
                                       help="also write the pages with their code, to reports/code/*.html")
    sub.choices["excel"].add_argument("--output", default=None, metavar="FILE",
                                      help="where to write the workbook (default: reports/indicators.xlsx)")
    sub.choices["excel"].add_argument("--period", default=None, metavar="PERIOD",
                                      help="target period of the Charts sheet, e.g. 2025 (default: the latest "
                                           "target period with outturns, else the latest)")
    suggest = sub.choices["suggest"]
    suggest.add_argument("file", metavar="FILE", help="the document: UTF-8 or GB18030 text")
    suggest.add_argument("--source-id", required=True, metavar="ID",
                         help="its id in data/raw/sources.csv (register the document there first)")
    suggest.add_argument("--output", default=None, metavar="DRAFT.csv",
                         help="where to write the draft (default: drafts/ID.csv in the project folder)")
    suggest.add_argument("--all", action="store_true",
                         help="also list the numbers that are not figures, with the reason in the review column")
    suggest.add_argument("--existing", action="store_true",
                         help="a registered source: list only the figures neither curated nor excluded")
    return p


def resolve_root(root: str | None):
    """The project folder the command works on: *root*, ``INDICATORS_ROOT`` or the nearest one found."""
    explicit = root or os.environ.get(ROOT_ENV_VAR)
    return check_root(explicit) if explicit else find_root()


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s", stream=sys.stderr)
    try:
        args.root = resolve_root(args.root)
        print(args.func(args))
    except IndicatorsError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0
