"""Access codes: issuing one-time codes, the lock-out confirmation, the reminder list.

An access code lets one person answer once; only its scrypt hash is stored and it is
never linked to the answer. (Resume codes reopen a draft; tags label answers: other
words for other ideas, docs/architecture.md "Words".)
"""

from __future__ import annotations

from dataclasses import dataclass

from survey_tui.errors import InvalidInput, message


def issue(store, slug: str, *, count: int | None = None, labels: list[str] | None = None,
          switch_access: bool = False, progress=None) -> list[tuple[str, str | None]]:
    """New codes for a round, (code, label) pairs to show once.

    Refused for a closed round (a code for it could never be used). A round open to
    anyone that people already answer raises WouldLockOutRespondents unless
    switch_access: each interface asks the coordinator once and calls again.
    """
    rnd = store.get_round(slug)
    if rnd.state == "closed":
        raise InvalidInput(message("svc_codes_round_closed", slug=repr(slug), name=slug))
    return store.add_codes(slug, count=count, labels=labels, switch_access=switch_access, progress=progress)


@dataclass(frozen=True)
class Reminders:
    """Who still needs a reminder: the labels of unused codes (never who used which)."""

    codes: tuple[tuple[str | None, bool], ...]  # (label, used) of every code, by label

    @property
    def issued(self) -> int:
        return len(self.codes)

    @property
    def used(self) -> int:
        return sum(1 for _label, used in self.codes if used)

    @property
    def unused(self) -> int:
        return self.issued - self.used

    def shown(self, unused_only: bool = False) -> tuple[tuple[str | None, bool], ...]:
        return tuple(c for c in self.codes if not (unused_only and c[1]))

    def unused_labels(self) -> list[str]:
        return sorted(label for label, used in self.codes if label and not used)

    def unused_unlabelled(self) -> int:
        return sum(1 for label, used in self.codes if not label and not used)


def reminders(store, slug: str) -> Reminders:
    return Reminders(tuple((c["label"], c["used"]) for c in store.list_codes(slug)))


def forget(store, slug: str) -> dict[str, int]:
    """Delete a finished round's codes, addresses and send log; answers stay."""
    if store.get_round(slug).accepting():
        raise InvalidInput(message("svc_forget_still_open", slug=repr(slug), name=slug))
    return store.recipients().forget(slug)
