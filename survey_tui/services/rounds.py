"""Rounds: creating one (and a follow-up's defaults), editing, opening, closing, deleting.

The CLI, the wizard and the dashboard all create rounds through `create` with the
defaults of `defaults`, so a follow-up gets the same access, minimum group and
questionnaire whichever way it is made (they once differed: "open" from a script,
"codes" in the wizard and the dashboard).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from survey_tui.errors import InvalidInput, message
from survey_tui.store.values import KEEP  # noqa: F401 - "leave as it is" for edit_round

# A new round is open to anyone who can run `survey-tui answer` (as the thesis's survey
# was an open link) until codes are issued: issuing codes switches it to codes, so this
# default never locks anyone out, and a script gets what the wizard and dashboard offer.
DEFAULT_ACCESS = "open"


def check_min_group(value: Any) -> int:
    """The minimum group as a whole number within the limits, or one clear InvalidInput.

    Every interface passes what the coordinator typed straight here (a str from a form
    or the wizard, an int from click), so the limits and the wording exist once.
    """
    from survey_tui.store import MIN_GROUP_CEILING, MIN_GROUP_FLOOR

    text = str(value).strip()
    try:
        number = int(text)
    except ValueError:
        raise InvalidInput(message("svc_min_group_not_number", value=repr(text[:20]))) from None
    if not MIN_GROUP_FLOOR <= number <= MIN_GROUP_CEILING:
        raise InvalidInput(message("store_min_group_range", floor=MIN_GROUP_FLOOR, ceiling=MIN_GROUP_CEILING, value=number))
    return number


@dataclass(frozen=True)
class RoundDefaults:
    """What a new round starts from; a follow-up inherits its earlier round's settings."""

    previous: Any | None  # the followed Round
    questionnaire: Any | None  # the followed round's frozen questionnaire
    min_group: int
    access: str


def defaults(store, follows: str | None = None) -> RoundDefaults:
    from survey_tui.store import DEFAULT_MIN_GROUP

    previous = store.get_round(follows) if follows else None
    if previous is None:
        return RoundDefaults(None, None, DEFAULT_MIN_GROUP, DEFAULT_ACCESS)
    return RoundDefaults(previous, previous.questionnaire, previous.min_group, previous.access)


@dataclass(frozen=True)
class Created:
    round: Any
    codes: list  # (code, label) pairs issued with the round, shown once
    not_accepting: str | None  # why an open round still takes no answers (past dates)


def create(
    store,
    slug: str,
    *,
    questionnaire: Any = None,
    opens: dt.date | None = None,
    closes: dt.date | None = None,
    follows: str | None = None,
    min_group: Any = None,
    access: str | None = None,
    open_now: bool = False,
    code_count: int | None = None,
    allow_placeholders: bool = False,
) -> Created:
    """Create a round; anything not given comes from `defaults` (the followed round's).

    `questionnaire` is a Questionnaire, a shipped id or a file path; a follow-up without
    one keeps the earlier round's frozen questionnaire, so editing the YAML file in
    between does not silently change the comparison.
    """
    base = defaults(store, follows)
    if code_count:
        if access not in (None, "codes"):
            raise InvalidInput(message("svc_codes_need_access"))
        access = "codes"
    if isinstance(questionnaire, str):
        from survey_tui.questionnaire import resolve

        questionnaire = resolve(questionnaire)
    if questionnaire is None:
        questionnaire = base.questionnaire
    if questionnaire is None:
        raise InvalidInput(message("svc_give_questionnaire"))
    if open_now and not allow_placeholders:
        from survey_tui.questionnaire import placeholder_refusal

        refused = placeholder_refusal(questionnaire, message("q_placeholders_allow_on_new"))
        if refused:
            raise InvalidInput(refused)
    rnd = store.create_round(
        slug,
        questionnaire,
        opens=opens,
        closes=closes,
        access=access or base.access,
        min_group=base.min_group if min_group is None or str(min_group).strip() == "" else check_min_group(min_group),
        follows=follows,
        state="open" if open_now else "draft",
    )
    codes = store.add_codes(slug, count=code_count) if code_count else []
    reason = rnd.why_not_accepting() if rnd.state == "open" else None
    return Created(store.get_round(slug) if codes else rnd, codes, reason)


def past_closing(closes: dt.date | None, today: dt.date) -> bool:
    """A closing date already gone: the round would never take answers (worth a warning)."""
    return closes is not None and closes < today


def not_accepting_once_open(store, slug: str, today: dt.date | None = None) -> str | None:
    """Why the round would still take no answers once opened (dates), else None."""
    rnd = store.get_round(slug)
    return dataclasses.replace(rnd, state="open").why_not_accepting(today)


@dataclass(frozen=True)
class Opened:
    round: Any
    not_accepting: str | None
    codes_hint: str | None  # see codes_hint()


def open_round(store, slug: str, today: dt.date | None = None, *, allow_placeholders: bool = False) -> Opened:
    """Open (or reopen) a round; refused when its closing date has passed, or while its
    questionnaire has fill-in placeholders such as [contact details] (unless allowed)."""
    problem = store.get_round(slug).cannot_open(today)
    if problem:
        raise InvalidInput(problem)
    if not allow_placeholders:
        from survey_tui.questionnaire import placeholder_refusal

        refused = placeholder_refusal(
            store.get_round(slug).questionnaire, f"`survey-tui round open {slug} --allow-placeholders`",
            message("q_placeholders_remake", slug=slug),
        )
        if refused:
            raise InvalidInput(refused)
    rnd = store.set_state(slug, "open")
    return Opened(rnd, rnd.why_not_accepting(today), codes_hint(store, slug))


@dataclass(frozen=True)
class Closing:
    """What closing a round does, for the confirmation: answers end, drafts are deleted."""

    round: Any
    responses: int
    drafts: int


def closing(store, slug: str) -> Closing:
    rnd = store.get_round(slug)
    if rnd.state == "closed":
        raise InvalidInput(message("svc_round_already_closed", slug=repr(slug)))
    return Closing(rnd, store.count_responses(slug), store.count_drafts(slug))


def close_round(store, slug: str) -> Closing:
    """Close a round: no more answers, its unfinished drafts deleted. Returns what it did."""
    before = closing(store, slug)
    rnd = store.set_state(slug, "closed")
    return Closing(rnd, store.count_responses(slug), before.drafts)


@dataclass(frozen=True)
class Edited:
    before: Any
    round: Any
    changed: tuple[tuple[str, Any, Any], ...]  # (field, old, new), title as ("title", None, None)
    not_accepting: str | None
    codes_hint: str | None


def edit_round(store, slug: str, *, title: str | None = None, min_group: Any = None, **changes) -> Edited:
    """Change dates, minimum group, access or title (Store.edit_round keeps the anonymity rules)."""
    before = store.get_round(slug)
    if min_group is not None:
        min_group = check_min_group(min_group)
    rnd = store.edit_round(slug, title=title, min_group=min_group, **changes)
    old, new = before.to_dict(), rnd.to_dict()
    changed = [(key, old[key], new[key]) for key in ("opens", "closes", "min_group", "access") if old[key] != new[key]]
    if title is not None:
        changed.append(("title", None, None))
    reason = rnd.why_not_accepting() if rnd.state == "open" else None
    hint = codes_hint(store, slug) if rnd.access == "codes" and before.access != "codes" else None
    return Edited(before, rnd, tuple(changed), reason, hint)


@dataclass(frozen=True)
class Deletion:
    round: Any
    codes: int  # codes that stop working


def deletion(store, slug: str) -> Deletion:
    """What deleting would remove; refused for a round with responses (close it instead)."""
    rnd = store.get_round(slug)
    count = store.count_responses(slug)
    if count:
        noun = message("noun_response" if count == 1 else "noun_responses")
        raise InvalidInput(message("svc_delete_has_responses", slug=repr(slug), count=count, noun=noun))
    return Deletion(rnd, len(store.list_codes(slug)))


def delete_round(store, slug: str) -> None:
    deletion(store, slug)
    store.delete_round(slug)


def codes_hint(store, slug: str) -> str | None:
    """A round taking codes that has none yet: "invite" when recipients wait for theirs,
    "add" when codes must still be made, None when codes exist or none are needed."""
    rnd = store.get_round(slug)
    if rnd.access != "codes" or store.list_codes(slug):
        return None
    return "invite" if store.recipients().list(slug) else "add"


def overview(store, today: dt.date | None = None) -> dict[str, dict[str, Any]]:
    """Every round's status by slug (Store.statuses: one query, no questionnaire parsed),
    each with "not_accepting": why it takes no answers now, or None."""
    from survey_tui.domain.round import Round

    out = {}
    for status in store.statuses(today):
        rnd = Round(
            slug=status["round"], questionnaire=None, state=status["state"], access=status["access"],
            min_group=status["min_group"], follows=status["follows"],
            opens=dt.date.fromisoformat(status["opens"]) if status["opens"] else None,
            closes=dt.date.fromisoformat(status["closes"]) if status["closes"] else None,
        )
        out[rnd.slug] = status | {"not_accepting": rnd.why_not_accepting(today)}
    return out
