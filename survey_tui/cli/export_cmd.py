"""`survey-tui export SLUG`: CSV files and chart images of a round."""

from __future__ import annotations

import sys

import click

from survey_tui.cli.common import get_store


@click.command()
@click.argument("slug")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Folder for the files (default: results/SLUG).")
@click.option("--excel", is_flag=True,
              help="For Excel with Finnish settings: UTF-8 with BOM, ';' separator, decimal comma.")
@click.option("--lang", type=click.Choice(["fi", "en"]), default=None,
              help="Language of titles in the files and charts (default: the questionnaire's first).")
@click.option("--charts/--no-charts", default=False,
              help="Also draw first_choice.png/.svg and positions.png/.svg (needs matplotlib; "
                   "default: CSV files only).")
@click.pass_context
def export(ctx, slug: str, out_dir: str | None, excel: bool, lang: str | None, charts: bool) -> None:
    """Export a round to CSV files (and, with --charts, chart images).

    \b
    Files: responses.csv (one row per response), answers.csv (one row per answer),
    ranking.csv, positions.csv, keywords.csv, codes.csv, comparison.csv (for a
    follow-up round); with --charts also first_choice.png/.svg and positions.png/.svg.
    Default CSV: RFC 4180, UTF-8. Cells that a spreadsheet would run as a formula
    are prefixed with a quote.

    \b
    Examples:
      survey-tui export spring-2025
      survey-tui export spring-2025 --excel --out ~/Desktop/spring-2025
      survey-tui export spring-2025 --charts
    """
    from survey_tui.export import export_round

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
        result = export_round(store, slug, out_dir, excel=excel, lang=lang, progress=progress,
                               charts=charts)
    finally:
        if bar is not None:
            bar.__exit__(*sys.exc_info())
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)
    click.echo(f"Exported {result.n} responses of {slug} to {result.out_dir}:")
    for path in result.files:
        click.echo(f"  {path}")
