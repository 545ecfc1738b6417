"""A survey round as a value: its states, limits and whether it takes answers (no SQL, no interface)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from survey_tui.errors import message

if TYPE_CHECKING:
    from survey_tui.questionnaire import Questionnaire

STATES = ("draft", "open", "closed")
ACCESS = ("open", "codes")
MIN_GROUP_FLOOR = 3
MIN_GROUP_CEILING = 10_000  # above this no survey of this kind could ever be reported
DEFAULT_MIN_GROUP = 5


@dataclass(frozen=True)
class Round:
    """A survey round: its questionnaire, state, dates, access and minimum group."""

    slug: str
    questionnaire: Questionnaire
    state: str
    access: str
    min_group: int
    opens: dt.date | None = None
    closes: dt.date | None = None
    follows: str | None = None

    def accepting(self, today: dt.date | None = None) -> bool:
        return self.why_not_accepting(today) is None

    def unavailable(self, today: dt.date | None = None) -> tuple[str, dt.date | None] | None:
        """Why the round takes no answers: ("not_opened" | "closed" | "opens_on" | "closed_on",
        the date that decides it), or None when it takes them. Worded by why_not_accepting
        for coordinators and by i18n.round_unavailable for respondents."""
        today = today or dt.date.today()
        if self.state == "draft":
            return "not_opened", None
        if self.state == "closed":
            return "closed", None
        if self.opens and today < self.opens:
            return "opens_on", self.opens
        if self.closes and today > self.closes:
            return "closed_on", self.closes
        return None

    def why_not_accepting(self, today: dt.date | None = None) -> str | None:
        reason = self.unavailable(today)
        if reason is None:
            return None
        key, day = reason
        keys = {"not_opened": "round_not_opened", "closed": "round_is_closed", "opens_on": "round_opens_on",
                "closed_on": "round_closed_on"}
        return message(keys[key], slug=repr(self.slug), day=day.isoformat() if day else "")

    def cannot_open(self, today: dt.date | None = None) -> str | None:
        """Why opening the round would be pointless (its closing date has passed), with the fix."""
        today = today or dt.date.today()
        if self.closes and self.closes < today:
            return message("round_cannot_open", slug=repr(self.slug), day=self.closes.isoformat(), name=self.slug)
        return None

    def days_left(self, today: dt.date | None = None) -> int | None:
        """Days until the closing date (0 on its last day); None without one or once over."""
        if self.closes is None or self.state == "closed":
            return None
        days = (self.closes - (today or dt.date.today())).days
        return days if days >= 0 else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "round": self.slug,
            "questionnaire": self.questionnaire.id,
            "questionnaire_version": self.questionnaire.version,
            "state": self.state,
            "access": self.access,
            "min_group": self.min_group,
            "opens": self.opens.isoformat() if self.opens else None,
            "closes": self.closes.isoformat() if self.closes else None,
            "follows": self.follows,
        }
