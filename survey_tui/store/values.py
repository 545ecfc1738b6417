"""Small values the store makes and reads: random ids, one-time and resume codes, dates, labels."""

from __future__ import annotations

import datetime as dt
import os
import random

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
# The operating system's CSPRNG, as `secrets` uses, without importing secrets/hmac/hashlib
# (OpenSSL) on the respondent's start-up path.
_SYSRANDOM = random.SystemRandom()


def random_id() -> str:
    """128 random bits as hex: response ids, unrelated to time or order."""
    return os.urandom(16).hex()


def _sha256(text: str) -> str:
    import hashlib  # noqa: PLC0415 - only when a code or draft is hashed

    return hashlib.sha256(text.encode()).hexdigest()


def normalize_code(code: str) -> str:
    return "".join(ch for ch in str(code).upper() if ch.isalnum())


def new_code() -> str:
    raw = "".join(_SYSRANDOM.choice(CODE_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def new_token() -> str:
    """A resume code for a draft: easy to copy, long enough not to guess."""
    raw = "".join(_SYSRANDOM.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def _today() -> dt.date:
    return dt.date.today()


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _label(text: object) -> str:
    """A label as it will be shown: escape sequences and control characters removed, one line."""
    from survey_tui.sanitize import one_line

    return one_line(str(text))


KEEP = object()  # edit_round: leave this setting as it is
