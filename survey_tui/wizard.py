"""Questionary prompts for coordinator commands, used only when a person is at a TTY.

questionary (and prompt_toolkit under it) is imported inside the functions, so the
respondent app and non-interactive commands never load it. Every prompt passes
`pt` keyword arguments through to prompt_toolkit, which lets tests drive the wizard
with a pipe input instead of a terminal.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable, Sequence

import click

from survey_tui import dates

FIELDS = ("questionnaire", "opens", "closes", "min_group", "access", "codes", "open_now")


def _w(key: str, **kw: Any) -> str:
    """A wizard text in the coordinator's language (the catalog's "cli" part)."""
    from survey_tui.cli.common import coordinator_lang
    from survey_tui.i18n import text

    return text("cli", coordinator_lang(), key, **kw)


def _answer(question: Any) -> Any:
    # .ask() returns None when the person presses Ctrl-C: stop the command cleanly.
    value = question.ask()
    if value is None:
        raise click.Abort()
    return value


def _date_ok(text: str) -> bool | str:
    if not text.strip():
        return True
    try:
        dates.parse(text)
    except ValueError:
        return _w("wizard_not_a_date", hint=dates.hint())
    return True


def _closes_ok(opens: dt.date | None):
    """The closing date is checked against the opening date as it is typed."""

    def check(text: str) -> bool | str:
        ok = _date_ok(text)
        if ok is not True or not text.strip() or opens is None:
            return ok
        if dates.parse(text) < opens:
            return _w("wizard_closes_before", opens=opens.isoformat())
        return True

    return check


def _min_group_ok(text: str) -> bool | str:
    from survey_tui.errors import InvalidInput
    from survey_tui.services.rounds import check_min_group

    try:
        check_min_group(text)
    except InvalidInput as exc:
        return str(exc)[0].upper() + str(exc)[1:]
    return True


def _count_ok(text: str) -> bool | str:
    if not text.strip().isdigit() or not 0 <= int(text) <= 100_000:
        return _w("wizard_count_range")
    return True


def _questionnaire_ok(text: str) -> bool | str:
    from survey_tui.errors import SurveyError
    from survey_tui.questionnaire import resolve

    if not text.strip():
        return _w("wizard_give_path")
    try:
        resolve(text.strip())
    except SurveyError as exc:
        return str(exc).splitlines()[0][:200]
    return True


def ask_round(
    slug: str,
    ask: Iterable[str],
    defaults: dict[str, Any],
    shipped: Sequence[str] = (),
    **pt: Any,
) -> dict[str, Any]:
    """Ask the round settings named in `ask`; returns {field: value} for those.

    `defaults` holds what a follow-up inherits (questionnaire, min_group, access)
    and is shown as each prompt's default.
    """
    import questionary  # noqa: PLC0415 - only when a person is answering prompts

    wanted = [f for f in FIELDS if f in set(ask)]
    out: dict[str, Any] = {}
    if wanted:
        click.echo(_w("wizard_settings", slug=repr(slug)))
    for name in wanted:
        default = defaults.get(name)
        if name == "questionnaire":
            other = _w("wizard_another_file")
            choices = list(shipped) + [other]
            start = default if default in choices else (choices[0] if shipped else other)
            picked = _answer(questionary.select(_w("wizard_questionnaire"), choices=choices, default=start, **pt))
            if picked == other:
                picked = _answer(
                    questionary.path(_w("wizard_file"), validate=_questionnaire_ok, **pt)
                ).strip()
            out[name] = picked
        elif name in ("opens", "closes"):
            validate = _date_ok if name == "opens" else _closes_ok(out.get("opens", defaults.get("opens")))
            text = _answer(
                questionary.text(
                    _w(f"wizard_{name}"),
                    default=default.isoformat() if isinstance(default, dt.date) else "",
                    validate=validate,
                    **pt,
                )
            ).strip()
            out[name] = dates.parse(text) if text else None
        elif name == "min_group":
            text = _answer(
                questionary.text(
                    _w("wizard_min_group"),
                    default=str(default or 5),
                    validate=_min_group_ok,
                    **pt,
                )
            )
            out[name] = int(text)
        elif name == "access":
            choices = [
                questionary.Choice(_w("wizard_access_codes"), value="codes"),
                questionary.Choice(_w("wizard_access_open"), value="open"),
            ]
            out[name] = _answer(
                questionary.select(_w("wizard_access"), choices=choices, default=default or "codes", **pt)
            )
        elif name == "codes":
            if out.get("access", defaults.get("access")) != "codes":
                continue
            text = _answer(
                questionary.text(
                    _w("wizard_codes"),
                    default=str(default or 0),
                    validate=_count_ok,
                    **pt,
                )
            )
            out[name] = int(text)
        elif name == "open_now":
            out[name] = _answer(questionary.confirm(_w("wizard_open_now"), default=bool(default), **pt))
    return out


def confirm(message: str, default: bool = False, **pt: Any) -> bool:
    import questionary  # noqa: PLC0415

    return bool(_answer(questionary.confirm(message, default=default, **pt)))
