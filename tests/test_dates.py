"""EDTF dates of data files, dates typed by users, and how spans are written."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summitry.data.dates import DateError, Precision, Span, format_span, parse_edtf, parse_user_date


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("2018-06-12", date(2018, 6, 12), date(2018, 6, 12), Precision.DAY),
        ("2018-02", date(2018, 2, 1), date(2018, 2, 28), Precision.MONTH),
        ("2020-02", date(2020, 2, 1), date(2020, 2, 29), Precision.MONTH),
        ("2017", date(2017, 1, 1), date(2017, 12, 31), Precision.YEAR),
        ("2019-02-27/2019-02-28", date(2019, 2, 27), date(2019, 2, 28), Precision.DAY),
        ("2018-06/2018-07", date(2018, 6, 1), date(2018, 7, 31), Precision.MONTH),
        ("2018/2018-03-05", date(2018, 1, 1), date(2018, 3, 5), Precision.YEAR),
    ],
    ids=[
        "a day is one day",
        "a month runs to its last day",
        "a leap February has 29 days",
        "a year is all of it",
        "a two-day interval",
        "a month interval ends at the end of its last month",
        "a mixed interval takes the coarser precision",
    ],
)
def test_edtf_dates_become_spans(text: str, start: date, end: date, precision: Precision) -> None:
    assert parse_edtf(text) == Span(start, end, precision)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("2018-02-30", "February 2018 has 28 days"),
        ("2018-13", "month 13 does not exist"),
        ("2018-00-10", "month 0 does not exist"),
        ("2018-06-12/2018-06-11", "ends before it starts"),
        ("18-06-12", "is not YYYY"),
        ("2018-6-12", "is not YYYY"),
        ("0000", "no year 0"),
        ("June 2018", "is not YYYY"),
        ("", "is not YYYY"),
    ],
)
def test_bad_edtf_dates_say_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(DateError, match=says):
        parse_edtf(text)


@pytest.mark.parametrize(
    ("typed", "start", "end", "precision"),
    [
        ("2018", date(2018, 1, 1), date(2018, 12, 31), Precision.YEAR),
        ("2018-05", date(2018, 5, 1), date(2018, 5, 31), Precision.MONTH),
        ("2018-5", date(2018, 5, 1), date(2018, 5, 31), Precision.MONTH),
        ("2018-05-24", date(2018, 5, 24), date(2018, 5, 24), Precision.DAY),
        ("May 2018", date(2018, 5, 1), date(2018, 5, 31), Precision.MONTH),
        ("february 2020", date(2020, 2, 1), date(2020, 2, 29), Precision.MONTH),
        ("24 May 2018", date(2018, 5, 24), date(2018, 5, 24), Precision.DAY),
        ("May 24, 2018", date(2018, 5, 24), date(2018, 5, 24), Precision.DAY),
        ("Sept. 19, 2018", date(2018, 9, 19), date(2018, 9, 19), Precision.DAY),
        ("25/06/2018", date(2018, 6, 25), date(2018, 6, 25), Precision.DAY),
        ("2018/06/12", date(2018, 6, 12), date(2018, 6, 12), Precision.DAY),
        ("  2019  ", date(2019, 1, 1), date(2019, 12, 31), Precision.YEAR),
    ],
)
def test_user_dates_keep_the_precision_typed(
    typed: str, start: date, end: date, precision: Precision
) -> None:
    assert parse_user_date(typed) == Span(start, end, precision)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("05/06/2018", "ambiguous"),
        ("2018/2019", "is a range"),
        ("2011/12", "is a range"),  # a fiscal year, or December: not guessed
        ("2018/06/31", "June 2018 has 30 days"),
        ("2018-13", "month 13 does not exist"),
        ("June 31 2018", "not a date"),
        ("2018-02-29", "February 2018 has 28 days"),
        ("May", "no year"),
        ("Thursday", "no year"),
        ("24 May", "no year"),
        ("10:30", "time of day"),
        ("2018-05-24 10:30", "time of day"),
        ("soon", "not a date"),
        ("", "empty"),
        ("99999999999999999999", "not"),
    ],
)
def test_user_dates_that_cannot_be_read_are_refused(typed: str, says: str) -> None:
    with pytest.raises(DateError, match=says):
        parse_user_date(typed)


def test_missing_parts_are_never_taken_from_today() -> None:
    # dateutil alone would fill the day and month from today's date.
    assert parse_user_date("2016") == Span(date(2016, 1, 1), date(2016, 12, 31), Precision.YEAR)


@given(st.text(max_size=40))
def test_any_text_gives_a_span_or_a_date_error(text: str) -> None:
    try:
        span = parse_user_date(text)
    except DateError as error:
        assert str(error)
    else:
        assert span.start <= span.end


@given(st.dates(min_value=date(1, 1, 1)), st.sampled_from(list(Precision)))
def test_iso_text_of_any_date_reads_back_to_its_span(day: date, precision: Precision) -> None:
    text = day.isoformat()[: {Precision.YEAR: 4, Precision.MONTH: 7, Precision.DAY: 10}[precision]]
    span = parse_user_date(text)
    assert span.precision is precision
    assert span.start <= day <= span.end
    assert parse_edtf(text) == span


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("2018-03-27", "27 Mar 2018"),
        ("2018-02", "Feb 2018"),
        ("2017", "2017"),
        ("2019-02-27/2019-02-28", "27\u201328 Feb 2019"),
        ("2018-05-30/2018-06-02", "30 May \u2013 2 Jun 2018"),
        ("2018-12-30/2019-01-02", "30 Dec 2018 \u2013 2 Jan 2019"),
        ("2018-06/2018-07", "Jun\u2013Jul 2018"),
        ("2017/2018", "2017\u20132018"),
    ],
)
def test_spans_are_written_as_people_write_dates(text: str, shown: str) -> None:
    assert format_span(parse_edtf(text)) == shown


@pytest.mark.parametrize(
    "text",
    ["2018-W21-4", "20180524AB", "2018-05-2\u0664", "2018-0524-1"],
    ids=[
        "an ISO week date",
        "a basic ISO date with letters",
        "an Arabic-Indic digit",
        "a shifted dash",
    ],
)
def test_a_data_date_is_only_yyyy_mm_dd_never_another_iso_form(text: str) -> None:
    # Python's date.fromisoformat reads week dates and more; the data format does not.
    with pytest.raises(DateError, match="is not YYYY, YYYY-MM or YYYY-MM-DD"):
        parse_edtf(text)
