"""Command line: ``python -m indicators {validate,build} [--root DIR]`` (also ``indicators``)."""
from __future__ import annotations

import argparse
import logging
import sys

from .exceptions import IndicatorsError


def _validate(args: argparse.Namespace) -> str:
    from .pipeline import assemble

    frame = assemble(args.root)
    return f"ok: {len(frame)} observations pass every check"


def _build(args: argparse.Namespace) -> str:
    from .pipeline import build
    from .paths import project

    frame = build(args.root)
    return f"wrote {len(frame)} observations to {project(args.root).observations}"


COMMANDS = {
    "validate": (_validate, "check the curated data against the contract and the sources; write nothing"),
    "build": (_build, "validate, then write data/processed/observations.csv atomically"),
}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="indicators", description="Economic indicators: targets against outturns.")
    sub = p.add_subparsers(dest="command", required=True)
    for name, (func, help_text) in COMMANDS.items():
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        cmd.add_argument("--root", default=None, metavar="DIR",
                         help="project folder with data/raw/ and data/processed/ (default: this project)")
        cmd.set_defaults(func=func)
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
