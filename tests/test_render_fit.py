"""Column widths from the words in the cells (summitry.present.fit), without Rich."""

from __future__ import annotations

from summitry.present import fit


def test_wrap_breaks_only_between_tokens_when_they_fit() -> None:
    tokens = fit.names(["Kim Jong Un", "Xi Jinping"])
    assert tokens == ["Kim Jong Un,", "Xi Jinping"]
    assert fit.wrap(tokens, 23) == ["Kim Jong Un, Xi Jinping"]
    assert fit.wrap(tokens, 12) == ["Kim Jong Un,", "Xi Jinping"]
    # Narrower than a name: the name is broken at its spaces, then a word anywhere.
    assert fit.wrap(tokens, 9) == ["Kim Jong", "Un,", "Xi", "Jinping"]
    assert fit.wrap(["abcdefgh"], 3) == ["abc", "def", "gh"]
    assert fit.wrap([], 5) == [""]


def column(header: str, *cells: str, wraps: bool = True) -> fit.Column:
    return fit.Column(header, [[cell.split("|")] for cell in cells], wraps=wraps)


def test_columns_get_their_natural_width_when_the_table_fits() -> None:
    columns = [column("Date", "12 Jun 2018", wraps=False), column("Who", "Kim Jong Un|Xi")]
    assert fit.widths(columns, 40) == [11, len("Kim Jong Un Xi")]


def test_names_stay_whole_while_the_width_allows() -> None:
    who = column("Who", "Kim Jong Un,|Xi Jinping", "Moon Jae-in")
    title = column("Title", "A long title that wraps over several lines")
    sizes = fit.widths([title, who], 30)
    assert sizes is not None and sizes[1] >= len("Kim Jong Un,")
    assert sum(sizes) + fit.GAP <= 30
    assert who.broken(sizes[1]) == 0


def test_the_longest_token_is_broken_first_when_nothing_else_fits() -> None:
    who = column("Who", "Shanghai Cooperation Organization", "Kim Jong Un")
    sizes = fit.widths([column("Date", "12 Jun 2018", wraps=False), who], 30)
    assert sizes == [11, 30 - 11 - fit.GAP]
    assert who.broken(sizes[1]) == 1  # the organization, not Kim Jong Un


def test_a_layout_that_cannot_fit_is_none_and_choose_falls_back() -> None:
    date = column("Date", "12 Jun 2018", wraps=False)
    assert fit.widths([date, column("Who", "Kim")], 12) is None
    columns, sizes = fit.choose([[date, column("Who", "Kim")]], 12)
    assert [c.header for c in columns] == ["Date", "Who"] and sizes[0] == 11
