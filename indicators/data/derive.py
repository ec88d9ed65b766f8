"""Derived figures: numbers the documents imply but do not print, computed by code.

Each row of ``data/raw/derivations.csv`` names an output series and period, an operation,
its inputs (``series@period; series@period``), the output unit and the decimals it keeps.
The result is a ``kind = derived`` observation whose ``method`` says how it was computed,
from which figures and with which values, so it can be checked by hand.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import pandas as pd

from ..exceptions import Problem
from .read import FILE, LINE
from .registry import Registries


@dataclass(frozen=True)
class Operation:
    arity: int
    formula: str  # how the method note writes it, with a and b the inputs in order
    same_unit: bool  # inputs are converted to the output unit first
    compute: Callable[..., float]


OPERATIONS: dict[str, Operation] = {
    "divide_by_pct": Operation(2, "a ÷ (b / 100)", True, lambda a, b: a / (b / 100)),
    "prior_from_growth": Operation(2, "a ÷ (1 + b / 100)", True, lambda a, b: a / (1 + b / 100)),
    "difference": Operation(2, "a − b", True, lambda a, b: a - b),
    "share_pct": Operation(2, "a ÷ b × 100", False, lambda a, b: a / b * 100),
    # b is a plain multiplier in another dimension (倍), e.g. rural income × urban–rural ratio
    "product": Operation(2, "a × b", True, lambda a, b: a * b),
}

#: where a derivation looks for an input, best first
_INPUT_KINDS = ("outturn", "estimate", "derived")


def derive(frame: pd.DataFrame, registries: Registries) -> tuple[pd.DataFrame, list[Problem]]:
    """Compute every derivation of *registries* from the printed rows in *frame*.

    Derivations run in file order, so one may use the result of an earlier one.

    Returns
    -------
    (DataFrame, list of Problem)
        The derived rows, in the observations layout, and the problems met (unknown
        operation, missing input, incompatible units).
    """
    catalogue = registries["series"].set_index("series_id")
    mult, dims = registries.multipliers, registries["units"].set_index("unit")["dimension"]
    known = {(r.series_id, r.period, r.kind): r for r in frame.itertuples(index=False)}
    rows, problems = [], []
    for _, spec in registries["derivations"].iterrows():
        where = (spec[FILE], int(spec[LINE]))
        op = OPERATIONS.get(spec.operation)
        if op is None:
            problems.append(Problem(*where, "operation", spec.operation, f"one of {sorted(OPERATIONS)}"))
            continue
        refs = [r.strip() for r in spec.inputs.split(";") if r.strip()]
        inputs = [_find(known, ref) for ref in refs]
        if len(refs) != op.arity or any(i is None for i in inputs):
            missing = [ref for ref, i in zip(refs, inputs) if i is None]
            problems.append(Problem(*where, "inputs", spec.inputs,
                                    f"{op.arity} inputs 'series@period' separated by ';' that are in the data"
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
        used = "; ".join(f"{ab} = {ref} {i.kind} {i.value:g} {i.unit}" for ab, ref, i in zip("ab", refs, inputs))
        meta = catalogue.loc[spec.series_id]
        row = {
            "series_id": spec.series_id, "topic": meta.topic, "name_zh": meta.name_zh,
            "name_en": meta.name_en, "geo": meta.geo, "period": spec.period, "kind": "derived",
            "measure": meta.measure, "value": value, "unit": spec.unit,
            "qualifier": "exact" if all(i.qualifier == "exact" for i in inputs) else "about",
            "source_id": "", "quote": "", "also_source_ids": "",
            "method": f"{spec.operation}: {op.formula}, rounded to {int(spec.decimals)} decimals; {used}",
            "note": spec.note, FILE: where[0], LINE: where[1],
        }
        known[(spec.series_id, spec.period, "derived")] = SimpleNamespace(**row)
        rows.append(row)
    return pd.DataFrame(rows, columns=list(frame.columns)), problems


def _find(known: dict, ref: str):
    series_id, _, period = ref.partition("@")
    for kind in _INPUT_KINDS:
        if (series_id, period, kind) in known:
            return known[(series_id, period, kind)]
    return None
