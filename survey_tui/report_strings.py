"""Fixed texts of the reports, charts and exports in Finnish and English.

Kept apart from the renderers so the text, Markdown and image outputs say the same thing.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "fi": {
        "report_title": "Tulokset",
        "round": "Kierros",
        "questionnaire": "Kysely",
        "responses": "Vastauksia",
        "imported_note": "näistä {imported} tuotu tiedostosta (esim. paperilomakkeet)",
        "held_note": "{held} myöhemmin saapunutta vastausta odottaa: ne näytetään, kun niitä on vähintään {min}",
        "min_group": "Pienin raportoitava ryhmä",
        "ranking": "Teemojen tärkeysjärjestys",
        "ranked_by": "järjestyksen antoi {ranked} / {n} vastaajaa",
        "theme": "Teema",
        "first_choice": "1. sija",
        "share": "Osuus",
        "mean_rank": "Keskim. sija",
        "borda": "Borda",
        "positions": "Sijat 1..{k}",
        "consensus": "Yhteinen järjestys",
        "kendall_w": "Yksimielisyys (Kendallin W)",
        "not_available": "ei laskettavissa",
        "partial": "Osittaiset järjestykset",
        "chart_first": "Tärkeimmäksi asetetut teemat",
        "chart_positions": "Sijojen jakauma",
        "axis_respondents": "Vastaajia",
        "position_n": "{p}. sija",
        "legend": "Selite",
        "themes": "Teemojen vastaukset",
        "question": "Kysymys",
        "answered": "vastasi",
        "blank": "tyhjiä",
        "keywords": "Yleisimmät sanat",
        "codes": "Koodit",
        "example": "esim.",
        "none": "ei yhtään",
        "answers": "Vastaukset",
        "no_ranking": "Kyselyssä ei ole tärkeysjärjestystä.",
        "ranking_withheld": "Tärkeysjärjestystä ei näytetä: sen antoi {ranked} vastaajaa, vähemmän kuin pienin raportoitava ryhmä ({min}).",
        "explanations": "Lukujen selitykset",
        "chart_alt_first": "Pylväskaavio: kuinka moni asetti kunkin teeman tärkeimmäksi",
        "chart_alt_positions": "Pinottu pylväskaavio: kunkin teeman sijojen jakauma",
        "chart_missing": "kuvat syntyvät komennolla: survey-tui export {slug}",
    },
    "en": {
        "report_title": "Results",
        "round": "Round",
        "questionnaire": "Questionnaire",
        "responses": "Responses",
        "imported_note": "of these, {imported} imported from a file (e.g. paper forms)",
        "held_note": "{held} later responses are held back: they are shown once there are at least {min}",
        "min_group": "Minimum group size",
        "ranking": "Order of importance of the themes",
        "ranked_by": "ranked by {ranked} of {n} respondents",
        "theme": "Theme",
        "first_choice": "1st",
        "share": "Share",
        "mean_rank": "Mean rank",
        "borda": "Borda",
        "positions": "Positions 1..{k}",
        "consensus": "Consensus order",
        "kendall_w": "Agreement (Kendall's W)",
        "not_available": "not available",
        "partial": "Partial rankings",
        "chart_first": "Themes ranked most important",
        "chart_positions": "Distribution of positions",
        "axis_respondents": "Respondents",
        "position_n": "Position {p}",
        "legend": "Legend",
        "themes": "Answers by theme",
        "question": "Question",
        "answered": "answered",
        "blank": "blank",
        "keywords": "Frequent words",
        "codes": "Codes",
        "example": "e.g.",
        "none": "none",
        "answers": "Answers",
        "no_ranking": "This questionnaire has no ranking.",
        "ranking_withheld": "The ranking is not shown: {ranked} respondents ranked, fewer than the smallest group reported ({min}).",
        "explanations": "What the figures mean",
        "chart_alt_first": "Bar chart: how many respondents put each theme first",
        "chart_alt_positions": "Stacked bar chart: the positions each theme was given",
        "chart_missing": "the images are made by: survey-tui export {slug}",
    },
}


def t(lang: str, key: str, **fmt: object) -> str:
    table = STRINGS.get(lang) or STRINGS["en"]
    text = table.get(key) or STRINGS["en"][key]
    return text.format(**fmt) if fmt else text


def number(value: float | None, lang: str, digits: int = 2) -> str:
    """A decimal in the report language (Finnish uses a decimal comma); '–' for none."""
    if value is None:
        return "–"
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "fi" else text


def shown_points(old: float | None, new: float | None) -> float | None:
    """Change in percentage points between two shares as percent() shows them (29 % -> 33 %:
    +4), so a table row adds up; the exact change belongs in JSON and CSV."""
    if old is None or new is None:
        return None
    return float(f"{new * 100:.0f}") - float(f"{old * 100:.0f}")


def percent(share: float | None, lang: str) -> str:
    if share is None:
        return "–"
    return f"{share * 100:.0f} %" if lang == "fi" else f"{share * 100:.0f}%"


def release_notes(report) -> list[str]:
    """What every view says besides n: responses imported, responses held back (a RoundReport)."""
    lang, notes = report.lang, []
    if report.imported:
        notes.append(t(lang, "imported_note", imported=report.imported))
    if report.held:
        notes.append(t(lang, "held_note", held=report.held, min=report.round.min_group))
    return notes
