"""Bad input as analysts really produce it: each case is repaired with a warning or rejected
with a message naming file, line and column. Tests go through the public build/validate API."""
from __future__ import annotations

import logging

import pandas as pd
import pytest

import indicators
from indicators.data.schema import schema
from indicators.exceptions import DataValidationError

CURATED = "data/raw/curated/services_trade.csv"
HEADER = "series_id,period,kind,value,unit,qualifier,source_id,quote,also_source_ids,note"
ROW = ("china.services_trade.total,2023-01/2023-11,outturn,{value},{unit},exact,S000,"
       "2023年1至11月，我国服务进出口总额58902亿元，同比增长9%,,")
GROWTH = ("china.services_trade.total_growth,2023-01/2023-11,outturn,{value},%,exact,S000,"
          "2023年1至11月，我国服务进出口总额58902亿元，同比增长9%,,")
EXPORTS_GROWTH = ("china.services_trade.exports_growth,2023-01/2023-11,outturn,{value},%,exact,S000,"
                  "我国服务贸易出口24074.2亿元，同比下降6.8%,,")


def write(root, text: str, name: str = "services_trade.csv", encoding: str = "utf-8") -> None:
    (root / "data/raw/curated" / name).write_bytes(text.encode(encoding))


def value_of(root, series_id: str) -> float:
    frame = indicators.build(root)
    return frame.loc[frame.series_id.eq(series_id), "value"].item()


@pytest.fixture
def one_file(project_copy):
    """A project whose only curated file is services_trade.csv (rewritten by each test)."""
    for path in (project_copy / "data/raw/curated").glob("*.csv"):
        if path.name != "services_trade.csv":
            path.unlink()
    # identities and derivations would need the other files
    for name in ("identities", "derivations"):
        path = project_copy / f"data/raw/{name}.csv"
        path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    return project_copy


def test_clean_file_builds_with_no_warning(one_file, caplog):
    write(one_file, "\n".join([HEADER, ROW.format(value="58902", unit="亿元")]) + "\n")
    with caplog.at_level(logging.WARNING, logger="indicators"):
        assert value_of(one_file, "china.services_trade.total") == 58902
    assert caplog.records == []


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig"])
def test_excel_encodings_are_read_with_a_warning(one_file, caplog, encoding):
    write(one_file, "\r\n".join([HEADER, ROW.format(value="58902", unit="亿元")]) + "\r\n", encoding=encoding)
    with caplog.at_level(logging.WARNING, logger="indicators"):
        assert value_of(one_file, "china.services_trade.total") == 58902
    assert any("GB18030" in r.message or "byte-order mark" in r.message for r in caplog.records)


def test_undecodable_bytes_are_rejected_with_line(one_file):
    data = "\n".join([HEADER, ROW.format(value="58902", unit="亿元")]).encode("utf-8") + b"\n\xff\xff\n"
    (one_file / CURATED).write_bytes(data)
    with pytest.raises(DataValidationError, match=r"services_trade.csv, line 3.*UTF-8"):
        indicators.build(one_file)


@pytest.mark.parametrize(("row", "series_id", "expected", "warning"), [
    (ROW.format(value='"58,902"', unit="亿元"), "china.services_trade.total", 58902, "thousands separators"),
    (ROW.format(value="５８９０２", unit="亿元"), "china.services_trade.total", 58902, "full-width"),
    (GROWTH.format(value="９％"), "china.services_trade.total_growth", 9, "full-width"),
    (GROWTH.format(value="9%"), "china.services_trade.total_growth", 9, "'%' glued"),
    (EXPORTS_GROWTH.format(value="−6.8"), "china.services_trade.exports_growth", -6.8, "Unicode minus"),
])
def test_number_spellings_are_normalised_with_a_warning(one_file, caplog, row, series_id, expected, warning):
    write(one_file, "\n".join([HEADER, row]) + "\n")
    with caplog.at_level(logging.WARNING, logger="indicators"):
        assert value_of(one_file, series_id) == expected
    assert any(warning in r.getMessage() for r in caplog.records), [r.getMessage() for r in caplog.records]


def test_percent_glued_to_a_non_percent_unit_is_rejected(one_file):
    write(one_file, "\n".join([HEADER, ROW.format(value="58902%", unit="亿元")]) + "\n")
    with pytest.raises(DataValidationError, match=r"line 2, column 'value': got '58902%'.*needs unit '%'"):
        indicators.build(one_file)


def test_text_in_value_is_rejected_with_file_line_column(one_file):
    write(one_file, "\n".join([HEADER, ROW.format(value="约58902", unit="亿元")]) + "\n")
    with pytest.raises(DataValidationError,
                       match=r"services_trade.csv, line 2, column 'value': got '约58902'; expected a number"):
        indicators.build(one_file)


def test_blank_lines_and_stray_spaces_are_dropped_with_warnings(one_file, caplog):
    row = ROW.format(value=" 58902 ", unit="亿元 ")
    write(one_file, "\n".join([HEADER, "", row, ",,,,,,,,,", ""]) + "\n")
    with caplog.at_level(logging.WARNING, logger="indicators"):
        assert value_of(one_file, "china.services_trade.total") == 58902
    messages = " ".join(r.getMessage() for r in caplog.records)
    assert "blank line(s) 2, 4" in messages
    assert "stray spaces" in messages and "line(s) 3" in messages


def test_exact_duplicate_row_is_dropped_with_a_warning(one_file, caplog):
    row = ROW.format(value="58902", unit="亿元")
    write(one_file, "\n".join([HEADER, row, row]) + "\n")
    with caplog.at_level(logging.WARNING, logger="indicators"):
        frame = indicators.build(one_file)
    assert len(frame) == 1
    assert any("line 3 repeats line 2" in r.getMessage() for r in caplog.records)


def test_two_values_for_one_figure_from_one_document_are_rejected_naming_both_lines(one_file):
    write(one_file, "\n".join([HEADER, ROW.format(value="58902", unit="亿元"),
                               ROW.format(value="9", unit="亿元")]) + "\n")
    with pytest.raises(DataValidationError, match=r"line 3, column 'value': got '9 亿元'; expected one value for "
                                                  r"china\.services_trade\.total 2023-01/2023-11 outturn from the same "
                                                  r"document; .*services_trade\.csv line 2 gives 58902 亿元"):
        indicators.build(one_file)


def test_missing_column_is_rejected(one_file):
    header = HEADER.replace(",quote", "")
    row = ROW.format(value="58902", unit="亿元").replace(",2023年1至11月，我国服务进出口总额58902亿元，同比增长9%", "")
    write(one_file, "\n".join([header, row]) + "\n")
    with pytest.raises(DataValidationError, match=r"line 1, column 'quote'; expected a column named 'quote'"):
        indicators.build(one_file)


def test_unknown_column_is_rejected(one_file):
    write(one_file, "\n".join([HEADER + ",valeu", ROW.format(value="58902", unit="亿元") + ","]) + "\n")
    with pytest.raises(DataValidationError, match=r"column 'valeu'; expected only the columns"):
        indicators.build(one_file)


def test_row_with_an_unquoted_comma_is_rejected(one_file):
    row = ROW.format(value="58902", unit="亿元").replace("S000,", "S000,extra,")
    write(one_file, "\n".join([HEADER, row]) + "\n")
    with pytest.raises(DataValidationError, match=r"line 2: got 11; expected 10 fields"):
        indicators.build(one_file)


def test_built_file_round_trips_through_pandas(built_root):
    frame = pd.read_csv(built_root / "data/processed/observations.csv", dtype=str, keep_default_na=False)
    assert frame.columns.tolist()[:3] == ["series_id", "topic", "name_zh"]
    assert not frame.duplicated(list(schema().primary_key)).any()
