"""`survey-tui compare OLD NEW`: what changed between a round and its follow-up."""

from __future__ import annotations

import click

from survey_tui.cli.common import echo_json, get_store, say, complete_rounds
from survey_tui.i18n import LANGUAGES


def _signed(value: float | None, lang: str, digits: int = 2, scale: float = 1.0, unit: str = "") -> str:
    from survey_tui.report_strings import number

    if value is None:
        return "–"
    text = number(value * scale, lang, digits)
    return ("+" + text if value > 0 else text) + unit


@click.command()
@click.argument("old", shell_complete=complete_rounds)
@click.argument("new", shell_complete=complete_rounds)
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None,
              help="Language of titles and warnings (default: the new round's questionnaire's first).")
@click.pass_context
def compare(ctx, old: str, new: str, as_json: bool, lang: str | None) -> None:
    """Compare a follow-up round (NEW) with an earlier round (OLD).

    Items and questions are matched by id; anything that could not be matched is named
    in a warning. A round below its minimum group size is not compared at all.
    When either round is coded (survey-tui coding), each codebook category's count in
    each round is shown as a share of the answers to the category's theme (Wilson
    interval) with the change (Newcombe interval; Fisher's exact p in --json); a count
    below the minimum group is shown as "fewer than N", with no share.

    \b
    Examples:
      survey-tui compare spring-2024 spring-2025
      survey-tui compare spring-2024 spring-2025 --json
    """
    from survey_tui.report_compare import category_lines, chance_lines, counted_shares
    from survey_tui.report_strings import number, shown_points, t
    from survey_tui.sanitize import one_line
    from survey_tui.services.compare import compare as compare_rounds

    view = compare_rounds(get_store(ctx), old, new, lang)
    old_rep, new_rep, comp, lang = view.old, view.new, view.comparison, view.lang
    if as_json:
        data = {"old": old, "new": new, **comp.to_dict()}
        if view.categories:
            data["categories"] = view.categories_json()
        echo_json(data)
        for warning in comp.warnings:
            click.echo(say("warning", problem=one_line(str(warning))), err=True)
        return

    from survey_tui.analysis.explain import explain
    from survey_tui.report_text import table

    note = view.relation.note(lang)
    if note:
        click.echo(one_line(note))

    def size(rep) -> str:
        # Shares are of those who ranked: say so when that is fewer than all respondents.
        ranked = rep.ranking.n if rep.ranking is not None else rep.n
        if ranked == rep.n:
            return f"n = {rep.n}"
        return f"n = {rep.n}, {t(lang, 'compare_ranked')} {ranked}"

    click.echo(f"{t(lang, 'compare_heading')}: {old} ({size(old_rep)}) → {new} ({size(new_rep)})")
    if not comp.same_questionnaire:
        click.echo("")
        click.echo(t(lang, "compare_questionnaires_differ"))
    for warning in comp.warnings:
        click.echo(f"  ! {one_line(str(warning))}")
    for slug, note in view.release_notes():
        click.echo(f"  {one_line(slug)}: {one_line(note)}")
    if comp.unmatched_items:
        label = t(lang, "compare_unmatched_items")
        click.echo(f"  {label}: {', '.join(one_line(i) for i in comp.unmatched_items)}")
    if comp.unmatched_questions:
        label = t(lang, "compare_unmatched_questions")
        click.echo(f"  {label}: {', '.join(one_line(i) for i in comp.unmatched_questions)}")
    click.echo("")

    if comp.items:
        headers = [t(lang, f"compare_col_{key}") for key in
                   ("theme", "first_old", "new", "change", "mean_old", "new", "change")]
        rows = [
            [
                one_line(str(item.get("title") or item.get("id")), 40),
                *counted_shares(item, lang),
                _signed(
                    shown_points(item.get("first_choice_share_old"), item.get("first_choice_share_new")),
                    lang, 0, 1, t(lang, "compare_points"),
                ),
                number(item.get("mean_rank_old"), lang),
                number(item.get("mean_rank_new"), lang),
                _signed(item.get("mean_rank_change"), lang),
            ]
            for item in comp.items
        ]
        for line in table(headers, rows, right={1, 2, 3, 4, 5, 6}):
            click.echo(line)
        click.echo(f"  {one_line(explain('first_choice_share', lang))}")
        click.echo(f"  {one_line(explain('mean_rank', lang))}")
        click.echo("")
    for line in chance_lines(view):  # every change with its counts, interval or p, and words
        click.echo(line)
    if comp.items or comp.closed:
        click.echo("")
    tau = comp.tau
    click.echo(f"{t(lang, 'compare_tau')}: {number(tau, lang)}")
    click.echo(f"  {one_line(explain('tau', lang))}")

    titles = view.titles
    shown = False
    for tid, shift in comp.keywords.items():
        appeared = ", ".join(f"{one_line(str(w))} ({c})" for w, c in shift.get("appeared", []))
        faded = ", ".join(f"{one_line(str(w))} ({c})" for w, c in shift.get("faded", []))
        if not appeared and not faded:
            continue
        if not shown:
            click.echo("")
            click.echo(t(lang, "compare_keyword_changes"))
            shown = True
        click.echo(f"  {one_line(titles.get(tid, tid), 60)}")
        if appeared:
            click.echo(f"    {t(lang, 'compare_appeared')}: {appeared}")
        if faded:
            click.echo(f"    {t(lang, 'compare_faded')}: {faded}")

    if view.categories:  # the content analysis (survey-tui coding), when either round is coded
        click.echo("")
        for line in category_lines(view):
            click.echo(line)
