"""The coordinator dashboard: one Textual app, one screen per file."""
