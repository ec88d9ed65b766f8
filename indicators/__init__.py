"""Economic indicators from Chinese government documents: targets against outturns.

Import is light (pandas only); plotting, Excel and modelling helpers load their heavy
dependencies (matplotlib, openpyxl, statsmodels) on first use.
"""
from __future__ import annotations

import importlib

#: public name -> module that defines it
_EXPORTS = {
    "Quantity": "units",
    "build": "pipeline",
    "cjk_font": "fonts",
    "contributions": "analysis",
    "fit_target_model": "model",
    "growth_contributions": "analysis",
    "level_and_growth": "plot_levels",
    "load": "dataset",
    "plan_vs_actual": "plot_projects",
    "project": "paths",
    "project_trend": "model",
    "project_trends": "model",
    "save_figure": "figures",
    "save_table": "tables",
    "series": "dataset",
    "shares": "analysis",
    "style": "chart_style",
    "target_model_plot": "plot_model",
    "target_pairs": "model",
    "target_vs_outturn": "plot_targets",
    "targets_vs_outturns": "compare",
    "to_unit": "units",
    "trade_balance": "plot_levels",
    "write_workbook": "excel",
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
