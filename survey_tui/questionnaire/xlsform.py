"""XLSForm import: a KoboToolbox/ODK form (.xlsx) as a survey-tui questionnaire.

`import_form(path)` reads the survey, choices and settings sheets (xlsform_read), maps each
row it can and notes, with its sheet and row number, every one it cannot; the result is a
dict in the file format that validation.from_dict has accepted (complete=True), turned back
into a dict by Questionnaire.to_dict, so what is written always loads. The mapping is the
table in questionnaires/README.md ("Importing an XLSForm"); the small expressions it reads
(relevant, constraint, parameters, language columns) are in xlsform_rules.

Texts a form does not have (intro, consent, closing) are written with fill-in placeholders,
so `round open` refuses the file until the coordinator has written them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from survey_tui.errors import message
from survey_tui.questionnaire import xlsform_rules as rules
from survey_tui.questionnaire.model import Questionnaire
from survey_tui.questionnaire.validation import from_dict
from survey_tui.questionnaire.validation_kinds import decimal_places
from survey_tui.questionnaire.xlsform_read import Note, Sheet, XlsFormError, read_workbook, to_yaml  # noqa: F401
from survey_tui.questionnaire.xlsform_sheets import FormSheets, _q, kobo_column
from survey_tui.sanitize import one_line

MAX_THEMES = 30
MAX_QUESTIONS = 20
DECIMALS = 2
METADATA = {"start", "end", "today", "deviceid", "username", "phonenumber", "simserial", "subscriberid",
            "email", "audit", "start-geopoint", "background-geopoint", "imei", "uri:deviceid"}
CALCULATED = {"calculate", "hidden", "xml-external", "csv-external"}
# Columns read for a question row; any other column with a value is noted as not mapped.
READ = {"type", "name", "label", "required", "relevant", "appearance", "constraint", "parameters"}


@dataclass(frozen=True)
class Imported:
    data: dict[str, Any]
    questionnaire: Questionnaire
    notes: tuple[Note, ...]


def import_form(path: str | Path, language: str = "en") -> Imported:
    """The questionnaire of an XLSForm; `language` is the language of a plain `label`
    column when the settings sheet names no default_language."""
    sheets, notes = read_workbook(path)
    builder = _Builder(Path(path), sheets, notes, language)
    data = builder.build()
    q = from_dict(data, str(path), complete=True)
    return Imported(q.to_dict(), q, tuple(builder.notes))


class _Builder(FormSheets):
    def __init__(self, path: Path, sheets: dict[str, Sheet], notes: list[Note], language: str) -> None:
        super().__init__(path, sheets, notes, language)
        self.themes: list[dict[str, Any]] = []
        self.theme_ids: set[str] = set()
        self.question_ids: set[str] = set()
        self.by_name: dict[str, dict[str, Any]] = {}  # XLSForm name -> question dict (with its options' ids)
        self.option_ids: dict[str, dict[str, str]] = {}  # question id -> option name -> option id
        self.ranking: dict[str, Any] | None = None
        self.intro: list[dict[str, str]] = []  # texts of the notes before any group or question
        self.over: list[int] = []  # rows left out for want of a theme (more than MAX_THEMES)

    # ------------------------------------------------------------------ the survey sheet

    def build(self) -> dict[str, Any]:
        theme: dict[str, Any] | None = None
        depth = 0
        repeat = 0
        block: tuple[str, str, dict[str, str] | None] | None = None  # KoboToolbox's begin_rank/begin_score
        for row, cells in self.survey.rows:
            kind, *args = (cells.get("type", "").replace("begin group", "begin_group")
                           .replace("end group", "end_group").replace("begin repeat", "begin_repeat")
                           .replace("end repeat", "end_repeat").split() or [""])
            kind = kind.lower()
            if repeat:
                repeat += kind == "begin_repeat"
                repeat -= kind == "end_repeat"
                if repeat and kind != "end_repeat":
                    self.notes.append(Note("survey", row, message("xf_in_repeat")))
                continue
            if block is not None:  # inside a KoboToolbox rank or score block
                if kind == f"end_{block[0]}":
                    block = None
                else:
                    theme = self.block_row(row, cells, kind, block, theme)
                continue
            if kind in ("begin_rank", "begin_score"):
                block = self.begin_block(row, cells, kind)
            elif kind == "begin_repeat":
                repeat = 1
                self.notes.append(Note("survey", row, message("xf_repeat")))
            elif kind == "begin_group":
                if depth == 0:
                    theme = self.new_theme(row, cells)
                else:
                    outer = _q(theme["id"] if theme else "-")
                    self.notes.append(Note("survey", row, message("xf_nested_group", theme=outer)))
                    if cells.get("relevant"):
                        self.notes.append(Note("survey", row, message("xf_nested_condition", theme=outer)))
                depth += 1
            elif kind == "end_group":
                if depth == 0:
                    self.notes.append(Note("survey", row, message("xf_end_unmatched")))
                    continue
                depth -= 1
                if depth == 0:
                    theme = None
            elif kind == "note":
                if not any(column.partition("::")[0] == "label" for column in cells):
                    continue
                if theme is not None and not theme["questions"]:
                    text = self.texts("survey", row, cells, "", 20000)
                    theme["context"] = {lang: "\n\n".join(t for t in (theme["context"][lang], text[lang]) if t)
                                        for lang in self.languages}
                elif theme is None and not self.themes and depth == 0:
                    self.intro.append(self.texts("survey", row, cells, "", 20000))
                else:
                    self.notes.append(Note("survey", row, message("xf_note_unmapped")))
            elif kind == "":
                self.notes.append(Note("survey", row, message("xf_no_type")))
            elif kind in METADATA:
                self.notes.append(Note("survey", row, message("xf_type_metadata", type=_q(kind))))
            elif kind in CALCULATED:
                self.notes.append(Note("survey", row, message("xf_type_calculated", type=_q(kind))))
            elif kind == "rank":
                self.rank(row, cells, args)
            else:
                theme = self.add(row, cells, self.question(row, cells, kind, args), theme)
        if depth:
            self.notes.append(Note("survey", 0, message("xf_group_unclosed")))
        if len(self.over) > 1:
            self.notes.append(Note("survey", 0, message("xf_over_rows", count=len(self.over) - 1, first=self.over[1],
                                                        last=self.over[-1])))
        return self.document()

    def add(self, row: int, cells: dict[str, str], question: dict[str, Any] | None,
            theme: dict[str, Any] | None) -> dict[str, Any] | None:
        """Place a mapped question (None: not mapped); the theme the next one goes to."""
        placed = self.place(row, question, theme) if question is not None else None
        if placed is None:
            return theme
        self.by_name[cells["name"]] = question
        return placed

    def begin_block(self, row: int, cells: dict[str, str], kind: str) -> tuple[str, str, dict[str, str] | None]:
        """KoboToolbox's begin_rank (the ranking, of the list in kobo--rank-items) or begin_score
        (a single question per score__row, options from kobo--score-choices, its label before
        each row's): (rank or score, the list name, the block's label if any)."""
        what = kind.removeprefix("begin_")
        list_name = cells.get("kobo--rank-items" if what == "rank" else "kobo--score-choices", "")
        heading = self.texts("survey", row, cells, "") if any(c.startswith("label") for c in cells) else None
        if what == "rank":
            self.rank(row, cells, [list_name])
        return what, list_name, heading

    def block_row(self, row: int, cells: dict[str, str], kind: str, block: tuple[str, str, dict[str, str] | None],
                  theme: dict[str, Any] | None) -> dict[str, Any] | None:
        what, list_name, heading = block
        if kind == "score__row" and what == "score":
            question = self.question(row, cells, "select_one", [list_name])
            if question is not None and heading:
                question["prompt"] = {lang: f"{heading[lang]}: {text}"[:2000] for lang, text in question["prompt"].items()}
            return self.add(row, cells, question, theme)
        if kind != "rank__level" or what != "rank":  # a rank's levels are its positions: nothing to map
            self.notes.append(Note("survey", row, message("xf_type_unmapped", type=_q(kind))))
        return theme

    def new_theme(self, row: int, cells: dict[str, str], after: dict[str, Any] | None = None) -> dict[str, Any] | None:
        if len(self.themes) >= MAX_THEMES:  # said once; the rows it drops after that are counted
            if not self.over:
                self.notes.append(Note("survey", row, message("xf_too_many_themes", limit=MAX_THEMES)))
            self.over.append(row)
            return None
        name = cells.get("name", "") or f"theme{len(self.themes) + 1}"
        tid = rules.make_id(name if after is None else after["id"], self.theme_ids | self.question_ids,
                            f"theme{len(self.themes) + 1}")
        self.theme_ids.add(tid)
        theme: dict[str, Any] = {
            "id": tid,
            "title": dict(after["title"]) if after else self.texts("survey", row, cells, name, 300),
            "context": {lang: "" for lang in self.languages},
            "questions": [],
        }
        if after is None and cells.get("relevant"):
            condition = self.condition(row, cells["relevant"])
            if condition is not None:
                theme["show_if"] = condition
        elif after is not None and "show_if" in after:
            theme["show_if"] = after["show_if"]
        self.themes.append(theme)
        return theme

    def place(self, row: int, question: dict[str, Any], theme: dict[str, Any] | None) -> dict[str, Any] | None:
        if theme is None:
            if self.themes and self.themes[-1].get("_ungrouped"):
                theme = self.themes[-1]
            else:
                title = self.settings.get("form_title") or self.path.stem
                theme = self.new_theme(row, {"name": "questions", "label": title})
                if theme is None:
                    return None
                theme["_ungrouped"] = True
                self.notes.append(Note("survey", row, message("xf_ungrouped", theme=_q(theme["id"]))))
        if len(theme["questions"]) >= MAX_QUESTIONS:
            follow = self.new_theme(row, {}, after=theme)
            if follow is None:
                return None
            follow["_ungrouped"] = theme.get("_ungrouped", False)
            self.notes.append(Note("survey", row, message("xf_theme_full", theme=_q(theme["id"]), limit=MAX_QUESTIONS,
                                                          next=_q(follow["id"]))))
            theme = follow
        self.question_ids.add(question["id"])
        theme["questions"].append(question)
        return theme

    def question(self, row: int, cells: dict[str, str], kind: str, args: list[str]) -> dict[str, Any] | None:
        name = cells.get("name", "")
        if kind in ("text", "select_one", "select_multiple", "integer", "decimal", "range"):
            if not name:
                self.notes.append(Note("survey", row, message("xf_no_name")))
                return None
        else:
            self.notes.append(Note("survey", row, message("xf_type_unmapped", type=_q(kind))))
            return None
        qid = rules.make_id(name, self.question_ids | self.theme_ids, f"q{row}")
        if qid != name:
            key = "xf_name_taken" if rules.ID_RE.match(name) else "xf_renamed"
            self.notes.append(Note("survey", row, message(key, name=_q(name), id=qid)))
        q: dict[str, Any] = {"id": qid, "prompt": self.texts("survey", row, cells, name)}
        required = rules.truthy(cells.get("required", ""))
        if required is None:
            self.notes.append(Note("survey", row, message("xf_required_expression", value=_q(cells["required"]))))
        q["required"] = bool(required)
        constraint = cells.get("constraint", "")
        appearance = cells.get("appearance", "").lower().split()
        used_constraint = False
        if kind == "text":
            length = rules.parse_length(constraint) if constraint else None
            used_constraint = length is not None
            rows = rules.parameter(cells.get("parameters", ""), "rows")
            long = "multiline" in appearance or (rows is not None and rows > 1) or (length or 0) > 300
            appearance = [a for a in appearance if a != "multiline"]
            q["kind"] = "long" if long else "short"
            if length is not None:
                q["max_length"] = length
        elif kind in ("select_one", "select_multiple"):
            found = self.options(row, args[0] if args else "")
            if found is None:
                return None
            q["kind"] = "single" if kind == "select_one" else "multiple"
            q["options"], self.option_ids[qid] = found
            if "or_other" in args[1:]:  # its text is stored as "<id>_other": no question may take that id
                q["other"] = True
                self.question_ids.add(f"{qid}_other")
            if kind == "select_multiple" and constraint:
                counted = rules.parse_count(constraint, len(q["options"]) + bool(q.get("other")))
                used_constraint = counted is not None
                if counted is not None:
                    for key, value in zip(("min", "max"), counted):
                        if value is not None:
                            q[key] = value
        elif kind in ("integer", "decimal"):
            q["kind"] = "number"
            bounds = rules.parse_bounds(constraint, kind == "integer") if constraint else None
            used_constraint = bounds is not None
            for key, value in zip(("min", "max"), bounds or (None, None)):
                if value is not None:
                    q[key] = value
            if kind == "decimal":  # enough places for the bounds too
                q["decimals"] = min(6, max([DECIMALS] + [decimal_places(v) for v in (bounds or ()) if v is not None]))
        else:
            self.range_question(row, q, cells.get("parameters", ""))
        if constraint and not used_constraint:
            self.notes.append(Note("survey", row, message("xf_constraint_unmapped", value=_q(constraint))))
        for value in appearance:
            self.notes.append(Note("survey", row, message("xf_appearance", value=_q(value, 30))))
        self.unread(row, cells)
        if cells.get("relevant"):
            condition = self.condition(row, cells["relevant"])
            if condition is not None:
                q["show_if"] = condition
        return q

    def range_question(self, row: int, q: dict[str, Any], parameters: str) -> None:
        q.update(rules.range_fields(parameters, self.languages, DECIMALS))
        self.notes.append(Note("survey", row, message("xf_range_labels" if q["kind"] == "scale" else "xf_range_number")))

    def unread(self, row: int, cells: dict[str, str], also: tuple[str, ...] = ()) -> None:
        """A note for each column with a value that is not mapped (a translated column once)."""
        noted: set[str] = set()
        for column, value in cells.items():
            base = column.partition("::")[0]
            if (base not in READ or base in also) and base not in noted and not kobo_column(column):
                noted.add(base)
                self.notes.append(Note("survey", row, message("xf_column_unmapped", column=_q(column),
                                                              value=_q(value, 40))))

    def condition(self, row: int, relevant: str) -> dict[str, Any] | None:
        parsed = rules.parse_relevant(relevant)
        why = None
        if parsed is None:
            why = message("xf_why_form")
        else:
            name, values, equals = parsed
            target = self.by_name.get(name)
            if target is None:
                why = message("xf_why_unknown", name=_q(name))
            elif target["kind"] not in ("single", "multiple"):
                why = message("xf_why_kind", name=_q(name))
            elif equals and target["kind"] == "multiple":
                why = message("xf_why_equals_multiple", name=_q(name))
            else:
                ids = self.option_ids[target["id"]]
                missing = [v for v in values if v not in ids]
                if missing:
                    why = message("xf_why_option", name=_q(name), option=_q(missing[0]))
                else:
                    return {"question": target["id"], "in": [ids[v] for v in values]}
        self.notes.append(Note("survey", row, message("xf_relevant_unmapped", value=_q(relevant, 80), why=why)))
        return None

    def rank(self, row: int, cells: dict[str, str], args: list[str]) -> None:
        if self.ranking is not None:
            self.notes.append(Note("survey", row, message("xf_second_ranking")))
            return
        found = self.options(row, args[0] if args else "")
        if found is None:
            return
        items, _ids = found
        if not 2 <= len(items) <= 30:
            self.notes.append(Note("survey", row, message("xf_ranking_items", list=_q(args[0]))))
            return
        rid = rules.make_id(cells.get("name", "") or "ranking", self.question_ids | self.theme_ids, "ranking")
        self.question_ids.add(rid)
        self.ranking = {"id": rid, "prompt": self.texts("survey", row, cells, cells.get("name", "ranking")),
                        "items": items, "require_all": True}
        if cells.get("relevant"):
            self.notes.append(Note("survey", row, message("xf_ranking_condition")))
        self.unread(row, cells, also=("constraint", "appearance", "parameters"))

    def document(self) -> dict[str, Any]:
        themes = [{k: v for k, v in t.items() if not k.startswith("_")} for t in self.themes]
        if not any(t["questions"] for t in themes):
            raise XlsFormError(message("xf_no_questions"))
        title = self.settings.get("form_title") or self.path.stem
        qid = rules.make_id(self.settings.get("form_id", "") or self.path.stem, set(), "imported-form")
        intro = self.fill_in("xf_intro")
        if self.intro:
            intro = {lang: "\n\n".join(t[lang] for t in self.intro) for lang in self.languages}
        data: dict[str, Any] = {
            "id": qid,
            "version": one_line(self.settings.get("version", "") or "1", 40),
            "languages": list(self.languages),
            "title": {lang: one_line(title, 300) for lang in self.languages},
            "intro": intro,
            "consent": self.fill_in("xf_consent"),
            "closing": self.fill_in("xf_closing"),
            "themes": themes,
        }
        if self.ranking is not None:
            ranking = self.ranking
            if [i["id"] for i in ranking["items"]] == [t["id"] for t in themes]:
                ranking = {**ranking, "items": "themes"}
            data["ranking"] = ranking
        return data
