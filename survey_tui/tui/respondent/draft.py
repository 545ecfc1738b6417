"""The respondent session and draft format, for the respondent pages that import them from here.

They live in survey_tui/domain/session.py (no Textual, no SQL: the plain mode uses them
too); this module only re-exports them. New code imports survey_tui.domain.session.
"""

from __future__ import annotations

from survey_tui.domain.session import (
    DRAFT_VERSION,
    Session,
    load,
    resume_code,
    save,
    save_data,
    session_language,
    submit_error,
    theme_page,
)

__all__ = [
    "DRAFT_VERSION",
    "Session",
    "load",
    "resume_code",
    "save",
    "save_data",
    "session_language",
    "submit_error",
    "theme_page",
]
