"""Questionnaires: the model, safe loading, validation and the shipped files.

    model       the frozen dataclasses (Questionnaire, Theme, Question, Ranking, RankItem)
    validation  from_dict / from_json: every problem with its field path (QuestionnaireError);
                validation_kinds / validation_conditions: each question kind, show_if
    answers     values per kind (encode/decode for the store); conditions: show_if, keep_shown
    loading     load_file / load_text: size, UTF-8 and YAML safety checks before validation
    shipped     the questionnaires shipped in questionnaires/ (package data in a wheel)
    responses   check_response / check_ranking / check_value: one response against its
                questionnaire; stored_texts / decoded: its values as answers.text cells and back
    placeholders  fill-ins such as [contact details] left in the texts (round open refuses them)
    checking    check_file / check_text: `questionnaire validate`, every problem in one pass

Everything callers use is importable from here (`from survey_tui.questionnaire import
load_shipped`). None of these modules imports PyYAML at import time: it is loaded when a
file is parsed, so the respondent's start-up path stays light (tests/test_layers.py).
"""

from __future__ import annotations

from survey_tui.questionnaire.loading import MAX_DEPTH, MAX_FILE_BYTES, load_file, load_text
from survey_tui.questionnaire.model import Question, Questionnaire, RankItem, Ranking, Theme
from survey_tui.questionnaire.placeholders import find_placeholders, placeholders
from survey_tui.questionnaire.placeholders import refusal as placeholder_refusal
from survey_tui.questionnaire.responses import (
    check_ranking,
    check_response,
    check_value,
    decoded,
    free_text_ids,
    stored_texts,
)
from survey_tui.questionnaire.shipped import load_shipped, resolve, shipped_dir, shipped_files
from survey_tui.questionnaire.validation import (
    DEFAULT_MAX,
    ID_RE,
    KINDS,
    LANG_RE,
    LIMITS,
    QuestionnaireError,
    from_dict,
    from_json,
)

__all__ = [
    "DEFAULT_MAX",
    "ID_RE",
    "KINDS",
    "LANG_RE",
    "LIMITS",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "Question",
    "Questionnaire",
    "QuestionnaireError",
    "RankItem",
    "Ranking",
    "Theme",
    "check_ranking",
    "check_response",
    "check_value",
    "decoded",
    "find_placeholders",
    "free_text_ids",
    "from_dict",
    "from_json",
    "load_file",
    "load_shipped",
    "load_text",
    "placeholder_refusal",
    "placeholders",
    "resolve",
    "shipped_dir",
    "shipped_files",
    "stored_texts",
]
