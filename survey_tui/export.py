"""CSV files and chart images of one round, written while reading it once.

- Rows are streamed: responses.csv and answers.csv are written from the same pass over
  the round that counts the statistics, so memory depends on the questionnaire, not on
  the number of responses.
- The pass runs inside store.snapshot(), so an export taken while people are still
  submitting is consistent (every file describes the same set of responses).
- Every text cell is cleaned of control characters and passed through sanitize.csv_cell
  (formula injection); quoting is left to the csv module.
- Default dialect: RFC 4180 (',' and CRLF) in UTF-8. excel=True: UTF-8 with a BOM, ';'
  and decimal commas, which Finnish Excel opens with ä and ö intact.
- Each file is written under a temporary name and renamed, so a failed export never
  leaves a half-written file under a real name.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from survey_tui import export_layout as layout
from survey_tui.errors import message
from survey_tui.extras import MissingExtra
from survey_tui.folders import make_folder
from survey_tui.report_strings import t
from survey_tui.sanitize import clean_text, csv_cell, csv_text, plain_cell
from survey_tui.summary import BelowMinimumGroup, RoundReport, build_report

Progress = Callable[[int, int], None]
_PROGRESS_EVERY = 250


@dataclass
class ExportResult:
    slug: str
    out_dir: Path
    n: int
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def default_out_dir(slug: str) -> Path:
    return Path("results") / slug


def _clean(text: str) -> str:
    return clean_text(text)  # returns printable text with nothing to clean as it is, quickly


def safe_text(text: str) -> str:
    """A text cell as CsvFile writes it (cleaned, formula-neutralised), for cleaning once."""
    return csv_text(text)


class CsvFile:
    """One CSV file in the chosen dialect; text cells sanitised, floats localised."""

    def __init__(self, path: Path, *, excel: bool):
        self.path = path
        self.tmp = path.with_name(path.name + ".tmp")
        self.excel = excel
        self._fh = open(self.tmp, "w", encoding="utf-8-sig" if excel else "utf-8", newline="")
        self._delimiter = ";" if excel else ","
        self._writer = csv.writer(
            self._fh, delimiter=self._delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL
        )
        self._write = self._fh.write

    def cell(self, value: Any) -> Any:
        if isinstance(value, str):
            return csv_cell(_clean(value))
        value = csv_cell(value)  # None -> "", numbers unchanged
        if isinstance(value, float):
            text = repr(round(value, 6))
            return text.replace(".", ",") if self.excel else text
        return value

    def row(self, values: Iterable[Any]) -> None:
        cell = self.cell
        # Empty strings (unanswered questions) are the most common cell and need nothing;
        # text sanitize.plain_cell passes is already what cell() would return.
        cells = [
            v if v.__class__ is str and plain_cell(v) else cell(v)
            for v in values
        ]
        self.safe_row(cells)

    def safe_row(self, cells: list[Any]) -> None:
        """A row whose cells have been through cell() or safe_text() already."""
        # Most rows need no quoting: then a join writes the same bytes as the csv module,
        # several times faster. A cell with a quote, CR, LF or the delimiter (seen as one
        # delimiter too many in the joined line) is quoted as csv.writer does (quoted()).
        try:
            line = self._delimiter.join(cells)
        except TypeError:  # a number
            self._writer.writerow(cells)
            return
        if len(cells) < 2:
            self._writer.writerow(cells)
        elif '"' in line or "\n" in line or "\r" in line or line.count(self._delimiter) != len(cells) - 1:
            quoted = self.quoted
            self._write(self._delimiter.join([quoted(c) for c in cells]) + "\r\n")
        else:
            self._write(line + "\r\n")

    def quoted(self, cell: str) -> str:
        """A text cell as csv.writer (QUOTE_MINIMAL, doubled quotes) writes it in a row of
        several cells: in quotes when it holds the delimiter, a quote, CR or LF."""
        if '"' in cell:
            return '"' + cell.replace('"', '""') + '"'
        if self._delimiter in cell or "\n" in cell or "\r" in cell:
            return '"' + cell + '"'
        return cell

    def lines(self, text: str) -> None:
        """Whole lines, each ending in CRLF, of cells through safe_text() and quoted()."""
        self._write(text)

    def close(self, keep: bool = True) -> None:
        self._fh.close()
        if keep:
            os.replace(self.tmp, self.path)
        else:
            self.tmp.unlink(missing_ok=True)


class _Files:
    """Open CSV files, committed together or all discarded."""

    def __init__(self, out_dir: Path, excel: bool):
        self.out_dir, self.excel = out_dir, excel
        self.open: list[CsvFile] = []

    def new(self, name: str, header: list[str]) -> CsvFile:
        f = CsvFile(self.out_dir / name, excel=self.excel)
        self.open.append(f)
        f.row(header)
        return f

    def close(self, ok: bool) -> list[Path]:
        for f in self.open:
            f.close(keep=ok)
        return [f.path for f in self.open] if ok else []


def language_shown(store, slug: str, min_group: int) -> bool:
    """The language column only when every language group has at least the minimum group:
    a smaller group would single its respondents out (docs/anonymity.md)."""
    languages = store.language_counts(slug)
    return bool(languages) and min(languages.values()) >= min_group


def one_pass(store, slug: str, lang: str | None, write: Callable[[dict[str, Any]], None], total: int,
             progress: Progress | None = None, answers: "_AnswerRows | None" = None) -> RoundReport:
    """build_report's single pass, handing each response to `write` as it is read, with progress."""
    done = [0, total]

    def on_response(rec: dict[str, Any]) -> None:
        write(rec)
        done[0] += 1
        if progress is not None and done[0] % _PROGRESS_EVERY == 0:
            progress(done[0], done[1])

    def on_start(n: int, codes: list[dict[str, str]]) -> None:
        done[1] = n
        if answers is not None:
            answers.set_codes(codes)
        if progress is not None:
            progress(0, n)

    report = build_report(store, slug, lang, answers=False, on_response=on_response, on_start=on_start)
    if progress is not None:
        progress(done[0], done[1])
    return report


def export_round(
    store,
    slug: str,
    out_dir: str | Path | None = None,
    *,
    excel: bool = False,
    lang: str | None = None,
    progress: Progress | None = None,
    charts: bool = True,
) -> ExportResult:
    """Write the round's CSV files (and chart images) into out_dir; see the module doc."""
    from survey_tui.summary import open_results

    rnd, _release = open_results(store, slug)  # before the folder is created
    q = rnd.questionnaire
    show_language = language_shown(store, slug, rnd.min_group)
    out = Path(out_dir) if out_dir is not None else default_out_dir(slug)
    make_folder(out)

    files = _Files(out, excel)
    ok = False
    try:
        responses = files.new("responses.csv", layout.header(q))
        answers = _AnswerRows(files.new("answers.csv", ANSWERS_HEADER), q)
        answer_cells = layout.answer_cells(q, lambda v: str(v) if isinstance(v, int) else responses.cell(v))
        # The figures come from aggregate reads (stored keyword lemmas, ranking counts), so the
        # rows are one plain pass over the released responses (export_rows.py).
        from survey_tui.export_rows import write_rows

        report = build_report(store, slug, lang, answers=False)
        if progress is not None:
            progress(0, report.n)
        answers.set_codes(store.answer_codes(slug))
        written = write_rows(store, slug, q, show_language, responses, answers.out, answers.questions, answer_cells,
                             answers.labels, progress, report.n)
        if written != report.n:  # released meanwhile: the figures of the rows written
            report = build_report(store, slug, lang, answers=False)
        result = ExportResult(slug=slug, out_dir=out, n=report.n)
        if not show_language:
            result.warnings.append(message("exp_language_column_empty", minimum=rnd.min_group))
        _write_about(files, report, show_language)
        codebook = files.new("codebook.csv", layout.CODEBOOK_HEADER)
        for line in layout.codebook_rows(q, report.lang, show_language):
            codebook.row(line)
        _write_stats(files, report)
        if rnd.follows:
            _write_comparison(files, store, report, result)
        ok = True
    finally:
        written = files.close(ok)
    result.files += written
    if charts and report.ranking is not None:
        try:
            result.files += write_charts(report, out)
        except MissingExtra as exc:  # matplotlib draws the images; the CSV files are complete
            result.warnings.append(message("exp_no_charts", problem=exc))
    return result


ANSWERS_HEADER = ["response_id", "theme_id", "question_id", "text", "codes"]


class _AnswerRows:
    """answers.csv: one row per non-empty free-text answer (open questions and the `other`
    texts of closed ones; closed values are in responses.csv), questionnaire order within a
    response."""

    def __init__(self, out: CsvFile, questionnaire):
        self.out = out
        # (question id, its theme id and question id as cells), questionnaire order
        self.questions = [(qid, out.cell(theme.id), out.cell(qid))
                          for theme, question in questionnaire.questions() for qid in _free_text_ids(question)]
        self.labels: dict[tuple[str, str], list[str]] = {}

    def set_codes(self, codes: Iterable[dict[str, str]]) -> None:
        for row in codes:
            self.labels.setdefault((row["response_id"], row["question_id"]), []).append(row["label"])

    def add(self, rid: str, safe: dict[str, str]) -> None:
        """One response's rows; `safe` holds its non-empty answers passed through safe_text."""
        out, labels = self.out, self.labels
        rid_cell = safe_text(rid)
        for qid, theme_cell, qid_cell in self.questions:  # questionnaire order, not storage order
            text = safe.get(qid)
            if text is not None:  # a non-empty answer, even if nothing is left after cleaning
                codes = out.cell("; ".join(labels[(rid, qid)])) if labels and (rid, qid) in labels else ""
                out.safe_row([rid_cell, theme_cell, qid_cell, text, codes])


def _free_text_ids(question) -> list[str]:
    if question.is_open:
        return [question.id]
    from survey_tui.questionnaire.answers import other_key

    return [other_key(question.id)] if question.other else []


def write_answers_csv(store, slug: str, out_dir: str | Path | None = None, *, excel: bool = False) -> Path:
    """Only answers.csv, exactly as export_round writes it (rows in another random order).

    For a caller that needs the answers and nothing else; it reads the answers and codes
    of one snapshot, with the same minimum-group rule, and computes no statistics.
    """
    from survey_tui.summary import _snapshot, require_min_group

    rnd, _n = require_min_group(store, slug)
    out = Path(out_dir) if out_dir is not None else default_out_dir(slug)
    make_folder(out)
    files = _Files(out, excel)
    ok = False
    try:
        rows = _AnswerRows(files.new("answers.csv", ANSWERS_HEADER), rnd.questionnaire)
        with _snapshot(store):
            require_min_group(store, slug)
            rows.set_codes(store.answer_codes(slug))
            for rec in store.scan_responses(slug, rankings=False):
                rows.add(rec["id"], {qid: safe_text(text) for qid, text in rec["answers"].items() if text})
        ok = True
    finally:
        written = files.close(ok)
    return written[0]


def _write_about(files: _Files, report: RoundReport, show_language: bool) -> None:
    """round.csv: what the other files cover (n, imported, held back), one fact a row."""
    about = files.new("round.csv", ["key", "value"])
    for key, value in (
        ("round", report.slug),
        ("questionnaire", f"{report.questionnaire.id} v{report.questionnaire.version}"),
        ("responses", report.n),
        ("imported", report.imported),
        ("held_back", report.held),
        ("min_group", report.round.min_group),
        ("language_column", "shown" if show_language else "withheld (a language group below the minimum group)"),
    ):
        about.row([key, value])


def _write_stats(files: _Files, report: RoundReport) -> None:
    stats = report.ranking
    if stats is not None:
        ranking = files.new(
            "ranking.csv",
            ["item_id", "title", "first_choice", "first_choice_share", "mean_rank", "borda", "ranked_by",
             "consensus_position"],
        )
        consensus = {item: i for i, item in enumerate(stats.consensus, 1)}
        for it in stats.items:
            ranking.row([it.id, report.item_title(it.id), it.first_choice, it.first_choice_share, it.mean_rank,
                         it.borda, it.ranked_by, consensus.get(it.id)])
        positions = files.new("positions.csv", ["item_id", "title"] + [f"position_{p}" for p in range(1, stats.k + 1)])
        for it in stats.items:
            positions.row([it.id, report.item_title(it.id)] + list(it.positions))
    keywords = files.new("keywords.csv", ["theme_id", "theme_title", "word", "count"])
    codes = files.new("codes.csv", ["theme_id", "theme_title", "label", "count", "example"])
    for theme in report.themes:
        for word, count in theme.keywords:
            keywords.row([theme.id, theme.title, word, count])
        for code in theme.codes:
            codes.row([theme.id, theme.title, code.label, code.count, code.example])


def _write_comparison(files: _Files, store, report: RoundReport, result: ExportResult) -> None:
    """comparison.csv against the round this one follows, unless that one is too small."""
    from survey_tui.summary import compare_reports

    try:
        old = build_report(store, report.round.follows, report.lang, answers=False)
    except BelowMinimumGroup as exc:
        result.warnings.append(message("exp_no_comparison", problem=exc))
        return
    for rep in (old, report):
        if rep.ranking is None:
            result.warnings.append(message("exp_no_comparison", problem=f"{rep.slug}: {clean_text(rep.no_ranking_text())}"))
            return
    comp = compare_reports(old, report, report.lang)
    out = files.new(
        "comparison.csv",
        ["item_id", "title", "old_round", "new_round", "old_n", "new_n",
         "first_choice_share_old", "first_choice_share_new", "first_choice_share_change",
         "mean_rank_old", "mean_rank_new", "mean_rank_change"],
    )
    for item in comp.items:
        out.row([item.get("id"), item.get("title"), old.slug, report.slug, comp.old_n, comp.new_n,
                 item.get("first_choice_share_old"), item.get("first_choice_share_new"),
                 item.get("first_choice_share_change"), item.get("mean_rank_old"), item.get("mean_rank_new"),
                 item.get("mean_rank_change")])
    result.warnings += [clean_text(str(w)) for w in comp.warnings]


def write_charts(report: RoundReport, out_dir: Path) -> list[Path]:
    """first_choice.png/.svg and positions.png/.svg (most first choices at the top), and
    closed_<id>.png/.svg for the closed questions of a report that carries their figures."""
    from survey_tui import charts

    stats, lang = report.ranking, report.lang
    if stats is None:
        return charts.write_closed_charts(report, out_dir)
    ordered = report.by_first_choice()
    labels = [report.item_title(it.id) for it in ordered]
    files = charts.save_bars(
        labels,
        [it.first_choice for it in ordered],
        Path(out_dir) / "first_choice",
        title=f"{t(lang, 'chart_first')} (n = {stats.n})",
        xlabel=t(lang, "axis_respondents"),
    )
    files += charts.save_stacked(
        labels,
        [it.positions for it in ordered],
        Path(out_dir) / "positions",
        title=f"{t(lang, 'chart_positions')} (n = {stats.n})",
        xlabel=t(lang, "axis_respondents"),
        position_label=t(lang, "position_n", p="{p}"),
    )
    return files + charts.write_closed_charts(report, out_dir)
