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
