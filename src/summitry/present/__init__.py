"""Results into output: row shapes (rows), the registry of formats (formats), tables and
charts, iCalendar, SQLite, safe text, atomic files and the writing itself (output)."""

from summitry.present.formats import EVENT_FORMATS, FORMATS, OTHER_FORMATS, write
from summitry.present.rows import Result

__all__ = ["EVENT_FORMATS", "FORMATS", "OTHER_FORMATS", "Result", "write"]
