"""`indicators/data/registry.py`: reading an identity's right-hand side."""
from __future__ import annotations

from indicators.data.registry import identity_terms, load_registries
from indicators.paths import project


def test_an_identity_reads_as_signed_series():
    assert identity_terms("a.x + b.y - c.z") == [(1.0, "a.x"), (1.0, "b.y"), (-1.0, "c.z")]
    assert identity_terms("-a.x+b_1.y") == [(-1.0, "a.x"), (1.0, "b_1.y")]


def test_every_real_identity_names_series_of_the_catalogue():
    regs = load_registries(project())
    known = set(regs["series"]["series_id"])
    for r in regs["identities"].itertuples(index=False):
        terms = identity_terms(r.rhs)
        assert terms and {sid for _, sid in terms} <= known, r.rhs


def test_registries_are_read_again_only_when_a_file_under_raw_changes(project_copy):
    proj = project(project_copy)
    first = load_registries(proj)
    assert load_registries(proj) is first
    sources = first["sources"]
    sid, file = sources["source_id"].iloc[0], sources["file"].iloc[0]
    document = proj.raw / file
    document.write_text(document.read_text(encoding="utf-8") + "新增一句。", encoding="utf-8")
    second = load_registries(proj)
    assert second is not first
    assert second.source_texts[sid].endswith("新增一句。")
