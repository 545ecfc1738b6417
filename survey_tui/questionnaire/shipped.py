"""The shipped questionnaires: questionnaires/ in a source checkout, package data
(survey_tui/_questionnaires, see pyproject.toml) in an installed wheel."""

from __future__ import annotations

from pathlib import Path

from survey_tui.errors import InvalidInput, message
from survey_tui.questionnaire.loading import load_file
from survey_tui.questionnaire.model import Questionnaire


def shipped_dir() -> Path:
    """Where the shipped questionnaires are: inside the wheel, or the source checkout."""
    package = Path(__file__).resolve().parent.parent  # survey_tui/
    packaged = package / "_questionnaires"
    if packaged.is_dir():
        return packaged
    return package.parent / "questionnaires"


# The thesis's survey first (a first round's default in the wizard and the dashboard), then
# its follow-up; any other shipped file after them by name.
FIRST = ("kela-sosiaalitoimi", "kela-seuranta")


def shipped_files() -> dict[str, Path]:
    """Shipped questionnaire files by id (the file stem is the id), in FIRST's order."""
    folder = shipped_dir()
    if not folder.is_dir():
        return {}
    rank = {qid: i for i, qid in enumerate(FIRST)}
    files = sorted(folder.glob("*.yaml"), key=lambda p: (rank.get(p.stem, len(FIRST)), p.stem))
    return {p.stem: p for p in files}


def load_shipped(qid: str) -> Questionnaire:
    files = shipped_files()
    if qid not in files:
        known = ", ".join(files) or message("q_none")
        raise InvalidInput(message("q_unknown_shipped", id=repr(qid), known=known))
    return load_file(files[qid])


def resolve(ref: str) -> Questionnaire:
    """A shipped questionnaire id or a path to a YAML file."""
    if ref in shipped_files():
        return load_shipped(ref)
    path = Path(ref)
    if path.suffix.lower() in (".yaml", ".yml") or path.exists():
        return load_file(path)
    return load_shipped(ref)
