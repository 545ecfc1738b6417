"""`survey-tui status SLUG`: how a round is going."""

from __future__ import annotations

import click

from survey_tui.cli.common import echo_json, get_store


@click.command()
@click.argument("slug")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def status(ctx, slug: str, as_json: bool) -> None:
    """Responses, codes used and response rate of a round.

    The response rate is codes used / codes issued: responses imported from paper
    forms use no code, so they count as responses but not in the rate (and their
    senders stay on the 'codes list --unused' reminder list).

    \b
    Examples:
      survey-tui status spring-2025
      survey-tui status spring-2025 --json
    """
    data = get_store(ctx).status(slug)
    if as_json:
        echo_json(data)
        return
    rate = data["response_rate"]
    days = data["days_left"]
    accepting = "accepting answers" if data["accepting"] else "not accepting answers"
    lines = [
        ("round", f"{data['round']} ({data['questionnaire']})"),
        ("state", f"{data['state']}, {accepting}"),
        ("responses", str(data["responses"])),
        ("codes used", f"{data['codes_used']} of {data['codes_issued']}" if data["codes_issued"] else "no codes issued"),
        ("response rate", f"{rate * 100:.1f} %" if rate is not None else "- (no codes issued)"),
        ("days left", _days_left(data)),
    ]
    if data["closes"]:
        lines.append(("closes", data["closes"]))
    for key, value in lines:
        click.echo(f"{key:<14} {value}")


def _days_left(data: dict) -> str:
    if not data["accepting"]:
        return "-"
    days = data["days_left"]
    if days is None:
        return "no closing date"
    return "last day" if days == 0 else str(days)
