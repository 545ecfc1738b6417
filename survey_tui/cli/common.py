"""Shared helpers for commands: the store from the global --db option, JSON output."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any

import click

from survey_tui.errors import InvalidInput
from survey_tui.inputs import read_bounded  # noqa: F401 - the commands import it from here


# Commands that may start a new database at a path given with --db / SURVEY_TUI_DB.
CREATING = {"round new", "demo", "dashboard"}


def get_store(ctx: click.Context):
    """The Store for this invocation, opened once and closed when the command ends.

    A database named with --db (or SURVEY_TUI_DB) that does not exist is created only by a
    command that starts something; any other command refuses, so a mistyped path is not
    mistaken for an empty survey. The default database is created on first use.

    This is the CLI's one wiring place: no other CLI module opens the store itself.
    """
    from pathlib import Path

    from survey_tui.errors import NotFound
    from survey_tui.store import Store, default_db_path

    root = ctx.find_root()
    root.ensure_object(dict)
    store = root.obj.get("store")
    if store is None:
        given = root.obj.get("db_path")
        path = given or default_db_path()
        command = " ".join(ctx.command_path.split()[1:])
        if given and command not in CREATING and not Path(given).exists():
            raise NotFound(say("cli_err_no_database", path=given))
        store = Store(path)
        from survey_tui.store.files import follow_database

        follow_database(store.path)
        root.obj["store"] = store
        root.call_on_close(store.close)
    return store


def coordinator_lang(ctx: click.Context | None = None) -> str:
    """The language of the coordinator's messages: the global --lang, else the locale by
    POSIX precedence (LC_ALL, LC_MESSAGES, LANG; i18n.locale_lang), else English."""
    from survey_tui.i18n import locale_lang

    ctx = ctx or click.get_current_context(silent=True)
    given = None
    if ctx is not None:
        root = ctx.find_root()
        given = (root.obj or {}).get("lang") if isinstance(root.obj, dict) else None
    return given or locale_lang()


def say(key: str, **kw: object) -> str:
    """The CLI message `key` (the catalog's "cli" part) in the coordinator's language."""
    from survey_tui.i18n import text

    return text("cli", coordinator_lang(), key, **kw)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False))


def parse_date(value: str | None, name: str) -> dt.date | None:
    """YYYY-MM-DD, 'today' or relative to today such as +14d (survey_tui/dates.py); "" is no date."""
    from survey_tui.dates import parse_option

    return parse_option(value, name)


def interactive() -> bool:
    """Prompts only where a person can answer them."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def default_database():
    """The database path used without --db (the store's rule, for `locate` and `serve`)."""
    from survey_tui.store import default_db_path

    return default_db_path()


def complete_rounds(ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
    """Round names for shell completion (docs: README "Shell completion"). Never creates a
    database and never fails: a completion that cannot be made offers nothing."""
    from pathlib import Path

    from click.shell_completion import CompletionItem

    path = ctx.find_root().params.get("db_path") or default_database()
    if not Path(path).exists():
        return []
    try:
        from survey_tui.store import Store

        with Store(path) as store:
            slugs = [status["round"] for status in store.statuses()]
    except Exception:  # noqa: BLE001 - a locked or foreign file: no suggestions, no traceback in the shell
        return []
    return [CompletionItem(slug) for slug in slugs if slug.startswith(incomplete)]


def complete_questionnaires(ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
    """Shipped questionnaire ids, then YAML files, for shell completion."""
    from click.shell_completion import CompletionItem

    from survey_tui.questionnaire import shipped_files

    ids = [CompletionItem(qid) for qid in shipped_files() if qid.startswith(incomplete)]
    return ids + [CompletionItem(incomplete, type="file")]
