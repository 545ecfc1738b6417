"""The printable report (HTML and PDF) as a list of format-neutral blocks.

Both printable formats render the same `PrintDoc`, so they cannot drift apart: headings,
paragraphs, tables, bar charts and notes, every text already cleaned (sanitize.clean_text)
but not escaped; each renderer escapes for its own format. The figures are the RoundReport's
(services.results.report), never computed again here.

Printed for readers outside the app, the report follows the issue's anonymity rules more
strictly than the screen: no count below min_group is printed (it reads "< 5"), and answers
are quoted only as the coding use case allows (marked quotable, from a group of at least the
minimum group); the tags' example answers are not.
"""

from __future__ import annotations

from survey_tui.report_print_blocks import (  # noqa: F401 (the blocks are this module's vocabulary)
    CategoryLine, Chart, Heading, Items, Para, PrintDoc, Table, shown_count, shown_share,
)
from survey_tui.report_print_closed import closed_blocks, first_choice_text
from survey_tui.report_strings import number, t
from survey_tui.svg_chart import Bar
from survey_tui.sanitize import clean_text, one_line

QUOTES = 2  # example answers per category at most


def _explain(key: str, lang: str) -> str:
    from survey_tui.analysis.explain import explain

    return one_line(explain(key, lang))


def first_choice_chart(report, title: str | None = None) -> Chart | None:
    """How many put each theme first (the thesis's figure), by first choices."""
    stats = report.ranking
    if stats is None:
        return None
    m, lang = report.round.min_group, report.lang
    bars = tuple(
        Bar(report.item_title(it.id), it.first_choice, first_choice_text(report, it), hidden=it.first_choice < m)
        for it in report.by_first_choice()
    )
    top = max([b.value for b in bars] + [m])
    return Chart(title or f"{t(lang, 'chart_first')} (n = {stats.n})", bars, top, floor=m)


def _header(report) -> list:
    lang, q, m = report.lang, report.questionnaire, report.round.min_group
    blocks = [
        Heading(1, f"{report.text(q.title)} · {t(lang, 'report_title')}"),
        Para(
            f"{t(lang, 'round')}: {one_line(report.slug)} · {t(lang, 'questionnaire')}: {one_line(q.id)} "
            f"v{one_line(q.version)} · {t(lang, 'responses')}: {report.n} ({t(lang, 'min_group')} {m})",
            "meta",
        ),
        Para(f"n: {_explain('n', lang)}", "note"),
        Para(f"{t(lang, 'min_group')}: {_explain('min_group', lang)}", "note"),
    ]
    blocks += [Para(one_line(note), "note") for note in _release_notes(report)]
    return blocks


def _release_notes(report) -> list[str]:
    """What release_notes says, without a count below the minimum group (the responses held
    back are fewer than it by definition)."""
    lang, m, notes = report.lang, report.round.min_group, []
    if report.imported:
        notes.append(t(lang, "print_imported", shown=shown_count(report.imported, m)))
    if report.held:
        notes.append(t(lang, "print_held", min=m))
    return notes


def _ranking(report) -> list:
    lang, stats, m = report.lang, report.ranking, report.round.min_group
    if stats is None:
        if report.ranking_withheld is not None:  # said without the count, below the minimum group
            return [Para(t(lang, "print_ranking_withheld", min=m))]
        return [Para(one_line(report.no_ranking_text()))]
    blocks: list = [Heading(2, t(lang, "ranking")), Para(t(lang, "ranked_by", ranked=stats.n, n=report.n))]
    chart = first_choice_chart(report)
    blocks += [chart, Para(_explain("first_choice", lang), "note")]
    headers = (t(lang, "theme"), t(lang, "first_choice"), t(lang, "mean_rank"), t(lang, "borda")) + tuple(
        f"{p}." for p in range(1, stats.k + 1)
    )
    rows = tuple(
        (
            one_line(report.item_title(it.id)),
            first_choice_text(report, it),
            number(it.mean_rank, lang),
            str(it.borda),
            *(shown_count(c, m) for c in it.positions),
        )
        for it in report.by_first_choice()
    )
    blocks.append(Table(headers, rows, frozenset(range(1, len(headers)))))
    notes = ["first_choice_share", "mean_rank", "borda", "positions"] + ([] if stats.complete else ["partial"])
    explained = [_explain(key, lang) for key in notes]
    if hasattr(report, "first_choice_share"):  # shares come with their 95 % interval
        explained.append(one_line(t(lang, "closed_interval_note")))
    blocks.append(Items(tuple(explained)))
    order = tuple(one_line(report.item_title(item)) for item in stats.consensus)
    blocks += [Heading(3, t(lang, "consensus")), Items(order, numbered=True), Para(_explain("consensus", lang), "note")]
    pairs = report.pairwise_rows()
    blocks.append(
        Table(
            ("",) + tuple(str(i) for i in range(1, len(pairs) + 1)),
            tuple(
                (f"{i}. {one_line(title)}",) + tuple("–" if c is None else shown_count(c, m) for c in cells)
                for i, (title, cells) in enumerate(pairs, 1)
            ),
            frozenset(range(1, len(pairs) + 1)),
        )
    )
    w = stats.kendall_w
    blocks += [
        Para(_explain("pairwise", lang), "note"),
        Para(f"{t(lang, 'kendall_w')}: {number(w, lang) if w is not None else t(lang, 'not_available')}"),
        Para(_explain("kendall_w", lang), "note"),
    ]
    return blocks


def _themes(report, categories, narratives) -> list:
    lang, q, m = report.lang, report.questionnaire, report.round.min_group
    prompts = {question.id: question.prompt for _, question in q.questions()}
    closed = {figures.id: figures for figures in getattr(report, "closed", ())}
    blocks: list = [Heading(2, t(lang, "themes"))]
    for theme in report.themes:
        blocks.append(Heading(3, one_line(theme.title)))
        if narratives.get(theme.id):
            blocks.append(Para(clean_text(narratives[theme.id])))
        for qs in theme.questions:
            blocks.append(Para(f"{one_line(qs.id)} {one_line(report.text(prompts.get(qs.id, {})))}"))
            if qs.id in closed:
                blocks += closed_blocks(report, closed[qs.id])
                continue
            blocks.append(
                Para(f"{t(lang, 'answered')} {shown_count(qs.answered, m)}, {t(lang, 'blank')} "
                     f"{shown_count(qs.blank, m)}", "meta")
            )
        words = ", ".join(
            f"{one_line(w)} ({c})" if c >= m else one_line(w) for w, c in theme.keywords
        ) or t(lang, "none")
        blocks.append(Para(f"{t(lang, 'keywords')}: {words}"))
        if theme.codes:
            blocks.append(Para(f"{t(lang, 'codes')}:"))
            blocks.append(Items(tuple(f"{one_line(c.label)} ({shown_count(c.count, m)})" for c in theme.codes)))
        lines = categories.get(theme.id, ())
        if lines:
            blocks.append(Para(f"{t(lang, 'print_categories')}:"))
        for line in lines:
            blocks.append(Items((f"{one_line(line.name)} ({shown_count(line.count, m)})",)))
            blocks += [Para(clean_text(quote), "quote") for quote in line.quotes[:QUOTES]]
    return blocks


def build(report, categories: dict[str, list[CategoryLine]] | None = None,
          narratives: dict[str, str] | None = None) -> PrintDoc:
    """The printable report of a RoundReport. `categories`: theme id -> its categories with
    the answers that may be quoted, `narratives`: theme id -> the coordinator's summary of it
    (services.printing asks the coding use case; without it nothing is quoted)."""
    lang, m = report.lang, report.round.min_group
    categories = categories or {}
    blocks = _header(report) + _ranking(report) + _themes(report, categories, narratives or {})
    blocks += [
        Heading(2, t(lang, "print_methods")),
        Para(t(lang, "print_methods_note")),
        Heading(2, t(lang, "print_anonymity")),
        Para(t(lang, "print_anonymity_note", min=m)),
    ]
    if not any(line.quotes for lines in categories.values() for line in lines):
        blocks.append(Para(t(lang, "print_no_quotes"), "note"))
    title = f"{report.text(report.questionnaire.title)} · {t(lang, 'report_title')}"
    return PrintDoc(title=one_line(title), lang=lang, blocks=tuple(b for b in blocks if b is not None))

