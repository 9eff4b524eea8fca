"""Text matching for queries and suggestions, from data/suggest.py."""

from summitry.data.suggest import did_you_mean, fold, kinds_by_meaning, suggest, words

__all__ = ["did_you_mean", "fold", "kinds_by_meaning", "suggest", "words"]
