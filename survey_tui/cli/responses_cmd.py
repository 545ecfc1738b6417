"""`survey-tui responses import`: responses collected elsewhere, all or nothing."""

from __future__ import annotations

import json
from typing import Any

import click

from survey_tui.cli.common import get_store, read_bounded, say, complete_rounds
from survey_tui.errors import InvalidInput
from survey_tui.sanitize import one_line

MAX_IMPORT_BYTES = 50 * 1024 * 1024
MAX_SHOWN = 20
KEYS = {"language", "answers", "ranking", "response_id"}  # response_id: of an export, ignored


@click.group()
def responses() -> None:
    """Import responses collected elsewhere (paper forms, another tool).

    \b
    Example:
      survey-tui responses import spring-2025 paper-forms.jsonl --dry-run
    """


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(say("cli_err_import_duplicate_key", key_name=repr(key[:40])))
        out[key] = value
    return out


def _shape(obj: Any) -> list[str]:
    """Problems with one record's structure, before checking it against the questionnaire."""
    if not isinstance(obj, dict):
        return [say("cli_err_import_not_object", example='{"language": ..., "answers": {...}, "ranking": [...]}')]
    problems = [say("cli_err_import_unknown_key", key_name=repr(k[:40])) for k in obj if k not in KEYS]
    if "response_id" in obj and not isinstance(obj["response_id"], str):
        problems.append(say("cli_err_import_response_id"))
    if "language" not in obj:
        problems.append(say("cli_err_import_missing", name='"language"'))
    elif obj["language"] is None:
        problems.append(say("cli_err_import_language_null"))
    elif not isinstance(obj["language"], str):
        problems.append(say("cli_err_import_language_text"))
    if "answers" not in obj:
        problems.append(say("cli_err_import_missing", name='"answers"'))
    elif not isinstance(obj["answers"], dict):
        problems.append(say("cli_err_import_answers_object"))
    # Each answer's value (text, an option id, a list of ids, a number) is checked per kind
    # by check_response.
    ranking = obj.get("ranking")
    if ranking is not None and (not isinstance(ranking, list) or not all(isinstance(i, str) for i in ranking)):
        problems.append(say("cli_err_import_ranking"))
    return problems


def parse_file(path: str, questionnaire) -> tuple[list[dict[str, Any]], list[str]]:
    """Every record of a JSON Lines file and every problem as 'line N: ...'."""
    from survey_tui.questionnaire import check_response

    raw = read_bounded(path, MAX_IMPORT_BYTES)
    records: list[dict[str, Any]] = []
    problems: list[str] = []
    for number, line in enumerate(raw.split(b"\n"), 1):
        try:
            text = line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            problems.append(say("cli_err_import_not_utf8", number=number, byte=exc.start + 1))
            continue
        if not text.strip():
            continue
        try:
            obj = json.loads(text, object_pairs_hook=_no_duplicates)
        except _DuplicateKey as exc:
            problems.append(say("cli_err_import_line", number=number, problem=exc))
            continue
        except json.JSONDecodeError as exc:
            problems.append(say("cli_err_import_bad_json", number=number, problem=exc.msg, column=exc.colno))
            continue
        except RecursionError:
            problems.append(say("cli_err_import_too_deep", number=number))
            continue
        except ValueError:  # e.g. an integer longer than Python's 4300-digit limit
            problems.append(say("cli_err_import_number_too_long", number=number))
            continue
        found = _shape(obj)
        if not found:
            found = check_response(questionnaire, obj["answers"], obj.get("ranking"), obj["language"])
        if found:
            problems.extend(say("cli_err_import_line", number=number, problem=one_line(p, 300)) for p in found)
            continue
        records.append({"language": obj["language"], "answers": obj["answers"], "ranking": obj.get("ranking")})
    return records, problems


@responses.command("import")
@click.argument("slug", shell_complete=complete_rounds)
@click.argument("file", metavar="FILE")
@click.option("--dry-run", is_flag=True, help="Check the file and report, but store nothing.")
@click.pass_context
def import_cmd(ctx, slug: str, file: str, dry_run: bool) -> None:
    """Import responses from a JSON Lines file, one response per line.

    Each line looks like
    {"language": "fi", "answers": {"q1a": "text", ...}, "ranking": ["kanavat", ...]}
    (ranking lists item ids, most important first). Closed questions: a single
    question's answer is its option id, a multiple one's a list of option ids, a scale
    an integer or "dont_know", a number a number; an `other` text goes under
    "<question id>_other". Answers to questions hidden by a condition are left out. The file of 'survey-tui export
    SLUG --format jsonl' is read as it is (its response_id is not stored: each
    imported response gets a new id). Every line is checked against
    the round's questionnaire first; if any line is bad, nothing is stored.
    A closed round accepts imports (late paper forms); a draft round does not.

    \b
    Example:
      survey-tui responses import spring-2025 paper-forms.jsonl
    """
    store = get_store(ctx)
    rnd = store.get_round(slug)
    if rnd.state == "draft":
        raise InvalidInput(say("import_draft", name=repr(slug), slug=slug))
    records, problems = parse_file(file, rnd.questionnaire)
    if problems:
        for line in problems[:MAX_SHOWN]:
            click.echo(line, err=True)
        if len(problems) > MAX_SHOWN:
            click.echo(say("more_problems", n=len(problems) - MAX_SHOWN), err=True)
        raise InvalidInput(say("import_problems", file=one_line(file, 200), n=len(problems)))
    if not records:
        raise InvalidInput(say("import_none_found", file=one_line(file, 200)))
    if dry_run:
        click.echo(say("import_dry_run", n=len(records), slug=slug))
        return
    count = store.import_responses(slug, records)
    click.echo(say("imported", n=count, slug=slug))
