"""`survey-tui report SLUG`: ranking statistics and theme summaries of a round."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import click

from survey_tui.cli.common import get_store, say, complete_rounds
from survey_tui.errors import os_reason
from survey_tui.i18n import LANGUAGES


def _write_atomic(path: Path, text: str | bytes) -> None:
    from survey_tui.errors import InvalidInput
    from survey_tui.folders import make_folder, write_whole

    make_folder(path.parent)
    try:
        write_whole(path, text)
    except OSError as exc:
        raise InvalidInput(say("cannot_write", path=path, problem=os_reason(exc))) from None


def write_output(out_file: str | None, data: str | bytes, fmt: str) -> None:
    """`data` to `out_file` (atomically) or to standard output; a binary format (PDF) is not
    written to a terminal."""
    if out_file:
        _write_atomic(Path(out_file), data)
        click.echo(say("wrote", path=out_file), err=True)
    elif isinstance(data, bytes):
        if sys.stdout.isatty():
            from survey_tui.errors import InvalidInput, message

            raise InvalidInput(message("out_binary_tty", fmt=fmt.upper()))
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        click.echo(data, nl=False)


@click.command()
@click.argument("slug", shell_complete=complete_rounds)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown", "html", "pdf"]), default="text",
              show_default=True, help="text for the terminal, json for scripts, markdown for a one-page report, "
              "html (one self-contained file) and pdf (A4, needs the extra 'pdf') to print or share.")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None,
              help="Language of titles and explanations (default: the questionnaire's first).")
@click.option("--out", "out_file", type=click.Path(dir_okay=False, writable=True, allow_dash=True), default=None,
              help="Write to this file instead of the screen ('-': standard output; Markdown: chart images "
                   "go next to a file).")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json, as every other read command takes it.")
@click.pass_context
def report(ctx, slug: str, fmt: str, lang: str | None, out_file: str | None, as_json: bool) -> None:
    """Ranking statistics and theme summaries of a round.

    Nothing is shown while the round has fewer responses than its minimum group size.

    \b
    Examples:
      survey-tui report spring-2025
      survey-tui report spring-2025 --json > results.json
      survey-tui report spring-2025 --format markdown --out report/spring-2025.md
      survey-tui report spring-2025 --format pdf --out spring-2025.pdf
    """
    from survey_tui.services.results import report as build_report

    if as_json:
        if fmt not in ("text", "json"):
            raise click.UsageError(say("cli_err_two_formats", fmt=fmt))
        fmt = "json"
    if out_file == "-":
        out_file = None  # standard output, as without --out
    store = get_store(ctx)
    # JSON has no answer texts, so it takes the streaming path (fast, flat memory).
    rep = build_report(store, slug, lang, answers=fmt not in ("json", "html", "pdf"))
    if fmt in ("html", "pdf"):
        from survey_tui.services.printing import printable

        doc = printable(store, rep)
        if fmt == "html":
            from survey_tui.report_html import render_html as render
        else:
            from survey_tui.report_pdf import render_pdf as render
        write_output(out_file, render(doc), fmt)
        return
    if fmt == "json":
        import json

        text = json.dumps(rep.to_dict(), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "markdown":
        from survey_tui.report_markdown import render_markdown

        if out_file:
            from survey_tui.export import write_charts
            from survey_tui.extras import MissingExtra

            try:
                written = write_charts(rep, Path(out_file).parent)
            except MissingExtra as exc:
                written = []
                click.echo(say("no_chart_images", problem=exc), err=True)
            text = render_markdown(rep, image_dir="", closed_images=any(p.name.startswith("closed_") for p in written))
            for path in written:
                click.echo(say("wrote", path=path), err=True)
        else:
            from survey_tui.export import default_out_dir

            # Link the images where `survey-tui export` puts them, but only once they are there.
            exported = (default_out_dir(slug) / "first_choice.png").is_file()
            text = render_markdown(rep, images=exported)
            if not exported:
                click.echo(say("no_charts_linked", slug=slug), err=True)
    else:
        from survey_tui.report_text import render_text

        to_tty = out_file is None and sys.stdout.isatty()
        color = to_tty and not os.environ.get("NO_COLOR")
        width = min(shutil.get_terminal_size((100, 24)).columns, 120) if to_tty else 100
        text = render_text(rep, width=width, color=color)
    write_output(out_file, text, fmt)
