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


def shipped_files() -> dict[str, Path]:
    """Shipped questionnaire files by id (the file stem is the id)."""
    folder = shipped_dir()
    if not folder.is_dir():
        return {}
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))}


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
