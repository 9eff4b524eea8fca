"""summitry: a chronology of North Korea's summit diplomacy, 2017-2019, with sources.

The library (model, dates, dataset, query, render) never prints and never exits:

    >>> from summitry.data.load import load
    >>> from summitry.query.select import Query, select
    >>> data = load()
    >>> [e.id for e in select(data, Query(actors=("Putin",), kinds=("summit",))).matched]
    ['2019-04-25-kim-putin-vladivostok']
"""
