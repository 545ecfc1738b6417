"""The rows of responses.csv and answers.csv, from one plain pass over the released responses.

The export's figures (ranking, keywords, tags) come from aggregate reads (summary.build_report
without answers), so this pass only turns each response into text lines: every answer is
cleaned and formula-guarded once (sanitize.csv_text) and quoted once (CsvFile.quoted, the
csv module's QUOTE_MINIMAL), then used in both files; ranking cells are made once per
distinct ranking; lines go to the files in blocks. The bytes are those CsvFile.row writes
(tests/reporting/test_export_rows.py compares them), memory stays flat (one block of lines).
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from survey_tui.sanitize import csv_text, plain_cell

_BLOCK = 500  # responses whose lines are written together
_PROGRESS_EVERY = 250


def _line(cells: list[str], delimiter: str, quoted: Callable[[str], str]) -> str:
    """One row as CsvFile.safe_row writes it (cells already cleaned, none a number)."""
    line = delimiter.join(cells)
    if '"' in line or "\n" in line or "\r" in line or line.count(delimiter) != len(cells) - 1:
        line = delimiter.join([quoted(c) for c in cells])
    return line + "\r\n"


def write_rows(
    store,
    slug: str,
    questionnaire,
    show_language: bool,
    responses,
    answers,
    answer_questions: Iterable[tuple[str, str, str]],
    answer_cells: Callable[[Any, Any], list],
    labels: dict[tuple[str, str], list[str]],
    progress: Callable[[int, int], None] | None = None,
    total: int = 0,
) -> int:
    """Write every released response's lines; how many responses were written.

    `responses` and `answers` are export.CsvFile objects (headers written); `answer_questions`
    the answers file's (question id, theme cell, question id cell) in questionnaire order,
    `answer_cells(stored, cleaned)` a response's question columns (export_layout.answer_cells)
    and `labels` the tags per (pseudonym, question id).
    """
    from survey_tui.export_layout import item_ids, ranking_cells

    delimiter = ";" if responses.excel else ","
    quoted = responses.quoted
    order = [(qid, quoted(theme_cell), quoted(qid_cell)) for qid, theme_cell, qid_cell in answer_questions]
    items = item_ids(questionnaire)
    languages: dict[str, str] = {}
    rankings: dict[tuple[str, ...], str] = {}
    out_r: list[str] = []
    out_a: list[str] = []
    done = 0
    for rec in store.scan_responses(slug):
        rid = rec["id"]
        stored = rec["answers"]
        got = {qid: text if plain_cell(text) else csv_text(text) for qid, text in stored.items() if text}
        lang = ""
        if show_language:
            lang = languages.get(rec["language"])
            if lang is None:
                lang = languages[rec["language"]] = responses.cell(rec["language"])
        key = tuple(rec["ranking"])
        ranks = rankings.get(key)
        if ranks is None:
            cells = [quoted(responses.cell(v)) if isinstance(v, str) else str(v) for v in ranking_cells(list(key), items)]
            ranks = rankings[key] = "".join(delimiter + c for c in cells)
        row = [rid, lang, *answer_cells(stored, got)]
        out_r.append(_line(row, delimiter, quoted)[:-2] + ranks + "\r\n")
        for qid, theme_cell, qid_cell in order:  # questionnaire order, not storage order
            text = got.get(qid)
            if text is None:
                continue
            codes = quoted(responses.cell("; ".join(labels[(rid, qid)]))) if labels and (rid, qid) in labels else ""
            out_a.append(f"{rid}{delimiter}{theme_cell}{delimiter}{qid_cell}{delimiter}{quoted(text)}{delimiter}{codes}\r\n")
        done += 1
        if len(out_r) >= _BLOCK:
            responses.lines("".join(out_r))
            answers.lines("".join(out_a))
            out_r, out_a = [], []
        if progress is not None and done % _PROGRESS_EVERY == 0:
            progress(done, max(total, done))
    responses.lines("".join(out_r))
    answers.lines("".join(out_a))
    if progress is not None:
        progress(done, max(total, done))
    return done
