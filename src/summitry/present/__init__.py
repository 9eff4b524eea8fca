"""Results into output: row shapes (rows), the registry of formats (formats), tables and
charts, iCalendar, SQLite, safe text, atomic files and the writing itself (output)."""

from summitry.present.formats import EVENT_FORMATS, FORMATS, OTHER_FORMATS, Result, write

__all__ = ["EVENT_FORMATS", "FORMATS", "OTHER_FORMATS", "Result", "write"]
