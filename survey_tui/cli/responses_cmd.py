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
            raise _DuplicateKey(f"key {key[:40]!r} appears twice")
        out[key] = value
    return out


def _shape(obj: Any) -> list[str]:
    """Problems with one record's structure, before checking it against the questionnaire."""
    if not isinstance(obj, dict):
        return ["expected a JSON object {\"language\": ..., \"answers\": {...}, \"ranking\": [...]}"]
    problems = [f"unknown key {k[:40]!r} (allowed: answers, language, ranking, response_id)" for k in obj if k not in KEYS]
    if "response_id" in obj and not isinstance(obj["response_id"], str):
        problems.append("\"response_id\" must be text (it is not stored; the response gets a new id)")
    if "language" not in obj:
        problems.append("missing \"language\"")
    elif obj["language"] is None:
        problems.append("\"language\" is null (an export withholds it for small language groups); give it, e.g. \"fi\"")
    elif not isinstance(obj["language"], str):
        problems.append("\"language\" must be text such as \"fi\"")
    if "answers" not in obj:
        problems.append("missing \"answers\"")
    elif not isinstance(obj["answers"], dict):
        problems.append("\"answers\" must be an object of question id to text")
    else:
        for qid, text in obj["answers"].items():
            if text is not None and not isinstance(text, str):
                problems.append(f"answer to {qid[:40]!r} must be text or null")
    ranking = obj.get("ranking")
    if ranking is not None and (not isinstance(ranking, list) or not all(isinstance(i, str) for i in ranking)):
        problems.append("\"ranking\" must be a list of item ids (text), most important first")
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
            problems.append(f"line {number}: not UTF-8 text (byte {exc.start + 1})")
            continue
        if not text.strip():
            continue
        try:
            obj = json.loads(text, object_pairs_hook=_no_duplicates)
        except _DuplicateKey as exc:
            problems.append(f"line {number}: {exc}")
            continue
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        except RecursionError:
            problems.append(f"line {number}: invalid JSON: nested too deeply")
            continue
        except ValueError:  # e.g. an integer longer than Python's 4300-digit limit
            problems.append(f"line {number}: invalid JSON: a number is too long")
            continue
        found = _shape(obj)
        if not found:
            found = check_response(questionnaire, obj["answers"], obj.get("ranking"), obj["language"])
        if found:
            problems.extend(f"line {number}: {one_line(p, 300)}" for p in found)
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
    (ranking lists item ids, most important first). The file of 'survey-tui export
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
