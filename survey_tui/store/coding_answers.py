"""Per-answer coding: reduced expressions and code assignments per coder, quotable marks,
practices and the answers and categories that support them.

The per-answer tables reference answers(response_id, question_id) ON DELETE CASCADE and are
listed in store/layout.py TABLES, so they are re-laid in random order with their response.
A coder is a short name the coordinator chooses ("A", "B"), not a respondent datum.
Answers are named by the pseudonym of the current release; stored ids never leave.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from survey_tui.errors import NotFound, message
from survey_tui.store.releases import RELEASED

SCHEMA = [
    """CREATE TABLE coding_reductions (
        response_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        coder TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (response_id, question_id, coder),
        FOREIGN KEY (response_id, question_id) REFERENCES answers(response_id, question_id) ON DELETE CASCADE
    ) WITHOUT ROWID""",
    """CREATE TABLE coding_assignments (
        response_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        coder TEXT NOT NULL,
        code_id INTEGER NOT NULL REFERENCES coding_codes(id) ON DELETE CASCADE,
        PRIMARY KEY (response_id, question_id, coder, code_id),
        FOREIGN KEY (response_id, question_id) REFERENCES answers(response_id, question_id) ON DELETE CASCADE
    ) WITHOUT ROWID""",
    """CREATE TABLE coding_quotable (
        response_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        PRIMARY KEY (response_id, question_id),
        FOREIGN KEY (response_id, question_id) REFERENCES answers(response_id, question_id) ON DELETE CASCADE
    ) WITHOUT ROWID""",
    """CREATE TABLE coding_practice_answers (
        response_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        practice_id INTEGER NOT NULL REFERENCES coding_practices(id) ON DELETE CASCADE,
        PRIMARY KEY (response_id, question_id, practice_id),
        FOREIGN KEY (response_id, question_id) REFERENCES answers(response_id, question_id) ON DELETE CASCADE
    ) WITHOUT ROWID""",
    "CREATE INDEX coding_assignments_code ON coding_assignments(code_id)",
]

class CodingAnswers:
    """Store's per-answer coding and practices."""

    def _answer_id(self, conn: sqlite3.Connection, slug: str, pseudonym: str, question_id: str) -> str:
        rid = self._stored_ids(slug, [pseudonym]).get(pseudonym)
        if rid is None or not conn.execute(
                "SELECT 1 FROM answers WHERE response_id = ? AND question_id = ?", (rid, question_id)).fetchone():
            raise NotFound(message("store_no_such_answer"))
        return rid

    def assign_code(self, slug: str, pseudonym: str, question_id: str, coder: str, code_id: int) -> bool:
        """Put a code on an answer for one coder; False when it was there already."""

        def run(conn):
            rid = self._answer_id(conn, slug, pseudonym, question_id)
            return conn.execute("INSERT OR IGNORE INTO coding_assignments (response_id, question_id, coder, code_id)"
                                " VALUES (?,?,?,?)", (rid, question_id, coder, code_id)).rowcount == 1

        return self._change(slug, "assign", run)

    def assign_codes(self, slug: str, answers: list[tuple[str, str]], coder: str, code_id: int | None = None,
                     new_code: tuple[int, str] | None = None) -> int:
        """One code on several answers (pseudonym, question id) in one change, the code either
        `code_id` or made here as `new_code` (category id, name). Returns the code's id."""

        def run(conn):
            cid = code_id
            if new_code is not None:
                cid = conn.execute("INSERT INTO coding_codes (round, category_id, title, memo) VALUES (?,?,?,'')",
                                   (slug, *new_code)).lastrowid
            ids = self._stored_ids(slug, [p for p, _q in answers])  # one pass over the round
            for pseudonym, qid in answers:
                rid = ids.get(pseudonym)
                if rid is None or not conn.execute("SELECT 1 FROM answers WHERE response_id = ? AND question_id = ?",
                                                   (rid, qid)).fetchone():
                    raise NotFound(message("store_no_such_answer"))
                conn.execute("INSERT OR IGNORE INTO coding_assignments (response_id, question_id, coder, code_id)"
                             " VALUES (?,?,?,?)", (rid, qid, coder, cid))
            return cid

        return self._change(slug, "accept", run)

    def unassign_code(self, slug: str, pseudonym: str, question_id: str, coder: str, code_id: int) -> bool:
        def run(conn):
            rid = self._answer_id(conn, slug, pseudonym, question_id)
            return conn.execute("DELETE FROM coding_assignments WHERE response_id = ? AND question_id = ?"
                                " AND coder = ? AND code_id = ?", (rid, question_id, coder, code_id)).rowcount == 1

        return self._change(slug, "unassign", run)

    def set_reduction(self, slug: str, pseudonym: str, question_id: str, coder: str, text: str) -> None:
        """The coder's reduced expression of an answer ("" removes it)."""

        def run(conn):
            rid = self._answer_id(conn, slug, pseudonym, question_id)
            conn.execute("DELETE FROM coding_reductions WHERE response_id = ? AND question_id = ? AND coder = ?",
                         (rid, question_id, coder))
            if text:
                conn.execute("INSERT INTO coding_reductions (response_id, question_id, coder, text) VALUES (?,?,?,?)",
                             (rid, question_id, coder, text))

        self._change(slug, "reduce", run)

    def set_quotable(self, slug: str, pseudonym: str, question_id: str, quotable: bool) -> None:
        def run(conn):
            rid = self._answer_id(conn, slug, pseudonym, question_id)
            if quotable:
                conn.execute("INSERT OR IGNORE INTO coding_quotable (response_id, question_id) VALUES (?,?)",
                             (rid, question_id))
            else:
                conn.execute("DELETE FROM coding_quotable WHERE response_id = ? AND question_id = ?", (rid, question_id))

        self._change(slug, "quotable", run)

    def add_practice(self, slug: str, theme_id: str, text: str, category_ids: list[int],
                     answers: list[tuple[str, str]]) -> int:
        """A practice statement with the categories and answers (pseudonym, question id) behind it."""

        def run(conn):
            pid = conn.execute("INSERT INTO coding_practices (round, theme_id, text) VALUES (?,?,?)",
                               (slug, theme_id, text)).lastrowid
            self._link(conn, slug, pid, category_ids, answers)
            return pid

        return self._change(slug, "add_practice", run)

    def link_practice(self, slug: str, practice_id: int, category_ids: list[int], answers: list[tuple[str, str]]) -> None:
        self._change(slug, "link_practice", lambda conn: self._link(conn, slug, practice_id, category_ids, answers))

    def _link(self, conn, slug: str, practice_id: int, category_ids, answers) -> None:
        conn.executemany("INSERT OR IGNORE INTO coding_practice_categories (practice_id, category_id) VALUES (?,?)",
                         [(practice_id, cid) for cid in category_ids])
        for pseudonym, qid in answers:
            rid = self._answer_id(conn, slug, pseudonym, qid)
            conn.execute("INSERT OR IGNORE INTO coding_practice_answers (response_id, question_id, practice_id)"
                         " VALUES (?,?,?)", (rid, qid, practice_id))

    # ------------------------------------------------------------------ reads (released answers only)

    def _released_rows(self, slug: str, table: str, columns: tuple[str, ...]) -> list[dict[str, Any]]:
        cols = ", ".join(f"t.{c}" for c in columns)
        rows = self._read(f"SELECT t.response_id, {cols} FROM {table} t JOIN responses r ON r.id = t.response_id"
                          f" WHERE {RELEASED}", (slug,))
        name = self._pseudonyms(slug)
        out = [{"response_id": name(row[0]), **dict(zip(columns, row[1:]))} for row in rows]
        return sorted(out, key=lambda d: tuple(str(v) for v in d.values()))

    def coding_assignments(self, slug: str) -> list[dict[str, Any]]:
        """{"response_id" (a pseudonym), "question_id", "coder", "code_id"} of released answers."""
        return self._released_rows(slug, "coding_assignments", ("question_id", "coder", "code_id"))

    def coding_reductions(self, slug: str) -> list[dict[str, Any]]:
        return self._released_rows(slug, "coding_reductions", ("question_id", "coder", "text"))

    def coding_quotable(self, slug: str) -> set[tuple[str, str]]:
        return {(d["response_id"], d["question_id"])
                for d in self._released_rows(slug, "coding_quotable", ("question_id",))}

    def coding_practices(self, slug: str) -> list[dict[str, Any]]:
        """Practices: {"id", "theme_id", "text", "category_ids", "answers": [(pseudonym, question id)]}."""
        out = {pid: {"id": pid, "theme_id": theme, "text": text, "category_ids": [], "answers": []}
               for pid, theme, text in self._read(
                   "SELECT id, theme_id, text FROM coding_practices WHERE round = ? ORDER BY id", (slug,))}
        for pid, cid in self._read("SELECT l.practice_id, l.category_id FROM coding_practice_categories l"
                                   " JOIN coding_practices p ON p.id = l.practice_id WHERE p.round = ?"
                                   " ORDER BY l.category_id", (slug,)):
            out[pid]["category_ids"].append(cid)
        for d in self._released_rows(slug, "coding_practice_answers", ("question_id", "practice_id")):
            out[d["practice_id"]]["answers"].append((d["response_id"], d["question_id"]))
        return list(out.values())
