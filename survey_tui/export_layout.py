"""The columns of the wide responses table and the codebook that explains them.

One layout for the CSV file and the XLSX sheet: `rank_<n>` holds the item a respondent put
at position n, `pos_<item id>` the position a respondent gave each item (empty when not
ranked), so either question ("what came first?", "where did theme X go?") is one column.
Closed questions: a `single` column holds the option id, a `multiple` question one 0/1
column per option (`<question id>__<option id>`, empty when not answered), a scale its
integer or "dont_know", a number the number; `<question id>_other` the `other` text.
The codebook lists every column with its question text and its values, in the report
language, so SPSS, R or a reader of the spreadsheet need no other document.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

from survey_tui.questionnaire.answers import DONT_KNOW, decode, other_key
from survey_tui.sanitize import clean_text


def item_ids(q) -> list[str]:
    return [item.id for item in q.ranking.items] if q.ranking is not None else []


def option_columns(question) -> list[str]:
    """A `multiple` question's 0/1 columns, one per option."""
    return [f"{question.id}__{o.id}" for o in question.options]


def question_columns(question) -> list[str]:
    """The responses table's columns of one question."""
    if question.kind == "multiple":
        columns = option_columns(question)
    else:
        columns = [question.id]
    if question.other:
        columns.append(other_key(question.id))
    return columns


def answer_columns(q) -> list[str]:
    return [column for _, question in q.questions() for column in question_columns(question)]


def header(q) -> list[str]:
    items = item_ids(q)
    return (["response_id", "language"] + answer_columns(q) + [f"rank_{p}" for p in range(1, len(items) + 1)]
            + [f"pos_{item}" for item in items])


def answer_cells(q, number: Callable[[Any], Any] = lambda v: v) -> Callable[[Mapping[str, str], Mapping[str, Any]], list]:
    """cells(stored, got): one response's answer_columns. `stored` is its answers as stored
    (answers.text), `got` the same texts as the table writes them (cleaned); `number` turns
    an int or float into a cell (CSV: text with the dialect's decimal mark)."""
    questions = [question for _, question in q.questions()]
    if all(question.is_open for question in questions):
        ids = [question.id for question in questions]
        return lambda stored, got: [got.get(qid, "") for qid in ids]

    def cells(stored: Mapping[str, str], got: Mapping[str, Any]) -> list:
        row: list = []
        for question in questions:
            qid = question.id
            if question.is_open or question.kind == "single":
                row.append(got.get(qid, ""))
            else:
                value = decode(question, stored[qid]) if qid in stored else None
                if question.kind == "multiple":
                    picked = set(value) if value is not None else None
                    row += ["" if picked is None else number(int(o.id in picked)) for o in question.options]
                elif value is None:
                    row.append("")
                else:
                    row.append(DONT_KNOW if value == DONT_KNOW else number(value))
            if question.other:
                row.append(got.get(other_key(qid), ""))
        return row

    return cells


def ranking_cells(ranking: list[str], items: list[str]) -> list:
    """rank_1..k then pos_<item> for one response (positions from 1; "" where not ranked)."""
    k = len(items)
    ranks = list(ranking[:k]) + [""] * (k - len(ranking[:k]))
    where = {item: p for p, item in enumerate(ranking[:k], 1)}
    return ranks + [where.get(item, "") for item in items]


def codebook_rows(q, lang: str, languages_shown: bool) -> list[list]:
    """[variable, label, type, values] for every column of the responses table."""
    def text(value) -> str:
        return clean_text(q.text(value, lang))

    rows = [
        ["response_id", "Pseudonym of the response (stable within this release of results)", "text", ""],
        ["language", "Language the response was given in", "category",
         "; ".join(q.languages) if languages_shown else "(withheld: a language group was below the minimum)"],
    ]
    for theme, question in q.questions():
        rows += _question_rows(question, f"{text(theme.title)}: {text(question.prompt)}", text)
    items = item_ids(q)
    values = "; ".join(f"{item.id} = {text(item.title)}" for item in q.ranking.items) if items else ""
    for p in range(1, len(items) + 1):
        rows.append([f"rank_{p}", f"Item put at position {p} (1 = most important)", "category", values])
    for item in q.ranking.items if items else ():
        rows.append([f"pos_{item.id}", f"Position given to: {text(item.title)}", "integer",
                     f"1-{len(items)} (1 = most important); empty = not ranked"])
    return rows


def _question_rows(question, label: str, text) -> list[list]:
    unanswered = "empty = not answered"
    if question.is_open:
        rows = [[question.id, label, "text", f"free text; {unanswered}"]]
    elif question.kind == "single":
        values = "; ".join(f"{o.id} = {text(o.title)}" for o in question.options)
        rows = [[question.id, label, "category", f"{values}; {unanswered}"]]
    elif question.kind == "multiple":
        rows = [[column, f"{label}: {text(o.title)}", "0/1", f"1 = chosen, 0 = not chosen; {unanswered}"]
                for column, o in zip(option_columns(question), question.options)]
    elif question.kind == "scale":
        ends = "; ".join(f"{point} = {text(words)}" for point, words in sorted(question.labels.items()))
        dont_know = f"; {DONT_KNOW} = can't say" if question.dont_know else ""
        rows = [[question.id, label, "integer",
                 f"{question.minimum}-{question.maximum} ({ends}){dont_know}; {unanswered}"]]
    else:
        low = "" if question.minimum is None else question.minimum
        high = "" if question.maximum is None else question.maximum
        kind = f"number ({question.decimals} decimals)" if question.decimals else "integer"
        bounds = f"{low}-{high}; " if low != "" or high != "" else ""
        rows = [[question.id, label, kind, f"{bounds}{unanswered}"]]
    if question.other:
        rows.append([other_key(question.id), f"{label}: other (free text)", "text", f"free text; {unanswered}"])
    return rows


CODEBOOK_HEADER = ["variable", "label", "type", "values"]
