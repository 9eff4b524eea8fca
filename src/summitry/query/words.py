"""Text matching shared by queries and suggestions (kept in data/suggest.py, which the loader's
messages also use)."""

from summitry.data.suggest import did_you_mean, fold, kinds_by_meaning, suggest, words

__all__ = ["did_you_mean", "fold", "kinds_by_meaning", "suggest", "words"]
