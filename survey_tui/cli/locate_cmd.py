from __future__ import annotations

import click

from survey_tui.cli.common import echo_json


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def locate(ctx: click.Context, as_json: bool) -> None:
    """Print the paths in use: database, shipped questionnaires, results folder."""
    from pathlib import Path

    from survey_tui.questionnaire import shipped_dir
    from survey_tui.cli.common import default_database as default_db_path

    root = ctx.find_root().obj or {}
    paths = {
        "database": str(Path(root.get("db_path") or default_db_path()).expanduser().resolve()),
        "questionnaires": str(shipped_dir()),
        "results": str(Path("results").resolve()),
    }
    if as_json:
        echo_json(paths)
    else:
        for key, value in paths.items():
            click.echo(f"{key:<15} {value}")
