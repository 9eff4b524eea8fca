"""Actor matching, filters, and the counts behind summary and actors."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summitry.data.schema import KINDS, Dataset
from summitry.query.select import Query, QueryError, check_kinds, find_event, match_actors, select
from summitry.query.stats import actor_stats, count_pairs, summarize


def names(actors: tuple[object, ...]) -> set[str]:
    return {a.name for a in actors}  # type: ignore[attr-defined]


@pytest.mark.parametrize("typed", ["Xi", "xi", "XI", "Xi Jinping", "jinping", "xi-jinping", "Xí"])
def test_xi_is_found_however_it_is_typed(bundled: Dataset, typed: str) -> None:
    assert names(match_actors(bundled, typed)) == {"Xi Jinping"}


def test_kim_finds_every_kim(bundled: Dataset) -> None:
    expected = {a.name for a in bundled.actors.values() if a.name.startswith(("Kim ", "Kim's"))}
    assert names(match_actors(bundled, "Kim")) == expected
    assert len(expected) == 3


def test_names_match_whole_words_only(bundled: Dataset) -> None:
    assert names(match_actors(bundled, "Kim Jong-un")) == {"Kim Jong Un"}
    with pytest.raises(QueryError):
        match_actors(bundled, "Ji")  # a part of a word is not a match


def test_an_unknown_actor_suggests_the_closest_name(bundled: Dataset) -> None:
    with pytest.raises(QueryError, match="no actor matches 'Zi'; did you mean Xi Jinping\\?"):
        match_actors(bundled, "Zi")
    with pytest.raises(QueryError, match=r"did you mean .*Vladimir Putin"):
        match_actors(bundled, "Puttin")


def test_unknown_kinds_and_ids_suggest_the_closest(bundled: Dataset) -> None:
    with pytest.raises(QueryError, match="did you mean summit"):
        check_kinds(["sumit"])
    assert check_kinds(["Summit"]) == ("summit",)
    with pytest.raises(QueryError, match="did you mean 2018-06-12-singapore-summit"):
        find_event(bundled, "2018-06-12-singapur-summit")


def test_actor_filter_selects_exactly_the_events_with_that_actor(bundled: Dataset) -> None:
    selected = select(bundled, Query(actors=("Xi",))).matched
    assert selected == tuple(e for e in bundled.events if "xi-jinping" in e.actors)


def test_place_and_search_ignore_case_and_accents(bundled: Dataset) -> None:
    in_beijing = select(bundled, Query(places=("beijing",))).matched
    assert in_beijing and all(e.place == "Beijing" for e in in_beijing)
    in_china = select(bundled, Query(places=("CHINA",))).matched
    assert set(in_beijing) <= set(in_china)
    nuclear = select(bundled, Query(texts=("Yongbyon",))).matched
    assert {e.id for e in nuclear} == {
        e.id for e in bundled.events if "yongbyon" in (e.title + e.summary).lower()
    }


def test_limit_and_reverse(bundled: Dataset) -> None:
    result = select(bundled, Query(reverse=True, limit=3))
    assert result.shown == tuple(reversed(bundled.events))[:3]
    assert len(result.matched) == len(bundled.events)


actor_names = st.sampled_from(["Kim", "Xi", "Trump", "Moon", "Pompeo", "North Korea", "Putin"])
kinds = st.sampled_from(sorted(KINDS))
days = st.dates(min_value=date(2017, 1, 1), max_value=date(2019, 12, 31))


@given(st.lists(actor_names, min_size=1, max_size=3), actor_names)
def test_repeating_actor_narrows(bundled: Dataset, some: list[str], one_more: str) -> None:
    fewer = set(select(bundled, Query(actors=tuple(some))).matched)
    more = set(select(bundled, Query(actors=(*some, one_more))).matched)
    alone = set(select(bundled, Query(actors=(one_more,))).matched)
    assert more == fewer & alone


@given(st.lists(kinds, min_size=1, max_size=3), kinds)
def test_repeating_kind_widens(bundled: Dataset, some: list[str], one_more: str) -> None:
    fewer = set(select(bundled, Query(kinds=tuple(some))).matched)
    more = set(select(bundled, Query(kinds=(*some, one_more))).matched)
    alone = set(select(bundled, Query(kinds=(one_more,))).matched)
    assert more == fewer | alone


@settings(max_examples=200)
@given(days, st.integers(min_value=0, max_value=400))
def test_a_period_selects_exactly_the_events_that_overlap_it(
    bundled: Dataset, start: date, length: int
) -> None:
    end = start + timedelta(days=length)
    got = select(bundled, Query(start=start, end=end)).matched
    expected = tuple(e for e in bundled.events if e.span.start <= end and start <= e.span.end)
    assert got == expected


def test_actor_stats_count_first_and_last(bundled: Dataset) -> None:
    stats = {s.actor.id: s for s in actor_stats(bundled)}
    xi = [e for e in bundled.events if "xi-jinping" in e.actors]
    assert stats["xi-jinping"].count == len(xi)
    assert stats["xi-jinping"].first == xi[0] and stats["xi-jinping"].last == xi[-1]
    assert [s.actor.id for s in actor_stats(bundled, "president of china")] == ["xi-jinping"]


def test_summary_counts_add_up(bundled: Dataset) -> None:
    s = summarize(bundled, bundled.events)
    held = [e for e in bundled.events if e.status == "held"]
    assert s.count == len(held) == sum(n for _, n in s.kinds)
    assert s.left_out == len(bundled.events) - len(held) == 7
    assert sum(n for _, n in s.periods) == len(held)
    # Late 2017 (a day in Nov-Dec) is in no month: not a November event; the months it
    # reaches are listed, empty.
    assert s.periods[:3] == [("[2017-11..2017-12]", 1), ("2017-11", 0), ("2017-12", 0)]
    assert s.periods[-1][0] == "2019-06"
    assert len(s.periods) == 1 + 20  # Nov 2017 to Jun 2019, empty months included
    kim_xi = next(
        p
        for p in s.summit_pairs
        if {p.first_actor.id, p.second_actor.id} == {"kim-jong-un", "xi-jinping"}
    )
    assert kim_xi.count == 5


def test_pairs_only_pair_people_of_the_same_event(bundled: Dataset) -> None:
    chosen = {"2018-05-kim-meets-lavrov", "2018-06-01-kim-yong-chol-white-house"}
    found = count_pairs(bundled, [e for e in bundled.events if e.id in chosen]).pairs
    assert {(p.first_actor.name, p.second_actor.name) for p in found} == {
        ("Kim Jong Un", "Sergei Lavrov"),
        ("Donald Trump", "Kim Yong Chol"),
    }


def test_summary_of_nothing(bundled: Dataset) -> None:
    assert summarize(bundled, []).count == 0
