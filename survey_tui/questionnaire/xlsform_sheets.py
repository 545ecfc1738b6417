"""The sheets around the survey sheet of an XLSForm: settings, choices, and the languages of
the label columns with the texts in them (FormSheets, which xlsform's builder extends)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from survey_tui.errors import message
from survey_tui.i18n import text as catalog_text
from survey_tui.questionnaire import xlsform_rules as rules
from survey_tui.questionnaire.validation import LANG_RE
from survey_tui.questionnaire.xlsform_read import Note, Sheet, XlsFormError
from survey_tui.sanitize import one_line

MAX_OPTIONS = 50


def _q(value: str, limit: int = 60) -> str:
    """A value from the form as a note shows it: quoted, on one line, short."""
    return repr(one_line(value, limit))


def kobo_column(column: str) -> bool:
    """KoboToolbox's own bookkeeping columns ($kuid, $autoname, kobo--...): never noted."""
    return column.startswith(("$", "kobo--"))


class FormSheets:
    def __init__(self, path: Path, sheets: dict[str, Sheet], notes: list[Note], language: str) -> None:
        self.path = path
        self.survey = sheets["survey"]
        self.notes = notes
        if "type" not in self.survey.columns:
            raise XlsFormError(message("xf_no_type_column"))
        self.settings = self._settings(sheets.get("settings"))
        default = rules.language_of(self.settings.get("default_language", "")) or language
        self.plain_language = default if LANG_RE.match(default) else "en"
        self.languages = self._languages(sheets)
        self.lists = self._lists(sheets.get("choices"))

    # ------------------------------------------------------------------ languages and texts

    def _languages(self, sheets: dict[str, Sheet]) -> list[str]:
        found: list[str] = []
        for sheet in (self.survey, sheets.get("choices")):
            if sheet is None:
                continue
            for column in sheet.columns:
                base, sep, suffix = column.partition("::")
                if base != "label":
                    continue
                code = rules.language_of(suffix) if sep else self.plain_language
                if code is None or not LANG_RE.match(code):
                    self.notes.append(Note(sheet.name, 1, message("xf_unknown_language", column=_q(column),
                                                                  language=_q(suffix, 30))))
                elif code not in found:
                    found.append(code)
        if self.plain_language in found:
            found.remove(self.plain_language)
            found.insert(0, self.plain_language)
        return found or [self.plain_language]

    def texts(self, sheet: str, row: int, cells: dict[str, str], fallback: str, limit: int = 2000) -> dict[str, str]:
        """A localized text from the `label` columns, every language filled (a missing one
        copies the first text there is) and cut to `limit` characters, each change noted."""
        found: dict[str, str] = {}
        for column, value in cells.items():
            b, sep, suffix = column.partition("::")
            code = rules.language_of(suffix) if sep else self.plain_language
            if b == "label" and code in self.languages and code not in found:
                found[code] = value
        if not found:
            if fallback:
                self.notes.append(Note(sheet, row, message("xf_no_label", name=_q(fallback))))
            found = {self.languages[0]: fallback or "?"}
        first = next(found[lang] for lang in self.languages if lang in found)
        for lang in self.languages:
            if lang not in found:
                source = next(code for code in self.languages if code in found)
                self.notes.append(Note(sheet, row, message("xf_label_copied", column=_q(f"label::{lang}"), language=source)))
        out = {lang: found.get(lang, first) for lang in self.languages}
        if any(len(text) > limit for text in out.values()):
            self.notes.append(Note(sheet, row, message("xf_text_cut", limit=limit)))
        return {lang: text[:limit] for lang, text in out.items()}

    def fill_in(self, key: str) -> dict[str, str]:
        return {lang: catalog_text("errors", lang, key) for lang in self.languages}

    # ------------------------------------------------------------------ settings and choices

    def _settings(self, sheet: Sheet | None) -> dict[str, str]:
        if sheet is None or not sheet.rows:
            return {}
        row, cells = sheet.rows[0]
        for column in cells:
            if column not in ("form_title", "form_id", "version", "default_language"):
                self.notes.append(Note("settings", row, message("xf_setting_unmapped", column=_q(column))))
        return cells

    def _lists(self, sheet: Sheet | None) -> dict[str, list[tuple[int, dict[str, str]]]]:
        lists: dict[str, list[tuple[int, dict[str, str]]]] = {}
        if sheet is None:
            return lists
        for row, cells in sheet.rows:
            name = cells.get("list_name", "")
            if not name or not cells.get("name"):
                self.notes.append(Note("choices", row, message("xf_choice_incomplete")))
                continue
            for column in cells:
                if column not in ("list_name", "name") and not column.startswith("label") and not kobo_column(column):
                    self.notes.append(Note("choices", row, message("xf_column_unmapped", column=_q(column),
                                                                   value=_q(cells[column], 40))))
            lists.setdefault(name, []).append((row, cells))
        return lists

    def options(self, row: int, list_name: str) -> tuple[list[dict[str, Any]], dict[str, str]] | None:
        choices = self.lists.get(list_name)
        if not choices:
            self.notes.append(Note("survey", row, message("xf_no_list", list=_q(list_name))))
            return None
        taken: set[str] = set()
        out, ids = [], {}
        for crow, cells in choices:
            name = cells["name"]
            if name in ids:
                self.notes.append(Note("choices", crow, message("xf_duplicate_choice", name=_q(name))))
                continue
            oid = rules.make_id(name, taken, f"option{len(out) + 1}")
            if oid != name:
                self.notes.append(Note("choices", crow, message("xf_renamed", name=_q(name), id=oid)))
            ids[name] = oid
            out.append({"id": oid, "title": self.texts("choices", crow, cells, name, 300)})
        if len(out) < 2:
            self.notes.append(Note("survey", row, message("xf_options_few", list=_q(list_name))))
            return None
        if len(out) > MAX_OPTIONS:
            self.notes.append(Note("survey", row, message("xf_options_cut", list=_q(list_name), limit=MAX_OPTIONS)))
            out = out[:MAX_OPTIONS]
            kept = {o["id"] for o in out}
            ids = {name: oid for name, oid in ids.items() if oid in kept}
        return out, ids
