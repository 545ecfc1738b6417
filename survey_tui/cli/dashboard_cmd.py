"""`survey-tui dashboard`: the coordinator's Textual dashboard."""

from __future__ import annotations

import click

from survey_tui.cli.common import get_store
from survey_tui.errors import InvalidInput


@click.command()
@click.option("--results", "results_dir", default="results", show_default=True, metavar="DIR",
              help="Folder the export screen writes into.")
@click.pass_context
def dashboard(ctx: click.Context, results_dir: str) -> None:
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
        raise InvalidInput(
            "the dashboard needs a terminal (stdin and stdout are not one); "
            "use 'survey-tui status', 'report' or 'export' in scripts"
        )
    from survey_tui.tui.dashboard.app import make_dashboard

    make_dashboard(get_store(ctx), results_dir=results_dir).run()


def _has_terminal() -> bool:
    """stdin and stdout are a terminal (or Textual's own web driver, which needs none)."""
    import os
    import sys

    return (sys.stdin.isatty() and sys.stdout.isatty()) or bool(os.environ.get("TEXTUAL_DRIVER"))
