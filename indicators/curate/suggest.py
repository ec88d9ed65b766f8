"""Draft rows from a document: every figure it prints, with a series, a kind and a period.

Each figure is read by the figure grammar (:mod:`indicators.data.grammar`); what the
grammar cannot know is guessed here and said in the ``review`` column:

- **kind**, from the section the figure stands in (a heading line with 工作回顾 opens the
  review of a year, one with 工作安排 or 主要目标 the plan of the next) and from cue words in its clause (预计: estimate; 目标, 计划, 力争,
  确保 …: target; 完成, 实现: outturn);
- **period**, from the years its sentence names (not a base year: 较2019年), else from the document's
  ``reporting_period`` (its first year for outturns, its last for targets, its first for outturns and estimates);
- **series**, the registered series whose Chinese name best fits the words before the
  number and whose curated units measure the same thing.

The quote is the shortest clause that holds the number, as the document prints it.
"""
from __future__ import annotations

import csv
import re
from difflib import SequenceMatcher
from pathlib import Path

import numpy as np
import pandas as pd

from .._atomic import atomic_path
from .._cells import neutralise_frame
from ..exceptions import IndicatorsError, UnregisteredSourceError
from ..paths import project
from ..data import periods
from ..data.grammar import ESTIMATE_WORDS, TARGET_WORDS, Grammar, says
from ..data.registry import load_registries, normalise_text
from . import coverage

#: the curated files' columns, then what the analyst must check
COLUMNS = ["series_id", "period", "kind", "value", "unit", "qualifier", "source_id", "quote",
           "also_source_ids", "note", "review"]
#: words that open the review of a past year, and words that open the plan of the next
REVIEW_HEADINGS = ("工作回顾", "回顾过去", "过去一年")
PLAN_HEADINGS = ("工作安排", "主要目标", "预期目标", "主要任务")
#: the longest line (normalised characters) read as a heading
HEADING = 30
#: cue words in a clause: a plan (TARGET_WORDS of the grammar, and these that look ahead)
TARGET_CUES = TARGET_WORDS + ("力争", "确保", "争取")
#: ... and a result (in a plan section these still describe the plan: 完成投资 is its target)
OUTTURN_CUES = ("完成", "实现", "达到", "增至")
#: words of a state already reached (已增至, 仅占): an outturn even in a plan section
STATE_CUES = ("已", "仅")
#: what ends the shortest clause a quote is cut from (not 、, which joins a list)
QUOTE_END = ",;:。!?"
#: words before a year that make it the base of a comparison (较2019年), not the figure's period
COMPARED = re.compile("(较|比|超过|相比|与|同)$")
#: what may follow 第N for it to be a rank, a figure (第4位); any other 第N is an ordinal in a name
RANK_UNITS = ("位", "名")
#: how well a series name must fit the words around the number (share of its characters)
SERIES_FIT = 0.5
#: ... and the fit below which the analyst is asked to check the series
SERIES_SURE = 0.85
#: the weight of the number's own clause in the fit (the rest: the sentence before it)
NEAR = 0.6
#: how many characters before the number a series name is looked for in
CONTEXT = 40


def suggest(text: str, *, source_id: str, root=None, include_all: bool = False,
            existing: bool = False) -> pd.DataFrame:
    """The draft rows for the figures *text* prints.

    Parameters
    ----------
    text : str
        The document, as read (it is normalised here).
    source_id : str
        Its id in ``sources.csv``: its date and reporting period date the figures.
    root : path-like, optional
        The project folder (see :func:`indicators.paths.project`).
    include_all : bool, default False
        Also list the numbers that are not figures (dates, ordinals, numbers without a
        unit), each with the reason in ``review``.
    existing : bool, default False
        List only figures that no curated row stands for and no coverage exclusion covers.

    Returns
    -------
    DataFrame
        :data:`COLUMNS`, plus ``start`` (offset of the number in the normalised text) and
        ``figure`` (False for the numbers *include_all* adds), in text order.

    Raises
    ------
    UnregisteredSourceError
        If *source_id* is not in ``sources.csv``.
    """
    registries = load_registries(project(root))
    sources = registries["sources"].set_index("source_id")
    if source_id not in sources.index:
        raise UnregisteredSourceError(
            f"source id {source_id!r} is not in {project(root).registry('sources')}; add a row for the "
            f"document there first (known ids: {', '.join(sources.index[-3:])} …)")
    source = sources.loc[source_id]
    norm = normalise_text(text)
    numbers = Grammar.of(registries).read([norm])
    if numbers.empty:
        return pd.DataFrame(columns=COLUMNS + ["start", "figure"])
    numbers["reason"] = _not_a_figure(numbers, norm)
    numbers["years"] = _sentence_years(numbers, norm, int(str(source["date_published"])[:4]))
    kind, kind_review, section = _kinds(numbers, text, norm)
    period, period_review = _periods(numbers, kind, section, source)
    series, series_review = _series(numbers, norm, registries)
    raw_at = _raw_offsets(text)
    quotes = [_quote(text, norm, raw_at, s, e) for s, e in zip(numbers["start"], numbers["end"])]
    unit_review = np.where(numbers["unit"] == "", "unit not in units.csv: add it or fix the row", "")
    reviews = [_join(*r) for r in zip(kind_review, period_review, series_review, unit_review)]
    figure = numbers["reason"] == ""
    draft = pd.DataFrame({
        "series_id": series, "period": period, "kind": kind,
        "value": [f"{v:g}" for v in numbers["value"] * numbers["sign"]], "unit": numbers["unit"],
        "qualifier": numbers["qualifier"], "source_id": source_id, "quote": quotes,
        "also_source_ids": "", "note": "",
        "review": np.where(figure, reviews, "not a figure: " + numbers["reason"]),
        "start": numbers["start"], "figure": figure})
    # a number that is not a figure gets no guesses, only its reason
    draft.loc[~figure, ["series_id", "period", "kind", "qualifier"]] = ""
    if existing:
        draft = draft[figure & ~draft["start"].isin(_accounted(registries, source_id, norm, root))]
    elif not include_all:
        draft = draft[figure]
    return draft.reset_index(drop=True)


def write_draft(draft: pd.DataFrame, path, *, root=None) -> Path:
    """Write *draft* (see :func:`suggest`) to *path* as CSV, atomically; never under data/raw/."""
    path = outside_raw(path, root=root)
    out = draft[COLUMNS].copy()
    texts = ["series_id", "period", "quote", "note", "review"]
    out[texts] = neutralise_frame(out[texts])  # a quote is text, never a formula
    with atomic_path(path) as tmp:
        out.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n",
                              quoting=csv.QUOTE_MINIMAL)
    return path


def outside_raw(path, *, root=None) -> Path:
    """*path*, resolved, unless it lies under the project's data/raw/, which code never writes.

    Raises
    ------
    IndicatorsError
        If it does.
    """
    path = Path(path).resolve()
    raw = project(root).raw.resolve()
    if path == raw or raw in path.parents:
        raise IndicatorsError(f"{path} is under {raw}, which only you edit; write the draft elsewhere "
                              "(e.g. --output drafts/new.csv), review it, then move its rows into "
                              "data/raw/curated/")
    return path


def _not_a_figure(numbers: pd.DataFrame, norm: str) -> np.ndarray:
    """Why each number is not a figure ("" when it is one)."""
    before = np.array([norm[max(s - 1, 0):s] for s in numbers["start"]], dtype=object)
    ordinal = (before == "第") & ~numbers["unit"].isin(RANK_UNITS)
    return np.select(
        [numbers["time"] != "", ordinal, numbers["unit"] == ""],
        ["part of a date (年, 月)", "an ordinal in a name (第N…)",
         "no unit after it (a code, a name, a threshold or a number in words)"], "")


def _sentence_years(numbers: pd.DataFrame, norm: str, year: int) -> list[tuple[int, ...]]:
    """The years each number's sentence names, printed (2023年) or relative (今年), but not
    a year it compares with (较2019年)."""
    named = np.where(numbers["relative"].notna(), year + numbers["relative"].fillna(0), numbers["year"])
    base = [bool(COMPARED.search(norm[max(0, s - 3):s])) for s in numbers["start"]]
    named = np.where(base, 0, named)
    by_sentence = {s: tuple(dict.fromkeys(int(y) for y in g if y))
                   for s, g in pd.Series(named).groupby(numbers["sentence"].to_numpy())}
    return [by_sentence[s] for s in numbers["sentence"]]


def _headings(text: str) -> list[tuple[int, str]]:
    """(offset in the normalised text, "review" or "plan") of each heading line of *text*:
    a line of at most HEADING characters holding a heading word."""
    out, pos = [], 0
    for line in text.splitlines():
        norm = normalise_text(line)
        if len(norm) <= HEADING:
            for section, words in (("review", REVIEW_HEADINGS), ("plan", PLAN_HEADINGS)):
                if any(w in norm for w in words):
                    out.append((pos, section))
        pos += len(norm)
    return out


def _kinds(numbers: pd.DataFrame, text: str, norm: str) -> tuple[np.ndarray, list[str], list[str]]:
    """Each figure's kind, from its section and the cue words of its clause, what to check,
    and its section ("review", "plan" or "" before any heading)."""
    heads = _headings(text)
    starts = [h[0] for h in heads]
    section = [heads[i - 1][1] if (i := np.searchsorted(starts, s, side="right")) else ""
               for s in numbers["start"]]
    clauses = [_clause(norm, s, e) for s, e in zip(numbers["start"], numbers["end"])]
    estimate, target, outturn, state = (says(clauses, w) for w in
                                        (ESTIMATE_WORDS, TARGET_CUES, OUTTURN_CUES, STATE_CUES))
    kinds, review = [], []
    for sec, est, tgt, out, now in zip(section, estimate, target, outturn, state):
        plan = (sec == "plan" and not (now and not tgt)) or (tgt and not sec)
        kinds.append("estimate" if est else "target" if plan else "outturn")
        review.append("kind: a plan word in the review section, outturn assumed" if sec == "review" and tgt
                      else "kind: a state word in the plan section, outturn assumed" if sec == "plan" and not plan
                      else "kind: a result word in the plan section, target assumed" if sec == "plan" and out
                      else "")
    return np.array(kinds, dtype=object), review, section


def _periods(numbers: pd.DataFrame, kinds, sections, source) -> tuple[list[str], list[str]]:
    """Each figure's period: the year its sentence names, else the document's reporting
    period, and what to check (an implicit year outside a section that decides it)."""
    reporting = str(source["reporting_period"])
    ends = periods.parse(reporting)
    by_year = len(ends) == 2 and all(p.month is None for p in ends)
    out, review = [], []
    for years, kind, section in zip(numbers["years"], kinds, sections):
        default = (str(ends[-1].year) if kind == "target" else str(ends[0].year)) if by_year else reporting
        if years and periods.year(default) not in years:
            out.append(str(years[-1] if kind == "target" else years[0]))
            review.append("period: the year its sentence names")
        else:
            out.append(default)
            implicit = not years and by_year and not section
            review.append(f"period: not printed, {default} from the reporting period" if implicit else "")
    return out, review


def _series(numbers: pd.DataFrame, norm: str, registries) -> tuple[list[str], list[str]]:
    """The best-fitting registered series of each figure, and what to check."""
    series = registries["series"]
    dims = registries["units"].set_index("unit")["dimension"]
    used = _curated_units(registries.project.raw / "curated")
    names = list(zip(series["series_id"], series["name_zh"].map(normalise_text)))
    chars = [set(n) for _, n in names]
    out, review = [], []
    for start, end, unit, reason in zip(numbers["start"], numbers["end"], numbers["unit"], numbers["reason"]):
        if reason:
            out.append("")
            review.append("")
            continue
        clause = _words(_clause(norm, start, end))
        wide = _words(norm[max(0, start - CONTEXT):start].split("。")[-1]) + clause
        dim = dims.get(unit)
        best, fit = "", 0.0
        for (sid, name), cs in zip(names, chars):
            if len(cs & set(wide)) < SERIES_FIT * len(cs):
                continue
            if used.get(sid) and dim not in {dims.get(u) for u in used[sid]}:
                continue
            # the clause of the number weighs most: 出口…,进口34827.8亿元 is imports
            score = NEAR * _fit(name, clause) + (1 - NEAR) * _fit(name, wide)
            if score > fit or (score == fit and best and len(name) > len(dict(names)[best])):
                best, fit = sid, score
        context = clause
        if fit < SERIES_FIT:
            out.append("")
            review.append(f"series: none fits; a new one? name_zh from 「{context}」")
        else:
            out.append(best)
            review.append("" if fit >= SERIES_SURE else f"series: uncertain ({fit:.0%} of its name)")
    return out, review


def _words(text: str) -> str:
    """*text* without its numbers and units of measure' digits (what a series name may match)."""
    return re.sub(r"[\d.,%]+", "", text)


def _fit(name: str, context: str) -> float:
    """The share of *name*'s characters that *context* prints in the same order."""
    blocks = SequenceMatcher(None, name, context, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks) / len(name)


def _curated_units(folder: Path) -> dict[str, set[str]]:
    """Series id -> the units its curated rows use."""
    frames = [pd.read_csv(p, dtype=str, keep_default_na=False, usecols=["series_id", "unit"])
              for p in sorted(folder.glob("*.csv"))]
    if not frames:
        return {}
    rows = pd.concat(frames)
    return rows.groupby("series_id")["unit"].agg(set).to_dict()


def _accounted(registries, source_id: str, norm: str, root) -> set[int]:
    """Offsets in *norm* of the figures a curated row stands for or an exclusion covers."""
    texts = dict(registries.source_texts) | {source_id: norm}
    frames = [pd.read_csv(p, dtype=str, keep_default_na=False)
              for p in sorted((registries.project.raw / "curated").glob("*.csv"))]
    rows = pd.concat(frames, ignore_index=True).assign(origin="printed")
    rows["value"] = rows["value"].astype(float)
    done = coverage.curated_figures(rows, texts) | set(
        coverage.excluded_figures(coverage.read_exclusions(root), texts))
    return {start for sid, start in done if sid == source_id}


def _clause(norm: str, start: int, end: int) -> str:
    """The shortest clause of *norm* around the span: from the last QUOTE_END before it to
    the first after it."""
    left = max(norm.rfind(c, 0, start) for c in QUOTE_END) + 1
    right = min((i for i in (norm.find(c, end) for c in QUOTE_END) if i >= 0), default=len(norm))
    return norm[left:right]


def _quote(text: str, norm: str, raw_at: list[int], start: int, end: int) -> str:
    """The clause around a number, as *text* prints it (whitespace removed), when it maps
    back exactly; else as normalised. *raw_at* gives the offset in *text* of each
    character of *norm* (see :func:`_raw_offsets`)."""
    clause = _clause(norm, start, end)
    left = norm.rfind(clause, 0, start + 1)
    if len(raw_at) == len(norm) and clause:
        printed = "".join(text[raw_at[left]:raw_at[left + len(clause) - 1] + 1].split())
        if normalise_text(printed) == clause:
            return printed
    return clause


def _raw_offsets(text: str) -> list[int]:
    """For each character of ``normalise_text(text)``, its offset in *text* (character by
    character; a character whose form depends on its neighbours makes the lengths differ)."""
    return [i for i, ch in enumerate(text) for _ in range(len(normalise_text(ch)))]


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def write_beside(document, draft_path, *, source_id: str, source_file: str, root=None) -> tuple[Path, Path]:
    """For an extracted document (HTML, PDF): write the text it read and a draft
    ``sources.csv`` row beside the draft, ``<draft>.txt`` and ``<draft>.sources.csv``,
    ready to go into ``data/raw/sources/`` and ``data/raw/sources.csv``."""
    draft_path = outside_raw(draft_path, root=root)
    text_path = draft_path.with_suffix(".txt")
    row_path = draft_path.with_suffix(".sources.csv")
    with atomic_path(text_path) as tmp:
        tmp.write_text(document.text.rstrip("\n") + "\n", encoding="utf-8")
    row = pd.DataFrame([{
        "source_id": source_id, "file": f"sources/{text_path.name}", "title_zh": document.title,
        "title_en": "", "publisher": document.publisher, "date_published": document.date,
        "reporting_period": "", "note": f"Text read from {source_file} by `indicators suggest`"}])
    with atomic_path(row_path) as tmp:
        neutralise_frame(row).to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n")
    return text_path, row_path


def default_output(root, source_id: str) -> Path:
    """Where the draft goes unless told: ``drafts/<source_id>.csv`` in the project folder."""
    return project(root).root / "drafts" / f"{source_id}.csv"
