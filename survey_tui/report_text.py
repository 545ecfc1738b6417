"""The report for the terminal: tables, plotext charts and the answers of each theme.

Every piece of respondent or questionnaire text goes through sanitize.clean_text (or
one_line) before it is placed in the output, and the output is plain text: nothing here
is interpreted as markup by anything downstream.
"""

from __future__ import annotations

from survey_tui import charts
from survey_tui.report_closed import closed_block, closed_by_question
from survey_tui.report_strings import number, t, release_notes
from survey_tui.sanitize import clean_text, one_line
from survey_tui.share_format import share_of, share_text
from survey_tui.summary import RoundReport


def _cells(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = max(width - _cells(text), 0)
    return " " * gap + text if right else text + " " * gap


def table(headers: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> list[str]:
    """A plain aligned table; columns in `right` are right-aligned (numbers)."""
    widths = [max([_cells(h)] + [_cells(r[i]) for r in rows]) for i, h in enumerate(headers)]
    lines = ["  ".join(_pad(h, widths[i], i in right) for i, h in enumerate(headers)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for r in rows:
        lines.append("  ".join(_pad(c, widths[i], i in right) for i, c in enumerate(r)).rstrip())
    return lines


def _explain(key: str, lang: str) -> str:
    from survey_tui.analysis.explain import explain

    return one_line(explain(key, lang))


def _indent(text: str, prefix: str, rest: str) -> list[str]:
    lines = clean_text(text).split("\n") or [""]
    return [(prefix if i == 0 else rest) + line.rstrip() for i, line in enumerate(lines)]


def header_lines(report: RoundReport) -> list[str]:
    lang, q = report.lang, report.questionnaire
    return [
        f"{report.text(q.title)} · {t(lang, 'report_title')}",
        f"{t(lang, 'round')}: {one_line(report.slug)}   {t(lang, 'questionnaire')}: {one_line(q.id)} v{one_line(q.version)}",
        f"{t(lang, 'responses')}: {report.n}   ({t(lang, 'min_group')}: {report.round.min_group})",
        f"  n: {_explain('n', lang)}",
        f"  {t(lang, 'min_group')}: {_explain('min_group', lang)}",
    ] + [f"  {line}" for line in release_notes(report)]


def ranking_lines(report: RoundReport, *, width: int = 80, color: bool = False) -> list[str]:
    lang, stats = report.lang, report.ranking
    if stats is None:
        return [report.no_ranking_text()]
    ordered = report.by_first_choice()
    k = stats.k
    out = [
        f"== {t(lang, 'ranking')} ({t(lang, 'ranked_by', ranked=stats.n, n=report.n)}) ==",
        "",
    ]
    # Rows by first choices, as the chart; no row numbers, which would read as an order of
    # importance (that is the consensus order below).
    headers = [t(lang, "theme"), t(lang, "first_choice"), t(lang, "share"), t(lang, "mean_rank"),
               t(lang, "borda"), t(lang, "positions", k=k)]
    rows = [
        [
            one_line(report.item_title(it.id), 40),
            str(it.first_choice),
            share_text(share_of(it.first_choice, stats.n), lang, short=True),
            number(it.mean_rank, lang),
            str(it.borda),
            " ".join(str(c) for c in it.positions),
        ]
        for it in ordered
    ]
    out += table(headers, rows, right={1, 2, 3, 4})
    out.append("")
    for key in ("first_choice", "first_choice_share", "mean_rank", "borda", "positions"):
        out.append(f"  {_explain(key, lang)}")  # each explanation starts with its own term
    out.append(f"  {one_line(t(lang, 'closed_interval_note'))}")
    if not stats.complete:
        out.append(f"  {_explain('partial', lang)}")
    out.append("")

    labels = [report.item_title(it.id) for it in ordered]
    out.append(
        charts.terminal_bars(
            labels,
            [it.first_choice for it in ordered],
            title=f"{t(lang, 'chart_first')} (n = {stats.n})",
            width=width,
            color=color,
        )
    )
    out.append(f"  {_explain('first_choice', lang)}")
    out.append("")
    out.append(
        charts.terminal_stacked(
            labels,
            [it.positions for it in ordered],
            position_label=t(lang, "position_n", p="{p}"),
            title=t(lang, "chart_positions"),
            width=width,
            color=color,
        )
    )
    out.append(f"  {_explain('positions', lang)}")
    out.append("")

    consensus = ", ".join(f"{i}. {one_line(report.item_title(item), 40)}" for i, item in enumerate(stats.consensus, 1))
    out.append(f"{t(lang, 'consensus')}: {consensus}")
    out.append(f"  {_explain('consensus', lang)}")
    rows = report.pairwise_rows()
    out.append("")
    out += table(
        [""] + [str(i) for i in range(1, len(rows) + 1)],
        [[f"{i}. {one_line(title, 36)}"] + ["–" if c is None else str(c) for c in cells]
         for i, (title, cells) in enumerate(rows, 1)],
        right=set(range(1, len(rows) + 1)),
    )
    out.append(f"  {_explain('pairwise', lang)}")
    w = stats.kendall_w
    out.append(f"{t(lang, 'kendall_w')}: {number(w, lang) if w is not None else t(lang, 'not_available')}")
    out.append(f"  {_explain('kendall_w', lang)}")
    return out


def theme_lines(report: RoundReport, *, width: int = 80) -> list[str]:
    lang, q = report.lang, report.questionnaire
    prompts = {question.id: question.prompt for _, question in q.questions()}
    closed = closed_by_question(report)
    said: set[str] = set()  # explanations already given (each once per report)
    out = [f"== {t(lang, 'themes')} =="]
    for theme in report.themes:
        out.append("")
        out.append(f"-- {one_line(theme.title)} --")
        for qs in theme.questions:
            prompt = report.text(prompts.get(qs.id, {}))
            out.append(f"  {one_line(qs.id)}  {one_line(prompt, max(width - 8, 20))}")
            if qs.id in closed:
                out += closed_lines(report, closed[qs.id], width=width, said=said)
                continue
            out.append(f"      {t(lang, 'answered')} {qs.answered}, {t(lang, 'blank')} {qs.blank}")
            for answer in qs.answers:
                out += _indent(answer, "      - ", "        ")
        words = ", ".join(f"{one_line(w)} ({c})" for w, c in theme.keywords) or t(lang, "none")
        out.append(f"  {t(lang, 'keywords')}: {words}")
        if theme.codes:
            out.append(f"  {t(lang, 'codes')}:")
            for code in theme.codes:
                example = one_line(code.example, 70)
                tail = f' – {t(lang, "example")} "{example}"' if example else ""
                out.append(f"    {one_line(code.label)} ({code.count}){tail}")
    return out


def closed_lines(report: RoundReport, figures, *, width: int = 80, said: set[str] | None = None) -> list[str]:
    """One closed question's figures: a table of counts and shares, then its lines and the
    explanations not in `said` yet (added to it)."""
    lang = report.lang
    block = closed_block(report.questionnaire, lang, figures, report.round.min_group)
    if block.withheld:
        return [f"      {one_line(block.withheld)}"]
    out = []
    if block.rows:
        head = t(lang, "closed_point" if block.kind == "scale" else "closed_option")
        rows = [[one_line(label, max(width - 50, 20)), text] for label, _k, text in block.rows]
        out += ["      " + line for line in table([head, t(lang, "closed_respondents")], rows, right={1})]
    out += [f"      {one_line(line)}" for line in block.lines]
    said = set() if said is None else said
    for note in block.notes:
        if note not in said:
            said.add(note)
            out.append(f"      {one_line(note)}")
    return out


def render_text(report: RoundReport, *, width: int = 80, color: bool = False) -> str:
    """The whole report; `color` only for a real terminal (plotext colour codes)."""
    width = max(int(width), 40)
    lines = header_lines(report) + [""] + ranking_lines(report, width=width, color=color) + [""]
    lines += theme_lines(report, width=width)
    text = "\n".join(lines) + "\n"
    return text if color else clean_text(text)
