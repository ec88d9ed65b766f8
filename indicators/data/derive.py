"""Derived figures: numbers the documents imply but do not print, computed by code.

Each row of ``data/raw/derivations.csv`` names an output series, period and kind (a
derived figure is still an outturn, a target or an estimate: an annual plan implied by
completed investment ÷ completion rate is a derived *target*), an operation, its inputs
(``series@period`` for the best actual figure, or ``series@period:kind`` for another kind,
separated by ``;``), the output unit and the decimals it keeps. The result is an
``origin = derived`` observation whose ``method`` says how it was computed, from which
figures and with which values, so it can be checked by hand. Inputs are the latest
vintage of each figure; the derived row takes the latest vintage among its inputs.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import pandas as pd

from ..exceptions import Problem
from .figures import ACTUAL_KINDS
from .read import FILE, LINE
from .registry import Registries
from .schema import schema
from .units import convert, dimension
from .vintages import select


@dataclass(frozen=True)
class Operation:
    arity: int
    formula: str  # how the method note writes it, with a and b the inputs in order
    same_unit: bool  # inputs are converted to the output unit first
    compute: Callable[..., float]
    use: str  # what it is for, in the README's list of operations


OPERATIONS: dict[str, Operation] = {
    "divide_by_pct": Operation(2, "a ÷ (b / 100)", True, lambda a, b: a / (b / 100),
                               "a plan implied by the amount completed and the completion rate (%)"),
    "times_pct": Operation(2, "a × b / 100", True, lambda a, b: a * b / 100,
                           "the amount completed from a plan and its completion rate (%)"),
    "prior_from_growth": Operation(2, "a ÷ (1 + b / 100)", True, lambda a, b: a / (1 + b / 100),
                                   "the year-earlier base implied by a level and its growth (%)"),
    "growth_pct": Operation(2, "(a ÷ b − 1) × 100", False, lambda a, b: (a / b - 1) * 100,
                            "growth (%) from a level and the level a year earlier"),
    "difference": Operation(2, "a − b", True, lambda a, b: a - b,
                            "a balance or a remainder (a year-to-date total less one month)"),
    "sum": Operation(2, "a + b", True, lambda a, b: a + b, "a total of two parts"),
    "share_pct": Operation(2, "a ÷ b × 100", False, lambda a, b: a / b * 100,
                           "a part as a share (%) of its total"),
    # b is a plain multiplier in another dimension (倍), e.g. rural income × urban–rural ratio
    "product": Operation(2, "a × b", True, lambda a, b: a * b,
                         "an amount times a plain multiplier (倍), e.g. rural income × urban–rural ratio"),
}

#: an input as a ``method`` note records it: ``a = series@period kind value unit``
_METHOD_INPUT = re.compile(r"([a-z0-9_]+(?:\.[a-z0-9_]+)+)@(\S+) (outturn|estimate|target|derived)\b")


def method_inputs(method: str) -> list[tuple[str, str, str]]:
    """The (series_id, period, kind) of each input a derived row's *method* names, in order."""
    return _METHOD_INPUT.findall(method or "")


def method_operation(method: str) -> str:
    """The operation a derived row's *method* names (``difference``, ``share_pct`` …)."""
    return (method or "").split(":", 1)[0]


def references(inputs: str) -> list[tuple[str, str, str]]:
    """The (series_id, period, kind) of each of a derivation's ``inputs`` (``series@period`` or
    ``series@period:kind``, separated by ``;``); kind is ``""`` for the best actual figure."""
    refs = []
    for ref in (r.strip() for r in inputs.split(";") if r.strip()):
        series_id, _, rest = ref.partition("@")
        period, _, kind = rest.partition(":")
        refs.append((series_id, period, kind))
    return refs


def derive(frame: pd.DataFrame, registries: Registries) -> tuple[pd.DataFrame, list[Problem]]:
    """Compute every derivation of *registries* from the printed rows in *frame*.

    Derivations run in file order, so one may use the result of an earlier one. An input
    is the latest vintage of its figure, printed rather than derived where both exist.

    Returns
    -------
    (DataFrame, list of Problem)
        The derived rows, in the observations layout, and the problems met (unknown
        operation, missing input, incompatible units).
    """
    catalogue = registries["series"].set_index("series_id")
    mult = registries.multipliers
    known = {(r.series_id, r.period, r.kind): r for r in select(frame).itertuples(index=False)}
    rows, problems = [], []
    for _, spec in registries["derivations"].iterrows():
        where = (spec[FILE], int(spec[LINE]))
        op = OPERATIONS.get(spec.operation)
        if op is None:
            problems.append(Problem(*where, "operation", spec.operation, f"one of {sorted(OPERATIONS)}"))
            continue
        if spec.kind not in schema().field("kind").enum:
            problems.append(Problem(*where, "kind", spec.kind, "outturn, target or estimate: what the derived "
                                    "figure is (an implied plan is a target)"))
            continue
        refs = references(spec.inputs)
        inputs = [_find(known, *ref) for ref in refs]
        if len(refs) != op.arity or any(i is None for i in inputs):
            missing = [f"{s}@{p}" + (f":{k}" if k else "") for (s, p, k), i in zip(refs, inputs) if i is None]
            problems.append(Problem(*where, "inputs", spec.inputs,
                                    f"{op.arity} inputs 'series@period' (the outturn, else the estimate) or "
                                    "'series@period:kind', separated by ';', that are in the data"
                                    + (f" (not found: {missing})" if missing else "")))
            continue
        if any(i.unit not in mult.index for i in inputs):
            continue  # an input with an unknown unit is reported by the schema check
        if spec.series_id not in catalogue.index or spec.unit not in mult.index:
            problems.append(Problem(*where, "series_id", spec.series_id,
                                    "a series in series.csv and a unit in units.csv"))
            continue
        args, problem = _arguments(op, inputs, spec, registries)
        if problem:
            problems.append(Problem(*where, *problem))
            continue
        value = round(op.compute(*args), int(spec.decimals))
        used = "; ".join(f"{ab} = {i.series_id}@{i.period} {i.kind}{' (derived)' if i.origin == 'derived' else ''} "
                         f"{i.value:g} {i.unit}" for ab, i in zip("ab", inputs))
        meta = catalogue.loc[spec.series_id]
        row = {
            "series_id": spec.series_id, "topic": meta.topic, "name_zh": meta.name_zh,
            "name_en": meta.name_en, "geo": meta.geo, "period": spec.period, "kind": spec.kind,
            "origin": "derived", "vintage": max(i.vintage for i in inputs),
            "measure": meta.measure, "value": value, "unit": spec.unit,
            "qualifier": "exact" if all(i.qualifier == "exact" for i in inputs) else "about",
            "source_id": "", "quote": "", "also_source_ids": "",
            "method": f"{spec.operation}: {op.formula}, rounded to {int(spec.decimals)} decimals; {used}",
            "note": spec.note, FILE: where[0], LINE: where[1],
        }
        known.setdefault((spec.series_id, spec.period, spec.kind), SimpleNamespace(**row))
        rows.append(row)
    return pd.DataFrame(rows, columns=list(frame.columns)), problems


def _arguments(op: Operation, inputs: list, spec, registries: Registries) -> tuple[list[float], tuple | None]:
    """The inputs' values ready for *op* (converted through units.csv), or the problem
    (column, value, expected) that stops it."""
    dims = [dimension(i.unit, registries=registries) for i in inputs]
    if op.same_unit:
        out_dim = dimension(spec.unit, registries=registries)
        if dims[0] != out_dim:
            return [], ("unit", spec.unit, f"a unit of dimension {dims[0]!r} like the first input")
        # an input of another dimension (a plain multiplier: 倍) is used as printed
        return [float(convert(i.value, i.unit, spec.unit, registries=registries)) if d == out_dim else i.value
                for i, d in zip(inputs, dims)], None
    if dims[0] != dims[1]:
        return [], ("inputs", spec.inputs, "two inputs in units of one dimension")
    first = inputs[0].unit
    return [float(convert(i.value, i.unit, first, registries=registries)) for i in inputs], None


def _find(known: dict, series_id: str, period: str, kind: str = ""):
    """The figure of *kind* of the rows found so far, or with no kind the best actual figure
    (see :data:`~indicators.data.figures.ACTUAL_KINDS`); None when there is none."""
    for kind in (kind,) if kind else ACTUAL_KINDS:
        if (series_id, period, kind) in known:
            return known[(series_id, period, kind)]
    return None
