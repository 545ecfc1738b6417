"""Coordinator codes (tags) on released answers, addressed by the pseudonym of the current release."""

from __future__ import annotations

import sqlite3

from survey_tui.errors import InvalidInput, NotFound, message
from survey_tui.store.releases import RELEASED
from survey_tui.store.values import _label


class Tags:
    """Store's coordinator codes on released answers (stored ids never leave)."""

    def add_answer_code(self, slug: str, handle: str, question_id: str, label: str) -> None:
        """Tag the answer of the response with this pseudonym (as shown in the current release)."""
        label = _label(label)  # stored as shown, so the same text removes it again
        if not label or len(label) > 60:
            raise InvalidInput(message("store_tag_label_length"))
        response_id = self._stored_id(slug, handle)
        if response_id is None:
            raise NotFound(message("store_no_such_answer"))

        def insert(conn: sqlite3.Connection) -> None:
            if not conn.execute(
                "SELECT 1 FROM answers WHERE response_id = ? AND question_id = ?", (response_id, question_id)
            ).fetchone():
                raise NotFound(message("store_no_such_answer"))
            conn.execute(
                "INSERT OR IGNORE INTO answer_codes (response_id, question_id, label) VALUES (?,?,?)",
                (response_id, question_id, label),
            )

        self.write(insert)

    def remove_answer_code(self, slug: str, handle: str, question_id: str, label: str) -> bool:
        label = _label(label)
        response_id = self._stored_id(slug, handle)
        if response_id is None:
            return False

        def delete(conn: sqlite3.Connection) -> int:
            return conn.execute(
                "DELETE FROM answer_codes WHERE response_id = ? AND question_id = ? AND label = ?",
                (response_id, question_id, label),
            ).rowcount

        return bool(self.write(delete))

    def answer_codes(self, slug: str) -> list[dict[str, str]]:
        """Coordinator codes of released answers: response_id (a pseudonym), question_id, label."""
        rows = self._read(
            "SELECT c.response_id, c.question_id, c.label FROM answer_codes c"
            f" JOIN responses r ON r.id = c.response_id WHERE {RELEASED}",
            (slug,),
        )
        name = self._pseudonyms(slug)
        out = [{"response_id": name(r), "question_id": q, "label": lab} for r, q, lab in rows]
        return sorted(out, key=lambda c: (c["label"], c["question_id"], c["response_id"]))
