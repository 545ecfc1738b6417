"""Fixed texts of the reports, charts and exports, in every interface language.

Kept apart from the renderers so the text, Markdown and image outputs say the same thing.
The texts are the "report" part of the one catalog per language (survey_tui.i18n,
survey_tui/locale/<lang>/LC_MESSAGES/survey_tui.po); `t` here looks them up.
"""

from __future__ import annotations

from survey_tui.i18n import lookup

# Languages that write 0,5 and 29 % (Finland's Swedish as well as Finnish).
DECIMAL_COMMA = ("fi", "sv")


def t(lang: str, key: str, **fmt: object) -> str:
    """The report text `key` in `lang` (English for an unknown language), formatted with
    `fmt`; a text that counts something takes the plural form its count needs."""
    text = lookup("report", lang, key, fmt)
    return text.format(**fmt) if fmt else text


def number(value: float | None, lang: str, digits: int = 2) -> str:
    """A decimal in the report language (Finnish and Swedish use a decimal comma); '–' for none."""
    if value is None:
        return "–"
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang in DECIMAL_COMMA else text


def shown_points(old: float | None, new: float | None) -> float | None:
    """Change in percentage points between two shares as percent() shows them (29 % -> 33 %:
    +4), so a table row adds up; the exact change belongs in JSON and CSV."""
    if old is None or new is None:
        return None
    return float(f"{new * 100:.0f}") - float(f"{old * 100:.0f}")


def percent(share: float | None, lang: str) -> str:
    if share is None:
        return "–"
    return f"{share * 100:.0f} %" if lang in DECIMAL_COMMA else f"{share * 100:.0f}%"


def release_notes(report) -> list[str]:
    """What every view says besides n: responses imported, responses held back (a RoundReport)."""
    lang, notes = report.lang, []
    if report.imported:
        notes.append(t(lang, "imported_note", imported=report.imported))
    if report.held:
        notes.append(t(lang, "held_note", held=report.held, min=report.round.min_group))
    return notes
