"""The draft of each registered source against the rows curated from it.

Recall: the share of curated printed rows of the source whose (value, unit, qualifier,
kind, period) is a draft row. Series match: among those, the share whose draft row names
the curated series. Precision: the share of draft rows (inside the coverage test's
section of the document) that a curated row stands for or an exclusion covers; since the
coverage test makes every figure there one or the other, it measures what the draft
reads that is not a figure at all. The curated share, the stricter number, leaves the
excluded figures out: what an analyst keeps of the draft.
"""
from __future__ import annotations

import pytest

import indicators
from indicators.curate import coverage
from indicators.curate.suggest import suggest
from indicators.data.registry import load_registries
from indicators.paths import project

#: floors a little below what the drafts reached when this test was written (see the README);
#: the issue's goals are 0.9, 0.8 and 0.8
RECALL, SERIES, PRECISION, CURATED_SHARE = 0.95, 0.83, 0.98, 0.84


def _key(value, unit, qualifier, kind, period):
    return (round(float(value), 6), str(unit), str(qualifier), str(kind), str(period))


@pytest.fixture(scope="module")
def scores(built_root):
    registries = load_registries(project(built_root))
    texts = registries.source_texts
    rows = indicators.load(built_root, vintage="all")
    rows = rows[rows["origin"].astype(str).eq("printed")]
    done = coverage.curated_figures(rows, texts)
    accounted = done | set(
        coverage.excluded_figures(coverage.read_exclusions(built_root), texts))
    bounds = coverage.sections(texts, built_root)
    found = recalled = matched = drafted = hits = curated_hits = 0
    for sid, file in zip(registries["sources"].source_id, registries["sources"].file):
        draft = suggest((project(built_root).raw / file).read_text(encoding="utf-8"),
                        source_id=sid, root=built_root)
        keys = {}
        for r in draft.itertuples():
            keys.setdefault(_key(r.value, r.unit, r.qualifier, r.kind, r.period), set()).add(r.series_id)
        curated = rows[rows["source_id"].astype(str).eq(sid)]
        missed, wrong = [], []
        for r in curated.itertuples():
            key = _key(r.value, r.unit, r.qualifier, r.kind, r.period)
            found += 1
            if key in keys:
                recalled += 1
                matched += str(r.series_id) in keys[key]
                if str(r.series_id) not in keys[key]:
                    wrong.append(f"{r.series_id} drafted as {sorted(keys[key])} 「{r.quote}」")
            else:
                missed.append(f"{r.series_id} {key} 「{r.quote}」")
        start, end = bounds[sid]
        inside = draft[(draft["start"] >= start) & (draft["start"] < end)]
        drafted += len(inside)
        hits += sum((sid, s) in accounted for s in inside["start"])
        curated_hits += sum((sid, s) in done for s in inside["start"])
        print(f"{sid}: {len(curated)} curated, {len(draft)} drafted; missed:\n  " + "\n  ".join(missed[:15])
              + "\n wrong series:\n  " + "\n  ".join(wrong[:40]))
    out = {"recall": recalled / found, "series": matched / max(recalled, 1), "precision": hits / max(drafted, 1),
           "curated share": curated_hits / max(drafted, 1)}
    print(" ".join(f"{k} {v:.1%}" for k, v in out.items()))
    return out


def test_seed_documents_are_recalled(scores):
    assert scores["recall"] >= RECALL


def test_seed_documents_series_match(scores):
    assert scores["series"] >= SERIES


def test_seed_document_drafts_are_precise(scores):
    assert scores["precision"] >= PRECISION


def test_seed_document_drafts_are_mostly_kept(scores):
    assert scores["curated share"] >= CURATED_SHARE
