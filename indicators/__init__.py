"""Economic indicators from Chinese government documents: targets against outturns.

Import is light (pandas only); plotting, Excel and modelling helpers load their heavy
dependencies (matplotlib, openpyxl, statsmodels) on first use.
"""
from __future__ import annotations

import importlib

#: public name -> module that defines it
_EXPORTS = {
    "Quantity": "data.units",
    "build": "data.build",
    "category_plans": "analysis.plans",
    "choose_period": "analysis.attainment",
    "cjk_font": "plot.fonts",
    "contributions": "analysis.contributions",
    "fit_target_model": "analysis.target_model",
    "growth_contributions": "analysis.contributions",
    "growthplot": "plot.levels",
    "load": "data.dataset",
    "plan_record": "analysis.plans",
    "planned_series": "analysis.plans",
    "planplot": "plot.projects",
    "project": "paths",
    "project_trend": "analysis.trend",
    "project_trends": "analysis.trend",
    "save_figure": "plot.save",
    "save_target_charts": "plot.targets",
    "save_table": "export.tables",
    "series": "data.dataset",
    "shares": "analysis.contributions",
    "summarise": "analysis.summary",
    "style": "plot.style",
    "modelplot": "plot.target_model",
    "target_pairs": "analysis.target_model",
    "target_periods": "analysis.attainment",
    "targetplot": "plot.targets",
    "trackgrid": "plot.track",
    "trackplot": "plot.track",
    "targets_vs_outturns": "analysis.attainment",
    "to_unit": "data.units",
    "balanceplot": "plot.levels",
    "write_workbook": "export.workbook",
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
