r"""A one-page Markdown report with the chart images.

Respondent (and questionnaire) text is cleaned of control characters and then escaped
so it is only ever text, with a backslash (or an entity) only where Markdown would read
something, so the file still reads well as plain text (`spring-2026`, `2,33`):

- everywhere: `\`, `` ` ``, `*`, `~`, `[` and `]` (code, emphasis, strikethrough, links,
  images, footnotes); `_` unless inside a word (`snake_case` cannot emphasise); `<` as
  `&lt;` (raw HTML, autolinks); `&` when it starts an entity (`&amp;` is shown, not
  decoded); what GFM's linkify turns into links: the `:` of `scheme://` and `mailto:`,
  `@` before a name, the first `/` of a bare `//host`, and a `.` after a non-space that
  is followed by two letters, as a domain's (`evil\.example`; `e.g.` and `v1.2` stay);
  a `#` run ending the text after a space (a heading's closing sequence);
- at the start of a line: `#` headings, `>` quotes, `-` `+` `*` list markers, `1.` / `1)`
  ordered lists, `---` / `===` lines (setext headings, thematic breaks) and `:---|---:`
  lines (a table's delimiter row);
- `|` in table cells and in multi-line answers (where a table could start).

A line never starts with spaces (code blocks): texts are collapsed to single spaces.
"""

from __future__ import annotations

import re

from survey_tui.report_closed import closed_block, closed_by_question
from survey_tui.report_strings import number, t, release_notes
from survey_tui.sanitize import clean_text, one_line
from survey_tui.share_format import share_of, share_text
from survey_tui.summary import RoundReport

_ALWAYS = set("\\`*~[]")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")
_LINE_START = re.compile(r"#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|=+\s*$|[|:\s-]*-[|:\s-]*$")
_ORDERED = re.compile(r"[0-9]{1,9}([.)])(?=\s|$)")
# Every character _escaped may change, wherever it is (positions at a line's start come apart).
_CANDIDATES = re.compile(r"[<\\`*~\[\]_|&:@./]")


def _escaped(text: str, *, pipes: bool = False) -> str:
    """One line of clean text as inline Markdown; `pipes`: also `|` (table cells, blocks)."""
    force = set()
    if _LINE_START.match(text):
        force.add(0)
    ordered = _ORDERED.match(text)
    if ordered:
        force.add(ordered.start(1))
    closing = re.search(r"(?<= )#+\s*$", text)
    if closing:
        force.add(closing.start())
    # Only these characters (and the forced positions) can be escaped: the text between
    # them is copied whole rather than looked at one character at a time.
    spots = sorted(force.union(m.start() for m in _CANDIDATES.finditer(text)))
    if not spots:
        return text
    out = []
    last = 0
    for i in spots:
        ch = text[i]
        out.append(text[last:i])
        last = i + 1
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if ch == "<":
            out.append("&lt;")
        elif (
            i in force
            or ch in _ALWAYS
            or (ch == "_" and not (prev.isalnum() and nxt.isalnum()))
            or (ch == "|" and pipes)
            or (ch == "&" and _ENTITY.match(text, i))
            or (ch == ":" and (text.startswith("//", i + 1) or text[max(0, i - 6):i].lower() == "mailto"))
            or (ch == "@" and nxt.isalnum())
            or (ch == "." and prev.strip() and len(text[i + 1:i + 3]) == 2 and text[i + 1:i + 3].isalpha())
            or (ch == "/" and nxt == "/" and prev != ":")
        ):
            out.append("\\" + ch)
        else:
            out.append(ch)
    out.append(text[last:])
    return "".join(out)


def escape(text: str, *, cell: bool = False) -> str:
    """Clean text as inline Markdown: one line, nothing interpreted; `cell` in a table."""
    return _escaped(one_line(text), pipes=cell)


def escape_block(text: str) -> list[str]:
    """Multi-line clean text as lines of one paragraph (hard line breaks between them)."""
    lines = [_escaped(" ".join(line.split()), pipes=True) for line in clean_text(text).split("\n")]
    lines = [line for line in lines if line]
    # A trailing backslash is a CommonMark hard line break.
    return [line + ("\\" if i < len(lines) - 1 else "") for i, line in enumerate(lines)]


def _explain(key: str, lang: str) -> str:
    from survey_tui.analysis.explain import explain

    return escape(explain(key, lang))


def render_markdown(report: RoundReport, *, image_dir: str | None = None, images: bool = True,
                    closed_images: bool = False) -> str:
    """The report as Markdown; images are linked from `image_dir` ('' = next to the file).

    With image_dir None the images are linked where `survey-tui export` puts them; with
    images False (no chart files exist yet) there are no image links, only the explanations.
    `closed_images`: charts.write_closed_charts drew the closed questions' charts there too.
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
        out.append("| " + " | ".join(escape(h, cell=True) for h in headers) + " |")
        out.append("|" + "|".join([":---"] + ["---:"] * (len(headers) - 1)) + "|")
        for it in ordered:
            cells = [
                escape(report.item_title(it.id), cell=True),
                str(it.first_choice),
                escape(share_text(share_of(it.first_choice, stats.n), lang, short=True), cell=True),
                escape(number(it.mean_rank, lang), cell=True),
                str(it.borda),
                " ".join(str(c) for c in it.positions),
            ]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
        for key in ("first_choice_share", "mean_rank", "borda", "positions"):
            out.append(f"- {_explain(key, lang)}")  # each explanation starts with its own term
        out.append(f"- {escape(t(lang, 'closed_interval_note'))}")
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
                f"| {i}\\. {escape(title, cell=True)} | " + " | ".join("–" if c is None else str(c) for c in cells) + " |"
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
    closed = closed_by_question(report)
    said: set[str] = set()  # explanations already given (each once per report)
    out += [f"## {escape(t(lang, 'themes'))}", ""]
    for theme in report.themes:
        out += [f"### {escape(theme.title)}", ""]
        for qs in theme.questions:
            out += [f"**{escape(qs.id)}** {escape(report.text(prompts.get(qs.id, {})))}", ""]
            if qs.id in closed:
                out += closed_markdown(report, closed[qs.id], image_dir if images and closed_images else None, said)
                continue
            out += [f"{t(lang, 'answered')} {qs.answered}, {t(lang, 'blank')} {qs.blank}", ""]
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


def closed_markdown(report: RoundReport, figures, image_dir: str | None, said: set[str] | None = None) -> list[str]:
    """One closed question's figures: a table of counts and shares, its lines, its chart
    (when the images were drawn: `image_dir` not None)."""
    lang = report.lang
    block = closed_block(report.questionnaire, lang, figures, report.round.min_group)
    if block.withheld:
        return [escape(block.withheld), ""]
    out = []
    if block.rows:
        head = t(lang, "closed_point" if block.kind == "scale" else "closed_option")
        out += [f"| {escape(head, cell=True)} | {escape(t(lang, 'closed_respondents'), cell=True)} |", "|:---|---:|"]
        out += [f"| {escape(label, cell=True)} | {escape(text, cell=True)} |" for label, _k, text in block.rows]
        out.append("")
        if image_dir is not None:
            from survey_tui.charts import closed_chart_name

            out += [f"![{escape(block.prompt)}]({image_dir}{closed_chart_name(figures.id)}.png)", ""]
    out += [f"- {escape(line)}" for line in block.lines]
    said = set() if said is None else said
    for note in block.notes:  # each explanation once per report
        if note not in said:
            said.add(note)
            out.append(f"- *{escape(note)}*")
    return out + [""]
