"""The timeline's time axis: where days land, and the labels under it."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summitry.present import axis as axes

DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@given(DAYS, DAYS, st.integers(min_value=1, max_value=400))
def test_the_axis_fits_and_every_day_lands_on_it_in_order(a: date, b: date, width: int) -> None:
    first, last = min(a, b), max(a, b)
    axis = axes.build(first, last, width)
    assert 1 <= axis.width <= width
    assert axis.starts[0] <= first and last < axis.starts[-1]
    step = max(1, (last - first).days // 50)
    days = [first + timedelta(days=n) for n in range(0, (last - first).days + 1, step)] + [last]
    columns = [axis.column(day) for day in days]
    assert all(0 <= c < axis.width for c in columns)
    assert columns == sorted(columns)


@given(DAYS, DAYS, st.integers(min_value=1, max_value=400))
def test_labels_are_as_wide_as_the_axis(a: date, b: date, width: int) -> None:
    axis = axes.build(min(a, b), max(a, b), width)
    fine, coarse = axes.labels(axis)
    assert len(fine) == len(coarse) == axis.width


def test_short_periods_go_by_week_and_longer_ones_by_month() -> None:
    assert axes.build(date(2018, 5, 1), date(2018, 6, 30), 60).unit == "week"
    assert axes.build(date(2018, 3, 1), date(2019, 6, 30), 60).unit == "month"
    assert axes.build(date(2018, 3, 1), date(2018, 3, 1), 60, "month").unit == "month"


def test_weeks_start_on_monday() -> None:
    axis = axes.build(date(2018, 5, 1), date(2018, 6, 30), 60)
    assert axis.starts[0] == date(2018, 4, 30)  # the Monday before Tuesday 1 May
    assert {day.weekday() for day in axis.starts} == {0}


def test_days_keep_their_spacing() -> None:
    # Five dates one, two, three and four times 60 days apart: the columns between them
    # grow the same way, give or take one month's columns.
    axis = axes.build(date(2018, 1, 1), date(2019, 12, 31), 72)
    assert axis.unit == "month" and axis.group == 1 and axis.cell == 3
    days = [date(2018, 1, 1) + timedelta(days=60 * n) for n in (0, 1, 3, 6, 10)]
    columns = [axis.column(day) for day in days]
    per_day = axis.width / (axis.starts[-1] - axis.starts[0]).days
    for (d1, c1), (d2, c2) in pairwise(zip(days, columns, strict=True)):
        assert abs((c2 - c1) - (d2 - d1).days * per_day) <= axis.cell


def test_long_periods_group_months_into_quarters_or_years() -> None:
    quarters = axes.build(date(2010, 2, 1), date(2019, 12, 31), 40)
    assert (quarters.group, quarters.step_name) == (3, "3-month span")
    assert quarters.grid_meaning == "start of each 3-month span"
    assert quarters.starts[0] == date(2010, 1, 1)  # a quarter starts in January
    years = axes.build(date(1950, 1, 1), date(2019, 12, 31), 80)
    assert (years.group, years.step_name) == (12, "year")
    assert years.grid_meaning == "start of a year"
    assert axes.labels(years)[0].startswith("1950")


def test_month_labels_name_the_months_and_the_years() -> None:
    axis = axes.build(date(2017, 11, 29), date(2018, 2, 15), 80, "month")
    fine, coarse = axes.labels(axis)
    assert fine.split() == ["Nov", "Dec", "Jan", "Feb"]
    assert coarse.split() == ["2017", "2018"]
    assert coarse.index("2018") == fine.index("Jan")


def test_narrow_months_get_their_initials() -> None:
    axis = axes.build(date(2018, 1, 1), date(2018, 12, 31), 36, "month")
    assert axis.cell == 3
    assert axes.labels(axis)[0].split() == list("JFMAMJJASOND")


def test_week_labels_give_the_mondays_and_the_month() -> None:
    axis = axes.build(date(2018, 5, 1), date(2018, 5, 31), 50)
    fine, coarse = axes.labels(axis)
    assert fine.split() == ["30", "7", "14", "21", "28"]
    assert coarse.split() == ["Apr", "2018", "May", "2018"]


def test_a_label_that_does_not_fit_is_left_out() -> None:
    assert axes.place(10, [(0, "2017"), (3, "2018"), (6, "2019")]) == "2017  2019"
    assert axes.place(6, [(4, "long")]) == "      "
    labels = [(0, "2017"), (2, "2018"), (8, "2019")]
    assert axes.place(12, labels, keep_later=True) == "  2018  2019"


def test_the_month_a_week_begins_is_named_even_when_the_axis_starts_in_another() -> None:
    # 30 April begins the first week; May's name must not be left out for April's.
    axis = axes.build(date(2018, 5, 1), date(2018, 6, 30), 45)
    fine, coarse = axes.labels(axis)
    assert fine.split()[:2] == ["30", "7"]
    assert coarse.split() == ["May", "2018", "Jun", "2018"]
    assert coarse.index("May") == fine.index("7")


def test_an_unknown_unit_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown unit"):
        axes.build(date(2018, 1, 1), date(2018, 2, 1), 10, "fortnight")
