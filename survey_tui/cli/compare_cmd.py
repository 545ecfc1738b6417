"""`survey-tui compare OLD NEW`: what changed between a round and its follow-up."""

from __future__ import annotations

import click

from survey_tui.cli.common import echo_json, get_store
from survey_tui.i18n import LANGUAGES


def _signed(value: float | None, lang: str, digits: int = 2, scale: float = 1.0, unit: str = "") -> str:
    from survey_tui.report_strings import number

    if value is None:
        return "–"
    text = number(value * scale, lang, digits)
    return ("+" + text if value > 0 else text) + unit


@click.command()
@click.argument("old")
@click.argument("new")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None,
              help="Language of titles and warnings (default: the new round's questionnaire's first).")
@click.pass_context
def compare(ctx, old: str, new: str, as_json: bool, lang: str | None) -> None:
    """Compare a follow-up round (NEW) with an earlier round (OLD).

    Items and questions are matched by id; anything that could not be matched is named
    in a warning. A round below its minimum group size is not compared at all.

    \b
    Examples:
      survey-tui compare spring-2024 spring-2025
      survey-tui compare spring-2024 spring-2025 --json
    """
    from survey_tui.report_strings import number, percent, shown_points
    from survey_tui.sanitize import one_line
    from survey_tui.summary import build_report, compare_reports, resolve_lang

    store = get_store(ctx)
    if old == new:
        from survey_tui.errors import InvalidInput

        raise InvalidInput(f"compare needs two different rounds (got {one_line(old, 60)!r} twice)")
    new_round = store.get_round(new)
    old_round = store.get_round(old)
    lang = resolve_lang(new_round.questionnaire, lang)
    # Each raises BelowMinimumGroup (naming the round and its count) before any figure exists.
    old_rep = build_report(store, old, lang, answers=False)
    new_rep = build_report(store, new, lang, answers=False)
    comp = compare_reports(old_rep, new_rep, lang)
    if as_json:
        data = {"old": old, "new": new, **comp.to_dict()}
        echo_json(data)
        for warning in comp.warnings:
            click.echo(f"Warning: {one_line(str(warning))}", err=True)
        return

    from survey_tui.analysis.explain import explain
    from survey_tui.report_text import table

    fi = lang == "fi"
    if old_round.follows == new:
        note = (f"huom. {old} on kierroksen {new} jatko: tarkoititko 'survey-tui compare {new} {old}'?" if fi
                else f"note: {old} follows up {new}: did you mean 'survey-tui compare {new} {old}'?")
        click.echo(one_line(note))
    elif new_rep.round.follows and new_rep.round.follows != old:
        note = (f"huom. {new} on kierroksen {new_rep.round.follows} jatko, ei kierroksen {old}" if fi
                else f"note: {new} follows up {new_rep.round.follows}, not {old}")
        click.echo(one_line(note))
    def size(rep) -> str:
        # Shares are of those who ranked: say so when that is fewer than all respondents.
        ranked = rep.ranking.n if rep.ranking is not None else rep.n
        if ranked == rep.n:
            return f"n = {rep.n}"
        return f"n = {rep.n}, {'järjesti' if fi else 'ranked'} {ranked}"

    click.echo(f"{'Vertailu' if fi else 'Comparison'}: {old} ({size(old_rep)}) → {new} ({size(new_rep)})")
    if not comp.same_questionnaire:
        click.echo("")
        click.echo(
            "VAROITUS: kierrosten kyselylomakkeet eroavat; vain samat tunnisteet on verrattu." if fi
            else "WARNING: the rounds' questionnaires differ; only matching ids are compared."
        )
    for warning in comp.warnings:
        click.echo(f"  ! {one_line(str(warning))}")
    from survey_tui.report_strings import release_notes

    for rep in (old_rep, new_rep):
        for note in release_notes(rep):
            click.echo(f"  {one_line(rep.slug)}: {one_line(note)}")
    if comp.unmatched_items:
        label = "Ei verrattavissa (järjestettävät)" if fi else "Not matched (ranked items)"
        click.echo(f"  {label}: {', '.join(one_line(i) for i in comp.unmatched_items)}")
    if comp.unmatched_questions:
        label = "Ei verrattavissa (kysymykset)" if fi else "Not matched (questions)"
        click.echo(f"  {label}: {', '.join(one_line(i) for i in comp.unmatched_questions)}")
    click.echo("")

    if comp.items:
        headers = (["Teema", "1. sija vanha", "uusi", "muutos", "Keskim. sija vanha", "uusi", "muutos"] if fi
                   else ["Theme", "1st share old", "new", "change", "Mean rank old", "new", "change"])
        rows = [
            [
                one_line(str(item.get("title") or item.get("id")), 40),
                percent(item.get("first_choice_share_old"), lang),
                percent(item.get("first_choice_share_new"), lang),
                _signed(
                    shown_points(item.get("first_choice_share_old"), item.get("first_choice_share_new")),
                    lang, 0, 1, " %-yks." if fi else " pp",
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
    tau = comp.tau
    click.echo(f"Kendallin tau: {number(tau, lang) if tau is not None else '–'}" if fi
               else f"Kendall's tau: {number(tau, lang) if tau is not None else '-'}")
    click.echo(f"  {one_line(explain('tau', lang))}")

    titles = {t.id: t.title for t in new_rep.themes}
    shown = False
    for tid, shift in comp.keywords.items():
        appeared = ", ".join(f"{one_line(str(w))} ({c})" for w, c in shift.get("appeared", []))
        faded = ", ".join(f"{one_line(str(w))} ({c})" for w, c in shift.get("faded", []))
        if not appeared and not faded:
            continue
        if not shown:
            click.echo("")
            click.echo("Avainsanojen muutokset:" if fi else "Keyword changes:")
            shown = True
        click.echo(f"  {one_line(titles.get(tid, tid), 60)}")
        if appeared:
            click.echo(f"    {'uusina' if fi else 'appeared'}: {appeared}")
        if faded:
            click.echo(f"    {'poistuneet' if fi else 'faded'}: {faded}")
