"""Errors a user can cause. The CLI turns each into one line and a non-zero exit."""

from __future__ import annotations


def message(key: str, **kw: object) -> str:
    """The error text `key` (catalog part "errors") in the coordinator's language, formatted
    with `kw`: lower layers raise SurveyError(message(...)) so every interface shows it in
    the language the coordinator chose (i18n.coordinator_lang)."""
    from survey_tui.i18n import coordinator_lang, text

    return text("errors", coordinator_lang(), key, **kw)


# The reasons an operating system gives most often, in the coordinator's language (strerror
# is English whatever the locale, and put in the middle of a Finnish line it read as a bug).
_OS_REASONS = {"ENOENT": "os_enoent", "EACCES": "os_eacces", "EPERM": "os_eacces", "EISDIR": "os_eisdir",
               "ENOTDIR": "os_enotdir", "ENOSPC": "os_enospc", "EDQUOT": "os_enospc", "EROFS": "os_erofs",
               "EEXIST": "os_eexist", "ENAMETOOLONG": "os_enametoolong"}


def os_reason(exc: OSError) -> str:
    """Why an OSError happened, translated where the errno is a common one."""
    import errno

    key = _OS_REASONS.get(errno.errorcode.get(exc.errno or 0, ""))
    return message(key) if key else str(exc.strerror or exc)


class SurveyError(Exception):
    """Base class: the message is meant for the person at the keyboard."""

    exit_code = 1


class NotFound(SurveyError):
    pass


class WouldLockOutRespondents(SurveyError):
    """Codes for a round that people already answer without one (see Store.add_codes)."""

    exit_code = 2


class InvalidInput(SurveyError):
    exit_code = 2


class RoundNotOpen(SurveyError):
    pass


class CodeRejected(SurveyError):
    """Unknown, missing or already used one-time code.

    `reason` is "unknown", "used" or "missing", so interfaces can say it in the
    respondent's language without parsing the English message.
    """

    def __init__(self, message: str, reason: str = "unknown"):
        self.reason = reason
        super().__init__(message)


class ResponseInvalid(SurveyError):
    exit_code = 2

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


class StoreBusy(SurveyError):
    """The database stayed locked past the retry budget."""


class StoreUnavailable(SurveyError):
    """The database cannot be opened or written (read-only, disk full, network fs)."""
