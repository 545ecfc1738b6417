"""`survey-tui tag SLUG ...`: put the coordinator's tags (short labels) on answers.

Answers are listed with a short handle: the first characters of the response's
pseudonym and the question id, e.g. `3f9a12bc:q3`. The handle is stable within a
release, so `tag SLUG add 3f9a12bc:q3 "pikaviestin"` works whatever order the list was
shown in. The rules (sealing, handles) are services.tags'; this module parses and prints.
`survey-tui code` is the old name of this group and still works.
"""

from __future__ import annotations

import click

from survey_tui.cli.common import get_store, say, complete_rounds
from survey_tui.errors import NotFound
from survey_tui.i18n import LANGUAGES
from survey_tui.services import tags as tagging


@click.group()
@click.argument("slug", shell_complete=complete_rounds)
@click.pass_context
def tag(ctx, slug: str) -> None:
    """Put tags (the coordinator's short labels) on answers of round SLUG.

    \b
    Examples:
      survey-tui tag spring-2025 list --question q3
      survey-tui tag spring-2025 add 3f9a12bc:q3 "instant messaging"
      survey-tui tag spring-2025 remove 3f9a12bc:q3 "instant messaging"
      survey-tui tag spring-2025 summary
    """
    ctx.meta["tagging.slug"] = slug


def _slug(ctx) -> str:
    return ctx.meta["tagging.slug"]


@tag.command("list")
@click.option("--question", "question_id", default=None, help="Only answers to this question id.")
@click.pass_context
def list_answers(ctx, question_id: str | None) -> None:
    """Answers with their handles and tags."""
    from survey_tui.sanitize import clean_text, one_line

    slug = _slug(ctx)
    found = tagging.answers(get_store(ctx), slug, question_id)
    if not found.rows:
        click.echo(say("tag_no_answers"))
        return
    for row in found.rows:
        labels = found.tags.get((row["response_id"], row["question_id"]), [])
        tail = f"  [{', '.join(one_line(c) for c in labels)}]" if labels else ""
        click.echo(f"{found.handle(row)}{tail}")
        for line in clean_text(row["text"]).split("\n"):
            click.echo(f"    {line.rstrip()}")
    click.echo(say("tag_answers", n=len(found.rows), slug=slug))


@tag.command("add")
@click.argument("handle")
@click.argument("label")
@click.pass_context
def add(ctx, handle: str, label: str) -> None:
    """Put LABEL on the answer HANDLE."""
    from survey_tui.sanitize import one_line

    rid, qid, stored = tagging.tag_handle(get_store(ctx), _slug(ctx), handle, label)
    click.echo(say("tagged", handle=f"{rid[:tagging.HANDLE_CHARS]}:{qid}", label=repr(one_line(stored))))


@tag.command("remove")
@click.argument("handle")
@click.argument("label")
@click.pass_context
def remove(ctx, handle: str, label: str) -> None:
    """Take LABEL off the answer HANDLE."""
    from survey_tui.sanitize import one_line

    rid, qid, removed = tagging.untag_handle(get_store(ctx), _slug(ctx), handle, label)
    if not removed:
        raise NotFound(say("tag_not_on_answer", handle=repr(handle[:80]), label=repr(one_line(label, 60))))
    click.echo(say("untagged", label=repr(one_line(tagging.clean_label(label))), handle=f"{rid[:tagging.HANDLE_CHARS]}:{qid}"))


@tag.command("summary")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None, help="Language of theme titles.")
@click.pass_context
def summary(ctx, lang: str | None) -> None:
    """How many answers carry each tag, per theme, with one example each."""
    from survey_tui.sanitize import one_line
    from survey_tui.services.results import report

    slug = _slug(ctx)
    rep = report(get_store(ctx), slug, lang, answers=False)
    any_tags = False
    for theme in rep.themes:
        if not theme.codes:
            continue
        any_tags = True
        click.echo(one_line(theme.title))
        for c in theme.codes:
            example = one_line(c.example, 70)
            click.echo(f"  {c.count:>4}  {one_line(c.label)}" + ("  " + say("tag_example", example=example) if example else ""))
    if not any_tags:
        click.echo(say("no_tags", slug=slug))
