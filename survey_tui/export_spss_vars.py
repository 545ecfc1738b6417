"""What each column of `responses.sav` is in SPSS: its cells, value labels, missing codes, format.

- `single`: numeric, coded 1..k in the questionnaire's option order, value labels the option
  titles; the option ids are in the variable label ("[1 yes, 2 no]") and in the file's
  documents (DISPLAY DOCUMENTS in SPSS, `meta.notes` in pyreadstat), so code 2 still says
  which id it was after titles change between versions;
- `multiple`: one 0/1 variable per option (`<question id>__<option id>`, as in the CSV),
  labelled 0 not chosen / 1 chosen in the export language; system-missing when the question
  was not answered;
- `scale`: numeric, value labels on the labelled points; "can't say" is a code outside the
  points (99, or -1 when 99 is a point), labelled and declared user-missing, so a mean or a
  frequency table's valid percent leaves it out;
- `number`: numeric with the question's decimals;
- text answers and `<question id>_other`: string variables, byte for byte.
Labels come from the questionnaire in the export language, cleaned, cut to the format's
limits (256 bytes a variable label, 120 a value label, 80 a document line) at a whole character.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from survey_tui.export_layout import option_columns
from survey_tui.questionnaire.answers import DONT_KNOW, decode, other_key
from survey_tui.report_strings import t
from survey_tui.sanitize import clean_text

VARIABLE_LABEL_BYTES = 256
VALUE_LABEL_BYTES = 120
NOTE_BYTES = 80
_MISSING_CANDIDATES = (99, -1, 999, -99, 9999)


def fit(text: str, limit: int) -> str:
    """`text` cut to at most `limit` UTF-8 bytes, never inside a character."""
    data = text.encode("utf-8")
    return text if len(data) <= limit else data[:limit].decode("utf-8", "ignore")


def dont_know_code(question) -> int:
    """The user-missing code of a scale's "can't say": the first of 99, -1, 999, ... that is
    not a point of the scale."""
    for code in _MISSING_CANDIDATES:
        if not question.minimum <= code <= question.maximum:
            return code
    return int(question.maximum) + 1


@dataclass
class SavVariables:
    """pyreadstat.write_sav's per-variable arguments, keyed by the table's column names."""

    numeric: list[str] = field(default_factory=list)
    value_labels: dict[str, dict[int | float, str]] = field(default_factory=dict)
    missing: dict[str, list[int | float]] = field(default_factory=dict)
    formats: dict[str, str] = field(default_factory=dict)
    measures: dict[str, str] = field(default_factory=dict)
    label_suffix: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def label(self, column: str, text: str) -> str:
        """The variable label: `text` cut so that the column's suffix (the ids) always fits."""
        suffix = self.label_suffix.get(column, "")
        return fit(text, VARIABLE_LABEL_BYTES - len(suffix.encode("utf-8"))) + suffix


def _width(*values: Any) -> int:
    return max(len(str(v)) for v in values)


def _number_format(question) -> str:
    decimals = question.decimals or 0
    if question.minimum is None or question.maximum is None:
        whole = 10
    else:
        whole = _width(int(question.minimum), int(question.maximum))
    return f"F{min(40, whole + (decimals + 1 if decimals else 0))}.{decimals}"


def variables(q, lang: str, items: list[str]) -> SavVariables:
    """The SPSS description of every answer and ranking column of the questionnaire."""
    def text(value) -> str:
        return clean_text(q.text(value, lang))

    out = SavVariables()
    chosen = {0: fit(t(lang, "sav_not_chosen"), VALUE_LABEL_BYTES), 1: fit(t(lang, "sav_chosen"), VALUE_LABEL_BYTES)}
    id_lines: list[str] = []
    missing_lines: list[str] = []
    for _, question in q.questions():
        qid = question.id
        if question.kind == "single":
            codes = {i: o for i, o in enumerate(question.options, 1)}
            out.numeric.append(qid)
            out.value_labels[qid] = {i: fit(text(o.title), VALUE_LABEL_BYTES) for i, o in codes.items()}
            out.formats[qid] = f"F{_width(len(codes))}.0"
            out.measures[qid] = "nominal"
            ids = ", ".join(f"{i} {clean_text(o.id)}" for i, o in codes.items())
            if len(ids.encode("utf-8")) <= VARIABLE_LABEL_BYTES // 2:
                out.label_suffix[qid] = f" [{ids}]"
            id_lines += [f"{qid}: {i} = {clean_text(o.id)}" for i, o in codes.items()]
        elif question.kind == "multiple":
            for column in option_columns(question):
                out.numeric.append(column)
                out.value_labels[column] = dict(chosen)
                out.formats[column] = "F1.0"
                out.measures[column] = "nominal"
        elif question.kind == "scale":
            out.numeric.append(qid)
            labels = {int(p): fit(text(words), VALUE_LABEL_BYTES) for p, words in sorted(question.labels.items())}
            widths = [question.minimum, question.maximum]
            if question.dont_know:
                code = dont_know_code(question)
                labels[code] = fit(clean_text(t(lang, "closed_dont_know")), VALUE_LABEL_BYTES)
                out.missing[qid] = [code]
                widths.append(code)
                missing_lines.append(f"{qid}: {code} = {DONT_KNOW} (user-missing)")
            out.value_labels[qid] = labels
            out.formats[qid] = f"F{_width(*widths)}.0"
            out.measures[qid] = "ordinal"
        elif question.kind == "number":
            out.numeric.append(qid)
            out.formats[qid] = _number_format(question)
            out.measures[qid] = "scale"
    ranked = f"F{_width(len(items))}.0"
    for column, measure in [(f"rank_{p}", "nominal") for p in range(1, len(items) + 1)] + [
            (f"pos_{item}", "ordinal") for item in items]:
        out.numeric.append(column)
        out.formats[column] = ranked
        out.measures[column] = measure
    if id_lines:
        out.notes += ["Codes of the single-choice questions (code = option id):"] + id_lines
    if missing_lines:
        out.notes += ["\"Can't say\" of the scales, declared user-missing:"] + missing_lines
    out.notes = [fit(line, NOTE_BYTES) for line in out.notes]
    return out


def answer_cells(q) -> Callable[[Mapping[str, str]], list]:
    """cells(stored): one response's answer columns for the SAV table, from its stored
    answers: codes and numbers as floats (None = system-missing), texts as stored."""
    questions = [question for _, question in q.questions()]
    codes = {question.id: {o.id: float(i) for i, o in enumerate(question.options, 1)}
             for question in questions if question.kind == "single"}
    missing = {question.id: float(dont_know_code(question))
               for question in questions if question.kind == "scale" and question.dont_know}

    def cells(stored: Mapping[str, str]) -> list:
        row: list = []
        for question in questions:
            qid = question.id
            if question.is_open:
                row.append(stored.get(qid, ""))
            elif question.kind == "single":
                row.append(codes[qid].get(stored.get(qid, "")))
            else:
                value = decode(question, stored[qid]) if qid in stored else None
                if question.kind == "multiple":
                    picked = set(value) if value is not None else None
                    row += [None if picked is None else float(o.id in picked) for o in question.options]
                elif value == DONT_KNOW:
                    row.append(missing.get(qid))
                else:
                    row.append(None if value is None else float(value))
            if question.other:
                row.append(stored.get(other_key(qid), ""))
        return row

    return cells
