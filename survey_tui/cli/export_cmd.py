"""`survey-tui export SLUG`: CSV files and chart images, an XLSX workbook or JSON Lines of a round."""

from __future__ import annotations

import sys

import click

from survey_tui.cli.common import get_store, say, complete_rounds
from survey_tui.i18n import LANGUAGES


@click.command()
@click.argument("slug", shell_complete=complete_rounds)
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Folder for the files (default: results/SLUG).")
@click.option("--format", "fmt", type=click.Choice(["csv", "excel", "xlsx", "jsonl", "sav"]), default=None,
              help="csv (default): RFC 4180 files for analysis tools; excel: ';' CSV for Finnish Excel "
                   "(in results/SLUG/excel); xlsx: one workbook SLUG.xlsx for any spreadsheet; "
                   "jsonl: responses.jsonl, text byte for byte, read back by 'responses import'; "
                   "sav: responses.sav for SPSS with variable and value labels (optional part 'spss').")
@click.option("--excel", is_flag=True,
              help="Same as --format excel: UTF-8 with BOM, ';' separator, decimal comma.")
@click.option("--force", is_flag=True, help="Replace files of an earlier export (refused otherwise).")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None,
              help="Language of titles in the files and charts (default: the questionnaire's first).")
@click.option("--charts/--no-charts", default=False,
              help="Also draw first_choice.png/.svg and positions.png/.svg (needs matplotlib; "
                   "default: CSV files only).")
@click.pass_context
def export(ctx, slug: str, out_dir: str | None, fmt: str | None, excel: bool, force: bool, lang: str | None,
           charts: bool) -> None:
    """Export a round to CSV files (and, with --charts, chart images), XLSX or JSON Lines.

    For spreadsheets (Excel, LibreOffice, Numbers) use --format xlsx: text stays
    text exactly as answered, multi-line answers wrap, and an `about` sheet explains
    every column. Each format writes its own files; files of an earlier export are
    replaced only with --force.

    \b
    Files: responses.csv (one row per response), answers.csv (one row per answer),
    ranking.csv, positions.csv, keywords.csv, codes.csv, comparison.csv (for a
    follow-up round); with --charts also first_choice.png/.svg and positions.png/.svg.
    Default CSV: RFC 4180, UTF-8. Cells that a spreadsheet would run as a formula
    are prefixed with a quote (XLSX and JSON Lines need no such change).

    \b
    Examples:
      survey-tui export spring-2025
      survey-tui export spring-2025 --format xlsx
      survey-tui export spring-2025 --format jsonl
      survey-tui export spring-2025 --excel --out ~/Desktop/spring-2025
      survey-tui export spring-2025 --charts --force
    """
    from survey_tui.errors import InvalidInput
    from survey_tui.services import exports

    if excel and fmt not in (None, "excel"):
        raise click.UsageError(say("excel_is_format"))
    fmt = "excel" if excel else (fmt or exports.DEFAULT_FORMAT)
    if charts and fmt != "csv":
        raise click.UsageError(say("charts_with_csv"))
    store = get_store(ctx)
    err = sys.stderr
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if not err.isatty():
            return
        if bar is None:
            bar = click.progressbar(length=max(total, 1), label="Exporting", file=err)
            bar.__enter__()
        bar.update(done - bar.pos)

    try:
        result = exports.export(store, slug, fmt, out_dir, force=force, lang=lang, charts=charts, progress=progress)
    except exports.ExportExists as exc:
        from survey_tui.sanitize import one_line

        first = one_line(str(exc.existing[0]), 200)
        key = "cli_err_export_exists_one" if len(exc.existing) == 1 else "cli_err_export_exists_many"
        raise InvalidInput(say(key, path=first, n=len(exc.existing))) from None
    finally:
        if bar is not None:
            bar.__exit__(*sys.exc_info())
    for warning in result.warnings:
        click.echo(say("warning", problem=warning), err=True)
    click.echo(say("exported", n=result.n, slug=slug, folder=result.out_dir))
    for path in result.files:
        click.echo(f"  {path}")
