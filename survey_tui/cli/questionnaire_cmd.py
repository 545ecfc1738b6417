"""`survey-tui questionnaire list | show | validate | new | import | schema`."""

from __future__ import annotations

import click

from survey_tui.cli.common import echo_json, say
from survey_tui.errors import InvalidInput, os_reason
from survey_tui.sanitize import clean_text, one_line


@click.group()
def questionnaire() -> None:
    """List, show, validate and start questionnaire files.

    \b
    Examples:
      survey-tui questionnaire list
      survey-tui questionnaire show kela-sosiaalitoimi --lang en
      survey-tui questionnaire new my-survey.yaml --languages fi,en
      survey-tui questionnaire validate my-survey.yaml
      survey-tui questionnaire import form.xlsx --out my-survey.yaml
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
        raise InvalidInput(say("cli_err_lang_not_in_questionnaire", given=repr(lang[:10]), languages=", ".join(q.languages)))
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
        if theme.show_if is not None:
            lines.append(f"   (shown if {theme.show_if.question} is {'/'.join(theme.show_if.values)})")
        context = clean_text(q.text(theme.context, lang)).strip()
        if context:
            lines.append(f"   {one_line(context, 160)}")
        for question in theme.questions:
            need = "required" if question.required else "optional"
            lines.append(f"   - {question.id} ({question.kind}, {need}, {_detail(question)}): {t(question.prompt)}")
        lines.append("")
    if q.ranking is not None:
        r = q.ranking
        every = "every item must be ranked" if r.require_all else "ranking some items is enough"
        lines.append(f"Ranking [{r.id}]: {t(r.prompt)} ({every})")
        for item in r.items:
            lines.append(f"   - {item.id}: {t(item.title)}")
    return lines


def _detail(question) -> str:
    """What a question of its kind takes, in the outline's words (ids from a validated file)."""
    if question.is_open:
        detail = f"max {question.max_length}"
    elif question.kind in ("single", "multiple"):
        detail = "options " + "/".join(o.id for o in question.options) + ("/other text" if question.other else "")
        if question.minimum is not None or question.maximum is not None:
            detail += f", choose {question.minimum or 0}-{question.maximum if question.maximum is not None else 'all'}"
    elif question.kind == "scale":
        detail = f"{question.minimum}-{question.maximum}" + (" or can't say" if question.dont_know else "")
    else:
        low = "" if question.minimum is None else question.minimum
        high = "" if question.maximum is None else question.maximum
        detail = f"number {low}..{high}" + (f", {question.decimals} decimals" if question.decimals else "")
    if question.show_if is not None:
        detail += f"; shown if {question.show_if.question} is {'/'.join(question.show_if.values)}"
    return detail


@questionnaire.command("validate")
@click.argument("ref", metavar="ID_OR_FILE")
def validate(ref: str) -> None:
    """Check a questionnaire file and list every problem at once (exit code 2 if any).

    ID_OR_FILE is a shipped questionnaire id, a path to a YAML file, or - to read the
    file from standard input. Each problem is one line naming the field
    (themes[2].questions[0].prompt.fi: missing language 'fi'). Fill-in placeholders
    such as [coordinator's contact details] are warnings: the file is valid, but
    `round open` refuses it until they are filled in (or --allow-placeholders).

    \b
    Examples:
      survey-tui questionnaire validate my-survey.yaml
      survey-tui questionnaire validate kela-sosiaalitoimi
      cat my-survey.yaml | survey-tui questionnaire validate -
    """
    from survey_tui.questionnaire import MAX_FILE_BYTES, shipped_files
    from survey_tui.questionnaire.checking import check_file, check_text

    if ref == "-":
        import sys

        stdin = getattr(sys.stdin, "buffer", sys.stdin)
        raw = stdin.read(MAX_FILE_BYTES + 1)
        checked = check_text(raw, "<stdin>")
    elif ref in shipped_files():
        checked = check_file(shipped_files()[ref])
    else:
        from pathlib import Path

        path = Path(ref)
        if not path.exists() and path.suffix.lower() not in (".yaml", ".yml") and "/" not in ref:
            known = ", ".join(shipped_files()) or say("cli_err_none")
            raise InvalidInput(say("cli_err_unknown_questionnaire", ref=repr(one_line(ref, 60)), known=known))
        checked = check_file(path)
    for line in checked.problem_lines() + checked.warning_lines():
        click.echo(one_line(line, 500), err=True)
    name = one_line(checked.source, 200)
    if not checked.ok:
        count = len(checked.problems)
        raise InvalidInput(say("cli_err_invalid_questionnaire_one" if count == 1 else "cli_err_invalid_questionnaire_many",
                                 name=name, count=count))
    q = checked.questionnaire
    if checked.warnings:
        copy = say("cli_err_placeholders_copy", ref=ref) if ref in shipped_files() else ""
        click.echo(say("cli_err_placeholders", name=name, count=len(checked.warnings), copy=copy), err=True)
    count = sum(1 for _ in q.questions())
    themes = f"{len(q.themes)} theme" + ("" if len(q.themes) == 1 else "s")
    questions = f"{count} question" + ("" if count == 1 else "s")
    click.echo(f"ok: {q.id} v{one_line(q.version)}, {themes}, {questions}")


@questionnaire.command("new")
@click.argument("file", metavar="FILE")
@click.option("--languages", default="en", show_default=True, metavar="CODES",
              help="Comma-separated language codes for the template's texts, e.g. fi,sv,en.")
@click.option("--from", "source", metavar="ID_OR_FILE",
              help="Copy this questionnaire (a shipped id or a file) as it is, comments included, instead.")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
def new(file: str, languages: str, source: str | None, force: bool) -> None:
    """Write a commented template of every field to FILE (or a copy of a questionnaire).

    The template is valid as written; its texts are [placeholders] to replace with the
    real text ('questionnaire validate' lists those still left). An existing FILE is
    not replaced without --force.

    \b
    Examples:
      survey-tui questionnaire new my-survey.yaml --languages fi,en
      survey-tui questionnaire new my-survey.yaml --from kela-sosiaalitoimi
    """
    from pathlib import Path

    from survey_tui.questionnaire import LANG_RE, shipped_files
    from survey_tui.questionnaire.template import id_for, template

    target = Path(file)
    if target.exists() and not force:
        raise InvalidInput(say("cli_err_file_exists", file=one_line(file, 200)))
    if source is not None:
        origin = shipped_files().get(source) or Path(source)
        from survey_tui.questionnaire.checking import check_file

        checked = check_file(origin)
        if not checked.ok:
            for line in checked.problem_lines():
                click.echo(one_line(line, 500), err=True)
            raise InvalidInput(say("cli_err_not_valid_to_copy", source=one_line(source, 200)))
        content = origin.read_bytes()
    else:
        codes = tuple(code.strip() for code in languages.split(",") if code.strip())
        bad = [code for code in codes if not LANG_RE.match(code)]
        if not codes or bad:
            raise InvalidInput(say("cli_err_bad_languages", got=repr(one_line(languages, 40))))
        content = template(id_for(target), codes).encode("utf-8")
    try:
        with target.open("wb" if force else "xb") as fh:
            fh.write(content)
    except OSError as exc:
        raise InvalidInput(say("cannot_write", path=one_line(file, 200), problem=os_reason(exc))) from None
    import shlex

    click.echo(f"wrote {one_line(file, 200)}: replace every [...] text with the real text, then run "
               f"survey-tui questionnaire validate {shlex.quote(one_line(file, 200))}")


@questionnaire.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of questionnaire files (for editors; see questionnaires/README.md).

    \b
    Example:
      survey-tui questionnaire schema > questionnaire.schema.json
    """
    from survey_tui.questionnaire.template import SCHEMA_FILE

    click.echo(SCHEMA_FILE.read_text(encoding="utf-8"), nl=False)


@questionnaire.command("import")
@click.argument("form", metavar="FORM.xlsx")
@click.option("--out", "out", default="-", show_default=True, metavar="FILE",
              help="Write the questionnaire to FILE (- is standard output).")
@click.option("--language", default="en", show_default=True, metavar="CODE",
              help="Language of a plain 'label' column when the settings sheet names no default_language.")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
def import_cmd(form: str, out: str, language: str, force: bool) -> None:
    """Turn an XLSForm (KoboToolbox, ODK: an .xlsx with survey, choices and settings sheets)
    into a questionnaire file, saying line by line what could not be mapped.

    Groups become themes, select_one/select_multiple single/multiple questions, integer and
    decimal number questions, range a scale, rank the ranking, text a short or long answer,
    and simple relevant conditions show_if. Each row left out or changed is one line on
    standard error with its sheet and row number. The intro is written with [placeholders]
    to fill in; see questionnaires/README.md, "Importing an XLSForm".

    \b
    Examples:
      survey-tui questionnaire import form.xlsx --out my-survey.yaml
      survey-tui questionnaire import form.xlsx | less
    """
    from pathlib import Path

    from survey_tui.extras import require
    from survey_tui.questionnaire import LANG_RE

    require("xlsform")
    from survey_tui.questionnaire.xlsform import import_form, to_yaml
    from survey_tui.questionnaire.xlsform_read import XlsFormError

    name = one_line(form, 200)
    if not LANG_RE.match(language):
        raise InvalidInput(say("cli_err_bad_language", got=repr(one_line(language, 40))))
    target = None if out == "-" else Path(out)
    if target is not None and target.exists() and not force:
        raise InvalidInput(say("cli_err_file_exists", file=one_line(out, 200)))
    try:
        imported = import_form(form, language)
    except XlsFormError as exc:
        raise InvalidInput(f"{name}: {exc}") from None
    for note in imported.notes:
        click.echo(one_line(f"{name}: {note.line()}", 500), err=True)
    content = to_yaml(imported.data, Path(form).name)
    q = imported.questionnaire
    summary = say("cli_xf_imported", name=name, themes=len(q.themes), questions=sum(1 for _ in q.questions()),
                  notes=len(imported.notes))
    if target is None:
        click.echo(content, nl=False)
        click.echo(summary, err=True)
        return
    try:
        with target.open("w" if force else "x", encoding="utf-8") as fh:
            fh.write(content)
    except OSError as exc:
        raise InvalidInput(say("cannot_write", path=one_line(out, 200), problem=os_reason(exc))) from None
    import shlex

    click.echo(summary, err=True)
    click.echo(say("cli_xf_next", file=shlex.quote(one_line(out, 200))), err=True)
