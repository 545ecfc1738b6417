"""XLSForm workbooks built in the tests with openpyxl, and the CLI run on them."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from survey_tui.cli.main import cli

EN, FI = "label::English (en)", "label::Finnish (fi)"


def workbook(path: Path, survey: list[list], choices: list[list] | None = None,
             settings: list[list] | None = None) -> Path:
    """An .xlsx with the given sheets; each sheet is its rows, the header first."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "survey"
    for row in survey:
        sheet.append(row)
    for name, rows in (("choices", choices), ("settings", settings)):
        if rows is not None:
            extra = book.create_sheet(name)
            for row in rows:
                extra.append(row)
    book.save(path)
    return path


def run_import(*args: str):
    """The CLI's `questionnaire import ...`; stdout and stderr apart."""
    return CliRunner().invoke(cli, ["questionnaire", "import", *args], catch_exceptions=False)


def loaded(text: str) -> dict:
    return yaml.safe_load(text)


# A KoboToolbox-like form: a welcome note, two groups (the second shown only after an
# answer), choices in Finnish and English, number bounds, a range, a rank of the groups,
# and rows survey-tui has no place for (metadata, a calculation, a hint, a geopoint).
KOBO_SURVEY = [
    ["type", "name", EN, FI, "required", "relevant", "appearance", "constraint", "hint::English (en)", "parameters"],
    ["start", "start"],
    ["deviceid", "deviceid"],
    ["note", "welcome", "Welcome to the follow-up.", "Tervetuloa seurantakyselyyn."],
    ["begin_group", "practices", "Practices", "Toimintatavat"],
    ["note", "practices_note", "About the practices.", "Toimintatavoista."],
    ["select_one adopted", "p1_adopted", "Adopted in our team?", "Otettu käyttöön tiimissämme?", "yes"],
    ["text", "p1_why", "What has stopped it?", "Mikä on estänyt?", "", "selected(${p1_adopted}, 'no') or ${p1_adopted} = 'partly'", "multiline"],
    ["select_multiple channel", "channels", "Channels used", "Käytetyt kanavat", "", "", "", "count-selected(.) <= 2", "Pick up to two"],
    ["integer", "team_size", "Team size", "Tiimin koko", "", "", "", ". >= 1 and . <= 50"],
    ["decimal", "hours", "Hours a week", "Tunteja viikossa", "", "", "", ". >= 0 and . <= 37.5"],
    ["range", "works", "How well it works", "Kuinka hyvin toimii", "", "", "", "", "", "start=1 end=5 step=1"],
    ["calculate", "total"],
    ["geopoint", "where", "Where?", "Missä?"],
    ["end_group"],
    ["begin_group", "followup", "Follow-up", "Jatko", "", "${p1_adopted} = 'yes'"],
    ["text", "Benefit", "What did it bring?", "Mitä se toi?"],
    ["end_group"],
    ["rank themes", "order", "Order the themes", "Järjestä teemat"],
]
KOBO_CHOICES = [
    ["list_name", "name", EN, FI],
    ["adopted", "yes", "Yes", "Kyllä"],
    ["adopted", "partly", "Partly", "Osittain"],
    ["adopted", "no", "No", "Ei"],
    ["channel", "phone", "Phone", "Puhelin"],
    ["channel", "email", "E-mail", "Sähköposti"],
    ["channel", "chat", "Chat", "Pikaviestin"],
    ["themes", "practices", "Practices", "Toimintatavat"],
    ["themes", "followup", "Follow-up", "Jatko"],
]
KOBO_SETTINGS = [
    ["form_title", "form_id", "version", "default_language", "style"],
    ["Team follow-up", "team_followup", "2026-1", "English (en)", "pages"],
]
