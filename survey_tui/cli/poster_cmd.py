"""`survey-tui poster SLUG`: the round's practices on one A4 page (the thesis's Liite 5)."""

from __future__ import annotations

import click

from survey_tui.cli.common import complete_rounds, echo_json, get_store
from survey_tui.i18n import LANGUAGES


@click.command()
@click.argument("slug", shell_complete=complete_rounds)
@click.option("--format", "fmt", type=click.Choice(["pdf", "svg", "html"]), default="pdf", show_default=True,
              help="pdf (needs the extra 'pdf'), svg, or one self-contained html page.")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None,
              help="Language of the theme titles and texts (default: the questionnaire's first).")
@click.option("--title", default=None, help="Title of the poster (default: the questionnaire's title).")
@click.option("--out", "out_file", type=click.Path(dir_okay=False, writable=True, allow_dash=True), default=None,
              help="Write to this file ('-' or none: standard output; a PDF only when it is not a terminal).")
@click.option("--json", "as_json", is_flag=True, help="Print what the poster shows as JSON instead.")
@click.pass_context
def poster(ctx, slug: str, fmt: str, lang: str | None, title: str | None, out_file: str | None,
           as_json: bool) -> None:
    """The one-page poster of a round: practices by theme, how many put each theme first,
    n and the response rate.

    The practices are the ones written in the coding of the round; a round with none, or
    with fewer responses than its minimum group, gets one line saying so. No count below
    the minimum group is printed.

    \b
    Examples:
      survey-tui poster spring-2025 --out poster.pdf
      survey-tui poster spring-2025 --format html --lang sv --out poster.html
      survey-tui poster spring-2025 --json
    """
    from survey_tui.cli.report_cmd import write_output
    from survey_tui.poster_render import render
    from survey_tui.services.poster import poster_data

    data = poster_data(get_store(ctx), slug, lang, title)
    if as_json:
        echo_json(data.to_dict())
        return
    write_output(None if out_file == "-" else out_file, render(data, fmt), fmt)
