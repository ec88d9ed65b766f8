"""The Excel workbook for colleagues who do not use Python: :func:`write_workbook`.

``reports/indicators.xlsx`` (``make report``, ``python -m indicators excel``) holds:

| sheet | contents |
|---|---|
| 说明 About | what the workbook holds, when and from which data version it was built, the source documents, the data dictionary, the rules for "met" |
| 数据 Data | every observation as an Excel table, with its quote and source |
| 目标与实际 Targets vs outturns | :func:`indicators.targets_vs_outturns`, met / not met coloured |
| 图表 Charts | native Excel charts (growth targets against outturns, joint-project categories) under their data |
| one sheet per topic | the observations of each topic the notebooks cover |
| 表格 NN-name | each table a notebook saved with :func:`indicators.save_table` |

Every table sheet is presented by :func:`indicators.data.presentation.present_table`, as the
reader pages and the charts present the same table (column order, bilingual headers, number
formats; the column registry is ``indicators/data/columns.csv``). Numbers keep the printed unit: ``6.5``
with unit ``%`` is shown as 6.5, not as an Excel percentage (650 %). Text that could run as
a formula is guarded with a leading ``'``.
"""
from __future__ import annotations

import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from .._atomic import atomic_path
from .._hashing import file_hash, sha256
from ..analysis.attainment import STATUSES, choose_period, target_periods, targets_vs_outturns
from ..data.dataset import load
from ..data.presentation import header, number_formats, present_table, status_text
from ..data.registry import load_registries
from ..data.schema import schema
from ..exceptions import IndicatorsError
from ..paths import project
from . import _xlsx
from .tables import saved_tables

FILENAME = "indicators.xlsx"
#: topics the notebooks cover, in reading order; each one present in the data gets a sheet
NOTEBOOK_TOPICS = ("output", "investment", "consumption", "trade", "services_trade", "joint_projects")
#: a bar chart with more bars than this is unreadable; the chart keeps the first ones
MAX_CHART_BARS = 30
#: measure of the growth targets charted against their outturns
CHART_MEASURE = "yoy_pct"
CHART_TOPIC = "joint_projects"

ABOUT, DATA, TARGETS, CHARTS = (("说明", "About"), ("数据", "Data"), ("目标与实际", "Targets vs outturns"),
                                ("图表", "Charts"))
#: Chinese part of the name of a notebook table's sheet (the English part is its file stem)
TABLE_SHEET_ZH = "表格"
SOURCE_TITLE = "source_title"
TOPIC_COLUMNS = ["series_id", "name_zh", "name_en", "geo", "period", "kind", "origin", "value", "unit",
                 "qualifier", "source_id", "vintage", "quote", "note"]


def write_workbook(data: pd.DataFrame | None = None, path: str | os.PathLike | None = None, *,
                   period: str | None = None, root: str | os.PathLike | None = None) -> Path:
    """Write the Excel workbook of the observations, atomically.

    Parameters
    ----------
    data : DataFrame, optional
        Observations with the contract's columns (default: :func:`indicators.load` ``(root)``).
    path : path-like, optional
        Where to write (default: ``reports/indicators.xlsx`` under the project root).
    period : str, optional
        Target period of the Charts sheet (default: :func:`indicators.choose_period`, the
        latest target period with outturns, else the latest); the About sheet names it.
    root : path-like, optional
        Project folder whose registries (sources, units, topics, qualifiers) label the data.

    Returns
    -------
    pathlib.Path
        The workbook written. Its build time is ``SOURCE_DATE_EPOCH`` when that is set.
    """
    # load
    proj = project(root)
    built = built_at()
    version = data_version(proj.observations if data is None else data, proj.root)
    data = load(root) if data is None else data
    registries = load_registries(proj)
    comparison = targets_vs_outturns(data, root=root)
    period = choose_period(data, period) if target_periods(data) else None
    notebook_tables = saved_tables(root)  # what the notebooks saved with indicators.save_table
    path = Path(path) if path is not None else proj.reports / FILENAME

    # process
    obs = data[schema().columns].astype({c: str for c in ["topic", "unit", "series_id", "period", "kind", "origin"]})
    sources = registries["sources"].set_index("source_id")
    topics = registries["topics"].set_index("topic")
    table = obs.assign(**{SOURCE_TITLE: obs["source_id"].astype(str).map(sources["title_zh"])})
    topic_order = {t: i for i, t in enumerate(topics.index)}
    targets = comparison.sort_values(["period", "topic", "series_id"], kind="stable",
                                     key=lambda c: c.map(topic_order) if c.name == "topic" else c)
    names: set[str] = set()
    sheet = {key: _xlsx.sheet_name(*key, names) for key in (ABOUT, DATA, TARGETS, CHARTS)}
    present = [t for t in NOTEBOOK_TOPICS if t in set(obs["topic"].unique())]
    topic_sheets = {t: _xlsx.sheet_name(topics.at[t, "name_zh"], topics.at[t, "name_en"], names)
                    if t in topics.index else _xlsx.sheet_name(t, "", names) for t in present}
    table_sheets = {stem: _xlsx.sheet_name(TABLE_SHEET_ZH, stem, names) for stem in notebook_tables}
    status_styles = {status_text(s): style for s, style in _xlsx.STATUS_STYLES.items()}

    # save
    book = _xlsx.Book()
    book.wb.properties.title = "指标工作簿 / Indicators workbook"
    book.wb.properties.creator = "indicators"
    book.wb.properties.created = built.replace(tzinfo=None)
    _about_sheet(book, sheet, topic_sheets, table_sheets, table, sources, registries, built, version, period)
    book.table_sheet(sheet[DATA], present_table(table, root=root), table_name="Observations")
    book.table_sheet(sheet[TARGETS], present_table(targets, root=root), table_name="TargetsVsOutturns",
                     row_styles=status_styles, style_column=header("status"))
    _charts_sheet(book, sheet[CHARTS], obs, comparison[comparison["period"].eq(period)], topics, root)
    for topic, name in topic_sheets.items():
        rows = obs.loc[obs["topic"].eq(topic), TOPIC_COLUMNS].sort_values(["series_id", "period", "kind"])
        book.table_sheet(name, present_table(rows, root=root), table_name=f"Topic_{topic}")
    for i, (stem, frame) in enumerate(notebook_tables.items(), 1):
        shown = present_table(frame, root=root)
        book.table_sheet(table_sheets[stem], shown, table_name=f"Notebook_{i}",
                         **({"row_styles": status_styles, "style_column": header("status")}
                            if header("status") in shown.values.columns else {}))
    with atomic_path(path) as tmp:
        book.save(tmp)
    return path


def built_at() -> datetime:
    """Now, in UTC, or ``SOURCE_DATE_EPOCH`` (reproducible builds) when that is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return datetime.now(timezone.utc).replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    except ValueError:
        raise IndicatorsError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 UTC, "
                              f"but {epoch!r} is set; unset it or set e.g. 1704067200.") from None


def data_version(data: pd.DataFrame | os.PathLike, root: Path) -> str:
    """``observations.csv sha256:…`` (or a hash of the frame's content) and the git commit."""
    if isinstance(data, pd.DataFrame):
        cells = pd.util.hash_pandas_object(data.astype(str), index=False).to_numpy().tobytes()
        version = f"DataFrame sha256:{sha256(cells)[:12]}"
    elif Path(data).exists():
        version = f"observations.csv sha256:{file_hash(Path(data))[:12]}"
    else:
        version = "observations.csv (not built yet)"
    commit = _git(root, "rev-parse", "--short", "HEAD")
    if commit:
        dirty = _git(root, "status", "--porcelain", "--untracked-files=no", "--", "data")
        version += f" · git {commit}" + (" (+ uncommitted changes in data/)" if dirty else "")
    return version


def _git(root: Path, *args: str) -> str:
    """Output of ``git -C root ARGS``, or ``""`` outside git or without git."""
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def _about_sheet(book, sheet, topic_sheets, table_sheets, table, sources, registries, built, version, period):
    sh = _xlsx.Sheet(book, sheet[ABOUT], [32, 34, 44, 24, 12, 16, 10, 40])
    _xlsx.fit_to_width(sh.ws, landscape=True)
    bold = _xlsx.HEADER_FONT

    def section(title, header=None):
        sh.skip()
        sh.append([title], font=_xlsx.SECTION_FONT, span=True)
        if header:
            sh.append(header, font=bold, wrap=True)

    sh.append(["指标工作簿 / Indicators workbook"], font=_xlsx.TITLE_FONT, span=True)
    sh.append(["由 indicators 软件包从 data/processed/observations.csv 生成；请以该文件为准。"], span=True)
    sh.append(["Written by the indicators package from data/processed/observations.csv, which it mirrors."], span=True)
    section("概况 / Overview")
    sh.append(["生成时间 / Built (UTC)", built.strftime("%Y-%m-%d %H:%M:%S UTC")], span=True)
    sh.append(["数据版本 / Data version", version], span=True)
    if period is not None:
        sh.append(["目标期间 / Target period", f"{period}（图表工作表 / on the Charts sheet; 目标与实际工作表列出全部期间 / "
                                           "the Targets sheet lists every period）"], span=True)
    sh.append(["观测值 / Observations", f"{len(table)} 行 rows · {table['series_id'].nunique()} 个序列 series · "
                                      f"{len(sources)} 份来源 sources"], span=True)  # the documents listed below
    sh.append(["数字格式 / Numbers", "数值为原文印出的数字，单位见“单位”列：6.5 与单位 % 表示 6.5%（不是 Excel 百分比格式）。"], span=True)
    sh.append(["", "Values are the printed numbers in the printed unit: 6.5 with unit % means 6.5 per cent, "
                   "not an Excel percentage (650%)."], span=True)
    sh.append(["", "小数位按 data/raw/units.csv 的 number_format，并在需要时增加，原文的每一位数字都会显示。"], span=True)
    sh.append(["", "Decimals follow number_format in data/raw/units.csv, widened where a value has more, "
                   "so no printed digit is hidden."], span=True)
    sh.append(["公式防护 / Formula guard", "以 = + - @、制表符或回车开头的文本前加 '，不会作为公式执行。"], span=True)
    sh.append(["", "Text beginning with = + - @, tab or carriage return starts with ' so that it never runs "
                   "as a formula."], span=True)
    section("工作表 / Sheets", ["工作表 / Sheet", "内容 / Contents"])
    sh.append([sheet[DATA], "全部观测值及原文和来源 / Every observation, with its quote and source"], span=True)
    sh.append([sheet[TARGETS], "目标与实际值对比，达成/未达成以颜色标示 / Targets against outturns, coloured by "
                               "status (" + "、".join(status_text(s) for s in STATUSES) + ")"], span=True)
    sh.append([sheet[CHARTS], "原生 Excel 图表及其数据，可在 Excel 中修改样式 / Native Excel charts under their data, to restyle in Excel"], span=True)
    for topic, name in topic_sheets.items():
        sh.append([name, f"主题 {topic} 的观测值 / Observations of topic {topic}"], span=True)
    for stem, name in table_sheets.items():
        sh.append([name, f"笔记本 {stem[:2]} 保存的表格 / Table saved by notebook {stem[:2]}"], span=True)
    counts = table["source_id"].astype(str).value_counts()
    section("来源文件 / Source documents", ["来源 / Source", "标题 / Title", "标题（英文） / Title (en)",
                                        "发布者 / Publisher", "发布日期 / Published", "报告期 / Period",
                                        "观测值 / Rows", "备注 / Note"])
    for sid, row in sources.iterrows():
        sh.append([sid, row["title_zh"], row["title_en"], row["publisher"], row["date_published"],
                   row["reporting_period"], int(counts.get(sid, 0)), row["note"]], wrap=True)
    section("数据字典 / Data dictionary (工作表“数据” / sheet Data)",
            ["列名 / Column", "标题 / Title", "含义 / Meaning", "类型 / Type", "必填 / Required"])
    s = schema()
    for f in s.fields:
        meaning = f.description.replace("`", "")
        if f.name in s.foreign_keys:
            meaning += f" Must be a {s.foreign_keys[f.name][1]} of data/raw/{s.foreign_keys[f.name][0]}.csv."
        sh.append([f.name, f.title, meaning, f.type, "是 yes" if f.required else "否 no"], wrap=True)
    sh.append([SOURCE_TITLE, header(SOURCE_TITLE), "Chinese title of the source document "
               "(data/raw/sources.csv); in the workbook only.", "string", "否 no"], wrap=True)
    section("目标达成规则 / When a target counts as met",
            ["限定 / Qualifier", "名称 / Name", "规则 / Rule", "判定 / met_if"])
    for _, q in registries["qualifiers"].iterrows():
        sh.append([q["qualifier"], f"{q['name_zh']} / {q['name_en']}".strip(" /"), q["description"],
                   q["met_if"]], wrap=True)


def _charts_sheet(book, name, obs, comparison, topics, root):
    """Each chart's data as a small block, the native bar chart under it: the growth targets
    of *comparison* (one target period) and the latest split of the joint projects."""
    sh = _xlsx.Sheet(book, name, [40, 22, 22, 22])
    _xlsx.fit_to_width(sh.ws, landscape=False)

    def block(caption, header, frame, value_units, total=None, rule=None):
        """*frame*: labels, then one column of values per unit of *value_units*, each
        formatted as a table shows that column (or the column *rule*)."""
        sh.append([caption], font=_xlsx.SECTION_FONT)
        sh.append(header, font=_xlsx.HEADER_FONT, wrap=True)
        first = sh.row
        values = frame.iloc[:, 1:]
        rows = values if total is None else pd.concat([values, pd.DataFrame([total[1:]], columns=values.columns)])
        formats = [number_formats(pd.DataFrame({rule or c: rows[c].to_numpy(), "unit": u}), rule or c, root=root)
                   for c, u in zip(values.columns, value_units)]
        for i, row in enumerate(frame.itertuples(index=False, name=None)):
            sh.append(list(row), formats=[None, *(f[i] for f in formats)])
        last = sh.row
        if total is not None:
            sh.append(total, font=_xlsx.HEADER_FONT, formats=[None, *(f[-1] for f in formats)])
        drawn = [c for c, col in enumerate(values.columns, 2) if values[col].notna().any()]  # no empty series
        charts = ([(drawn, caption, value_units[0])] if len(set(value_units)) == 1 else
                  [([c], f"{header[c - 1]}", value_units[c - 2]) for c in drawn])
        for columns, chart_title, axis in charts:
            sh.add_chart(_xlsx.bar_chart(sh.ws, title=chart_title, axis_title=axis, first_row=first,
                                         last_row=last, columns=columns))

    growth = comparison[comparison["measure"].astype(str).eq(CHART_MEASURE)]  # of the chosen period
    if not growth.empty:
        period = growth["period"].iloc[0]
        unit = growth["unit"].astype(str).mode().iloc[0]
        growth = growth[growth["unit"].astype(str).eq(unit)]
        # the order of indicators.targetplot: largest target on top
        growth = growth.sort_values("target", ascending=False, kind="stable").head(MAX_CHART_BARS)
        cols = ["target", "outturn", "baseline"]
        block(f"{period} 年增长目标与实际 / Growth targets and outturns, {period}",
              ["指标 / Indicator", f"目标 / Target ({unit})", f"实际 / Outturn ({unit})",
               f"上年实际 / Previous year ({unit})"],
              growth[["name_zh", *cols]].reset_index(drop=True), [unit] * len(cols))
    cats = _categories(obs[obs["topic"].eq(CHART_TOPIC)])
    if cats is not None:
        table, totals = cats
        sh.page_break()
        leaves = [c for c in table.columns if c != "label"]
        zh, en = (topics.at[CHART_TOPIC, "name_zh"], topics.at[CHART_TOPIC, "name_en"]) \
            if CHART_TOPIC in topics.index else (CHART_TOPIC, "")
        block(f"{totals.attrs['period']} 年{zh}（按类别） / {en} by category, {totals.attrs['period']}",
              ["类别 / Category"] + [f"{totals.at[leaf, 'name_zh']}（{totals.at[leaf, 'unit']}） / "
                                    f"{totals.at[leaf, 'name_en']}" for leaf in leaves],
              table, [totals.at[leaf, "unit"] for leaf in leaves],
              total=["合计 / Total"] + [totals.at[leaf, "value"] for leaf in leaves], rule="value")


def _categories(topic_obs: pd.DataFrame):
    """The latest period's split of a topic into categories, or ``None``.

    A category series is ``a.b.CATEGORY.leaf`` whose total ``a.b.leaf`` is also in the data
    (``sc_cq.joint_projects.industry.count`` → ``sc_cq.joint_projects.count``). Returns a
    table (``label`` and one column per leaf, ordered by measure as in the contract) and the
    totals (index leaf: ``name_zh``, ``name_en``, ``unit``, ``value``). Labels are the
    Chinese names less the part all categories share (基础设施类项目完成投资 → 基础设施类).
    """
    if topic_obs.empty:
        return None
    period = topic_obs["period"].max()
    rows = topic_obs[topic_obs["period"].eq(period) & topic_obs["kind"].isin(["outturn", "estimate"])]
    by_id = rows.drop_duplicates("series_id").set_index("series_id")
    parts = by_id.index.str.split(".")
    by_id = by_id.assign(total=[".".join(p[:-2] + p[-1:]) if len(p) > 2 else "" for p in parts],
                         category=[p[-2] for p in parts], leaf=[p[-1] for p in parts])
    cats = by_id[by_id["total"].isin(by_id.index)]
    cats = cats[cats.groupby("leaf")["unit"].transform("nunique").eq(1)]
    if cats["category"].nunique() < 2:
        return None
    order = {m: i for i, m in enumerate(schema().field("measure").enum)}
    leaves = sorted(cats["leaf"].unique(), key=lambda leaf: order.get(str(cats.loc[cats["leaf"].eq(leaf),
                                                                                      "measure"].iloc[0]), 99))
    table = cats.pivot(index="category", columns="leaf", values="value")
    table = table.loc[pd.unique(cats["category"]), leaves]
    names = cats.drop_duplicates("category").set_index("category")["name_zh"].reindex(table.index).tolist()
    common = os.path.commonprefix([n[::-1] for n in names])[::-1]
    table.insert(0, "label", [n[: len(n) - len(common)] or n for n in names])
    totals = by_id.loc[cats.drop_duplicates("leaf").set_index("leaf")["total"].reindex(leaves)]
    totals = totals.set_index(pd.Index(leaves))[["name_zh", "name_en", "unit", "value"]]
    totals.attrs["period"] = period
    return table.reset_index(drop=True), totals
