"""`survey-tui questionnaire list | show | validate`."""

from __future__ import annotations

import click

from survey_tui.cli.common import echo_json
from survey_tui.errors import InvalidInput
from survey_tui.sanitize import clean_text, one_line


@click.group()
def questionnaire() -> None:
    """List, show and validate questionnaire files.

    \b
    Examples:
      survey-tui questionnaire list
      survey-tui questionnaire show kela-sosiaalitoimi --lang en
      survey-tui questionnaire validate my-survey.yaml
    """


@questionnaire.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def list_cmd(as_json: bool) -> None:
    """List the shipped questionnaires (id, version, languages, title).

    \b
    Example:
      survey-tui questionnaire list --json
    """
    from survey_tui.questionnaire import QuestionnaireError, load_file, shipped_files

    rows = []
    for qid, path in shipped_files().items():
        try:
            q = load_file(path)
        except QuestionnaireError as exc:
            # A broken shipped file should not hide the others.
            click.echo(f"warning: {one_line(str(exc).splitlines()[0], 200)}", err=True)
            continue
        rows.append(
            {
                "id": q.id,
                "version": q.version,
                "languages": list(q.languages),
                "title": q.text(q.title, q.languages[0]),
                "file": str(path),
            }
        )
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("No shipped questionnaires found.")
        return
    for row in rows:
        click.echo(
            f"{one_line(row['id'])}  v{one_line(row['version'])}  "
            f"[{', '.join(row['languages'])}]  {one_line(row['title'], 80)}"
        )


@questionnaire.command("show")
@click.argument("ref", metavar="ID_OR_FILE")
@click.option("--json", "as_json", is_flag=True, help="Print the questionnaire as JSON (the file format).")
@click.option("--lang", default=None, help="Language to show (default: the questionnaire's first).")
def show(ref: str, as_json: bool, lang: str | None) -> None:
    """Show a questionnaire as an outline: themes, questions and the ranking.

    ID_OR_FILE is a shipped questionnaire id or a path to a YAML file.

    \b
    Examples:
      survey-tui questionnaire show kela-sosiaalitoimi
      survey-tui questionnaire show ./my-survey.yaml --lang en --json
    """
    from survey_tui.questionnaire import resolve

    q = resolve(ref)
    if as_json:
        echo_json(q.to_dict())
        return
    if lang is None:
        lang = q.languages[0]
    elif lang not in q.languages:
        raise InvalidInput(f"--lang: {lang[:10]!r} is not one of this questionnaire's languages ({', '.join(q.languages)})")
    for line in outline(q, lang):
        click.echo(line)


def outline(q, lang: str) -> list[str]:
    """Readable outline; every text comes from a file and is cleaned for the terminal."""
    t = lambda value: one_line(q.text(value, lang))  # noqa: E731
    lines = [
        f"{t(q.title)}",
        f"id {one_line(q.id)}, version {one_line(q.version)}, languages {', '.join(q.languages)}",
        "",
    ]
    for ti, theme in enumerate(q.themes, 1):
        lines.append(f"{ti}. {t(theme.title)}  [{theme.id}]")
        context = clean_text(q.text(theme.context, lang)).strip()
        if context:
            lines.append(f"   {one_line(context, 160)}")
        for question in theme.questions:
            need = "required" if question.required else "optional"
            lines.append(f"   - {question.id} ({question.kind}, {need}, max {question.max_length}): {t(question.prompt)}")
        lines.append("")
    if q.ranking is not None:
        r = q.ranking
        every = "every item must be ranked" if r.require_all else "ranking some items is enough"
        lines.append(f"Ranking [{r.id}]: {t(r.prompt)} ({every})")
        for item in r.items:
            lines.append(f"   - {item.id}: {t(item.title)}")
    return lines


@questionnaire.command("validate")
@click.argument("file", metavar="FILE")
def validate(file: str) -> None:
    """Check a questionnaire file and list every problem (exit code 2 if any).

    \b
    Example:
      survey-tui questionnaire validate questionnaires/kela-sosiaalitoimi.yaml
    """
    from survey_tui.questionnaire import QuestionnaireError, load_file

    try:
        q = load_file(file)
    except QuestionnaireError as exc:
        lines = str(exc).splitlines()
        for line in lines:
            click.echo(one_line(line, 500), err=True)
        raise InvalidInput(f"{one_line(file, 200)} is not a valid questionnaire ({len(lines)} problem(s))") from None
    count = sum(1 for _ in q.questions())
    themes = f"{len(q.themes)} theme" + ("" if len(q.themes) == 1 else "s")
    questions = f"{count} question" + ("" if count == 1 else "s")
    click.echo(f"ok: {q.id} v{one_line(q.version)}, {themes}, {questions}")
