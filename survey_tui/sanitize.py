"""One policy for untrusted text shown in a terminal or written to a file.

Respondent answers, questionnaire texts, round names, code labels and theme names all
pass through `clean_text` (or `one_line`) before any interface shows them: the
respondent app, `--plain`, the dashboard, the CLI and the reports. Everything here is
pure and cheap (printable text takes a C-speed fast path) so it can run on every render.

What `clean_text` does, in this order:

- CRLF and a bare CR become LF (a CR would let a line overwrite itself); U+2028 LINE
  SEPARATOR and U+2029 PARAGRAPH SEPARATOR become LF too (made visible as the line
  break they stand for).
- Every escape sequence is removed whole, not only its ESC, so no "[2J" remains: CSI
  (ESC [ and 8-bit 0x9B), OSC (ESC ] and 0x9D, ended by BEL, ESC \\ or 0x9C), DCS, SOS,
  PM and APC (ESC P X ^ _ and 0x90 0x98 0x9E 0x9F, ended by ESC \\, 0x9C or BEL) and the
  short ESC sequences. An unterminated string sequence swallows the rest of the text,
  as a terminal would.
- C0 controls except tab and newline, DEL and C1 are removed.
- Bidi controls are neutralised by removal: embeddings, overrides, isolates, LRM/RLM and
  U+061C ARABIC LETTER MARK. A terminal lays text out left to right anyway; removing them
  means no text can be reordered to read differently from what is stored.
- Invisible characters are removed: every format character (Unicode category Cf: zero
  width space/joiners, word joiner, BOM, soft hyphen, U+180E, the Unicode tag characters
  U+E0000-U+E007F that can smuggle hidden ASCII), U+034F COMBINING GRAPHEME JOINER and
  the Hangul fillers U+115F, U+1160, U+3164 and U+FFA0 (blank "letters" that make a
  name look empty).
- Variation selectors: U+FE0E/U+FE0F (text or emoji presentation, which emoji need) are
  kept once, directly after a character that is not a space; every other variation
  selector (U+FE00-FE0D, U+E0100-E01EF, ideographic variants) is removed, which shows the
  base character in its standard form. Flag emoji made of tag characters become a
  plain black flag, and ZWJ emoji sequences show as their separate emoji.
- Combining marks (categories Mn, Mc, Me) are capped at MAX_MARKS per base character,
  so "Zalgo" text cannot draw over the lines around it; no language needs more.
- A lone surrogate (not encodable, a JSON "\\ud800" can carry one) becomes U+FFFD.

Markup ([link=...], [@click=...]) is left as text: Textual and Rich show it with markup
off (rich.text.Text), Markdown output escapes it.
"""

from __future__ import annotations

import re
import unicodedata

MAX_MARKS = 4


def _compiled_on_first_use(source: str):
    """A function giving re.compile(source), compiled the first time it is called.

    The Unicode tables below take ~5 ms to compile, which `survey-tui answer` would pay
    before its first paint (bench/bench_startup.py) although Latin-1 text, the Finnish and
    Swedish questionnaires, never reaches them.
    """
    compiled = None

    def pattern() -> re.Pattern:
        nonlocal compiled
        if compiled is None:
            compiled = re.compile(source)
        return compiled

    return pattern


_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029]")
# A whole escape sequence is removed, not only its ESC byte, so "[2J" does not remain.
_ESCAPE_SEQ = _compiled_on_first_use(
    r"\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC ... BEL or ST
    r"|\x1b[P^_X][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # DCS / PM / APC / SOS ... ST
    r"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # 8-bit DCS SOS OSC PM APC
    r"|\x1b[ -/]*[0-~]"  # other two/three byte escapes
)
# Format characters (category Cf, Unicode 14 and the whole tag block), with the bidi
# controls among them, plus the invisible ones of other categories.
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e007f"
)
_INVISIBLE = "\u034f\u115f\u1160\u3164\uffa0\ufe00-\ufe0d\U000e0100-\U000e01ef"
_UNSAFE = _compiled_on_first_use("[\x00-\x08\x0b-\x1f\x7f-\x9f" + _FORMAT + _INVISIBLE + "]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Presentation selectors with nothing to select: at the start, after a space or repeated.
_ORPHAN_VS = re.compile("(?:^|(?<=[\\s\ufe0e\ufe0f]))[\ufe0e\ufe0f]+")
# Anything the steps after the control characters may change, for the fast path.


def clean_text(text: str) -> str:
    """Text made safe to show in a terminal: the module's policy; keeps newline and tab."""
    if not text:
        return ""
    if text.isprintable() and (text.isascii() or not _unicode_work(text)):
        return text  # nothing to do (the common case, at C speed)
    # Lines of clean text (a whole report): the same test line by line, since a newline is
    # not printable. Each line's test is stricter than the steps below, so text that passes
    # is exactly what they would return; the regular expressions over megabytes are not.
    if "\n" in text and all(line.isprintable() and (line.isascii() or not _unicode_work(line))
                            for line in text.split("\n")):
        return text
    return _clean_steps(text)


def _clean_steps(text: str) -> str:
    """clean_text's steps themselves, without its shortcuts (tests check both agree)."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _ESCAPE_SEQ().sub("", text)
    text = _UNSAFE().sub("", text)
    if text.isascii():
        return text
    text = _SURROGATE.sub("\ufffd", text)
    text = _ORPHAN_VS.sub("", text)
    if _MARK_RUN().search(text):
        text = _TOO_MANY_MARKS().sub(r"\1", text)
    return text



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


# What a questionnaire file may not hold at all (questionnaire validate refuses it): control
# characters (C0 but tab and newline, DEL, C1) and the bidi embeddings, overrides and isolates.
_REFUSED = _compiled_on_first_use("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def refused_controls(text: str) -> str | None:
    """Why `text` cannot be in a questionnaire file (None: it can), as one short phrase."""
    found = _REFUSED().findall(text)
    if not found:
        return None
    first = _REFUSED().search(text)
    names = ", ".join(f"U+{ord(ch):04X}" for ch in dict.fromkeys(found))
    if len(names) > 60:
        names = names[:57] + "..."
    return (
        f"{len(found)} control character(s) ({names}; the first at character {first.start() + 1}): "
        "terminal escape codes and bidi overrides are not allowed in a questionnaire"
    )


# ---------------------------------------------------------------- spreadsheets

_FORMULA_LEAD = "=+-@"
_CELL_BREAKS = "\t\r\n"


def csv_cell(value: object) -> object:
    """Neutralise spreadsheet formulas (OWASP CSV injection guidance, widened).

    A cell whose text starts with tab, CR or LF, or whose first character after leading
    whitespace (any Unicode space: U+00A0, U+3000...) and invisible characters is = + - @
    in its NFKC form (so full-width ＝ ＋ － ＠ and small or superscript forms too), is
    prefixed with a single quote, so a spreadsheet shows it as text instead of evaluating
    it. Numbers are left alone (a negative number is data, not a formula).
    """
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = str(value)
    if _formula_like(text):
        return "'" + text
    return text


def _formula_like(text: str) -> bool:
    if text[:1] in _CELL_BREAKS and text:
        return True
    for ch in text:
        if ch.isspace() or _UNSAFE().match(ch):
            continue
        if ch in _FORMULA_LEAD:
            return True
        return not ch.isascii() and unicodedata.normalize("NFKC", ch)[:1] in _FORMULA_LEAD
    return False


def csv_text(text: str) -> str:
    """A text cell for a file meant for a spreadsheet: clean_text, then the formula guard."""
    if plain_cell(text):
        return text
    return csv_cell(clean_text(text))  # type: ignore[return-value]


def plain_cell(text: str) -> bool:
    """A quick True when csv_text(text) is text itself (printable, nothing to clean, no
    formula or space first); False means: go through csv_text."""
    if not text:
        return True
    first = text[0]
    return (
        first.isascii()
        and first not in _FORMULA_LEAD
        and not first.isspace()
        and text.isprintable()
        and (text.isascii() or not _unicode_work(text))
    )


# Combining marks (Mn, Mc, Me) of Unicode 14, in and beyond the BMP; tests/test_sanitize.py
# checks them against the running Python's unicodedata.
_MARKS_BMP = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1-\u05c2\u05c4-\u05c5\u05c7\u0610-\u061a\u064b-\u065f"
    "\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7-\u06e8\u06ea-\u06ed\u0711\u0730-\u074a\u07a6-\u07b0\u07eb-\u07f3"
    "\u07fd\u0816-\u0819\u081b-\u0823\u0825-\u0827\u0829-\u082d\u0859-\u085b\u0898-\u089f\u08ca-\u08e1"
    "\u08e3-\u0903\u093a-\u093c\u093e-\u094f\u0951-\u0957\u0962-\u0963\u0981-\u0983\u09bc\u09be-\u09c4"
    "\u09c7-\u09c8\u09cb-\u09cd\u09d7\u09e2-\u09e3\u09fe\u0a01-\u0a03\u0a3c\u0a3e-\u0a42\u0a47-\u0a48"
    "\u0a4b-\u0a4d\u0a51\u0a70-\u0a71\u0a75\u0a81-\u0a83\u0abc\u0abe-\u0ac5\u0ac7-\u0ac9\u0acb-\u0acd"
    "\u0ae2-\u0ae3\u0afa-\u0aff\u0b01-\u0b03\u0b3c\u0b3e-\u0b44\u0b47-\u0b48\u0b4b-\u0b4d\u0b55-\u0b57"
    "\u0b62-\u0b63\u0b82\u0bbe-\u0bc2\u0bc6-\u0bc8\u0bca-\u0bcd\u0bd7\u0c00-\u0c04\u0c3c\u0c3e-\u0c44"
    "\u0c46-\u0c48\u0c4a-\u0c4d\u0c55-\u0c56\u0c62-\u0c63\u0c81-\u0c83\u0cbc\u0cbe-\u0cc4\u0cc6-\u0cc8"
    "\u0cca-\u0ccd\u0cd5-\u0cd6\u0ce2-\u0ce3\u0d00-\u0d03\u0d3b-\u0d3c\u0d3e-\u0d44\u0d46-\u0d48"
    "\u0d4a-\u0d4d\u0d57\u0d62-\u0d63\u0d81-\u0d83\u0dca\u0dcf-\u0dd4\u0dd6\u0dd8-\u0ddf\u0df2-\u0df3\u0e31"
    "\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd\u0f18-\u0f19\u0f35\u0f37\u0f39\u0f3e-\u0f3f"
    "\u0f71-\u0f84\u0f86-\u0f87\u0f8d-\u0f97\u0f99-\u0fbc\u0fc6\u102b-\u103e\u1056-\u1059\u105e-\u1060"
    "\u1062-\u1064\u1067-\u106d\u1071-\u1074\u1082-\u108d\u108f\u109a-\u109d\u135d-\u135f\u1712-\u1715"
    "\u1732-\u1734\u1752-\u1753\u1772-\u1773\u17b4-\u17d3\u17dd\u180b-\u180d\u180f\u1885-\u1886\u18a9"
    "\u1920-\u192b\u1930-\u193b\u1a17-\u1a1b\u1a55-\u1a5e\u1a60-\u1a7c\u1a7f\u1ab0-\u1ace\u1b00-\u1b04"
    "\u1b34-\u1b44\u1b6b-\u1b73\u1b80-\u1b82\u1ba1-\u1bad\u1be6-\u1bf3\u1c24-\u1c37\u1cd0-\u1cd2"
    "\u1cd4-\u1ce8\u1ced\u1cf4\u1cf7-\u1cf9\u1dc0-\u1dff\u20d0-\u20f0\u2cef-\u2cf1\u2d7f\u2de0-\u2dff"
    "\u302a-\u302f\u3099-\u309a\ua66f-\ua672\ua674-\ua67d\ua69e-\ua69f\ua6f0-\ua6f1\ua802\ua806\ua80b"
    "\ua823-\ua827\ua82c\ua880-\ua881\ua8b4-\ua8c5\ua8e0-\ua8f1\ua8ff\ua926-\ua92d\ua947-\ua953\ua980-\ua983"
    "\ua9b3-\ua9c0\ua9e5\uaa29-\uaa36\uaa43\uaa4c-\uaa4d\uaa7b-\uaa7d\uaab0\uaab2-\uaab4\uaab7-\uaab8"
    "\uaabe-\uaabf\uaac1\uaaeb-\uaaef\uaaf5-\uaaf6\uabe3-\uabea\uabec-\uabed\ufb1e\ufe00-\ufe0f\ufe20-\ufe2f"
)
_MARKS_ASTRAL = (
    "\U000101fd\U000102e0\U00010376-\U0001037a\U00010a01-\U00010a03\U00010a05-\U00010a06"
    "\U00010a0c-\U00010a0f\U00010a38-\U00010a3a\U00010a3f\U00010ae5-\U00010ae6\U00010d24-\U00010d27"
    "\U00010eab-\U00010eac\U00010f46-\U00010f50\U00010f82-\U00010f85\U00011000-\U00011002"
    "\U00011038-\U00011046\U00011070\U00011073-\U00011074\U0001107f-\U00011082\U000110b0-\U000110ba"
    "\U000110c2\U00011100-\U00011102\U00011127-\U00011134\U00011145-\U00011146\U00011173"
    "\U00011180-\U00011182\U000111b3-\U000111c0\U000111c9-\U000111cc\U000111ce-\U000111cf"
    "\U0001122c-\U00011237\U0001123e\U000112df-\U000112ea\U00011300-\U00011303\U0001133b-\U0001133c"
    "\U0001133e-\U00011344\U00011347-\U00011348\U0001134b-\U0001134d\U00011357\U00011362-\U00011363"
    "\U00011366-\U0001136c\U00011370-\U00011374\U00011435-\U00011446\U0001145e\U000114b0-\U000114c3"
    "\U000115af-\U000115b5\U000115b8-\U000115c0\U000115dc-\U000115dd\U00011630-\U00011640"
    "\U000116ab-\U000116b7\U0001171d-\U0001172b\U0001182c-\U0001183a\U00011930-\U00011935"
    "\U00011937-\U00011938\U0001193b-\U0001193e\U00011940\U00011942-\U00011943\U000119d1-\U000119d7"
    "\U000119da-\U000119e0\U000119e4\U00011a01-\U00011a0a\U00011a33-\U00011a39\U00011a3b-\U00011a3e"
    "\U00011a47\U00011a51-\U00011a5b\U00011a8a-\U00011a99\U00011c2f-\U00011c36\U00011c38-\U00011c3f"
    "\U00011c92-\U00011ca7\U00011ca9-\U00011cb6\U00011d31-\U00011d36\U00011d3a\U00011d3c-\U00011d3d"
    "\U00011d3f-\U00011d45\U00011d47\U00011d8a-\U00011d8e\U00011d90-\U00011d91\U00011d93-\U00011d97"
    "\U00011ef3-\U00011ef6\U00016af0-\U00016af4\U00016b30-\U00016b36\U00016f4f\U00016f51-\U00016f87"
    "\U00016f8f-\U00016f92\U00016fe4\U00016ff0-\U00016ff1\U0001bc9d-\U0001bc9e\U0001cf00-\U0001cf2d"
    "\U0001cf30-\U0001cf46\U0001d165-\U0001d169\U0001d16d-\U0001d172\U0001d17b-\U0001d182"
    "\U0001d185-\U0001d18b\U0001d1aa-\U0001d1ad\U0001d242-\U0001d244\U0001da00-\U0001da36"
    "\U0001da3b-\U0001da6c\U0001da75\U0001da84\U0001da9b-\U0001da9f\U0001daa1-\U0001daaf"
    "\U0001e000-\U0001e006\U0001e008-\U0001e018\U0001e01b-\U0001e021\U0001e023-\U0001e024"
    "\U0001e026-\U0001e02a\U0001e130-\U0001e136\U0001e2ae\U0001e2ec-\U0001e2ef\U0001e8d0-\U0001e8d6"
    "\U0001e944-\U0001e94a\U000e0100-\U000e01ef"
)
_MARK = f"(?:[{_MARKS_BMP}]|[{_MARKS_ASTRAL}])"
_TOO_MANY_MARKS = _compiled_on_first_use(f"({_MARK}{{{MAX_MARKS}}}){_MARK}+")
# A quick superset of a run of more than MAX_MARKS marks (a BMP mark or any character
# beyond the BMP): the exact pattern above is slow on supplementary ranges, so it runs
# only where this one matches.
_MARK_RUN = _compiled_on_first_use(f"[{_MARKS_BMP}\U00010000-\U0010ffff]{{{MAX_MARKS + 1}}}")
# Printable characters clean_text may still change: the invisible ones that count as
# printable, presentation selectors, line separators, surrogates and long mark runs.
_UNICODE_WORK = _compiled_on_first_use(
    f"[{_INVISIBLE}\ufe0e\ufe0f\u2028\u2029\ud800-\udfff]|[{_MARKS_BMP}\U00010000-\U0010ffff]{{{MAX_MARKS + 1}}}"
)
# One character class, about five times quicker to search: text without any of these
# (Finnish, most Latin, Cyrillic and CJK text) needs no closer look.
_SUSPECT = _compiled_on_first_use(f"[{_INVISIBLE}\ufe0e\ufe0f\u2028\u2029\ud800-\udfff{_MARKS_BMP}\U00010000-\U0010ffff]")


def _unicode_work(text: str) -> bool:
    """Whether printable, non-ASCII text has anything clean_text would still change."""
    try:
        text.encode("latin-1")  # a copy for Latin-1 text (ä, ö, å): none of them is below U+0100
        return False
    except UnicodeEncodeError:
        pass
    return _SUSPECT().search(text) is not None and _UNICODE_WORK().search(text) is not None
