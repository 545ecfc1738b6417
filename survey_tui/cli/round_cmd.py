"""`survey-tui round new | list | show | edit | open | close | delete`."""

from __future__ import annotations

import click

from survey_tui.cli.common import (
    complete_questionnaires,
    complete_rounds,
    echo_json,
    get_store,
    interactive,
    parse_date,
    say,
)
from survey_tui.errors import InvalidInput
from survey_tui.services import rounds
from survey_tui.sanitize import one_line



@click.group("round")
def round_group() -> None:
    """Create, list, edit, open, close and delete survey rounds.

    Dates are YYYY-MM-DD, 'today', or days/weeks from today (+14d, +2w).

    \b
    Examples:
      survey-tui round new spring --questionnaire my-survey.yaml --closes +14d --codes 40 --open
      survey-tui round new autumn --follow-up-of spring
      survey-tui round edit spring --closes +7d
      survey-tui round list
      survey-tui round close spring --yes
    """


@round_group.command("new")
@click.argument("slug")
@click.option("--questionnaire", "questionnaire_ref", metavar="ID_OR_FILE", shell_complete=complete_questionnaires,
              help="Shipped questionnaire id or a YAML file; frozen into the round now.")
@click.option("--opens", metavar="DATE", help="First day to answer (YYYY-MM-DD, today, +3d).")
@click.option("--closes", metavar="DATE", help="Last day to answer (YYYY-MM-DD, today, +14d).")
@click.option("--follow-up-of", "follows", metavar="SLUG",
              help="Earlier round this one follows up; its questionnaire and settings are the defaults.")
@click.option("--min-group", type=int, default=None, help="Smallest group reported separately (default 5, at least 3).")
@click.option("--access", type=click.Choice(["open", "codes"]), default=None,
              help="Who can answer: anyone, or holders of one-time codes.")
@click.option("--codes", "code_count", type=click.IntRange(0, 100_000), default=None,
              help="Issue N one-time codes now (implies --access codes).")
@click.option("--open/--draft", "open_now", default=None, help="Open the round at once (default: draft).")
@click.option("--allow-placeholders", is_flag=True,
              help="With --open: open even if the questionnaire still has fill-ins such as [contact details].")
@click.pass_context
def new(ctx, slug, questionnaire_ref, opens, closes, follows, min_group, access, code_count, open_now,
        allow_placeholders) -> None:
    """Create a round: the questionnaire is frozen into it at this moment.

    On a terminal, missing settings are asked; elsewhere --questionnaire (or
    --follow-up-of) is required and the rest have defaults.

    \b
    Examples:
      survey-tui questionnaire new my-survey.yaml --from kela-sosiaalitoimi   # fill in [...]
      survey-tui round new spring --questionnaire my-survey.yaml \\
          --opens today --closes +14d --codes 40 --open
      survey-tui round new autumn --follow-up-of spring --codes 40
    """
    from survey_tui.questionnaire import shipped_files

    store = get_store(ctx)
    store.check_new_slug(slug)  # now, not after every question of the wizard
    opens_d = parse_date(opens, "--opens")
    closes_d = parse_date(closes, "--closes")
    if min_group is not None:
        try:
            rounds.check_min_group(min_group)
        except InvalidInput as exc:
            raise click.BadParameter(str(exc), param_hint="--min-group") from None
    base = rounds.defaults(store, follows)
    if code_count and access not in (None, "codes"):
        raise click.UsageError(say("codes_need_access"))
    if code_count:
        access = "codes"

    if interactive():
        from survey_tui import wizard

        missing = []
        if questionnaire_ref is None and base.previous is None:
            missing.append("questionnaire")
        if opens is None:
            missing.append("opens")
        if closes is None:
            missing.append("closes")
        if min_group is None:
            missing.append("min_group")
        if access is None:
            missing.append("access")
        if code_count is None:
            missing.append("codes")
        if open_now is None:
            missing.append("open_now")
        got = wizard.ask_round(
            slug,
            missing,
            {
                "min_group": base.min_group,
                # Given on the command line or inherited: decides whether to ask for codes.
                "access": access or base.access,
                "open_now": False,
                "opens": opens_d,  # given on the command line: the closing date is checked against it
            },
            shipped=list(shipped_files()),
        )
        questionnaire_ref = got.get("questionnaire", questionnaire_ref)
        opens_d = got.get("opens", opens_d)
        closes_d = got.get("closes", closes_d)
        min_group = got.get("min_group", min_group)
        access = got.get("access", access)
        code_count = got.get("codes", code_count)
        open_now = got.get("open_now", open_now)
    elif questionnaire_ref is None and base.previous is None:
        raise click.UsageError(say("questionnaire_required"))

    made = rounds.create(
        store, slug, questionnaire=questionnaire_ref, opens=opens_d, closes=closes_d, follows=follows,
        min_group=min_group, access=access, open_now=bool(open_now), code_count=code_count,
        allow_placeholders=allow_placeholders,
    )
    rnd, q = made.round, made.round.questionnaire
    click.echo(say("round_created", slug=rnd.slug, state=rnd.state, questionnaire=q.id, version=one_line(q.version)))
    if made.not_accepting:
        click.echo(say("not_accepting_note", reason=made.not_accepting))
    if made.codes:
        print_codes(made.codes)
    elif rnd.access == "codes":
        click.echo(say("access_by_code", slug=slug))
    if rnd.state == "draft":
        click.echo(say("open_when_ready", slug=slug))


def print_codes(issued: list[tuple[str, str | None]]) -> None:
    click.echo(say("codes_note"))
    for code, label in issued:
        click.echo(f"{code}  {one_line(label)}" if label else code)


@round_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def list_cmd(ctx, as_json: bool) -> None:
    """List rounds with their state, dates and number of responses.

    \b
    Example:
      survey-tui round list --json
    """
    store = get_store(ctx)
    rows = []
    for rnd in store.list_rounds():
        row = rnd.to_dict()
        row["responses"] = store.count_responses(rnd.slug)
        rows.append(row)
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo(say("no_rounds"))
        return
    head = tuple(say(f"list_{key}") for key in ("round", "questionnaire", "state", "opens", "closes", "responses", "follows"))
    table = [head] + [
        (r["round"], r["questionnaire"], r["state"], r["opens"] or "-", r["closes"] or "-",
         str(r["responses"]), r["follows"] or "-")
        for r in rows
    ]
    widths = [max(len(str(line[i])) for line in table) for i in range(len(head))]
    for line in table:
        click.echo("  ".join(str(cell).ljust(w) for cell, w in zip(line, widths)).rstrip())


@round_group.command("show")
@click.argument("slug", shell_complete=complete_rounds)
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def show(ctx, slug: str, as_json: bool) -> None:
    """Show one round's settings and progress.

    \b
    Example:
      survey-tui round show spring-2025
    """
    store = get_store(ctx)
    rnd = store.get_round(slug)
    data = rnd.to_dict()
    status = store.status(slug)
    data.update(
        title=rnd.questionnaire.text(rnd.questionnaire.title, rnd.questionnaire.languages[0]),
        languages=list(rnd.questionnaire.languages),
        responses=status["responses"],
        codes_issued=status["codes_issued"],
        codes_used=status["codes_used"],
        accepting=status["accepting"],
    )
    if as_json:
        echo_json(data)
        return
    for key, value in data.items():
        if isinstance(value, list):
            value = ", ".join(value)
        elif isinstance(value, bool):
            value = say("yes" if value else "no")
        click.echo(f"{key:<22} {one_line(str(value if value is not None else '-'), 200)}")


@round_group.command("open")
@click.argument("slug", shell_complete=complete_rounds)
@click.option("--allow-placeholders", is_flag=True,
              help="Open even if the questionnaire still has fill-ins such as [contact details].")
@click.pass_context
def open_cmd(ctx, slug: str, allow_placeholders: bool) -> None:
    """Open a round for answers (also reopens a closed one).

    A round whose closing date has passed is refused (exit 2): give it a new
    date first with 'survey-tui round edit SLUG --closes +14d'.

    \b
    Example:
      survey-tui round open spring-2025
    """
    opened = rounds.open_round(get_store(ctx), slug, allow_placeholders=allow_placeholders)
    click.echo(say("round_open", slug=slug))
    if opened.not_accepting:
        click.echo(say("not_accepting_note", reason=opened.not_accepting))
    _hint_codes(opened.codes_hint, slug)


@round_group.command("close")
@click.argument("slug", shell_complete=complete_rounds)
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def close(ctx, slug: str, yes: bool) -> None:
    """Close a round: no more answers; unfinished drafts are deleted.

    Asks for confirmation on a terminal; elsewhere --yes is required.

    \b
    Example:
      survey-tui round close spring-2025 --yes
    """
    store = get_store(ctx)
    effects = rounds.closing(store, slug)
    if not yes and not interactive():
        raise InvalidInput(say("close_needs_yes", slug=slug))
    if not yes:
        from survey_tui import wizard

        extra = say("close_drafts", n=effects.drafts) if effects.drafts else ""
        if not wizard.confirm(say("close_question", slug=slug, responses=_responses(effects.responses), extra=extra)):
            raise click.Abort()
    done = rounds.close_round(store, slug)
    click.echo(say("round_closed", slug=slug, responses=_responses(done.responses)))


def _responses(count: int) -> str:
    return say("responses", n=count)


@round_group.command("edit")
@click.argument("slug", shell_complete=complete_rounds)
@click.option("--opens", metavar="DATE", help="New first day (YYYY-MM-DD, today, +3d; 'none' removes it).")
@click.option("--closes", metavar="DATE", help="New last day (YYYY-MM-DD, today, +14d; 'none' removes it).")
@click.option("--min-group", type=int, default=None,
              help="New minimum group; can be lowered only before any results were shown.")
@click.option("--access", type=click.Choice(["open", "codes"]), default=None, help="Who can answer.")
@click.option("--switch-to-codes", is_flag=True,
              help="Confirm switching to codes although people answer without one (they are locked out).")
@click.option("--title", metavar="TEXT", default=None, help="New title of the round (every language).")
@click.pass_context
def edit(ctx, slug, opens, closes, min_group, access, switch_to_codes, title) -> None:
    """Change a round's dates, minimum group, access or title.

    The rules that keep answers anonymous hold here too: once results have been
    shown the minimum group can be raised but not lowered, and an open round that
    people answer without a code switches to codes only with --switch-to-codes.
    The questions of a round cannot change (answers refer to them).

    \b
    Examples:
      survey-tui round edit spring --closes +14d
      survey-tui round edit spring --opens today --closes 2027-01-15
      survey-tui round edit spring --min-group 8 --title "Spring survey"
    """
    from survey_tui.errors import WouldLockOutRespondents
    from survey_tui.services.rounds import KEEP

    if all(v is None for v in (opens, closes, min_group, access, title)):
        raise click.UsageError(say("nothing_to_change"))
    store = get_store(ctx)

    def date_arg(value, name):
        if value is None:
            return KEEP
        return None if value.strip().lower() in ("none", "-", "") else parse_date(value, name)

    try:
        edited = rounds.edit_round(
            store, slug, opens=date_arg(opens, "--opens"), closes=date_arg(closes, "--closes"),
            min_group=min_group, access=access, title=title, switch_access=switch_to_codes,
        )
    except WouldLockOutRespondents as exc:
        raise InvalidInput(say("switch_to_codes_hint", problem=exc)) from None
    changed = [key if key == "title" else f"{key} {old or '-'} -> {new or '-'}" for key, old, new in edited.changed]
    click.echo(say("round_edited", slug=slug, changes=", ".join(changed) if changed else say("nothing_changed")))
    if edited.not_accepting:
        click.echo(say("not_accepting_note", reason=edited.not_accepting))
    _hint_codes(edited.codes_hint, slug)


@round_group.command("delete")
@click.argument("slug", shell_complete=complete_rounds)
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def delete(ctx, slug: str, yes: bool) -> None:
    """Delete a round that has no responses, with its codes and drafts.

    Asks for confirmation on a terminal; elsewhere --yes is required. A round
    with responses cannot be deleted (close it instead).

    \b
    Example:
      survey-tui round delete sprnig-2025 --yes
    """
    store = get_store(ctx)
    what = rounds.deletion(store, slug)
    if not yes and not interactive():
        raise InvalidInput(say("delete_needs_yes", slug=slug))
    if not yes:
        from survey_tui import wizard

        extra = say("delete_codes_stop", n=what.codes) if what.codes else ""
        if not wizard.confirm(say("delete_question", slug=slug, extra=extra)):
            raise click.Abort()
    rounds.delete_round(store, slug)
    click.echo(say("round_deleted", slug=slug))


def _hint_codes(hint: str | None, slug: str) -> None:
    """A round taking codes that has none yet: say how people will get one (rounds.codes_hint)."""
    if hint == "invite":
        click.echo(say("hint_invite", slug=slug))
    elif hint == "add":
        click.echo(say("hint_add_codes", slug=slug))
