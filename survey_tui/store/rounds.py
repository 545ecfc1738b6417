"""Rounds: create, read, edit, open and close, delete; a round's status."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from survey_tui import questionnaire as qmod
from survey_tui.domain.round import ACCESS, DEFAULT_MIN_GROUP, MIN_GROUP_CEILING, MIN_GROUP_FLOOR, STATES, Round
from survey_tui.errors import InvalidInput, NotFound, WouldLockOutRespondents, message
from survey_tui.questionnaire import Questionnaire
from survey_tui.store.drafts import _purge_expired_drafts
from survey_tui.store.values import KEEP, _date, _label, random_id

SLUG_RE = qmod.ID_RE


def _refuse_lockout(rnd: Round, answered_or_started: int) -> None:
    """Codes for an open round that people answer without one would lock them out."""
    if rnd.state == "open" and rnd.access == "open" and answered_or_started:
        raise WouldLockOutRespondents(message("store_lockout", slug=repr(rnd.slug)))


class Rounds:
    """Store's rounds: what a round is set to and how it stands."""

    def check_new_slug(self, slug: str) -> None:
        """Refuse a round name that is invalid or taken (before asking anything else)."""
        if not isinstance(slug, str) or not SLUG_RE.match(slug):
            raise InvalidInput(message("store_invalid_slug", slug=repr(slug)))
        if self._read("SELECT 1 FROM rounds WHERE slug = ?", (slug,)):
            raise InvalidInput(message("store_round_exists", slug=repr(slug)))

    def create_round(
        self,
        slug: str,
        questionnaire: Questionnaire,
        *,
        opens: dt.date | None = None,
        closes: dt.date | None = None,
        access: str = "open",
        min_group: int = DEFAULT_MIN_GROUP,
        follows: str | None = None,
        state: str = "draft",
    ) -> Round:
        self.check_new_slug(slug)
        if access not in ACCESS:
            raise InvalidInput(message("store_access_choices", choices=", ".join(ACCESS)))
        if state not in STATES:
            raise InvalidInput(message("store_state_choices", choices=", ".join(STATES)))
        if not MIN_GROUP_FLOOR <= int(min_group) <= MIN_GROUP_CEILING:
            raise InvalidInput(
                message("store_min_group_range", floor=MIN_GROUP_FLOOR, ceiling=MIN_GROUP_CEILING, value=min_group)
            )
        if opens and closes and closes < opens:
            raise InvalidInput(message("store_closes_before_opens", closes=closes, opens=opens))

        def insert(conn: sqlite3.Connection) -> None:
            if conn.execute("SELECT 1 FROM rounds WHERE slug = ?", (slug,)).fetchone():
                raise InvalidInput(message("store_round_exists", slug=repr(slug)))
            if follows is not None and not conn.execute("SELECT 1 FROM rounds WHERE slug = ?", (follows,)).fetchone():
                raise NotFound(message("store_follows_missing", slug=repr(follows)))
            conn.execute(
                "INSERT INTO rounds (slug, questionnaire_id, questionnaire_json, state, access, min_group,"
                " opens, closes, follows, code_salt, release_key) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    slug,
                    questionnaire.id,
                    questionnaire.to_json(),
                    state,
                    access,
                    int(min_group),
                    opens.isoformat() if opens else None,
                    closes.isoformat() if closes else None,
                    follows,
                    random_id(),
                    random_id(),
                ),
            )
            _purge_expired_drafts(conn)

        self.write(insert)
        return self.get_round(slug)

    def _round_from_row(self, row: tuple) -> Round:
        slug, qjson, state, access, min_group, opens, closes, follows = row
        return Round(
            slug=slug,
            questionnaire=qmod.from_json(qjson, f"round {slug}"),
            state=state,
            access=access,
            min_group=min_group,
            opens=_date(opens),
            closes=_date(closes),
            follows=follows,
        )

    _ROUND_COLS = "slug, questionnaire_json, state, access, min_group, opens, closes, follows"

    def get_round(self, slug: str) -> Round:
        rows = self._read(f"SELECT {self._ROUND_COLS} FROM rounds WHERE slug = ?", (slug,))
        if not rows:
            raise NotFound(message("store_no_round_hint", slug=repr(str(slug)[:64])))
        return self._round_from_row(rows[0])

    def list_rounds(self) -> list[Round]:
        rows = self._read(f"SELECT {self._ROUND_COLS} FROM rounds ORDER BY slug")
        return [self._round_from_row(r) for r in rows]

    def accepting_rounds(self, today: dt.date | None = None) -> list[Round]:
        return [r for r in self.list_rounds() if r.accepting(today)]

    def set_state(self, slug: str, state: str) -> Round:
        if state not in STATES:
            raise InvalidInput(message("store_state_choices", choices=", ".join(STATES)))

        def update(conn: sqlite3.Connection) -> None:
            if not conn.execute("SELECT 1 FROM rounds WHERE slug = ?", (slug,)).fetchone():
                raise NotFound(message("store_no_round", slug=repr(slug)))
            conn.execute("UPDATE rounds SET state = ? WHERE slug = ?", (state, slug))
            _purge_expired_drafts(conn)

        self.write(update)
        return self.get_round(slug)

    def edit_round(
        self,
        slug: str,
        *,
        opens: dt.date | None | object = KEEP,
        closes: dt.date | None | object = KEEP,
        min_group: int | None = None,
        access: str | None = None,
        title: str | None = None,
        switch_access: bool = False,
    ) -> Round:
        """Change a round's dates, minimum group, access or title, keeping the anonymity rules.

        - The minimum group can always be raised; once results have been released (shown)
          it cannot be lowered, or the next release could differ from the shown ones by
          fewer people than the shown results were protected by.
        - Switching an open round that people already answer (or have started) without a
          code to codes locks them out: refused unless switch_access, as in add_codes.
        - opens/closes: KEEP leaves a date as it is, None removes it.
        - title: the questionnaire's title in every language (the rest of the frozen
          questionnaire is not editable: answers refer to it).
        """
        rnd = self.get_round(slug)
        new_opens = rnd.opens if opens is KEEP else opens
        new_closes = rnd.closes if closes is KEEP else closes
        if new_opens and new_closes and new_closes < new_opens:
            raise InvalidInput(message("store_would_close_before_opens", closes=new_closes, opens=new_opens))
        if access is not None and access not in ACCESS:
            raise InvalidInput(message("store_access_choices", choices=", ".join(ACCESS)))
        if min_group is not None:
            if not MIN_GROUP_FLOOR <= int(min_group) <= MIN_GROUP_CEILING:
                raise InvalidInput(
                    message("store_min_group_range", floor=MIN_GROUP_FLOOR, ceiling=MIN_GROUP_CEILING, value=min_group)
                )
            releases = self._read("SELECT releases FROM rounds WHERE slug = ?", (slug,))[0][0]
            if int(min_group) < rnd.min_group and releases:
                raise InvalidInput(message("store_min_group_not_lower", slug=repr(slug), minimum=rnd.min_group))
        if access == "codes" and not switch_access:
            _refuse_lockout(rnd, self.count_responses(slug) + self.count_drafts(slug))
        questionnaire_json = None
        if title is not None:
            from dataclasses import replace

            text = _label(title)
            if not text or len(text) > qmod.LIMITS["title"]:
                raise InvalidInput(message("store_title_length", limit=qmod.LIMITS["title"]))
            q = rnd.questionnaire
            questionnaire_json = replace(q, title={lang: text for lang in q.languages}).to_json()

        def update(conn: sqlite3.Connection) -> None:
            if not conn.execute("SELECT 1 FROM rounds WHERE slug = ?", (slug,)).fetchone():
                raise NotFound(message("store_no_round", slug=repr(slug)))
            conn.execute(
                "UPDATE rounds SET opens = ?, closes = ?, min_group = ?, access = ?,"
                " questionnaire_json = coalesce(?, questionnaire_json) WHERE slug = ?",
                (
                    new_opens.isoformat() if new_opens else None,
                    new_closes.isoformat() if new_closes else None,
                    int(min_group) if min_group is not None else rnd.min_group,
                    access or rnd.access,
                    questionnaire_json,
                    slug,
                ),
            )
            _purge_expired_drafts(conn)

        self.write(update)
        return self.get_round(slug)

    def delete_round(self, slug: str) -> None:
        """Remove a round that nobody has answered (a mistyped name or dates), with its codes and drafts."""
        self.get_round(slug)

        def delete(conn: sqlite3.Connection) -> None:
            (count,) = conn.execute("SELECT count(*) FROM responses WHERE round = ?", (slug,)).fetchone()
            if count:
                raise InvalidInput(message("store_delete_has_responses", slug=repr(slug), count=count))
            follower = conn.execute("SELECT slug FROM rounds WHERE follows = ? ORDER BY slug", (slug,)).fetchone()
            if follower:
                raise InvalidInput(message("store_delete_follower", follower=repr(follower[0]), slug=repr(slug)))
            conn.execute("DELETE FROM drafts WHERE round = ?", (slug,))
            conn.execute("DELETE FROM codes WHERE round = ?", (slug,))
            conn.execute("DELETE FROM rounds WHERE slug = ?", (slug,))

        self.write(delete)

    def count_responses(self, slug: str) -> int:
        return self._read("SELECT count(*) FROM responses WHERE round = ?", (slug,))[0][0]

    def statuses(self, today: dt.date | None = None) -> list[dict[str, Any]]:
        """status() of every round in one query, without parsing any questionnaire.

        For views that refresh on a timer (the dashboard's rounds table): the frozen
        questionnaire JSON is never read, only its id column and the counts.
        """
        rows = self._read(
            "SELECT r.slug, r.questionnaire_id, r.state, r.access, r.min_group, r.opens, r.closes, r.follows,"
            " (SELECT count(*) FROM responses WHERE round = r.slug),"
            " (SELECT count(*) FROM codes WHERE round = r.slug),"
            " (SELECT coalesce(sum(used), 0) FROM codes WHERE round = r.slug)"
            " FROM rounds r ORDER BY r.slug"
        )
        out = []
        for slug, qid, state, access, min_group, opens, closes, follows, responses, issued, used in rows:
            rnd = Round(slug=slug, questionnaire=None, state=state, access=access, min_group=min_group,
                        opens=_date(opens), closes=_date(closes), follows=follows)
            out.append(self._status_dict(rnd, qid, responses, issued, used, today))
        return out

    @staticmethod
    def _status_dict(rnd, questionnaire_id, responses, issued, used, today) -> dict[str, Any]:
        rate = (used / issued) if issued else None
        return {
            "round": rnd.slug,
            "questionnaire": questionnaire_id,
            "state": rnd.state,
            "accepting": rnd.accepting(today),
            "access": rnd.access,
            "responses": responses,
            "codes_issued": issued,
            "codes_used": used,
            "response_rate": round(rate, 4) if rate is not None else None,
            "opens": rnd.opens.isoformat() if rnd.opens else None,
            "closes": rnd.closes.isoformat() if rnd.closes else None,
            "days_left": rnd.days_left(today),
            "min_group": rnd.min_group,
            "follows": rnd.follows,
        }

    def status(self, slug: str, today: dt.date | None = None) -> dict[str, Any]:
        rnd = self.get_round(slug)
        issued, used = self._read(
            "SELECT count(*), coalesce(sum(used), 0) FROM codes WHERE round = ?", (slug,)
        )[0]
        return self._status_dict(rnd, rnd.questionnaire.id, self.count_responses(slug), issued, used, today)
