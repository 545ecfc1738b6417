"""Make untrusted respondent text safe to show in a terminal or write to a file.

Respondent text may carry escape sequences (clear screen, OSC 52 clipboard writes,
OSC 8 links), C1 controls, bidi overrides or zero-width characters that hide text.
Everything here is pure and cheap so it can run on every render.
"""

from __future__ import annotations

import re

# C0 except tab and newline, DEL, C1; bidi embeddings/overrides/isolates; zero-width
# and other invisible format characters that can hide or reorder text.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2069\u206a-\u206f\ufeff\ufff9-\ufffb]"
)
# A whole escape sequence is removed, not only its ESC byte, so "[2J" does not remain.
_ESCAPE_SEQ = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
    r"|\x1b[P^_X][^\x1b]*(?:\x1b\\)?"  # DCS / PM / APC / SOS ... ST
    r"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|\x9d[^\x07\x9c]*(?:\x07|\x9c)?"  # 8-bit OSC
    r"|\x1b[ -/]*[0-~]"  # other two/three byte escapes
)


def clean_text(text: str) -> str:
    """Strip escape sequences and control/format characters; keep newline and tab.

    A bare CR would let a line overwrite itself on a terminal, so CRLF and CR
    become LF.
    """
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE_SEQ.sub("", text)
    return _UNSAFE.sub("", text)


# What a respondent's input may not carry into storage: C0 controls except tab and line
# breaks, DEL and C1. The same set the full-screen app's paste guard drops.
INPUT_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_input(text: str) -> str:
    """Typed or pasted text as it is stored: control characters dropped, CRLF and CR as LF.

    Only the control characters go (an ESC, not the "[31m" after it), as in the full-screen
    app, so both interfaces store the same text. Letters, bidi and zero-width characters
    stay: they are the respondent's text, and clean_text deals with them on output.
    """
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return INPUT_CONTROLS.sub("", text)


def one_line(text: str, limit: int | None = None) -> str:
    """Clean text folded onto one line (for tables and lists), optionally cut."""
    flat = " ".join(clean_text(text).split())
    if limit is not None and len(flat) > limit:
        return flat[: max(limit - 1, 0)] + "…"
    return flat


_FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(value: object) -> object:
    """Neutralise spreadsheet formulas (OWASP CSV injection guidance).

    A cell whose text starts with = + - @ tab CR or LF is prefixed with a single
    quote, so a spreadsheet shows it as text instead of evaluating it. Numbers
    are left alone (a negative number is data, not a formula).
    """
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = str(value)
    if text.startswith(_FORMULA_LEAD):
        return "'" + text
    return text
