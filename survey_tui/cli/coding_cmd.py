"""`survey-tui code SLUG ...`: attach coordinator codes (short labels) to answers.

Answers are listed shuffled, each with a short handle: the first characters of the
(random) response id and the question id, e.g. `3f9a12bc:q3`. The handle is stable, so
`code SLUG add 3f9a12bc:q3 "pikaviestin"` works whatever order the list was shown in.
Like every result view, coding refuses while the round is below its minimum group size.
"""

from __future__ import annotations

import click

from survey_tui.cli.common import get_store
from survey_tui.errors import InvalidInput, NotFound
from survey_tui.i18n import LANGUAGES

HANDLE_CHARS = 8


def _handle_length(response_ids: list[str]) -> int:
    """8 characters, more only if two responses of the round would share a handle."""
    length = HANDLE_CHARS
    while length < 32 and len({rid[:length] for rid in response_ids}) < len(set(response_ids)):
        length += 4
    return length


def resolve_handle(store, slug: str, handle: str) -> tuple[str, str]:
    """(response id, question id) of a handle of this round's answers."""
    prefix, sep, qid = handle.strip().partition(":")
    prefix = prefix.lower()
    if not sep or len(prefix) < 4 or not qid:
        raise InvalidInput(f"{handle[:80]!r} is not an answer handle; handles look like 3f9a12bc:q3 (see 'code {slug} list')")
    matches = {row["response_id"] for row in store.answers(slug, qid) if row["response_id"].startswith(prefix)}
    if not matches:
        raise NotFound(f"no answer {handle[:80]!r} in round {slug!r}; see 'survey-tui code {slug} list'")
    if len(matches) > 1:
        raise InvalidInput(f"handle {handle[:80]!r} matches {len(matches)} answers; give more characters of it")
    return matches.pop(), qid


@click.group()
@click.argument("slug")
@click.pass_context
def code(ctx, slug: str) -> None:
    """Attach coordinator codes (short labels) to answers of round SLUG.

    \b
    Examples:
      survey-tui code spring-2025 list --question q3
      survey-tui code spring-2025 add 3f9a12bc:q3 "instant messaging"
      survey-tui code spring-2025 remove 3f9a12bc:q3 "instant messaging"
      survey-tui code spring-2025 summary
    """
    ctx.meta["coding.slug"] = slug


def _slug(ctx) -> str:
    """The round being coded, refused below its minimum group size (checked per command,
    so `code SLUG add --help` still works)."""
    from survey_tui.summary import require_min_group

    slug = ctx.meta["coding.slug"]
    require_min_group(get_store(ctx), slug)
    return slug


@code.command("list")
@click.option("--question", "question_id", default=None, help="Only answers to this question id.")
@click.pass_context
def list_answers(ctx, question_id: str | None) -> None:
    """Answers (shuffled) with their handles and codes."""
    from survey_tui.sanitize import clean_text, one_line

    slug = _slug(ctx)
    store = get_store(ctx)
    with store.snapshot():
        rnd = store.get_round(slug)
        if question_id is not None and rnd.questionnaire.question(question_id) is None:
            raise NotFound(f"no question {question_id[:40]!r} in round {slug!r}")
        rows = store.answers(slug, question_id)
        labels: dict[tuple[str, str], list[str]] = {}
        for c in store.answer_codes(slug):
            labels.setdefault((c["response_id"], c["question_id"]), []).append(c["label"])
        length = _handle_length([r["response_id"] for r in store.answers(slug)] if question_id else
                                [r["response_id"] for r in rows])
    if not rows:
        click.echo("No answers.")
        return
    for row in rows:
        handle = f"{row['response_id'][:length]}:{row['question_id']}"
        codes = labels.get((row["response_id"], row["question_id"]), [])
        tail = f"  [{', '.join(one_line(c) for c in codes)}]" if codes else ""
        click.echo(f"{handle}{tail}")
        for line in clean_text(row["text"]).split("\n"):
            click.echo(f"    {line.rstrip()}")
    click.echo(f"{len(rows)} answers. Add a code: survey-tui code {slug} add HANDLE LABEL")


@code.command("add")
@click.argument("handle")
@click.argument("label")
@click.pass_context
def add(ctx, handle: str, label: str) -> None:
    """Attach LABEL to the answer HANDLE."""
    from survey_tui.sanitize import one_line

    slug = _slug(ctx)
    store = get_store(ctx)
    rid, qid = resolve_handle(store, slug, handle)
    store.add_answer_code(slug, rid, qid, label)
    click.echo(f"Coded {rid[:HANDLE_CHARS]}:{qid} as {one_line(' '.join(label.split()))!r}.")


@code.command("remove")
@click.argument("handle")
@click.argument("label")
@click.pass_context
def remove(ctx, handle: str, label: str) -> None:
    """Remove LABEL from the answer HANDLE."""
    from survey_tui.sanitize import one_line

    slug = _slug(ctx)
    store = get_store(ctx)
    rid, qid = resolve_handle(store, slug, handle)
    if not store.remove_answer_code(slug, rid, qid, " ".join(label.split())):
        raise NotFound(f"answer {handle[:80]!r} has no code {one_line(label, 60)!r}")
    click.echo(f"Removed {one_line(' '.join(label.split()))!r} from {rid[:HANDLE_CHARS]}:{qid}.")


@code.command("summary")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None, help="Language of theme titles.")
@click.pass_context
def summary(ctx, lang: str | None) -> None:
    """How many answers carry each code, per theme, with one example each."""
    from survey_tui.sanitize import one_line
    from survey_tui.summary import build_report

    slug = _slug(ctx)
    rep = build_report(get_store(ctx), slug, lang, answers=False)
    any_codes = False
    for theme in rep.themes:
        if not theme.codes:
            continue
        any_codes = True
        click.echo(one_line(theme.title))
        for c in theme.codes:
            example = one_line(c.example, 70)
            click.echo(f"  {c.count:>4}  {one_line(c.label)}" + (f'  e.g. "{example}"' if example else ""))
    if not any_codes:
        click.echo(f"No codes yet. List answers with: survey-tui code {slug} list")
