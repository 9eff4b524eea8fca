"""Results into output: row shapes, one registry of formats, and the writers."""

from summitry.present.formats import EVENT_FORMATS, FORMATS, OTHER_FORMATS, write
from summitry.present.rows import Result

__all__ = ["EVENT_FORMATS", "FORMATS", "OTHER_FORMATS", "Result", "write"]
