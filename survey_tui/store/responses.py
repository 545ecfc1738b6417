"""Submitting and importing responses: one transaction each, mixed into the file (store/layout.py)."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from typing import Any, Mapping

from survey_tui import questionnaire as qmod
from survey_tui.domain.round import Round
from survey_tui.errors import CodeRejected, ResponseInvalid, RoundNotOpen, message
from survey_tui.store.codes import _code_hash
from survey_tui.store.drafts import _token_hashes
from survey_tui.store.values import _date, random_id


def _response_rows(answers: Mapping[str, Any], ranking: list[str] | None, questionnaire=None) -> tuple[list[tuple[str, str]], list[tuple[str, int]]]:
    if questionnaire is not None:  # closed values as answers.encode texts; hidden questions' answers dropped
        answer_rows = qmod.stored_texts(questionnaire, answers)
    else:
        answer_rows = [(qid, text) for qid, text in answers.items() if isinstance(text, str) and text.strip()]
    rank_rows = [(item, pos) for pos, item in enumerate(ranking or [], 1)]
    return answer_rows, rank_rows


def _insert_responses(conn: sqlite3.Connection, slug: str, min_group: int, records) -> None:
    """New responses (held back: no batch yet), mixed into the file with their neighbours."""
    from survey_tui.store import layout

    new: dict[str, list[tuple]] = {"responses": [], "answers": [], "rankings": [], "answer_codes": []}
    for language, (answer_rows, rank_rows) in records:
        rid = random_id()
        new["responses"].append((rid, slug, language, None))
        new["answers"] += [(rid, qid, text) for qid, text in answer_rows]
        new["rankings"] += [(rid, item, pos) for item, pos in rank_rows]
    layout.insert_mixed(conn, slug, min_group, new)


class Responses:
    """Store's way in for responses: submit one, or import many.

    Rows are inserted by the package's `_insert_responses`, looked up at each call: the
    fault kit replaces it there to make every insert fail.
    """

    def submit(
        self,
        slug: str,
        answers: Mapping[str, Any],
        ranking: list[str] | None,
        language: str,
        code: str | None = None,
        *,
        draft_token: str | None = None,
        today: dt.date | None = None,
    ) -> None:
        """Store one response atomically, consuming the code and the draft if given."""
        rnd = self.get_round(slug)
        problems = qmod.check_response(rnd.questionnaire, answers, ranking, language)
        if problems:
            raise ResponseInvalid(problems)
        rows = _response_rows(answers, ranking, rnd.questionnaire)
        digest = _code_hash(slug, code, self._code_salt(slug)) if code else None
        drafts = _token_hashes(draft_token) if draft_token else ()

        def insert(conn: sqlite3.Connection) -> None:
            from survey_tui import store as package

            state_row = conn.execute("SELECT state, opens, closes FROM rounds WHERE slug = ?", (slug,)).fetchone()
            current = Round(slug, rnd.questionnaire, state_row[0], rnd.access, rnd.min_group, _date(state_row[1]), _date(state_row[2]))
            reason = current.why_not_accepting(today)
            if reason:
                raise RoundNotOpen(reason)
            if rnd.access == "codes" or code is not None:
                if not code:
                    raise CodeRejected(message("store_code_missing"), "missing")
                cur = conn.execute(
                    "UPDATE codes SET used = 1 WHERE hash = ? AND round = ? AND used = 0", (digest, slug)
                )
                if cur.rowcount != 1:
                    exists = conn.execute("SELECT 1 FROM codes WHERE hash = ?", (digest,)).fetchone()
                    if exists:
                        raise CodeRejected(message("store_code_used"), "used")
                    raise CodeRejected(message("store_code_unknown"), "unknown")
            package._insert_responses(conn, slug, rnd.min_group, [(language, rows)])
            if draft_token:
                conn.executemany("DELETE FROM drafts WHERE token_hash = ?", [(h,) for h in drafts])

        with self._write_queue().turn(self.busy_timeout) as turn:
            try:
                self.write(insert, foreign_keys=False)
            finally:
                # Also after a refused submit: the submitter before it left the log to this one.
                if not turn.followed():
                    self.forget_history()

    def import_responses(self, slug: str, records: list[dict[str, Any]]) -> int:
        """Insert already-validated records in one transaction (all or nothing)."""
        rnd = self.get_round(slug)
        prepared = []
        for index, rec in enumerate(records, 1):
            problems = qmod.check_response(rnd.questionnaire, rec.get("answers", {}), rec.get("ranking"), rec.get("language"))
            if problems:
                raise ResponseInvalid([message("store_import_record", index=index, problem=p) for p in problems])
            prepared.append((rec["language"], _response_rows(rec.get("answers", {}), rec.get("ranking"), rnd.questionnaire)))

        random.shuffle(prepared)  # the file's order (e.g. of paper forms) is not kept either

        def insert(conn: sqlite3.Connection) -> None:
            from survey_tui import store as package

            package._insert_responses(conn, slug, rnd.min_group, prepared)
            conn.execute("UPDATE rounds SET imported = imported + ? WHERE slug = ?", (len(prepared), slug))

        with self._write_queue().turn(self.busy_timeout):
            self.write(insert, foreign_keys=False)
            self.forget_history()
        return len(prepared)
