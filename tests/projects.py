"""Small fixture projects: a project folder with documents and curated rows written by the test.

The code lists that do not depend on the data (units, qualifiers, geo, topics) are copied
from the real project; documents, sources, series, curated rows, derivations and identities
are the test's own, so a behaviour test never depends on what today's data holds.
"""
from __future__ import annotations

import csv
from pathlib import Path

from indicators.paths import CHECKOUT_ROOT

CODE_LISTS = ("units", "qualifiers", "geo", "topics")
HEADERS = {
    "sources": ["source_id", "file", "title_zh", "title_en", "publisher", "date_published", "reporting_period", "note"],
    "series": ["series_id", "topic", "geo", "measure", "name_zh", "name_en", "note"],
    "curated": ["series_id", "period", "kind", "value", "unit", "qualifier", "source_id", "quote",
                "also_source_ids", "note"],
    "derivations": ["series_id", "period", "kind", "operation", "inputs", "unit", "decimals", "note"],
    "identities": ["identity", "period", "kind", "lhs", "rhs", "tolerance", "unit", "description"],
}


def write_csv(path: Path, header: list[str], rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows([{k: r.get(k, "") for k in header} for r in rows])
    return path


def make_project(root: Path, *, documents: dict[str, tuple[str, str, str]], series: list[dict],
                 curated: dict[str, list[dict]], derivations: list[dict] = (),
                 identities: list[dict] = ()) -> Path:
    """Write a project under *root*.

    Parameters
    ----------
    documents : dict
        Source id → (text, date_published, reporting_period).
    series : list of dict
        Rows of series.csv (``series_id``, ``topic``, ``geo``, ``measure``, names).
    curated : dict
        File name (without ``.csv``) → rows of that curated file.
    """
    raw = root / "data" / "raw"
    (root / "data" / "processed").mkdir(parents=True, exist_ok=True)
    for name in CODE_LISTS:
        (raw / f"{name}.csv").parent.mkdir(parents=True, exist_ok=True)
        (raw / f"{name}.csv").write_bytes((CHECKOUT_ROOT / "data" / "raw" / f"{name}.csv").read_bytes())
    sources = []
    for sid, (text, date, reporting) in documents.items():
        path = raw / "sources" / f"{sid.lower()}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        sources.append(dict(source_id=sid, file=f"sources/{path.name}", title_zh=f"文件{sid}",
                            title_en=f"Document {sid}", publisher="测试", date_published=date,
                            reporting_period=reporting))
    write_csv(raw / "sources.csv", HEADERS["sources"], sources)
    write_csv(raw / "series.csv", HEADERS["series"], series)
    for name, rows in curated.items():
        write_csv(raw / "curated" / f"{name}.csv", HEADERS["curated"], rows)
    write_csv(raw / "derivations.csv", HEADERS["derivations"], list(derivations))
    write_csv(raw / "identities.csv", HEADERS["identities"], list(identities))
    return root


def growth_series(series_id: str, name_zh: str, name_en: str, topic: str = "output") -> dict:
    return dict(series_id=series_id, topic=topic, geo="CD", measure="yoy_pct", name_zh=name_zh, name_en=name_en)


def row(series_id: str, period: str, kind: str, value, source_id: str, quote: str, *, unit: str = "%",
        qualifier: str = "exact", also: str = "") -> dict:
    return dict(series_id=series_id, period=period, kind=kind, value=value, unit=unit, qualifier=qualifier,
                source_id=source_id, quote=quote, also_source_ids=also)


#: the fixture of the chart-words tests: a city report (targets, outturns, a derived plan) and a
#: national bulletin (a level and its growth, with the year-earlier level derived from them)
CHART_DOCUMENTS = {
    "R": ("2024年地区生产总值增长6%，固定资产投资增长3%，社会消费品零售总额增长4%。"
          "2025年目标：地区生产总值增长6.5%左右，固定资产投资增长2%，社会消费品零售总额增长4%。"
          "共建项目完成投资120亿元，年度投资完成率120%。", "2025-02-01", "2024/2025"),
    "N": ("2024年全国服务出口3000亿元，同比增长20%。2025年服务出口预期目标3200亿元。", "2025-01-10", "2024/2025"),
}


def chart_project(root: Path) -> Path:
    """A fixture project for the words on the charts (see :data:`CHART_DOCUMENTS`): targets
    in three topics of the city (CD), a plan derived as completed ÷ completion rate (SC_CQ),
    and a national (CN) level with a target, whose year-earlier value is derived from its growth."""
    def series(series_id, topic, geo, measure, zh, en):
        return dict(series_id=series_id, topic=topic, geo=geo, measure=measure, name_zh=zh, name_en=en)

    return make_project(root, documents=CHART_DOCUMENTS, series=[
        series("t.gdp.growth", "output", "CD", "yoy_pct", "地区生产总值增长", "GDP growth"),
        series("t.fai.growth", "investment", "CD", "yoy_pct", "固定资产投资增长", "Fixed-asset investment growth"),
        series("t.retail.growth", "consumption", "CD", "yoy_pct", "社会消费品零售总额增长", "Retail sales growth"),
        series("t.projects.investment", "joint_projects", "SC_CQ", "level", "共建项目投资", "Joint projects investment"),
        series("t.projects.completion_rate", "joint_projects", "SC_CQ", "rate_pct", "共建项目年度投资完成率",
               "Joint projects completion rate"),
        series("t.cn.exports", "services_trade", "CN", "level", "服务出口", "Services exports"),
        series("t.cn.exports_growth", "services_trade", "CN", "yoy_pct", "服务出口同比增长", "Services exports growth"),
    ], curated={"chart_words": [
        row("t.gdp.growth", "2024", "outturn", 6, "R", "2024年地区生产总值增长6%"),
        row("t.fai.growth", "2024", "outturn", 3, "R", "固定资产投资增长3%"),
        row("t.retail.growth", "2024", "outturn", 4, "R", "社会消费品零售总额增长4%"),
        row("t.gdp.growth", "2025", "target", 6.5, "R", "地区生产总值增长6.5%左右", qualifier="about"),
        row("t.fai.growth", "2025", "target", 2, "R", "固定资产投资增长2%"),
        row("t.retail.growth", "2025", "target", 4, "R", "社会消费品零售总额增长4%"),
        row("t.projects.investment", "2024", "outturn", 120, "R", "共建项目完成投资120亿元", unit="亿元"),
        row("t.projects.completion_rate", "2024", "outturn", 120, "R", "年度投资完成率120%"),
        row("t.cn.exports", "2024", "outturn", 3000, "N", "2024年全国服务出口3000亿元", unit="亿元"),
        row("t.cn.exports_growth", "2024", "outturn", 20, "N", "同比增长20%"),
        row("t.cn.exports", "2025", "target", 3200, "N", "2025年服务出口预期目标3200亿元", unit="亿元"),
    ]}, derivations=[
        dict(series_id="t.projects.investment", period="2024", kind="target", operation="divide_by_pct",
             inputs="t.projects.investment@2024; t.projects.completion_rate@2024", unit="亿元", decimals=0),
        dict(series_id="t.cn.exports", period="2023", kind="outturn", operation="prior_from_growth",
             inputs="t.cn.exports@2024; t.cn.exports_growth@2024", unit="亿元", decimals=0),
    ])
