"""Results into output: row shapes, one registry of formats, and the writers."""
