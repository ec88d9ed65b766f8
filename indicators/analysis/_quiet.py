"""Silence the warnings statsmodels raises on exact fits, which callers handle explicitly."""
from __future__ import annotations

import warnings


class _quiet(warnings.catch_warnings):
    """Silence statsmodels' divide-by-zero warnings on exact fits (handled explicitly)."""

    def __enter__(self):
        out = super().__enter__()
        warnings.simplefilter("ignore", RuntimeWarning)
        return out
