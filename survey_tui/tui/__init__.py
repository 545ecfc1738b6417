"""Textual user interfaces (respondent app; the coordinator dashboard lives beside it)."""
