"""`survey-tui coding SLUG suggest | agreement | quotes | practices ...` (added to the group in
coding_cmd.py): suggested groups, coder agreement, quotable answers, practices."""

from __future__ import annotations

import click

from survey_tui.cli.common import echo_json, get_store, say

CODER = click.option("--coder", default=None, help="Coder name (default A); a second coder codes blind to the first.")


def slug(ctx) -> str:
    return ctx.meta["coding.slug"]


def line(text: object, width: int = 200) -> str:
    from survey_tui.sanitize import one_line

    return one_line(str(text), width)


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


@click.command()
@click.argument("question_id")
@click.option("--accept", "number", type=int, default=None, help="Code every answer of suggested group N.")
@click.option("--name", default=None, help="Code name when accepting (default: the suggested name).")
@click.option("--category", default=None, help="Category of a new code when accepting.")
@click.option("--threshold", type=click.FloatRange(0.0, 1.0), default=None,
              help="How alike answers must be to be grouped (0-1; default 0.06).")
@CODER
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def suggest(ctx, question_id: str, number: int | None, name: str | None, category: str | None,
            threshold: float | None, coder: str | None, as_json: bool) -> None:
    """Suggest groups of similar answers to QUESTION_ID, each with a code name. They are
    suggestions: nothing is coded unless you accept one (--accept N)."""
    from survey_tui.sanitize import clean_text
    from survey_tui.services import coding_suggest

    store = get_store(ctx)
    if number is not None:
        code, n = coding_suggest.accept(store, slug(ctx), question_id, number, category, name, coder, threshold)
        click.echo(say("coding_accepted", n=n, code=line(code, 60)))
        return
    found = coding_suggest.suggest(store, slug(ctx), question_id, threshold)
    if as_json:
        echo_json(found.to_json())
        return
    click.echo(say("coding_suggest_note"))
    if not found.groups:
        click.echo(say("coding_suggest_none"))
    for group in found.groups:
        click.echo("")
        click.echo(say("coding_suggest_group", number=group.number, name=line(group.name, 60), n=len(group.handles),
                       keywords=", ".join(line(k, 30) for k in group.keywords)))
        for handle, text in zip(group.handles, group.texts):
            click.echo(f"  {handle}  {line(clean_text(text), 100)}")
    if found.alone:
        click.echo("")
        click.echo(say("coding_suggest_alone", n=len(found.alone), handles=", ".join(found.alone)))


@click.command()
@click.option("--question", "question_id", default=None, help="Only answers to this question id.")
@click.option("--coder", "coders", multiple=True, help="Compare only these coders (repeat; default: all).")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def agreement(ctx, question_id: str | None, coders: tuple, as_json: bool) -> None:
    """How well coders agree: Cohen's kappa (two coders) and Krippendorff's alpha per code,
    and the answers where they differ."""
    from survey_tui.report_text import table
    from survey_tui.services.coding_agreement import agreement as measure

    view = measure(get_store(ctx), slug(ctx), question_id, list(coders) or None)
    if as_json:
        echo_json(view.to_json())
        return
    click.echo(say("coding_agreement_head", coders=", ".join(view.coders), n=view.answers))
    headers = [say("coding_col_code"), say("coding_col_answers"), "kappa", "alpha", say("coding_col_settle")]
    rows = [[line(r.code, 40), str(r.units), _number(r.kappa), _number(r.alpha), str(len(r.disagreements))]
            for r in view.codes]
    for text in table(headers, rows, right={1, 2, 3, 4}):
        click.echo(text)
    click.echo(say("coding_agreement_overall", alpha=_number(view.alpha)))
    for r in view.codes:
        for d in r.disagreements:
            click.echo("  " + say("coding_settle", handle=d.handle, code=line(r.code, 40),
                                  carried=", ".join(d.carried_by), left=", ".join(d.left_by)))


@click.command()
@click.option("--category", default=None, help="Only answers carrying this category.")
@click.option("--question", "question_id", default=None, help="Only answers to this question id.")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def quotes(ctx, category: str | None, question_id: str | None, as_json: bool) -> None:
    """Answers that may be quoted: marked quotable and in a group of at least the minimum group."""
    from survey_tui.sanitize import clean_text
    from survey_tui.services import coding as svc

    store = get_store(ctx)
    found = svc.quotes(store, slug(ctx), category, question_id)
    if as_json:
        echo_json([{"text": q.text, "question": q.question_id, "category": q.category} for q in found])
        return
    if not found:
        click.echo(say("coding_quotes_none", slug=slug(ctx), minimum=store.get_round(slug(ctx)).min_group))
    for q in found:
        click.echo(f"{q.question_id}: {line(clean_text(q.text), 300)}")


@click.group()
def practices() -> None:
    """Practice statements (what to do), each linked to categories and answers behind it."""


@practices.command("add")
@click.argument("text")
@click.option("--theme", required=True, help="Theme id the practice belongs to.")
@click.option("--category", "categories", multiple=True, help="A category behind it (repeat).")
@click.option("--answer", "handles", multiple=True, help="An answer handle behind it (repeat).")
@click.pass_context
def practice_add(ctx, text: str, theme: str, categories: tuple, handles: tuple) -> None:
    """Add a practice linked to at least one category or answer."""
    from survey_tui.services import practices as svc

    pid = svc.add(get_store(ctx), slug(ctx), text, theme, list(categories), list(handles))
    click.echo(say("coding_practice_added", id=pid, theme=line(theme, 40)))


@practices.command("link")
@click.argument("practice_id", type=int)
@click.option("--category", "categories", multiple=True, help="A category behind it (repeat).")
@click.option("--answer", "handles", multiple=True, help="An answer handle behind it (repeat).")
@click.pass_context
def practice_link(ctx, practice_id: int, categories: tuple, handles: tuple) -> None:
    """Link practice PRACTICE_ID to more categories or answers."""
    from survey_tui.services import practices as svc

    svc.link(get_store(ctx), slug(ctx), practice_id, list(categories), list(handles))
    click.echo(say("coding_practice_linked", id=practice_id))


@practices.command("list")
@click.option("--lang", default=None, help="Language of theme titles (default: the questionnaire's first).")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def practice_list(ctx, lang: str | None, as_json: bool) -> None:
    """Practices by theme with their categories and how many answers carry each."""
    from survey_tui.services import coding as svc

    themes = svc.practices(get_store(ctx), slug(ctx), lang)
    if as_json:
        echo_json([t.to_json() for t in themes])
        return
    if not any(t.practices for t in themes):
        click.echo(say("coding_practices_none", slug=slug(ctx)))
    for theme in themes:
        click.echo(line(theme.title, 80))
        if theme.narrative:
            click.echo(f"  {say('coding_narrative', text=line(theme.narrative, 300))}")
        for p in theme.practices:
            click.echo(f"  {p.id}. {line(p.text, 300)}")
            for c in p.categories:
                click.echo(f"       {line(c.path, 80)} [{c.count.shown(lang)}]")
