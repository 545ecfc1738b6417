"""Planned mailings: when they are due, sending the due ones (tick), and each recipient's latest status."""

from __future__ import annotations

import datetime as dt
import time
from typing import Callable, Iterable

from survey_tui.errors import InvalidInput, NotFound, message
from survey_tui.invitations.delivery import Summary, deliver, now_text
from survey_tui.invitations.letters import HowToAnswer, load_templates
from survey_tui.sanitize import one_line


def parse_when(text: str, now: dt.datetime | None = None) -> str:
    """A date and time as UTC text; must be in the future.

    ISO (2026-03-09T09:00, local time when no zone is given), or a day as `round` dates are
    typed (today, tomorrow, +7d, +2w) with a time: "+7d 09:00", so scripts and the README's
    examples stay valid on any day.
    """
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        moment = _relative_moment(text)
        if moment is None:
            raise InvalidInput(message("inv_at_not_datetime", text=repr(one_line(text, 40)))) from None
    if moment.tzinfo is None:
        moment = moment.astimezone()  # the machine's local time
    now = now or dt.datetime.now(dt.timezone.utc)
    if moment <= now:
        raise InvalidInput(message("inv_at_not_future", text=repr(one_line(text, 40))))
    return moment.astimezone(dt.timezone.utc).replace(microsecond=0).isoformat()


def plan(store, slug: str, kind: str, at: str) -> object:
    store.get_round(slug)
    if not store.recipients().list(slug):
        raise NotFound(message("inv_no_recipients", slug=repr(slug), name=slug))
    return store.recipients().new_mailing(slug, kind, now_text(), planned_for=at)


def due(store, clock: Callable[[], dt.datetime] | None = None) -> list:
    return store.recipients().due(now_text(clock))


def run_due(store, make_transport: Callable[[], object], *, sender: str, how: HowToAnswer = HowToAnswer(),
            rate: float | None = None, clock=None, progress=None, sleep=time.sleep,
            templates: list[str] | tuple[str, ...] = ()) -> list[Summary]:
    """Send every planned mailing that is due, then mark it done (tick)."""
    out = []
    for mailing in due(store, clock):
        rnd = store.get_round(mailing.round)
        gone = rnd.unavailable()
        if gone and gone[0] in ("closed", "closed_on"):
            store.recipients().mark_done(mailing.id)
            out.append(Summary(mailing.round, mailing.kind, mailing.id))
            continue
        letters = load_templates(templates, rnd.questionnaire) if templates else None
        summary = deliver(store, mailing.round, mailing.kind, make_transport(), sender=sender, how=how,
                          rate=rate, clock=clock, progress=progress, sleep=sleep, mailing=mailing, templates=letters)
        store.recipients().mark_done(mailing.id)
        out.append(summary)
    return out


def recipients_overview(store, slug: str) -> Iterable[dict]:
    """Per recipient: label, address, language and the latest status of each kind of mailing."""
    book = store.recipients()
    mailings = [m for m in book.mailings(slug) if m.state == "done"]
    sends = {m.id: book.sends(m.id) for m in mailings}
    for r in book.list(slug):
        row = {"label": r.label, "email": r.email, "language": r.language or ""}
        for kind in ("invite", "remind", "final"):
            last = ""
            for m in mailings:
                if m.kind == kind and r.label in sends[m.id]:
                    last = sends[m.id][r.label]["status"]
            row[kind] = last
        yield row


def _relative_moment(text: str) -> dt.datetime | None:
    import re

    from survey_tui import dates

    match = re.fullmatch(r"\s*(.+?)[T ]\s*(\d{1,2}:\d{2})\s*", str(text))
    if not match:
        return None
    try:
        return dt.datetime.combine(dates.parse(match[1]), dt.time.fromisoformat(match[2].zfill(5)))
    except ValueError:
        return None
