"""Responding: resume codes, starting and resuming a session, drafts, and the submit outcome.

The full-screen app and `--plain` both submit through `submit`, so a refused answer
(a used code, a round closed meanwhile, a busy or read-only database) is told the
same way in both, with the resume code, and the draft is kept. The session and the
draft format themselves are domain.session's.
"""

from __future__ import annotations

from dataclasses import dataclass


def new_resume_code() -> str:
    """A fresh resume code for a draft (the store's generator: only its hash is kept)."""
    from survey_tui.store import new_token

    return new_token()


def rounds_to_answer(store, today=None) -> list:
    """The rounds a respondent can answer now, for the round chooser."""
    return store.accepting_rounds(today)


def round_of_resume_code(store, code: str) -> str | None:
    """The round a resume code's draft belongs to, when it is still taking answers."""
    slug = store.draft_round(code)
    if slug is None or not store.get_round(slug).accepting():
        return None
    return slug


@dataclass(frozen=True)
class Submitted:
    """What became of one submit: stored, or why not (in the respondent's language)."""

    stored: bool
    message: str = ""  # the reason and the resume code, ready to show
    kind: str = ""  # CodeRejected, RoundNotOpen, StoreUnavailable, ... (what to offer next)

    @property
    def code_rejected(self) -> bool:
        return self.kind == "CodeRejected"


def submit(store, session) -> Submitted:
    """Store the session's response, consuming its access code and its draft.

    Never raises for a respondent: every failure becomes a Submitted with a message.
    """
    from survey_tui.domain.session import submit_error

    try:
        store.submit(
            session.slug,
            session.submit_answers(),
            session.submit_ranking(),
            session.lang,
            session.code,
            draft_token=session.token,
        )
    except Exception as exc:  # noqa: BLE001 - a respondent gets a sentence, never a traceback
        message, kind = submit_error(session.lang, exc, session.token)
        return Submitted(False, message, kind)
    session.submitted = True
    return Submitted(True)
