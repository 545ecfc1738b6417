"""`survey-tui invite | remind | tick`: invitations and reminders by e-mail (docs/invitations.md)."""

from __future__ import annotations

import functools
import os
import sys

import click

from survey_tui.cli.common import echo_json, get_store, say, complete_rounds
from survey_tui.errors import InvalidInput
from survey_tui.sanitize import one_line


def mail_options(fn):
    """SMTP and message options shared by invite, remind and tick."""

    @click.option("--smtp", "smtp", metavar="HOST:PORT", envvar="SURVEY_TUI_SMTP",
                  help="Mail server (or SURVEY_TUI_SMTP). Port 465 means implicit TLS, others STARTTLS.")
    @click.option("--smtp-security", type=click.Choice(["starttls", "tls", "none"]), default=None,
                  envvar="SURVEY_TUI_SMTP_SECURITY", help="Override: starttls, tls (implicit) or none.")
    @click.option("--smtp-config", metavar="FILE", envvar="SURVEY_TUI_SMTP_CONFIG",
                  help="INI file with [smtp] user/password (owner-only), when the environment has none.")
    @click.option("--cafile", metavar="FILE", envvar="SURVEY_TUI_SMTP_CAFILE",
                  help="CA certificates to trust for the mail server (default: the system's).")
    @click.option("--from", "sender", metavar="ADDRESS", envvar="SURVEY_TUI_MAIL_FROM",
                  help="Sender address (or SURVEY_TUI_MAIL_FROM).")
    @click.option("--ssh", "ssh_command", metavar="COMMAND", envvar="SURVEY_TUI_ANSWER_SSH",
                  help="How respondents answer over SSH, e.g. 'ssh survey@host.example.org'.")
    @click.option("--url", "url", metavar="URL", envvar="SURVEY_TUI_ANSWER_URL",
                  help="How respondents answer in a browser (the serve URL).")
    @click.option("--template", "templates", metavar="[LANG=]FILE", multiple=True,
                  help="Your own letter (docs/invitations.md): $title $intro $closes $code $how; "
                  "first line may be 'Subject: ...'. Repeat with LANG= per language.")
    @click.option("--rate", type=click.FloatRange(min=0.1), default=None,
                  help="At most this many messages a minute.")
    @click.option("--dry-run", "dry_run", metavar="DIR",
                  help="Write one .eml file per recipient into DIR (placeholder code) and send nothing.")
    @click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)

    return wrapper


def _transport_factory(smtp, smtp_security, smtp_config, cafile, dry_run):
    from survey_tui import invitations as inv

    if dry_run:
        return lambda: inv.DryRunTransport(dry_run)
    if not smtp:
        raise InvalidInput(say("no_mail_server"))
    user, password = inv.smtp_login_from(dict(os.environ), smtp_config)
    settings = inv.SmtpSettings.parse(smtp, smtp_security, user=user, password=password, cafile=cafile)
    return lambda: inv.SmtpTransport(settings)


def _sender(sender, dry_run):
    if sender:
        return sender
    if dry_run:
        return "survey@localhost.invalid"
    raise InvalidInput(say("no_sender"))


def _run(ctx, slug, kind, *, retry, smtp, smtp_security, smtp_config, cafile, sender, ssh_command, url,
         rate, dry_run, as_json, templates):
    from survey_tui import invitations as inv

    store = get_store(ctx)
    letters = inv.load_templates(templates, store.get_round(slug).questionnaire) if templates else None
    make = _transport_factory(smtp, smtp_security, smtp_config, cafile, dry_run)
    how = inv.HowToAnswer(ssh=ssh_command, url=url)
    bar = {}
    show_bar = sys.stderr.isatty() and not as_json

    def on_targets(n):
        if show_bar and n:
            bar["bar"] = click.progressbar(length=n, label=f"Sending {kind}", file=sys.stderr)
            bar["bar"].__enter__()

    def progress(_result):
        if "bar" in bar:
            bar["bar"].update(1)

    try:
        summary = inv.deliver(store, slug, kind, make(), sender=_sender(sender, dry_run), how=how, retry=retry,
                              rate=rate, progress=progress, on_targets=on_targets, dry_run=bool(dry_run),
                              templates=letters)
    finally:
        if "bar" in bar:
            bar["bar"].__exit__(None, None, None)
    report(summary, as_json)


def report(summary, as_json: bool) -> None:
    if as_json:
        echo_json(summary.to_dict())
        if summary.failed:
            sys.exit(3)
        return
    for r in summary.results:
        detail = f"  {one_line(r.detail, 200)}" if r.detail and r.status != "sent" else ""
        where = f"  {one_line(r.detail, 200)}" if summary.dry_run else ""
        shown = "written" if summary.dry_run and r.status == "sent" else r.status
        click.echo(f"{shown:8} {one_line(r.label, 60)} <{one_line(r.email, 254)}>{detail}{where}")
    counts = summary.counts()
    if not summary.results:
        click.echo(say("nothing_to_send", slug=summary.round, kind=summary.kind), err=True)
        return
    line = say("mail_summary_written" if summary.dry_run else "mail_summary", kind=summary.kind, slug=summary.round,
               sent=counts["sent"], refused=counts["refused"], invalid=counts["invalid"], failed=counts["failed"])
    click.echo(line, err=True)
    if summary.failed and not summary.dry_run:
        again = "invite" if summary.kind == "invite" else "remind"
        flags = "" if summary.kind == "invite" else (" --everyone --retry" if summary.kind == "final" else " --retry")
        click.echo(say("retry_failed", command=f"survey-tui {again} {summary.round}{flags}"), err=True)
    if summary.failed:
        sys.exit(3)


@click.command()
@click.argument("slug", shell_complete=complete_rounds)
@click.option("--status", "show_status", is_flag=True,
              help="Show each recipient's invitation and reminder status and the planned reminders; send nothing.")
@mail_options
@click.pass_context
def invite(ctx, slug, show_status, **options) -> None:
    """Send each recipient an invitation with a one-time code made now.

    Only those not yet sent an invitation are sent one, so running it again retries the
    failed ones (and invites recipients added since). Exit status 3 when some failed.

    \b
    Examples:
      survey-tui invite spring-2025 --smtp mail.example.org:587 --from survey@example.org
      survey-tui invite spring-2025 --dry-run outbox/
      survey-tui invite spring-2025 --status
    """
    if show_status:
        status(get_store(ctx), slug, options["as_json"])
        return
    _run(ctx, slug, "invite", retry=False, **options)


def status(store, slug: str, as_json: bool) -> None:
    from survey_tui import invitations as inv

    store.get_round(slug)
    rows = list(inv.recipients_overview(store, slug))
    planned = [m for m in store.recipients().mailings(slug) if m.state == "planned"]
    if as_json:
        echo_json({"round": slug, "recipients": rows,
                   "planned": [{"kind": m.kind, "at": m.planned_for} for m in planned]})
        return
    click.echo(say("recipients_in_round", n=len(rows), slug=slug))
    for row in rows:
        click.echo(f"{one_line(row['label'], 60)} <{one_line(row['email'], 254)}>  "
                   + say("recipient_status", invite=row["invite"] or "-", remind=row["remind"] or "-", final=row["final"] or "-"))
    for m in planned:
        click.echo(say("planned_final" if m.kind == "final" else "planned_reminder", when=m.planned_for))


@click.command()
@click.argument("slug", shell_complete=complete_rounds)
@click.option("--everyone", is_flag=True,
              help="Final reminder to all recipients, one wording for all; no new code for those who answered.")
@click.option("--retry", is_flag=True, help="Send only to those the latest such reminder did not reach.")
@click.option("--at", "at", metavar="WHEN", help="Plan it for a date and time (ISO, e.g. 2026-03-09T09:00); 'tick' sends it.")
@mail_options
@click.pass_context
def remind(ctx, slug, everyone, retry, at, **options) -> None:
    """Remind those who have not answered, each with a fresh code that replaces the old one.

    \b
    Examples:
      survey-tui remind spring-2025 --smtp mail.example.org:587 --from survey@example.org
      survey-tui remind spring-2025 --everyone --at 2026-03-09T09:00
    """
    kind = "final" if everyone else "remind"
    if at:
        from survey_tui import invitations as inv

        if retry or options["dry_run"]:
            raise click.UsageError(say("at_plans"))
        when = inv.parse_when(at)
        inv.plan(get_store(ctx), slug, kind, when)
        click.echo(say("plan_final" if everyone else "plan_reminder", slug=slug, when=when))
        return
    _run(ctx, slug, kind, retry=retry, **options)


@click.command()
@mail_options
@click.pass_context
def tick(ctx, **options) -> None:
    """Send the planned reminders that are due (run it from cron or a systemd timer).

    \b
    Example (crontab, every 10 minutes):
      */10 * * * * survey-tui tick --smtp mail.example.org:587 --from survey@example.org
    """
    from survey_tui import invitations as inv

    if options["dry_run"]:
        raise click.UsageError(say("tick_sends_due"))
    store = get_store(ctx)
    if not inv.due(store):
        if not options["as_json"]:
            click.echo(say("nothing_due"), err=True)
        else:
            echo_json([])
        return
    make = _transport_factory(options["smtp"], options["smtp_security"], options["smtp_config"], options["cafile"], None)
    summaries = inv.run_due(store, make, sender=_sender(options["sender"], None),
                            how=inv.HowToAnswer(ssh=options["ssh_command"], url=options["url"]), rate=options["rate"],
                            templates=options["templates"])
    if options["as_json"]:
        echo_json([s.to_dict() for s in summaries])
        return
    failed = False
    for summary in summaries:
        try:
            report(summary, False)
        except SystemExit:
            failed = True
    if failed:
        sys.exit(3)
