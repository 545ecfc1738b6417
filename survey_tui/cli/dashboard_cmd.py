"""`survey-tui dashboard`: the coordinator's Textual dashboard."""

from __future__ import annotations

import click

from survey_tui.cli.common import get_store


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
    from survey_tui.tui.dashboard.app import make_dashboard

    make_dashboard(get_store(ctx), results_dir=results_dir).run()
