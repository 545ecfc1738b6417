"""`survey-tui codes add | list`: one-time codes, printed once, stored as hashes."""

from __future__ import annotations


import click

from survey_tui.cli.common import echo_json, get_store, read_bounded, say, complete_rounds
from survey_tui.errors import InvalidInput, WouldLockOutRespondents
from survey_tui.services import access_codes
from survey_tui.sanitize import one_line

MAX_LABELS_BYTES = 5 * 1024 * 1024
MAX_LABEL_CHARS = 200


@click.group()
def codes() -> None:
    """Issue one-time codes and list who still needs a reminder.

    \b
    Examples:
      survey-tui codes add spring-2025 --count 40
      survey-tui codes add spring-2025 --labels recipients.txt
      survey-tui codes list spring-2025 --unused
    """


def read_labels(path: str) -> list[str]:
    """One label per line; blank lines skipped; a repeated label is refused."""
    raw = read_bounded(path, MAX_LABELS_BYTES)
    labels: list[str] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(raw.split(b"\n"), 1):
        try:
            text = line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidInput(say("cli_err_labels_not_utf8", path=path, number=number, byte=exc.start + 1)) from None
        label = one_line(text)
        if not label:
            continue
        if len(label) > MAX_LABEL_CHARS:
            raise InvalidInput(say("cli_err_label_too_long", path=path, number=number, max=MAX_LABEL_CHARS))
        key = label.casefold()
        if key in seen:
            raise InvalidInput(say("cli_err_label_duplicate", path=path, number=number, label=repr(label[:60]), first=seen[key]))
        seen[key] = number
        labels.append(label)
    if not labels:
        raise InvalidInput(say("cli_err_no_labels", path=path))
    return labels


@codes.command("add")
@click.argument("slug", shell_complete=complete_rounds)
@click.option("--count", type=click.IntRange(1, 100_000), default=None, help="Number of unlabelled codes.")
@click.option("--labels", "labels_file", metavar="FILE",
              help="File with one recipient label per line (for reminders); one code each.")
@click.option("--recipients", "recipients_file", metavar="FILE",
              help="CSV of label,email[,language]: codes are made and mailed by 'survey-tui invite'.")
@click.option("--json", "as_json", is_flag=True, help="Print the codes as JSON.")
@click.option("--switch-to-codes", is_flag=True,
              help="Needed when the round is already open to anyone: from now on it takes codes only.")
@click.pass_context
def add(ctx, slug: str, count: int | None, labels_file: str | None, recipients_file: str | None, as_json: bool,
        switch_to_codes: bool) -> None:
    """Issue one-time codes for a round and print them (only this once).

    The round switches to code access (a round already open to anyone needs
    --switch-to-codes). Only hashes of the codes are stored, so save or hand out
    the printed codes now.

    \b
    Examples:
      survey-tui codes add spring-2025 --count 40
      survey-tui codes add spring-2025 --labels recipients.txt --json > codes.json
    """
    if sum(x is not None for x in (count, labels_file, recipients_file)) != 1:
        raise click.UsageError(say("codes_one_source"))
    store = get_store(ctx)
    if recipients_file:
        from survey_tui.invitations import add_recipients

        rows = add_recipients(store, slug, recipients_file, switch_access=switch_to_codes)
        click.echo(say("recipients_added", n=len(rows), slug=slug))
        return
    rnd = store.get_round(slug)
    labels = read_labels(labels_file) if labels_file else None
    try:
        issued = access_codes.issue(store, slug, count=count, labels=labels, switch_access=switch_to_codes)
    except WouldLockOutRespondents as exc:
        raise InvalidInput(say("switch_to_codes_hint", problem=exc)) from None
    if as_json:
        echo_json(
            {
                "round": slug,
                "note": "shown only now; only hashes are stored",
                "codes": [{"code": code, "label": label} for code, label in issued],
            }
        )
        return
    from survey_tui.cli.round_cmd import print_codes

    print_codes(issued)
    click.echo(say("codes_issued", n=len(issued), slug=slug), err=True)
    if rnd.access == "open":
        click.echo(say("now_codes_only", slug=slug), err=True)


@codes.command("list")
@click.argument("slug", shell_complete=complete_rounds)
@click.option("--unused", is_flag=True, help="Only codes not used yet: the reminder list.")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def list_cmd(ctx, slug: str, unused: bool, as_json: bool) -> None:
    """List the labels of a round's codes and how many are used.

    Codes themselves cannot be shown again; labels tell whom to remind.

    \b
    Example:
      survey-tui codes list spring-2025 --unused
    """
    rem = access_codes.reminders(get_store(ctx), slug)
    shown = rem.shown(unused_only=unused)
    if as_json:
        echo_json(
            {
                "round": slug,
                "codes_issued": rem.issued,
                "codes_used": rem.used,
                "codes_unused": rem.unused,
                "codes": [{"label": label, "used": used} for label, used in shown],
            }
        )
        return
    click.echo(say("codes_summary", n=rem.issued, used=rem.used, unused=rem.unused))
    labelled = [(label, used) for label, used in shown if label]
    for label, used in labelled:
        mark = "" if unused else "  " + say("code_used" if used else "code_unused")
        click.echo(f"{one_line(label, MAX_LABEL_CHARS)}{mark}")
    unlabelled = len(shown) - len(labelled)
    if unlabelled:
        click.echo(say("unused_unlabelled" if unused else "unlabelled", n=unlabelled))


@codes.command("forget")
@click.argument("slug", shell_complete=complete_rounds)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def forget(ctx, slug: str, yes: bool) -> None:
    """Delete a round's codes, recipients' addresses and send log (when the round is over).

    Nobody can answer the round with a code afterwards; responses are kept.

    \b
    Example:
      survey-tui codes forget spring-2025 --yes
    """
    store = get_store(ctx)
    if store.get_round(slug).accepting():
        access_codes.forget(store, slug)  # refuses, with the reason, before any question
    if not yes:
        from survey_tui.cli.common import interactive

        if not interactive():
            raise InvalidInput(say("forget_needs_yes"))
        click.confirm(say("forget_question", slug=slug), abort=True)
    gone = access_codes.forget(store, slug)
    click.echo(say("forgotten", slug=slug, codes=gone["codes"], recipients=gone["recipients"], sends=gone["sends"]))
