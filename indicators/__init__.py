"""Economic indicators from Chinese government documents: targets against outturns.

Import is light (pandas only); plotting, Excel and modelling helpers load their heavy
dependencies (matplotlib, openpyxl, statsmodels) on first use.
"""
from __future__ import annotations

import importlib

#: public name -> module that defines it
_EXPORTS = {
    "build": "pipeline",
    "load": "dataset",
    "project": "paths",
    "series": "dataset",
    "targets_vs_outturns": "compare",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'indicators' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
