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

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import pandas as pd

from ..exceptions import Problem
from .read import FILE, LINE
from .registry import Registries
from .schema import schema
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

#: an input without ``:kind`` is the best actual figure: the outturn, else the estimate
_ACTUAL = ("outturn", "estimate")


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
    mult, dims = registries.multipliers, registries["units"].set_index("unit")["dimension"]
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
        refs = [r.strip() for r in spec.inputs.split(";") if r.strip()]
        inputs = [_find(known, ref) for ref in refs]
        if len(refs) != op.arity or any(i is None for i in inputs):
            missing = [ref for ref, i in zip(refs, inputs) if i is None]
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
        if op.same_unit:
            a_dim = dims[inputs[0].unit]
            if a_dim != dims[spec.unit]:
                problems.append(Problem(*where, "unit", spec.unit, f"a unit of dimension {a_dim!r} like the first input"))
                continue
            args = [i.value * mult[i.unit] / mult[spec.unit] if dims[i.unit] == a_dim else i.value for i in inputs]
        else:
            if dims[inputs[0].unit] != dims[inputs[1].unit]:
                problems.append(Problem(*where, "inputs", spec.inputs, "two inputs in units of one dimension"))
                continue
            args = [i.value * mult[i.unit] for i in inputs]
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


def _find(known: dict, ref: str):
    """The figure *ref* (``series@period`` or ``series@period:kind``) names, or None."""
    series_id, _, rest = ref.partition("@")
    period, _, kind = rest.partition(":")
    for k in (kind,) if kind else _ACTUAL:
        if (series_id, period, k) in known:
            return known[(series_id, period, k)]
    return None
