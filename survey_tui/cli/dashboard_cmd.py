"""`survey-tui dashboard`: the coordinator's Textual dashboard."""

from __future__ import annotations

import click

from survey_tui.cli.common import coordinator_lang, get_store, say
from survey_tui.errors import InvalidInput
from survey_tui.i18n import LANGUAGES


@click.command()
@click.option("--results", "results_dir", default="results", show_default=True, metavar="DIR",
              help="Folder the export screen writes into.")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None,
              help="Language of the dashboard. Default: the global --lang, else the locale "
              "(LC_ALL, LC_MESSAGES, LANG), else English.")
@click.pass_context
def dashboard(ctx: click.Context, results_dir: str, lang: str | None) -> None:
    """Coordinator dashboard: rounds, codes, results, coding, compare, export.

    Counts refresh every few seconds, so responses arriving over SSH or the web
    server appear while it runs.

    \b
    Example:
      survey-tui --db /srv/survey/survey.db dashboard
    """
    if not _has_terminal():
        # Without a terminal (a pipe, cron, ssh without -t) Textual would write escape codes
        # into the pipe until killed; there is nothing to show the dashboard on.
        raise InvalidInput(say("dashboard_needs_terminal"))
    from survey_tui.tui.dashboard.app import make_dashboard

    make_dashboard(get_store(ctx), results_dir=results_dir, lang=lang or coordinator_lang(ctx)).run()


def _has_terminal() -> bool:
    """stdin and stdout are a terminal (or Textual's own web driver, which needs none)."""
    import os
    import sys

    return (sys.stdin.isatty() and sys.stdout.isatty()) or bool(os.environ.get("TEXTUAL_DRIVER"))
