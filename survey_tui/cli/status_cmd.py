"""`survey-tui status SLUG`: how a round is going."""

from __future__ import annotations

import click

from survey_tui.cli.common import echo_json, get_store, say, complete_rounds


@click.command()
@click.argument("slug", shell_complete=complete_rounds)
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
    accepting = say("status_accepting" if data["accepting"] else "status_not_accepting")
    lines = [
        ("status_round", f"{data['round']} ({data['questionnaire']})"),
        ("status_state", f"{data['state']}, {accepting}"),
        ("status_responses", str(data["responses"])),
        ("status_codes_used", say("status_codes_of", used=data["codes_used"], issued=data["codes_issued"])
         if data["codes_issued"] else say("status_no_codes")),
        ("status_rate", f"{rate * 100:.1f} %" if rate is not None else say("status_rate_none")),
        ("status_days_left", _days_left(data)),
    ]
    if data["closes"]:
        lines.append(("status_closes", data["closes"]))
    for key, value in lines:
        click.echo(f"{say(key):<14} {value}")


def _days_left(data: dict) -> str:
    if not data["accepting"]:
        return "-"
    days = data["days_left"]
    if days is None:
        return say("status_no_closing_date")
    return say("status_last_day") if days == 0 else str(days)
