"""Sending one mailing (invite, remind, final): fresh codes at send time, the send log, the summary."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import Callable

from survey_tui.errors import InvalidInput, NotFound, message
from survey_tui.invitations.letters import HowToAnswer, _header_address, build_message
from survey_tui.invitations.recipients import address_problem
from survey_tui.invitations.transport import DryRunTransport

PLACEHOLDER_CODE = "XXXXX-XXXXX"


@dataclass
class Result:
    label: str
    email: str
    status: str  # sent | refused | invalid | failed | answered (final reminder: no code) | skipped
    detail: str = ""
    code_given: bool = False


@dataclass
class Summary:
    round: str
    kind: str
    mailing: str | None
    results: list[Result] = field(default_factory=list)
    dry_run: bool = False

    def counts(self) -> dict[str, int]:
        out = {status: 0 for status in ("sent", "refused", "invalid", "failed")}
        for r in self.results:
            out[r.status] = out.get(r.status, 0) + 1
        return out

    @property
    def failed(self) -> list[Result]:
        return [r for r in self.results if r.status in ("refused", "invalid", "failed")]

    def to_dict(self) -> dict:
        return {
            "round": self.round,
            "kind": self.kind,
            "dry_run": self.dry_run,
            "counts": self.counts(),
            "recipients": [{"label": r.label, "email": r.email, "status": r.status, "detail": r.detail} for r in self.results],
        }


def now_text(clock: Callable[[], dt.datetime] | None = None) -> str:
    moment = clock() if clock else dt.datetime.now(dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc).replace(microsecond=0).isoformat()


def deliver(
    store,
    slug: str,
    kind: str,
    transport,
    *,
    sender: str,
    how: HowToAnswer = HowToAnswer(),
    retry: bool = False,
    rate: float | None = None,
    progress: Callable[[Result], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], dt.datetime] | None = None,
    mailing=None,
    dry_run: bool = False,
    on_targets: Callable[[int], None] | None = None,
    templates: dict | None = None,
) -> Summary:
    """Send one mailing (invite, remind or final) of a round; see the module docstring.

    invite: every recipient not yet sent an invitation (a re-run is the retry).
    remind: recipients whose code is unused; `retry` sends, within the latest reminder, only to
    those it has not reached (refused, invalid, failed, or not tried when the run stopped).
    final: every recipient; `retry` likewise.
    """
    from survey_tui.store import _code_hash, new_code

    if kind not in ("invite", "remind", "final"):
        raise ValueError(kind)
    rnd = store.get_round(slug)
    book = store.recipients()
    everyone = book.list(slug)
    if not everyone:
        raise NotFound(message("inv_no_recipients", slug=repr(slug), name=slug))
    gone = rnd.unavailable()
    if gone and gone[0] in ("closed", "closed_on") and not dry_run:
        raise InvalidInput(message("inv_closed_nothing_sent", why=rnd.why_not_accepting()))
    _header_address(sender)  # a broken sender is one line before anything is sent
    done: dict[str, dict[str, str]] = {}
    if mailing is None and not dry_run:
        earlier = [m for m in book.mailings(slug) if m.kind == kind and m.state == "done"]
        if kind == "invite" and earlier:
            mailing = earlier[-1]
        elif retry:
            if not earlier:
                raise NotFound(message("inv_no_reminder_to_retry" if kind == "remind" else "inv_no_final_to_retry", slug=repr(slug)))
            mailing = earlier[-1]
    if mailing is not None:
        done = book.sends(mailing.id)
    targets = []
    for r in everyone:
        previous = done.get(r.label)
        if previous and previous["status"] == "sent":
            continue  # already reached in this mailing
        if kind == "remind" and r.answered:
            continue
        targets.append(r)
    summary = Summary(slug, kind, None, dry_run=dry_run)
    if on_targets:
        on_targets(len(targets))
    if not targets:
        return summary
    salt = store._code_salt(slug)
    interval = 60.0 / rate if rate else 0.0
    transport.open()  # a server that cannot be reached leaves no empty mailing behind
    try:
        if mailing is None and not dry_run:
            mailing = book.new_mailing(slug, kind, now_text(clock))
        summary.mailing = mailing.id if mailing else None
        last = None
        for r in targets:
            problem = address_problem(r.email)
            if problem:
                result = Result(r.label, r.email, "invalid", problem)
            else:
                code = None
                if dry_run:
                    code = None if (kind == "final" and r.answered) else PLACEHOLDER_CODE
                elif not (kind == "final" and r.answered):
                    code = new_code()
                    if not book.issue_code(slug, r.label, _code_hash(slug, code, salt)):
                        code = None  # answered since the list was read
                        if kind != "final":
                            summary.results.append(Result(r.label, r.email, "skipped", "answered meanwhile"))
                            continue
                msg = build_message(rnd, kind=kind, to=r.email, sender=sender, language=r.language, code=code, how=how,
                                    templates=templates)
                if interval and last is not None:
                    wait = interval - (time.monotonic() - last)
                    if wait > 0:
                        sleep(wait)
                last = time.monotonic()
                if isinstance(transport, DryRunTransport):
                    status, detail = transport.send(msg, r.label)
                else:
                    status, detail = transport.send(msg)
                result = Result(r.label, r.email, status, detail, code_given=bool(code))
            if mailing is not None:
                book.record(mailing.id, r.label, result.status, now_text(clock), result.detail)
            summary.results.append(result)
            if progress:
                progress(result)
    finally:
        transport.close()
    return summary
