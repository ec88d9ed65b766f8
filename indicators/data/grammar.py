"""The figure grammar: how a Chinese text prints a number, its sign, unit and qualifier.

One place reads figures out of text, for validation (:mod:`indicators.data.provenance`),
the coverage test and the curation assistant. A *figure* is a number together with

- its **sign**: a decline word (下降, 减少 …) before it makes it negative, unless the word
  says where the value fell *to* (下降至3%); the sign carries over a list (分别下降25.1%、16.1%);
- its **unit**, printed after it, read as the longest printed form in ``units.csv`` (its
  ``unit`` or one of its ``aliases``, such as 个百分点); a number without one takes the unit
  of the list it ends (分别增长2、5.5和6.5% reads three percentages);
- its **qualifier**: a marker of ``qualifiers.csv`` attached to *that* number, either
  printed right after its unit (6%左右, 6000户以上) or before it in the same clause
  (超2.2万亿元, 不少于500处, 控制在3%以内: a one-character marker right before it);
  when both are printed the one before decides (控制在5.5%左右 is a ceiling); a number
  without one is ``exact``;
- the **years** its sentence names (2023年, and 今年 / 去年 / 明年 given the document's year).

Texts are read as :func:`~indicators.data.registry.normalise_text` leaves them (NFKC, no
whitespace); :func:`figures` normalises first, and spans index the normalised text.

Everything is column-wise: :meth:`Grammar.read` cuts all texts at their numbers in one
Arrow pass (RE2) and classifies each distinct stretch of text between two numbers (and each
distinct number with its unit and marker) once, so it stays linear in the total length and
fast at a million quotes. Digits are ASCII, as NFKC leaves full-width ones.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .registry import Registries, normalise_text

#: words that make the number after them a decline (stored negative)
DECLINE_WORDS = ("下降", "减少", "回落", "降低", "下滑", "负增长", "下跌", "缩小", "缩减", "压减")
#: words that make the number after them a rise; they end a decline word's reach
RISE_WORDS = ("增长", "提高", "提升", "上升", "增加", "扩大", "增至", "达到", "达")
#: a decline word followed by one of these says where the value fell to: a level, not a change
TO_WORDS = ("至", "到")
#: qualifier markers printed after the number and its unit (postpositions); every other
#: marker of qualifiers.csv is printed before the number
FOLLOWING_MARKERS = ("以上", "以下", "以内", "左右")
#: all that may stand between a one-character marker before a number and the number
#: (超6500场次, 超过2019年); a longer gap means another word (超市, 超额)
SHORT_MARKER_GAPS = ("", "过")
#: text between two numbers that makes them one list (分别增长2%、5.5%和6.5%, 3至5个)
LIST_JOINERS = ("、", "和", "及", "与", "或", "至", "-", "—", "~", "、和")
#: characters that end a clause: a word before one of them is not attached to a later number
CLAUSE_END = ",;:。!?、"
#: characters that end a sentence: years named in a sentence belong to its figures
SENTENCE_END = "。;!?"
#: words saying that a figure was a target or plan (力争 and 确保 look ahead, so they do not)
TARGET_WORDS = ("目标", "计划", "预期", "任务")
#: words saying that a figure is an estimate
ESTIMATE_WORDS = ("预计",)
#: words naming a year relative to the document's own year
RELATIVE_YEARS = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "明年": 1}
#: years a four-digit number before 年 may name
YEARS = range(1900, 2101)

_NUMBER = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
#: where :meth:`Grammar.read` cuts a text: the ASCII unit separator, a whitespace
#: character, so never in a normalised text
_CUT = "\x1f"


@dataclass(frozen=True)
class Figure:
    """One number printed in a text, with what the text says about it."""

    value: float
    """The number as printed, without its sign (58,902 reads 58902.0)."""
    sign: int
    """-1 when decline words make it a decline, else +1."""
    unit: str | None
    """The unit of ``units.csv`` it is printed with (an alias resolved), or None."""
    qualifier: str
    """The code of ``qualifiers.csv`` attached to it; ``"exact"`` when none is."""
    span: tuple[int, int]
    """Start and end of the number and its printed unit in the normalised text."""
    years: tuple[int, ...]
    """The years its sentence names, in order of first mention."""
    text: str
    """What the text prints: the number with its sign word, qualifier markers and unit."""

    @property
    def signed(self) -> float:
        """The value as the contract stores it (declines negative)."""
        return self.sign * self.value


class Grammar:
    """The grammar of one project: its printed units and qualifier markers.

    Parameters
    ----------
    units : DataFrame
        ``units.csv``: columns ``unit`` and, optionally, ``aliases`` (printed forms
        separated by ``|``).
    qualifiers : DataFrame
        ``qualifiers.csv``: columns ``qualifier`` and ``markers`` (separated by ``|``).
    """

    def __init__(self, units: pd.DataFrame, qualifiers: pd.DataFrame):
        printed: dict[str, str] = {}
        aliases = units["aliases"] if "aliases" in units else pd.Series("", index=units.index)
        for unit, alias in zip(units["unit"], aliases.fillna("")):
            for form in [unit] + [a for a in str(alias).split("|") if a]:
                printed.setdefault(normalise_text(form), unit)
        self.units = printed
        self.before: dict[str, str] = {}
        self.after: dict[str, str] = {}
        for code, markers in zip(qualifiers["qualifier"], qualifiers["markers"].fillna("")):
            for marker in (normalise_text(m) for m in str(markers).split("|") if m.strip()):
                (self.after if marker in FOLLOWING_MARKERS else self.before).setdefault(marker, code)
        unit_re = "|".join(re.escape(u) for u in sorted(printed, key=len, reverse=True))
        after_re = "|".join(re.escape(m) for m in sorted(self.after, key=len, reverse=True))
        # a number and what follows it (approximation, unit or date part, marker after it),
        # as RE2 patterns for Arrow (no lookarounds; ASCII digits): found in all texts at
        # once, then each distinct one taken apart into its named parts
        parts = {"number": _NUMBER, "approximation": r"[多余]?", "unit": rf"{unit_re}|年|月|",
                 "after": rf"{after_re}|"}
        self.figure = "".join(f"(?:{p})" for p in parts.values())
        self.parts = "^" + "".join(f"(?P<{name}>{p})" for name, p in parts.items()) + "$"
        self._gap_words = _alternation(DECLINE_WORDS + RISE_WORDS + tuple(self.before)
                                       + tuple(RELATIVE_YEARS))

    @classmethod
    def of(cls, registries: Registries) -> "Grammar":
        """The grammar of the project whose registries these are."""
        return cls(registries["units"], registries["qualifiers"])

    def read(self, texts, *, where: bool = True) -> pd.DataFrame:
        """Every number of every text in *texts*, one row each, in text order.

        Parameters
        ----------
        texts : sequence of str, or Arrow string array
            Normalised texts (see :func:`~indicators.data.registry.normalise_text`); pass
            an Arrow array to read texts that :func:`says` also asks, converting them once.
        where : bool, default True
            Also return where each number is and what it prints (``start``, ``end``,
            ``printed``); validation leaves them out until it reports a figure.

        Returns
        -------
        DataFrame
            ``text`` (position in *texts*), ``value`` (float, unsigned), ``sign`` (±1),
            ``unit`` (a ``units.csv`` unit or ``""``), ``qualifier`` (``"exact"`` when none
            is attached), ``time`` (``年`` or ``月`` when the number is part of a date,
            else ``""``), ``year`` (the year it names when printed as one, 2023年, else 0),
            ``relative`` (the year offset that a 今年 / 去年 / 明年 before it names, else
            ``NaN``), ``sentence`` (running number of its sentence); with *where*, also
            ``start``/``end`` (of the number and its unit) and ``printed`` (the sign word
            or marker before it, the number, its unit and a marker after it).
        """
        import pyarrow.compute as pc

        cut, counts = self._cut(texts)
        if counts.sum() == 0:
            return _empty()
        text = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
        first_number = np.cumsum(counts) - counts  # of each text, its first among all numbers
        # a text cut at k numbers has 2k + 1 pieces: gap, number, gap, number …, the rest
        number_in_text = np.arange(len(text)) - first_number[text]
        gap_at = np.repeat(cut.offsets.to_numpy()[:-1], counts) + 2 * number_in_text
        pieces = pc.list_flatten(cut)
        gap_codes, gaps = _factorize(pieces.take(gap_at))
        matches = pieces.take(gap_at + 1).dictionary_encode()
        match_codes = matches.indices.to_numpy().astype(np.int64)
        parts = pc.extract_regex(matches.dictionary, pattern=self.parts)

        # units, date parts and qualifiers as codes into these lists, 0 for none
        units = ["", *dict.fromkeys(self.units.values())]
        times = ["", "年", "月"]
        qualifiers = ["", *dict.fromkeys([*self.before.values(), *self.after.values()]), "exact"]
        facts = [self._gap(g) for g in gaps]
        sign, joined, relative, ends = (np.array([f[i] for f in facts], dtype=t)[gap_codes]
                                        for i, t in ((0, np.int64), (2, bool), (3, float), (4, bool)))
        before = np.array([qualifiers.index(f[1]) for f in facts], dtype=np.int64)[gap_codes]
        first = np.ones(len(text), dtype=bool)
        first[1:] = text[1:] != text[:-1]
        joined &= ~first
        printed_unit = parts.field("unit")
        time = _each(printed_unit, lambda u: times.index(u) if u in times else 0)[match_codes]
        unit = _each(printed_unit, lambda u: units.index(self.units.get(u, "")))[match_codes]
        after = _each(parts.field("after"), lambda a: qualifiers.index(self.after.get(a, "")))[match_codes]
        _carry(np.flatnonzero(joined), unit, time, sign, before, after)
        # a marker before the number decides (控制在5.5%左右 is a ceiling), else one after it
        qualifier = np.where(before > 0, before, np.where(after > 0, after, len(qualifiers) - 1))
        number = parts.field("number")
        value = pc.cast(pc.replace_substring(number, ",", ""), "float64").to_numpy()[match_codes]
        four = (pc.utf8_length(number).to_numpy() == 4)[match_codes]
        year = np.where((time == 1) & four, value, 0).astype(np.int64)
        out = pd.DataFrame({
            "text": text, "value": value, "sign": np.where(sign < 0, -1, 1),
            # text columns kept as object arrays: pandas' str dtype would copy each into Arrow
            "unit": _named(units, unit), "qualifier": _named(qualifiers, qualifier), "time": _named(times, time),
            "year": np.where((year >= YEARS.start) & (year < YEARS.stop), year, 0),
            "relative": relative, "sentence": np.cumsum(ends | first)}, copy=False)  # fresh arrays
        if where:
            gap_len = np.array([len(g) for g in gaps], dtype=np.int64)[gap_codes]
            match_len = pc.utf8_length(matches.dictionary).to_numpy()[match_codes]
            whole = gap_len + match_len
            # each text's pieces are contiguous from its start, so offsets are running sums
            before_token = np.cumsum(whole) - whole
            out["start"] = before_token - before_token[first_number[text]] + gap_len
            printed_len = sum(pc.utf8_length(parts.field(f)).to_numpy()
                              for f in ("number", "approximation", "unit"))
            out["end"] = out["start"] + printed_len[match_codes]
            shown = np.array([f[5] for f in facts], dtype=object)[gap_codes]
            out["printed"] = _objects(shown + np.array(matches.dictionary.to_pylist(), dtype=object)[match_codes])
        return out

    def _cut(self, texts):
        """*texts* cut before and after each number with what follows it, in one Arrow
        pass: (list array of pieces per text, number of numbers per text)."""
        import pyarrow as pa
        import pyarrow.compute as pc

        if not isinstance(texts, pa.Array):
            texts = pa.array(list(texts), pa.large_string())
        marked = pc.replace_substring_regex(texts, pattern=self.figure, replacement=rf"{_CUT}\0{_CUT}")
        cut = pc.split_pattern(marked, _CUT)
        return cut, (pc.list_value_length(cut).to_numpy() - 1) // 2

    def _gap(self, gap: str) -> tuple[int, str, bool, float, bool, str]:
        """What the text between two numbers says about the second: its sign (-1, +1, 0:
        none), the qualifier a marker before it attaches, whether the two are one list,
        the year offset it names (今年 0, 去年 -1), whether a sentence ends in it, and
        the words to show with the figure."""
        clause = gap[max(gap.rfind(c) for c in CLAUSE_END) + 1:]
        sign, qualifier, relative, shown = 0, "", np.nan, ""
        for m in self._gap_words.finditer(clause):
            word = m.group()
            if word in RELATIVE_YEARS:
                relative = RELATIVE_YEARS[word]
            elif word in DECLINE_WORDS and clause[m.end():m.end() + 1] not in TO_WORDS:
                sign, shown = -1, clause[m.start():]
            elif word in DECLINE_WORDS or word in RISE_WORDS:
                sign, shown = 1, ""
            elif len(word) > 1 or clause[m.end():] in SHORT_MARKER_GAPS:
                qualifier = self.before[word]
                shown = shown or clause[m.start():]
        if len(shown) > 12:
            shown = "…" + shown[-11:]
        return sign, qualifier, gap in LIST_JOINERS, relative, any(c in gap for c in SENTENCE_END), shown


def says(texts, words) -> np.ndarray:
    """For each of *texts* (normalised; a sequence of str, or an Arrow array of them, to
    ask several times without converting again): does it contain one of *words*? One
    pass of Arrow's RE2 over the texts, for all the words at once."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not isinstance(texts, pa.Array):
        texts = pa.array(list(texts), pa.large_string())
    if not words:  # an empty alternation would match every text
        return np.zeros(len(texts), dtype=bool)
    return pc.match_substring_regex(texts, _alternation(words).pattern).to_numpy(zero_copy_only=False)


def named_years(table: pd.DataFrame, year_of_text=None) -> pd.DataFrame:
    """The years each text names: (``text``, ``year``) pairs, from numbers printed as a
    year (2023年) and from 今年 / 去年 / 明年 resolved against ``year_of_text[text]`` (the
    year of the document; 0 or none: those words name nothing). *table* is a
    :meth:`Grammar.read` result."""
    pairs = [table.loc[table["year"] > 0, ["text", "year"]]]
    rel = table[table["relative"].notna()]
    if year_of_text is not None and len(rel):
        base = np.asarray(year_of_text, dtype=np.int64)[rel["text"].to_numpy()]
        pairs.append(pd.DataFrame({"text": rel["text"].to_numpy()[base > 0],
                                   "year": (base + rel["relative"].to_numpy().astype(np.int64))[base > 0]}))
    return pd.concat(pairs, ignore_index=True).drop_duplicates(ignore_index=True)


def figures(text: str, *, registries: Registries | None = None, year: int | None = None) -> list[Figure]:
    """Every figure printed in *text*, read by the figure grammar.

    Parameters
    ----------
    text : str
        Any text; it is normalised first (see :func:`~indicators.data.registry.normalise_text`).
    registries : Registries, optional
        Whose ``units.csv`` and ``qualifiers.csv`` to read (default: this project's).
    year : int, optional
        The year the text was written, so that 今年 / 去年 / 明年 name years.

    Returns
    -------
    list of Figure
        In text order. Numbers that are part of a date (2023年, 1至11月) are not figures;
        they name the years of their sentence's figures.
    """
    if registries is None:
        from ..paths import project
        from .registry import load_registries

        registries = load_registries(project())
    table = Grammar.of(registries).read([normalise_text(text)])
    table["year"] = np.where(table["relative"].notna() & bool(year),
                             (year or 0) + table["relative"].fillna(0).astype(np.int64), table["year"])
    years = {s: tuple(dict.fromkeys(int(y) for y in g if y)) for s, g in table.groupby("sentence")["year"]}
    return [Figure(r.value, int(r.sign), r.unit or None, r.qualifier, (int(r.start), int(r.end)),
                   years.get(r.sentence, ()), r.printed)
            for r in table[table["time"] == ""].itertuples()]


def _carry(joined: np.ndarray, unit, time, sign, before, after) -> None:
    """Carry over lists, in place: a list's last unit (or date part) and marker after a
    number back to numbers printed without one (2、5.5和6.5%; 分别增长5%、6%以上), its
    first sign and marker before a number forward (分别下降25.1%、16.1%). *joined* holds
    the positions of the numbers that continue a list begun by the number before them.
    All are integer arrays, 0 where a number has none."""
    now, prev = joined, joined - 1
    for _ in range(len(now)):  # one step further along the lists at each pass
        changed = np.zeros(len(now), dtype=bool)
        for values, backward in ((sign, False), (before, False), (after, True)):
            src, dst = (now, prev) if backward else (prev, now)
            take = (values[dst] == 0) & (values[src] != 0)
            values[dst[take]] = values[src[take]]
            changed |= take
        bare = (unit[prev] == 0) & (time[prev] == 0)
        for values in (unit, time):
            take = bare & (values[now] != 0)
            values[prev[take]] = values[now[take]]
            changed |= take
        if not changed.any():
            break


def _factorize(values) -> tuple[np.ndarray, np.ndarray]:
    """``pd.factorize`` of an Arrow string array, by Arrow's dictionary encoding."""
    encoded = values.dictionary_encode()
    return (encoded.indices.to_numpy().astype(np.int64),
            np.array(encoded.dictionary.to_pylist(), dtype=object))


def _each(strings, func) -> np.ndarray:
    """*func* (to an int) of each of *strings* (an Arrow string array), called once per
    distinct one."""
    codes, distinct = _factorize(strings)
    return np.array([func(v) for v in distinct], dtype=np.int64)[codes]


def _named(names: list[str], codes: np.ndarray) -> pd.Series:
    return _objects(np.array(names, dtype=object)[codes])


def _objects(values: np.ndarray) -> pd.Series:
    return pd.Series(values, dtype=object, copy=False)


def _alternation(words) -> re.Pattern:
    return re.compile("|".join(re.escape(normalise_text(w)) for w in sorted(set(words), key=len, reverse=True)))


def _empty() -> pd.DataFrame:
    return pd.DataFrame({"text": np.array([], np.int64), "start": np.array([], np.int64),
                         "end": np.array([], np.int64), "value": np.array([], float),
                         "sign": np.array([], np.int64), "unit": np.array([], object),
                         "qualifier": np.array([], object), "year": np.array([], np.int64),
                         "time": np.array([], object), "relative": np.array([], float),
                         "sentence": np.array([], np.int64),
                         "printed": np.array([], object)})
