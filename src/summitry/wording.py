"""Counts in words, as every message and caption of summitry writes them."""


def count_of(n: int, noun: str) -> str:
    """'1 event', '2 events', '0 events'."""
    return f"{n} {noun if n == 1 else noun + 's'}"
