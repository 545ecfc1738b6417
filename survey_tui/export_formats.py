"""The XLSX workbook and the JSON Lines file of one round, written while reading it once.

Each file has one purpose, and its text policy follows from it (docs/decisions.md, Exports):

- **XLSX, for spreadsheets** (`<slug>.xlsx`): one sheet per table of the CSV export plus an
  `about` sheet that explains every column. Every text cell is written as a string cell with
  the Text number format: a spreadsheet shows it and never evaluates it, so no apostrophe is
  needed and answers that start with `-`, `+`, `=` or `@` stay as typed. Text is cleaned of
  control characters (XML cannot carry them). Long and multi-line answers wrap, the header
  row is frozen, columns get widths from their content. XlsxWriter's constant_memory mode
  writes each row to disk as it goes, so memory stays flat on a large round.
- **JSON Lines, for analysis tools and re-import** (`responses.jsonl`): one response a line,
  `{"response_id", "language", "answers", "ranking"}`, respondents' text byte for byte as
  stored, closed answers as the import takes them (an option id, a list of option ids, an
  integer or "dont_know", a number; `<id>_other` texts); `survey-tui responses import`
  reads the file back (the id is ignored there, the
  imported response gets a new one).

Both read through summary.build_report like the CSV export: sealed while the round takes
answers, released responses only, ids are pseudonyms of the release, in the order of the
release. Each file is written under a temporary name and renamed when complete.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Callable, Iterable

from survey_tui.export import (
    ANSWERS_HEADER,
    ExportResult,
    _AnswerRows,
    _write_about,
    _write_comparison,
    _write_stats,
    default_out_dir,
    language_shown,
    one_pass,
)
from survey_tui import export_layout as layout
from survey_tui.errors import message
from survey_tui.folders import make_folder
from survey_tui.sanitize import clean_text

Progress = Callable[[int, int], None]
MAX_WIDTH = 60  # characters; longer text wraps
XLSX_CELL_LIMIT = 32_767  # characters in one cell (Excel's limit)

# What the columns of each sheet mean, for the `about` sheet (and the codebook reader).
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "responses": [
        ("response_id", "Pseudonym of the response: stable within this release of results, "
                        "unrelated to the stored id, to codes and to the order of arrival."),
        ("language", "Language the response was given in; empty when some language was used by "
                     "fewer respondents than the minimum group."),
        ("<question id>", "One column per question (see the answers sheet for theme and question ids): "
                          "the answer text as given, empty if not answered; a single-choice question's "
                          "option id, a scale's point or dont_know, a number question's number."),
        ("<question id>__<option id>", "A multiple-choice question: 1 = chosen, 0 = not chosen, "
                                       "empty if not answered."),
        ("<question id>_other", "The 'other' text beside a closed question's options."),
        ("rank_<n>", "Item id the respondent put at position n (1 = most important)."),
        ("pos_<item id>", "Position the respondent gave the item (1 = most important); empty if not ranked."),
    ],
    "codebook": [("variable / label / type / values", "Every column of the responses sheet: its question or "
                                                       "item text, its kind and its values.")],
    "answers": [
        ("response_id", "Pseudonym of the response (as in the responses sheet)."),
        ("theme_id", "Theme of the question."),
        ("question_id", "Question answered."),
        ("text", "The answer, as given (one row per non-empty free-text answer: open questions and "
                 "'other' texts)."),
        ("codes", "Coordinator's codes (labels) on this answer, separated by '; '."),
    ],
    "ranking": [
        ("item_id", "Ranked item."), ("title", "Item title."),
        ("first_choice", "How many put the item first."),
        ("first_choice_share", "Share of respondents who put it first (0-1)."),
        ("mean_rank", "Mean position among those who ranked it (1 = most important)."),
        ("borda", "Borda score (points by position)."), ("ranked_by", "How many ranked the item."),
        ("consensus_position", "Position in the Schulze consensus order."),
    ],
    "positions": [
        ("item_id", "Ranked item."), ("title", "Item title."),
        ("position_<n>", "How many put the item at position n."),
    ],
    "keywords": [
        ("theme_id", "Theme."), ("theme_title", "Theme title."),
        ("word", "Frequent word (lemmatised) in the theme's answers."), ("count", "How many answers use it."),
    ],
    "codes": [
        ("theme_id", "Theme."), ("theme_title", "Theme title."), ("label", "Coordinator's code."),
        ("count", "Answers with this code."), ("example", "One answer with the code."),
    ],
    "comparison": [
        ("item_id", "Ranked item."), ("title", "Item title."),
        ("old_round / new_round", "The earlier round and this one."),
        ("old_n / new_n", "Responses in each."),
        ("first_choice_share_*", "Share putting the item first, in each round, and the change."),
        ("mean_rank_*", "Mean position in each round, and the change."),
    ],
    "round": [("key / value", "What the other sheets cover: responses, imported, held back, minimum group.")],
}


CSV_NAMES = ("responses.csv", "answers.csv", "codebook.csv", "round.csv", "ranking.csv", "positions.csv", "keywords.csv",
             "codes.csv", "comparison.csv")
CHART_NAMES = ("first_choice.png", "first_choice.svg", "positions.png", "positions.svg")


def out_folder(fmt: str, slug: str, out_dir: str | Path | None = None) -> Path:
    """Where a format's files go: --out as given, else results/SLUG (Excel CSV: results/SLUG/excel)."""
    if out_dir is not None:
        return Path(out_dir)
    return default_out_dir(slug) / "excel" if fmt == "excel" else default_out_dir(slug)


def planned_files(fmt: str, slug: str, out_dir: str | Path | None = None, *, charts: bool = False) -> list[Path]:
    """Every file an export of this format may write (to refuse replacing an earlier one)."""
    if fmt == "xlsx":
        return [xlsx_path(slug, out_dir)]
    if fmt == "jsonl":
        return [jsonl_path(slug, out_dir)]
    if fmt == "sav":
        from survey_tui.export_spss import sav_path

        return [sav_path(slug, out_dir)]
    folder = out_folder(fmt, slug, out_dir)
    return [folder / name for name in CSV_NAMES + (CHART_NAMES if charts else ())]


# --------------------------------------------------------------------------- XLSX


class _Sheet:
    """One worksheet written row by row (the interface export.py's table writers use)."""

    def __init__(self, workbook, name: str, header: list[str], formats: dict[str, Any]):
        self.ws = workbook.add_worksheet(name)
        self.name = name
        self.formats = formats
        self.next_row = 0
        self.widths: list[int] = []
        self._write(header, header=True)
        self.ws.freeze_panes(1, 0)
        self.columns = len(header)

    def cell(self, value: Any) -> Any:
        """A value as this sheet keeps it: text cleaned (no formula guard, none is needed)."""
        return clean_text(value) if isinstance(value, str) else value

    def row(self, values: Iterable[Any]) -> None:
        self._write([self.cell(v) for v in values])

    def safe_row(self, cells: list[Any]) -> None:
        self._write(cells)

    def _write(self, cells: list[Any], header: bool = False) -> None:
        ws, r = self.ws, self.next_row
        text_fmt = self.formats["header" if header else "text"]
        for c, value in enumerate(cells):
            if value is None or value == "":
                width = 0
            elif isinstance(value, bool):
                ws.write_boolean(r, c, value)
                width = 5
            elif isinstance(value, (int, float)):
                ws.write_number(r, c, value, self.formats["number"])
                width = len(f"{value:.4g}") if isinstance(value, float) else len(str(value))
            else:
                text = str(value)[:XLSX_CELL_LIMIT]
                ws.write_string(r, c, text, text_fmt)  # a string cell: shown, never evaluated
                width = max(len(line) for line in text.split("\n"))
            if c >= len(self.widths):
                self.widths.extend([0] * (c + 1 - len(self.widths)))
            if width > self.widths[c]:
                self.widths[c] = width
        self.next_row += 1

    def finish(self) -> None:
        for c, width in enumerate(self.widths):
            self.ws.set_column(c, c, min(MAX_WIDTH, max(8, width + 2)))
        if self.next_row > 1 and self.columns:
            self.ws.autofilter(0, 0, self.next_row - 1, self.columns - 1)


class _Workbook:
    """Sheets of one workbook, created in the order they are asked for (export.py's _Files)."""

    def __init__(self, path: Path):
        import xlsxwriter

        self.path = path
        self.tmp = path.with_name(path.name + ".tmp")
        self.wb = xlsxwriter.Workbook(
            str(self.tmp),
            {
                "constant_memory": True,  # rows go to disk as they are written
                "tmpdir": str(path.parent),  # its scratch files stay beside the export, private
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
        base = {"valign": "top", "font_name": "Calibri", "font_size": 11}
        self.formats = {
            "text": self.wb.add_format({**base, "text_wrap": True, "num_format": "@"}),
            "header": self.wb.add_format({**base, "bold": True, "num_format": "@", "bottom": 1}),
            "number": self.wb.add_format(base),
        }
        self.sheets: list[_Sheet] = []

    def new(self, name: str, header: list[str]) -> _Sheet:
        sheet = _Sheet(self.wb, name.removesuffix(".csv"), header, self.formats)
        self.sheets.append(sheet)
        return sheet

    def close(self, ok: bool) -> list[Path]:
        for sheet in self.sheets:
            sheet.finish()
        try:
            self.wb.close()
        except BaseException:
            self.tmp.unlink(missing_ok=True)
            raise
        if not ok:
            self.tmp.unlink(missing_ok=True)
            return []
        os.replace(self.tmp, self.path)
        return [self.path]


def xlsx_path(slug: str, out_dir: str | Path | None = None) -> Path:
    return (Path(out_dir) if out_dir is not None else default_out_dir(slug)) / f"{slug}.xlsx"


def export_xlsx(
    store, slug: str, out_dir: str | Path | None = None, *, lang: str | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """`<slug>.xlsx` in out_dir (default results/SLUG): the CSV export's tables as sheets."""
    from survey_tui.summary import open_results

    rnd, release = open_results(store, slug)  # sealed or too small: refused before any file exists
    q = rnd.questionnaire
    show_language = language_shown(store, slug, rnd.min_group)
    path = xlsx_path(slug, out_dir)
    make_folder(path.parent)
    question_ids = [question.id for _, question in q.questions()]

    book = _Workbook(path)
    about = book.wb.add_worksheet("about")  # first: what the sheets hold
    ok = False
    try:
        responses = book.new("responses", layout.header(q))
        items = layout.item_ids(q)
        answers = _AnswerRows(book.new("answers", ANSWERS_HEADER), q)
        answer_cells = layout.answer_cells(q)  # numbers stay numbers in the sheet

        def on_response(rec: dict[str, Any]) -> None:
            got = {qid: clean_text(text) for qid, text in rec["answers"].items() if text}
            row = [rec["id"], rec["language"] if show_language else ""]
            row += answer_cells(rec["answers"], got)
            row += layout.ranking_cells(rec["ranking"], items)
            responses.safe_row(row)
            answers.add(rec["id"], got)

        report = one_pass(store, slug, lang, on_response, release.released, progress, answers)
        result = ExportResult(slug=slug, out_dir=path.parent, n=report.n)
        if not show_language:
            result.warnings.append(message("exp_language_column_empty", minimum=rnd.min_group))
        _write_about(book, report, show_language)
        codebook = book.new("codebook", layout.CODEBOOK_HEADER)
        for line in layout.codebook_rows(q, report.lang, show_language):
            codebook.row(line)
        _write_stats(book, report)
        if rnd.follows:
            _write_comparison(book, store, report, result)
        _write_columns(about, book, question_ids, q, lang or q.languages[0])
        ok = True
    finally:
        written = book.close(ok)
    result.files += written
    return result


def _write_columns(ws, book: _Workbook, question_ids: list[str], q, lang: str) -> None:
    """The `about` sheet: one row per sheet and column, what it holds; then each question's text."""
    header, text = book.formats["header"], book.formats["text"]
    for c, title in enumerate(("sheet", "column", "meaning")):
        ws.write_string(0, c, title, header)
    r = 1
    for sheet in book.sheets:
        for column, meaning in COLUMNS.get(sheet.name, []):
            for c, value in enumerate((sheet.name, column, meaning)):
                ws.write_string(r, c, value, text)
            r += 1
    r += 1
    for c, title in enumerate(("question_id", "theme", "question")):
        ws.write_string(r, c, title, header)
    r += 1
    for theme, question in q.questions():
        for c, value in enumerate((question.id, q.text(theme.title, lang), q.text(question.prompt, lang))):
            ws.write_string(r, c, value[:XLSX_CELL_LIMIT], text)
        r += 1
    if q.ranking is not None:
        for item in q.ranking.items:
            for c, value in enumerate((item.id, "ranking item", q.text(item.title, lang))):
                ws.write_string(r, c, value[:XLSX_CELL_LIMIT], text)
            r += 1
    ws.freeze_panes(1, 0)
    ws.set_column(0, 0, 16)
    ws.set_column(1, 1, 24)
    ws.set_column(2, 2, MAX_WIDTH + 20)


# --------------------------------------------------------------------------- JSON Lines


def jsonl_path(slug: str, out_dir: str | Path | None = None) -> Path:
    return (Path(out_dir) if out_dir is not None else default_out_dir(slug)) / "responses.jsonl"


def export_jsonl(
    store, slug: str, out_dir: str | Path | None = None, *, progress: Progress | None = None,
) -> ExportResult:
    """`responses.jsonl`: one released response a line, text byte for byte (see the module doc)."""
    from survey_tui.summary import open_results

    from survey_tui.questionnaire import decoded

    rnd, release = open_results(store, slug)
    q = rnd.questionnaire
    show_language = language_shown(store, slug, rnd.min_group)
    path = jsonl_path(slug, out_dir)
    make_folder(path.parent)
    tmp = path.with_name(path.name + ".tmp")
    ok = False
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        try:
            def on_response(rec: dict[str, Any]) -> None:
                line = {
                    "response_id": rec["id"],
                    "language": rec["language"] if show_language else None,
                    "answers": decoded(q, {qid: text for qid, text in rec["answers"].items() if text}),
                    "ranking": list(rec["ranking"]) or None,
                }
                fh.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")

            report = one_pass(store, slug, None, on_response, release.released, progress)
            ok = True
        finally:
            if not ok:
                fh.close()
                tmp.unlink(missing_ok=True)
    os.replace(tmp, path)
    result = ExportResult(slug=slug, out_dir=path.parent, n=report.n, files=[path])
    if not show_language:
        result.warnings.append(message("exp_language_null", minimum=rnd.min_group))
    return result
