"""The pieces every part of validation shares: the problem collector (_Checker), field
paths, ids and limits. validation.py builds the questionnaire; validation_kinds.py each
question by its kind; validation_conditions.py the `show_if` conditions."""

from __future__ import annotations

import math
import re
from typing import Any

from survey_tui.errors import InvalidInput, message
from survey_tui.sanitize import clean_text, refused_controls

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
LANG_RE = re.compile(r"^[a-z]{2,3}$")
DEFAULT_MAX = {"long": 4000, "short": 300}
LIMITS = {"title": 300, "prompt": 2000, "long_text": 20000}
NUMBER_LIMIT = 10**15  # any bound or number answer: beyond it is a typing slip


class QuestionnaireError(InvalidInput):
    """One or more problems, each `file: path: message` on its own line."""

    def __init__(self, source: str, problems: list[tuple[str, str]]):
        self.source = source
        self.problems = problems
        lines = [
            f"{source}: {path}: {msg}" if path else f"{source}: {msg}" for path, msg in problems
        ]
        super().__init__("\n".join(lines))


class _Checker:
    """Collects problems with their field paths while building the model."""

    def __init__(self, strict: bool = True) -> None:
        self.problems: list[tuple[str, str]] = []
        self.languages: tuple[str, ...] = ()
        self.strict = strict
        self.complete = False

    def displayable(self, text: str, path: str) -> str:
        """Text as the model keeps it: cleaned for the terminal (sanitize.clean_text) once,
        here. A file (strict) may not hold control characters at all."""
        if self.strict:
            problem = refused_controls(text)
            if problem:
                self.add(path, problem)
        return clean_text(text)

    def add(self, path: str, msg: str) -> None:
        self.problems.append((path, msg))

    def mapping(self, value: Any, path: str, allowed: set[str], required: set[str]) -> dict | None:
        if not isinstance(value, dict):
            self.add(path, message("q_expected_mapping", kind=_kind(value)))
            return None
        for key in value:
            if not isinstance(key, str):
                self.add(path, message("q_field_names_text", kind=_kind(key)))
            elif key not in allowed:
                self.add(_join(path, key), message("q_unknown_field"))
        for key in sorted(required - set(value)):
            self.add(_join(path, key), message("q_missing_field"))
        return value

    def ident(self, value: Any, path: str) -> str | None:
        if isinstance(value, bool):  # `id: no` (an option id) in YAML
            self.add(path, message("q_id_bool"))
            return None
        if not isinstance(value, str):
            self.add(path, message("q_expected_id", kind=_kind(value)))
            return None
        if not ID_RE.match(value):
            self.add(path, message("q_invalid_id", id=repr(value)))
            return None
        return value

    def localized(self, value: Any, path: str, limit: int, allow_empty: bool = False) -> dict[str, str]:
        if value is None and allow_empty:
            return {lang: "" for lang in self.languages}
        if isinstance(value, str) and len(self.languages) <= 1:
            # Without usable languages (already a problem) a plain text is still checked.
            value = {self.languages[0] if self.languages else "": value}
        if not isinstance(value, dict):
            self.add(path, message("q_expected_localized", languages=", ".join(self.languages), kind=_kind(value)))
            return {}
        out: dict[str, str] = {}
        # No usable `languages` (already reported): check the texts there are, so one pass
        # still reports every other problem in the file.
        check = self.languages or tuple(k for k in value if isinstance(k, str))
        for lang in check:
            if lang not in value:
                self.add(path, message("q_missing_language", language=repr(lang)))
                continue
            text = value[lang]
            if text is None and allow_empty:
                text = ""
            if not isinstance(text, str):
                self.add(_join(path, lang), message("q_expected_text", kind=_kind(text)))
                continue
            raw_length = len(text)
            text = self.displayable(text, _join(path, lang))
            if not text.strip() and not allow_empty:
                self.add(_join(path, lang), message("q_empty"))
            if raw_length > limit:
                self.add(_join(path, lang), message("q_text_too_long", length=raw_length, limit=limit))
            out[lang] = text
        for lang in value:
            if self.languages and lang not in self.languages:
                self.add(_join(path, str(lang)), message("q_lang_not_listed", language=repr(lang)))
        return out

    def boolean(self, value: Any, path: str, default: bool) -> bool:
        if value is None:
            return default
        if not isinstance(value, bool):
            self.add(path, message("q_expected_bool", kind=_kind(value)))
            return default
        return value

    def whole(self, value: Any, path: str) -> int | None:
        """A whole number (not true/false), or None with the problem noted."""
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(path, message("q_expected_whole", value=_shown(value)))
            return None
        return value

    def number(self, value: Any, path: str) -> int | float | None:
        """A finite number within NUMBER_LIMIT (not true/false), or None with the problem noted."""
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not _finite(value):
            self.add(path, message("q_expected_num", value=_shown(value)))
            return None
        return value


def _kind(value: Any) -> str:
    if value is None:
        return message("q_kind_nothing")
    key = {dict: "q_kind_mapping", list: "q_kind_list", str: "q_kind_text", bool: "q_kind_bool", int: "q_kind_number",
           float: "q_kind_number"}.get(type(value))
    return message(key) if key else type(value).__name__


def _join(path: str, key: str) -> str:
    # A field name from the file is shown with escapes if it holds control characters
    # (the path ends up on a terminal: validate, the dashboard's launch form).
    if not key:
        return path
    key = key if key.isprintable() else repr(key)[:80]
    return f"{path}.{key}" if path else key




def _finite(value: int | float) -> bool:
    """Within NUMBER_LIMIT (and not NaN or infinite: JSON can carry those)."""
    return (not isinstance(value, float) or math.isfinite(value)) and abs(value) <= NUMBER_LIMIT


def _shown(value: Any) -> str:
    """A value from the file as a problem line shows it: short, on one line."""
    return repr(value)[:60]
