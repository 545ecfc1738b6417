"""A one-page Markdown report with the chart images.

Respondent (and questionnaire) text is cleaned of control characters and then escaped
so it is only ever text: every ASCII punctuation character gets a backslash (CommonMark
allows that for all of them), and < > & become entities. That rules out raw HTML,
links, images, autolinks (the GFM `www.` / `https://` / e-mail forms need an unescaped
'.', ':' or '@'), emphasis, headings, lists, tables and code spans.
"""

from __future__ import annotations

import string

from survey_tui.report_strings import number, percent, t, release_notes
from survey_tui.sanitize import clean_text, one_line
from survey_tui.summary import RoundReport

_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_ESCAPES = {ord(ch): _ENTITIES.get(ch, "\\" + ch) for ch in string.punctuation}


def escape(text: str) -> str:
    """Clean text as inline Markdown: one line, nothing interpreted."""
    return one_line(text).translate(_ESCAPES)


def escape_block(text: str) -> list[str]:
    """Multi-line clean text as lines of one paragraph (hard line breaks between them)."""
    lines = [" ".join(line.split()).translate(_ESCAPES) for line in clean_text(text).split("\n")]
    lines = [line for line in lines if line]
    # A trailing backslash is a CommonMark hard line break.
    return [line + ("\\" if i < len(lines) - 1 else "") for i, line in enumerate(lines)]


def _explain(key: str, lang: str) -> str:
    from survey_tui.analysis.explain import explain

    return escape(explain(key, lang))


def render_markdown(report: RoundReport, *, image_dir: str | None = None, images: bool = True) -> str:
    """The report as Markdown; images are linked from `image_dir` ('' = next to the file).

    With image_dir None the images are linked where `survey-tui export` puts them; with
    images False (no chart files exist yet) there are no image links, only the explanations.
    """
    lang, q = report.lang, report.questionnaire
    if image_dir is None:
        image_dir = f"results/{report.slug}/"
    elif image_dir and not image_dir.endswith("/"):
        image_dir += "/"
    out = [
        f"# {escape(report.text(q.title))}",
        "",
        f"**{t(lang, 'round')}:** {escape(report.slug)} · **{t(lang, 'questionnaire')}:** "
        f"{escape(q.id)} v{escape(q.version)} · **{t(lang, 'responses')}:** {report.n} "
        f"({escape(t(lang, 'min_group'))} {report.round.min_group})",
        "",
        f"- *n*: {_explain('n', lang)}",
        f"- *{escape(t(lang, 'min_group'))}*: {_explain('min_group', lang)}",
    ]
    out += [f"- {escape(note)}" for note in release_notes(report)] + [""]
    stats = report.ranking
    if stats is None:
        out += [escape(report.no_ranking_text()), ""]
    else:
        ordered = report.by_first_choice()
        out += [f"## {escape(t(lang, 'ranking'))}", "", escape(t(lang, "ranked_by", ranked=stats.n, n=report.n)), ""]
        if images:
            out += [f"![{escape(t(lang, 'chart_alt_first'))}]({image_dir}first_choice.png)", ""]
        out += [f"*{_explain('first_choice', lang)}*", ""]
        # By first choices, as the chart; no row numbers (the consensus order is the order).
        headers = [t(lang, "theme"), t(lang, "first_choice"), t(lang, "share"), t(lang, "mean_rank"),
                   t(lang, "borda"), t(lang, "positions", k=stats.k)]
        out.append("| " + " | ".join(escape(h) for h in headers) + " |")
        out.append("|" + "|".join([":---"] + ["---:"] * (len(headers) - 1)) + "|")
        for it in ordered:
            cells = [
                escape(report.item_title(it.id)),
                str(it.first_choice),
                escape(percent(it.first_choice_share, lang)),
                escape(number(it.mean_rank, lang)),
                str(it.borda),
                " ".join(str(c) for c in it.positions),
            ]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
        for key in ("first_choice_share", "mean_rank", "borda", "positions"):
            out.append(f"- {_explain(key, lang)}")  # each explanation starts with its own term
        if not stats.complete:
            out.append(f"- {_explain('partial', lang)}")
        out.append("")
        if images:
            out += [f"![{escape(t(lang, 'chart_alt_positions'))}]({image_dir}positions.png)", ""]
        consensus = ", ".join(f"{i}\\. {escape(report.item_title(item))}" for i, item in enumerate(stats.consensus, 1))
        w = stats.kendall_w
        w_text = escape(number(w, lang)) if w is not None else escape(t(lang, "not_available"))
        rows = report.pairwise_rows()
        out += [
            f"**{escape(t(lang, 'consensus'))}:** {consensus}",
            "",
            f"*{_explain('consensus', lang)}*",
            "",
            "| | " + " | ".join(str(i) for i in range(1, len(rows) + 1)) + " |",
            "|:---|" + "---:|" * len(rows),
            *(
                f"| {i}\\. {escape(title)} | " + " | ".join("–" if c is None else str(c) for c in cells) + " |"
                for i, (title, cells) in enumerate(rows, 1)
            ),
            "",
            f"*{_explain('pairwise', lang)}*",
            "",
            f"**{escape(t(lang, 'kendall_w'))}:** {w_text}",
            "",
            f"*{_explain('kendall_w', lang)}*",
            "",
        ]

    prompts = {question.id: question.prompt for _, question in q.questions()}
    out += [f"## {escape(t(lang, 'themes'))}", ""]
    for theme in report.themes:
        out += [f"### {escape(theme.title)}", ""]
        for qs in theme.questions:
            out += [
                f"**{escape(qs.id)}** {escape(report.text(prompts.get(qs.id, {})))}",
                "",
                f"{t(lang, 'answered')} {qs.answered}, {t(lang, 'blank')} {qs.blank}",
                "",
            ]
            for answer in qs.answers:
                block = escape_block(answer)
                if block:
                    out += ["> " + line for line in block] + [""]
        words = ", ".join(f"{escape(w)} ({c})" for w, c in theme.keywords) or escape(t(lang, "none"))
        out += [f"*{escape(t(lang, 'keywords'))}:* {words}", ""]
        if theme.codes:
            out.append(f"*{escape(t(lang, 'codes'))}:*")
            out.append("")
            for code in theme.codes:
                example = escape(one_line(code.example, 120)) if code.example else ""
                tail = f" – {escape(t(lang, 'example'))} “{example}”" if example else ""
                out.append(f"- {escape(code.label)} ({code.count}){tail}")
            out.append("")
    return "\n".join(out).rstrip() + "\n"
