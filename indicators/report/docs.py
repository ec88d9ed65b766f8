"""The README's generated sections: the data dictionary and the list of every series.

``python -m indicators docs`` rewrites the blocks between ``<!-- BEGIN generated:NAME -->`` and
``<!-- END generated:NAME -->`` in README.md; a test fails when they fall behind the schema or
the data.
"""
from __future__ import annotations

import os
import re

import pandas as pd

from .._atomic import atomic_path
from ..data.schema import data_dictionary
from ..paths import project


def series_list(data: pd.DataFrame) -> str:
    """Markdown table of every series: id, names, measure, unit(s), kinds, periods and sources."""
    data = data.astype({c: str for c in ["series_id", "kind", "unit", "period", "source_id", "measure", "topic"]})
    rows = ["| series_id | 名称 | name | measure | unit | kinds | periods | sources |",
            "|---|---|---|---|---|---|---|---|"]
    for (topic, series_id), group in data.groupby(["topic", "series_id"], sort=True):
        sources = sorted(set(group["source_id"]) - {""}) or ["derived"]
        cells = [f"`{series_id}`", group["name_zh"].iloc[0], group["name_en"].iloc[0], group["measure"].iloc[0],
                 " ".join(sorted(set(group["unit"]))), " ".join(sorted(set(group["kind"]))),
                 " ".join(sorted(set(group["period"]))), " ".join(sources)]
        rows.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(rows)


def sections(data: pd.DataFrame) -> dict[str, str]:
    """Generated README sections by name."""
    n_series = data["series_id"].nunique()
    summary = (f"{len(data)} observations in {n_series} series "
               f"({int(data['kind'].astype(str).eq('derived').sum())} derived).\n\n")
    return {"data-dictionary": data_dictionary(), "series": summary + series_list(data)}


def render(readme: str, generated: dict[str, str]) -> str:
    """*readme* with each generated block replaced by its current text."""
    for name, body in generated.items():
        pattern = re.compile(rf"(<!-- BEGIN generated:{name} -->\n).*?(<!-- END generated:{name} -->)", re.S)
        if not pattern.search(readme):
            raise ValueError(f"README has no block <!-- BEGIN generated:{name} --> ... <!-- END generated:{name} -->")
        readme = pattern.sub(lambda m: m.group(1) + body + "\n" + m.group(2), readme)
    return readme


def update_readme(root: str | os.PathLike | None = None) -> bool:
    """Rewrite the generated blocks of ``README.md`` from the current data; True if it changed."""
    from ..data.build import assemble

    path = project(root).root / "README.md"
    before = path.read_text(encoding="utf-8")
    after = render(before, sections(assemble(root)))
    if after != before:
        with atomic_path(path) as tmp:
            tmp.write_text(after, encoding="utf-8")
    return after != before
