"""`survey-tui coding SLUG ...`: content analysis of the answers (codebook, codes, practices).

Answers are named by the handles `survey-tui tag` uses (pseudonym prefix and question id,
e.g. 3f9a12bc:q3). The rules (sealing, the codebook's refusals, the small-group rule, which
answers may be quoted) are the services'; this module parses and prints. Read commands
take --json. Practice and suggestion commands are in coding_more_cmd.py.
"""

from __future__ import annotations

import click

from survey_tui.cli import coding_more_cmd as more
from survey_tui.cli.common import complete_rounds, echo_json, get_store, say

CODER = more.CODER
KINDS = click.Choice(["code", "category"])


@click.group()
@click.argument("slug", shell_complete=complete_rounds)
@click.pass_context
def coding(ctx, slug: str) -> None:
    """Content analysis of round SLUG: reduce answers, code them, group codes into
    categories under the themes, write practices.

    \b
    Examples:
      survey-tui coding spring codebook add category "Low-threshold channels" --theme kanavat
      survey-tui coding spring codebook add code Teams --category "Low-threshold channels"
      survey-tui coding spring list --question q3
      survey-tui coding spring assign 3f9a12bc:q3 Teams
      survey-tui coding spring suggest q3
      survey-tui coding spring agreement --question q3
      survey-tui coding spring practices add "A shared Teams channel" --theme kanavat --category "Low-threshold channels"
    """
    ctx.meta["coding.slug"] = slug


_slug, _line = more.slug, more.line


# --------------------------------------------------------------------------- codebook


@coding.group()
def codebook() -> None:
    """Show and change the codebook: categories under themes, codes under categories."""


@codebook.command("show")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.option("--lang", default=None, help="Language of theme titles (default: the questionnaire's first).")
@click.pass_context
def show(ctx, as_json: bool, lang: str | None) -> None:
    """The codebook, with how many answers carry each category (from the minimum group up)."""
    from survey_tui.services.coding import overview

    view = overview(get_store(ctx), _slug(ctx), lang)
    if as_json:
        echo_json(view.to_json())
        return
    book = view.book
    if not book.categories:
        click.echo(say("coding_codebook_empty", slug=_slug(ctx)))
        return

    def tree(cat, depth: int) -> None:
        count = f"  [{view.counts[cat.name].shown()}]" if view.counts else ""
        memo = f"  ({_line(cat.memo, 80)})" if cat.memo else ""
        click.echo(f"{'  ' * depth}{_line(cat.name, 60)}{count}{memo}")
        for code in book.codes_of(cat.id):
            click.echo(f"{'  ' * (depth + 1)}- {_line(code.name, 60)}" + (f"  ({_line(code.memo, 80)})" if code.memo else ""))
        for child in book.children(cat.id):
            tree(child, depth + 1)

    for theme_id, title in view.themes:
        tops = book.children(None, theme_id)
        narrative = book.narratives.get(theme_id)
        if not tops and not narrative:
            continue
        click.echo(f"{_line(title, 80)} ({theme_id})")
        if narrative:
            click.echo(f"  {say('coding_narrative', text=_line(narrative, 300))}")
        for cat in tops:
            tree(cat, 1)
    if view.reason:
        click.echo(say("coding_counts_hidden", reason=_line(view.reason)))


@codebook.command("add")
@click.argument("kind", type=KINDS)
@click.argument("name")
@click.option("--theme", default=None, help="Theme id of a top-level category.")
@click.option("--parent", default=None, help="Make the category a sub-category of this one.")
@click.option("--category", default=None, help="Category of a code.")
@click.option("--memo", default="", help="A memo: what the code or category means.")
@click.pass_context
def add(ctx, kind: str, name: str, theme: str | None, parent: str | None, category: str | None, memo: str) -> None:
    """Add a category (--theme or --parent) or a code (--category)."""
    from survey_tui.errors import InvalidInput
    from survey_tui.services import codebook as books

    store, slug = get_store(ctx), _slug(ctx)
    if kind == "category":
        cat = books.add_category(store, slug, name, theme, parent, memo)
        click.echo(say("coding_added_category", name=_line(cat.name), theme=cat.theme_id))
        return
    if not category:
        raise InvalidInput(say("coding_code_needs_category"))
    code = books.add_code(store, slug, name, category, memo)
    click.echo(say("coding_added_code", name=_line(code.name), category=_line(category)))


@codebook.command("rename")
@click.argument("kind", type=KINDS)
@click.argument("old")
@click.argument("new")
@click.pass_context
def rename(ctx, kind: str, old: str, new: str) -> None:
    """Rename a code or category; its assignments stay."""
    from survey_tui.services import codebook as books

    stored = books.rename(get_store(ctx), _slug(ctx), kind, old, new)
    click.echo(say("coding_renamed", old=_line(old, 60), new=_line(stored)))


@codebook.command("merge")
@click.argument("kind", type=KINDS)
@click.argument("source")
@click.argument("target")
@click.pass_context
def merge(ctx, kind: str, source: str, target: str) -> None:
    """Merge SOURCE into TARGET: every assignment of SOURCE goes to TARGET."""
    from survey_tui.services import codebook as books

    books.merge(get_store(ctx), _slug(ctx), kind, source, target)
    click.echo(say("coding_merged", source=_line(source, 60), target=_line(target, 60)))


@codebook.command("split")
@click.argument("kind", type=KINDS)
@click.argument("name")
@click.argument("new")
@click.option("--answer", "handles", multiple=True, help="Answer handle whose code moves to NEW (codes; repeat).")
@click.option("--code", "codes", multiple=True, help="Code that moves to the category NEW (categories; repeat).")
@click.option("--category", default=None, help="Category of the new code (default: the code's own).")
@click.pass_context
def split(ctx, kind: str, name: str, new: str, handles: tuple, codes: tuple, category: str | None) -> None:
    """Split a code (the answers listed move to NEW) or a category (the codes listed move)."""
    from survey_tui.services import codebook as books
    from survey_tui.services import coding as svc

    store, slug = get_store(ctx), _slug(ctx)
    if kind == "code":
        svc.split_code(store, slug, name, new, list(handles), category)
    else:
        books.split_category(store, slug, name, new, list(codes))
    click.echo(say("coding_split", name=_line(name, 60), new=_line(new, 60)))


@codebook.command("move")
@click.argument("kind", type=KINDS)
@click.argument("name")
@click.option("--to", "target", default=None, help="New category of a code, or parent of a category (none: top level).")
@click.pass_context
def move(ctx, kind: str, name: str, target: str | None) -> None:
    """Move a code to another category, or a category under another (refuses a cycle)."""
    from survey_tui.errors import InvalidInput
    from survey_tui.services import codebook as books

    store, slug = get_store(ctx), _slug(ctx)
    if kind == "code":
        if not target:
            raise InvalidInput(say("coding_code_needs_category"))
        books.move_code(store, slug, name, target)
    else:
        books.move_category(store, slug, name, target)
    click.echo(say("coding_moved", name=_line(name, 60)))


@codebook.command("memo")
@click.argument("kind", type=KINDS)
@click.argument("name")
@click.argument("text")
@click.pass_context
def memo(ctx, kind: str, name: str, text: str) -> None:
    """Set the memo of a code or category ("" clears it)."""
    from survey_tui.services import codebook as books

    books.set_memo(get_store(ctx), _slug(ctx), kind, name, text)
    click.echo(say("coding_memo_saved", name=_line(name, 60)))


@codebook.command("narrative")
@click.argument("theme")
@click.argument("text")
@click.pass_context
def narrative(ctx, theme: str, text: str) -> None:
    """Set the short narrative of a theme ("" clears it)."""
    from survey_tui.services import codebook as books

    books.set_narrative(get_store(ctx), _slug(ctx), theme, text)
    click.echo(say("coding_narrative_saved", theme=_line(theme, 40)))


def _undo(ctx) -> None:
    from survey_tui.services import codebook as books

    action = books.undo(get_store(ctx), _slug(ctx))
    click.echo(say("coding_undone", action=say(f"coding_action_{action}")))


@codebook.command("undo")
@click.pass_context
def undo_book(ctx) -> None:
    """Undo the last change of the round's coding (one step)."""
    _undo(ctx)


@coding.command("undo")
@click.pass_context
def undo(ctx) -> None:
    """Undo the last change of the round's coding (one step)."""
    _undo(ctx)


# --------------------------------------------------------------------------- answers


@coding.command("list")
@click.option("--question", "question_id", default=None, help="Only answers to this question id.")
@CODER
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def list_answers(ctx, question_id: str | None, coder: str | None, as_json: bool) -> None:
    """Answers with their handles and one coder's reduced expressions and codes."""
    from survey_tui.sanitize import clean_text
    from survey_tui.services import coding as svc

    view = svc.answers(get_store(ctx), _slug(ctx), question_id, coder)
    if as_json:
        echo_json({"round": view.slug, "coder": view.coder, "answers": [
            {"answer": a.handle, "question": a.question_id, "text": a.text, "reduced": a.reduction,
             "codes": list(a.codes), "quotable": a.quotable} for a in view.answers]})
        return
    for a in view.answers:
        tail = f"  [{', '.join(_line(c, 60) for c in a.codes)}]" if a.codes else ""
        click.echo(f"{a.handle}{tail}" + ("  *" if a.quotable else ""))
        for line in clean_text(a.text).split("\n"):
            click.echo(f"    {line.rstrip()}")
        if a.reduction:
            click.echo(f"    -> {_line(a.reduction, 300)}")
    click.echo(say("coding_listed", n=len(view.answers), slug=view.slug, coder=view.coder))


@coding.command("assign")
@click.argument("handle")
@click.argument("code")
@CODER
@click.pass_context
def assign(ctx, handle: str, code: str, coder: str | None) -> None:
    """Put CODE on the answer HANDLE."""
    from survey_tui.services import coding as svc

    added = svc.assign(get_store(ctx), _slug(ctx), handle, code, coder)
    key = "coding_assigned" if added else "coding_already"
    click.echo(say(key, handle=_line(handle, 60), code=_line(code, 60), coder=svc.clean_coder(coder)))


@coding.command("unassign")
@click.argument("handle")
@click.argument("code")
@CODER
@click.pass_context
def unassign(ctx, handle: str, code: str, coder: str | None) -> None:
    """Take CODE off the answer HANDLE."""
    from survey_tui.errors import NotFound
    from survey_tui.services import coding as svc

    if not svc.unassign(get_store(ctx), _slug(ctx), handle, code, coder):
        raise NotFound(say("coding_not_on_answer", handle=_line(handle, 60), code=_line(code, 60)))
    click.echo(say("coding_unassigned", handle=_line(handle, 60), code=_line(code, 60)))


@coding.command("reduce")
@click.argument("handle")
@click.argument("text")
@CODER
@click.pass_context
def reduce(ctx, handle: str, text: str, coder: str | None) -> None:
    """Write the reduced expression (pelkistetty ilmaus) of answer HANDLE ("" removes it)."""
    from survey_tui.services import coding as svc

    stored = svc.reduce(get_store(ctx), _slug(ctx), handle, text, coder)
    click.echo(say("coding_reduced" if stored else "coding_reduction_removed", handle=_line(handle, 60)))


@coding.command("quotable")
@click.argument("handle")
@click.option("--no", "off", is_flag=True, help="Take the mark off.")
@click.pass_context
def quotable(ctx, handle: str, off: bool) -> None:
    """Mark answer HANDLE as one that may be quoted (only ever from groups of at least the
    minimum group)."""
    from survey_tui.services import coding as svc

    svc.mark_quotable(get_store(ctx), _slug(ctx), handle, not off)
    click.echo(say("coding_quotable_off" if off else "coding_quotable_on", handle=_line(handle, 60)))


for _command in (more.suggest, more.agreement, more.quotes, more.practices):
    coding.add_command(_command)
