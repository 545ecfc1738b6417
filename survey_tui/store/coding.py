"""The content-analysis codebook of a round: categories, codes, memos, theme narratives, undo.

Tables (migration 0005_coding, SCHEMA below):
- coding_rounds: a round whose codebook has been started (and the round it was copied from);
- coding_categories: per round, a category of a questionnaire theme; parent_id makes it a
  sub-category (the services refuse cycles);
- coding_codes: per round, a code of one category, with a memo;
- coding_themes: a short narrative per theme;
- coding_undo: the round's whole coding state as it was before the last change (one step).

The per-answer tables (reduced expressions, code assignments per coder, quotable marks,
answers linked to practices) are store/coding_answers.py; they reference answers and are
re-laid with them (store/layout.py TABLES). Stored response ids never leave the store: reads
give the pseudonyms of the current release, writes take them.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

SCHEMA = [
    """CREATE TABLE coding_rounds (
        round TEXT PRIMARY KEY REFERENCES rounds(slug) ON DELETE CASCADE,
        copied_from TEXT
    ) WITHOUT ROWID""",
    """CREATE TABLE coding_categories (
        id INTEGER PRIMARY KEY,
        round TEXT NOT NULL REFERENCES rounds(slug) ON DELETE CASCADE,
        theme_id TEXT NOT NULL,
        parent_id INTEGER REFERENCES coding_categories(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        memo TEXT NOT NULL DEFAULT '',
        UNIQUE (round, title)
    )""",
    """CREATE TABLE coding_codes (
        id INTEGER PRIMARY KEY,
        round TEXT NOT NULL REFERENCES rounds(slug) ON DELETE CASCADE,
        category_id INTEGER NOT NULL REFERENCES coding_categories(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        memo TEXT NOT NULL DEFAULT '',
        UNIQUE (round, title)
    )""",
    """CREATE TABLE coding_themes (
        round TEXT NOT NULL REFERENCES rounds(slug) ON DELETE CASCADE,
        theme_id TEXT NOT NULL,
        narrative TEXT NOT NULL,
        PRIMARY KEY (round, theme_id)
    ) WITHOUT ROWID""",
    """CREATE TABLE coding_practices (
        id INTEGER PRIMARY KEY,
        round TEXT NOT NULL REFERENCES rounds(slug) ON DELETE CASCADE,
        theme_id TEXT NOT NULL,
        text TEXT NOT NULL
    )""",
    """CREATE TABLE coding_practice_categories (
        practice_id INTEGER NOT NULL REFERENCES coding_practices(id) ON DELETE CASCADE,
        category_id INTEGER NOT NULL REFERENCES coding_categories(id) ON DELETE CASCADE,
        PRIMARY KEY (practice_id, category_id)
    ) WITHOUT ROWID""",
    """CREATE TABLE coding_undo (
        round TEXT PRIMARY KEY REFERENCES rounds(slug) ON DELETE CASCADE,
        action TEXT NOT NULL,
        data TEXT NOT NULL
    ) WITHOUT ROWID""",
    "CREATE INDEX coding_categories_round ON coding_categories(round)",
    "CREATE INDEX coding_codes_round ON coding_codes(round)",
    "CREATE INDEX coding_codes_category ON coding_codes(category_id)",
    "CREATE INDEX coding_practices_round ON coding_practices(round)",
]

# Per-round state kept by the journal: (table, columns, SELECT ... WHERE <round = ?>).
_PER_ANSWER = "JOIN responses r ON r.id = t.response_id WHERE r.round = ?"
_STATE: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("coding_categories", ("id", "theme_id", "parent_id", "title", "memo"), "FROM coding_categories t WHERE t.round = ?"),
    ("coding_codes", ("id", "category_id", "title", "memo"), "FROM coding_codes t WHERE t.round = ?"),
    ("coding_themes", ("theme_id", "narrative"), "FROM coding_themes t WHERE t.round = ?"),
    ("coding_practices", ("id", "theme_id", "text"), "FROM coding_practices t WHERE t.round = ?"),
    ("coding_practice_categories", ("practice_id", "category_id"),
     "FROM coding_practice_categories t JOIN coding_practices p ON p.id = t.practice_id WHERE p.round = ?"),
    ("coding_reductions", ("response_id", "question_id", "coder", "text"), f"FROM coding_reductions t {_PER_ANSWER}"),
    ("coding_assignments", ("response_id", "question_id", "coder", "code_id"), f"FROM coding_assignments t {_PER_ANSWER}"),
    ("coding_quotable", ("response_id", "question_id"), f"FROM coding_quotable t {_PER_ANSWER}"),
    ("coding_practice_answers", ("response_id", "question_id", "practice_id"), f"FROM coding_practice_answers t {_PER_ANSWER}"),
)
_ROUND_COLUMN = {"coding_categories", "coding_codes", "coding_themes", "coding_practices"}


def capture(conn: sqlite3.Connection, slug: str) -> dict[str, list[list[Any]]]:
    """The round's coding state, each table's rows sorted (stored ids are random: no order)."""
    out = {}
    for table, columns, source in _STATE:
        cols = ", ".join(f"t.{c}" for c in columns)
        out[table] = sorted([list(row) for row in conn.execute(f"SELECT {cols} {source}", (slug,))], key=repr)
    return out


def clear(conn: sqlite3.Connection, slug: str) -> None:
    """Delete the round's coding state (the codebook, practices and every per-answer row)."""
    for table in ("coding_reductions", "coding_quotable", "coding_assignments", "coding_practice_answers"):
        conn.execute(f"DELETE FROM {table} WHERE response_id IN (SELECT id FROM responses WHERE round = ?)", (slug,))
    conn.execute("DELETE FROM coding_practices WHERE round = ?", (slug,))
    conn.execute("DELETE FROM coding_codes WHERE round = ?", (slug,))
    conn.execute("UPDATE coding_categories SET parent_id = NULL WHERE round = ?", (slug,))
    conn.execute("DELETE FROM coding_categories WHERE round = ?", (slug,))
    conn.execute("DELETE FROM coding_themes WHERE round = ?", (slug,))


def restore(conn: sqlite3.Connection, slug: str, state: dict[str, list[list[Any]]]) -> None:
    """Put back a captured state (rows of answers that no longer exist are left out)."""
    clear(conn, slug)
    for table, columns, _source in _STATE:
        rows = state.get(table, [])
        cols = list(columns)
        if table == "coding_categories":  # parents after: inserted without, then set
            rows = [[r[0], r[1], None, r[3], r[4]] for r in rows]
        if table in _ROUND_COLUMN:
            cols, rows = ["round", *cols], [[slug, *r] for r in rows]
        marks = ", ".join("?" * len(cols))
        if "response_id" in columns:
            conn.executemany(
                f"INSERT OR IGNORE INTO {table} ({', '.join(cols)}) SELECT {marks}"
                " WHERE EXISTS (SELECT 1 FROM answers WHERE response_id = ? AND question_id = ?)",
                [[*r, r[0], r[1]] for r in rows])
        else:
            conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", rows)
    conn.executemany("UPDATE coding_categories SET parent_id = ? WHERE id = ?",
                     [(r[2], r[0]) for r in state.get("coding_categories", []) if r[2] is not None])


def journal(conn: sqlite3.Connection, slug: str, action: str) -> None:
    """Remember the state before this change (called first inside the change's transaction)."""
    conn.execute("INSERT OR REPLACE INTO coding_undo (round, action, data) VALUES (?,?,?)",
                 (slug, action, json.dumps(capture(conn, slug), ensure_ascii=False)))


class Coding:
    """Store's codebook: categories, codes, memos, narratives, the undo of the last change."""

    def _change(self, slug: str, action: str, fn):
        """Run fn(conn) in one transaction after journalling the state before it."""

        def run(conn: sqlite3.Connection):
            journal(conn, slug, action)
            conn.execute("INSERT OR IGNORE INTO coding_rounds (round) VALUES (?)", (slug,))
            return fn(conn)

        return self.write(run)

    # ------------------------------------------------------------------ reads

    def codebook_started(self, slug: str) -> bool:
        return bool(self._read("SELECT 1 FROM coding_rounds WHERE round = ?", (slug,)))

    def coding_categories(self, slug: str) -> list[dict[str, Any]]:
        rows = self._read("SELECT id, theme_id, parent_id, title, memo FROM coding_categories WHERE round = ?"
                          " ORDER BY id", (slug,))
        return [dict(zip(("id", "theme_id", "parent_id", "name", "memo"), r)) for r in rows]

    def coding_codes(self, slug: str) -> list[dict[str, Any]]:
        rows = self._read("SELECT id, category_id, title, memo FROM coding_codes WHERE round = ? ORDER BY id", (slug,))
        return [dict(zip(("id", "category_id", "name", "memo"), r)) for r in rows]

    def coding_narratives(self, slug: str) -> dict[str, str]:
        return dict(self._read("SELECT theme_id, narrative FROM coding_themes WHERE round = ?", (slug,)))

    def coding_undo_action(self, slug: str) -> str | None:
        rows = self._read("SELECT action FROM coding_undo WHERE round = ?", (slug,))
        return rows[0][0] if rows else None

    # ------------------------------------------------------------------ codebook changes

    def add_category(self, slug: str, theme_id: str, name: str, parent_id: int | None = None, memo: str = "") -> int:
        return self._change(slug, "add_category", lambda conn: conn.execute(
            "INSERT INTO coding_categories (round, theme_id, parent_id, title, memo) VALUES (?,?,?,?,?)",
            (slug, theme_id, parent_id, name, memo)).lastrowid)

    def add_code(self, slug: str, category_id: int, name: str, memo: str = "") -> int:
        return self._change(slug, "add_code", lambda conn: conn.execute(
            "INSERT INTO coding_codes (round, category_id, title, memo) VALUES (?,?,?,?)",
            (slug, category_id, name, memo)).lastrowid)

    def update_category(self, slug: str, category_id: int, action: str, **values: Any) -> None:
        """Set name, memo, parent_id and/or theme_id of a category (columns by keyword)."""
        values = {("title" if k == "name" else k): v for k, v in values.items()}
        allowed = {"title", "memo", "parent_id", "theme_id"}
        sets = ", ".join(f"{k} = ?" for k in values if k in allowed)
        self._change(slug, action, lambda conn: conn.execute(
            f"UPDATE coding_categories SET {sets} WHERE id = ? AND round = ?",
            (*[values[k] for k in values if k in allowed], category_id, slug)))

    def update_code(self, slug: str, code_id: int, action: str, **values: Any) -> None:
        """Set name, memo and/or category_id of a code."""
        values = {("title" if k == "name" else k): v for k, v in values.items()}
        allowed = {"title", "memo", "category_id"}
        sets = ", ".join(f"{k} = ?" for k in values if k in allowed)
        self._change(slug, action, lambda conn: conn.execute(
            f"UPDATE coding_codes SET {sets} WHERE id = ? AND round = ?",
            (*[values[k] for k in values if k in allowed], code_id, slug)))

    def set_narrative(self, slug: str, theme_id: str, text: str) -> None:
        def run(conn):
            if text:
                conn.execute("INSERT OR REPLACE INTO coding_themes (round, theme_id, narrative) VALUES (?,?,?)",
                             (slug, theme_id, text))
            else:
                conn.execute("DELETE FROM coding_themes WHERE round = ? AND theme_id = ?", (slug, theme_id))

        self._change(slug, "narrative", run)

    def merge_codes(self, slug: str, source_id: int, target_id: int) -> None:
        """Every assignment of `source` becomes one of `target`; `source` goes."""

        def run(conn):
            conn.execute("INSERT OR IGNORE INTO coding_assignments (response_id, question_id, coder, code_id)"
                         " SELECT response_id, question_id, coder, ? FROM coding_assignments WHERE code_id = ?",
                         (target_id, source_id))
            conn.execute("DELETE FROM coding_codes WHERE id = ? AND round = ?", (source_id, slug))

        self._change(slug, "merge_codes", run)

    def split_code(self, slug: str, code_id: int, name: str, category_id: int, moved: list[tuple[str, str]]) -> int:
        """A new code `name`; the assignments of `code_id` on the answers `moved` (pseudonym,
        question id) move to it, every coder's; the others stay. Returns the new code's id."""
        ids = self._stored_ids(slug, [p for p, _q in moved])

        def run(conn):
            new_id = conn.execute("INSERT INTO coding_codes (round, category_id, title, memo) VALUES (?,?,?,'')",
                                  (slug, category_id, name)).lastrowid
            for pseudonym, qid in moved:
                conn.execute("UPDATE coding_assignments SET code_id = ? WHERE code_id = ?"
                             " AND response_id = ? AND question_id = ?", (new_id, code_id, ids[pseudonym], qid))
            return new_id

        return self._change(slug, "split_code", run)

    def merge_categories(self, slug: str, source_id: int, target_id: int) -> None:
        """Codes, sub-categories and practice links of `source` go to `target`; `source` goes."""

        def run(conn):
            conn.execute("UPDATE coding_codes SET category_id = ? WHERE category_id = ?", (target_id, source_id))
            conn.execute("UPDATE coding_categories SET parent_id = ? WHERE parent_id = ?", (target_id, source_id))
            conn.execute("INSERT OR IGNORE INTO coding_practice_categories (practice_id, category_id)"
                         " SELECT practice_id, ? FROM coding_practice_categories WHERE category_id = ?",
                         (target_id, source_id))
            conn.execute("DELETE FROM coding_categories WHERE id = ? AND round = ?", (source_id, slug))

        self._change(slug, "merge_categories", run)

    def split_category(self, slug: str, category_id: int, name: str, code_ids: list[int]) -> int:
        """A new category beside `category_id` (same theme and parent) taking the codes listed."""

        def run(conn):
            theme, parent = conn.execute("SELECT theme_id, parent_id FROM coding_categories WHERE id = ?",
                                         (category_id,)).fetchone()
            new_id = conn.execute("INSERT INTO coding_categories (round, theme_id, parent_id, title, memo)"
                                  " VALUES (?,?,?,?,'')", (slug, theme, parent, name)).lastrowid
            conn.executemany("UPDATE coding_codes SET category_id = ? WHERE id = ? AND category_id = ?",
                             [(new_id, cid, category_id) for cid in code_ids])
            return new_id

        return self._change(slug, "split_category", run)

    def undo_coding(self, slug: str) -> str | None:
        """Put the round's coding back as it was before the last change; that change's action
        name, or None when there is nothing to undo. One step: the journal is emptied."""

        def run(conn):
            row = conn.execute("SELECT action, data FROM coding_undo WHERE round = ?", (slug,)).fetchone()
            if row is None:
                return None
            restore(conn, slug, json.loads(row[1]))
            conn.execute("DELETE FROM coding_undo WHERE round = ?", (slug,))
            return row[0]

        return self.write(run)

    def copy_codebook(self, slug: str, source: str) -> int:
        """Start the codebook of `slug` as a copy of `source`'s (categories, codes, memos,
        narratives; no assignments, no practices). Returns how many categories were copied;
        does nothing once the codebook of `slug` has been started."""

        def run(conn):
            if conn.execute("SELECT 1 FROM coding_rounds WHERE round = ?", (slug,)).fetchone():
                return 0
            conn.execute("INSERT INTO coding_rounds (round, copied_from) VALUES (?,?)", (slug, source))
            cats = conn.execute("SELECT id, theme_id, parent_id, title, memo FROM coding_categories"
                                " WHERE round = ? ORDER BY id", (source,)).fetchall()
            new_ids = {}
            for cid, theme, _parent, name, memo in cats:
                new_ids[cid] = conn.execute("INSERT INTO coding_categories (round, theme_id, title, memo)"
                                            " VALUES (?,?,?,?)", (slug, theme, name, memo)).lastrowid
            conn.executemany("UPDATE coding_categories SET parent_id = ? WHERE id = ?",
                             [(new_ids[p], new_ids[c]) for c, _t, p, _n, _m in cats if p is not None])
            conn.executemany("INSERT INTO coding_codes (round, category_id, title, memo) VALUES (?,?,?,?)",
                             [(slug, new_ids[cat], name, memo) for cat, name, memo in conn.execute(
                                 "SELECT category_id, title, memo FROM coding_codes WHERE round = ? ORDER BY id",
                                 (source,)).fetchall()])
            conn.execute("INSERT INTO coding_themes (round, theme_id, narrative)"
                         " SELECT ?, theme_id, narrative FROM coding_themes WHERE round = ?", (slug, source))
            return len(cats)

        return self.write(run)

    def start_codebook(self, slug: str) -> None:
        """Mark the codebook of `slug` started (a follow-up round's is then no longer copied)."""
        self.write(lambda conn: conn.execute("INSERT OR IGNORE INTO coding_rounds (round) VALUES (?)", (slug,)))

    def _stored_ids(self, slug: str, pseudonyms: list[str]) -> dict[str, str]:
        """Stored ids behind pseudonyms of the current release (unknown ones are left out)."""
        wanted = set(pseudonyms)
        name = self._pseudonyms(slug)
        out = {}
        for (rid,) in self._read("SELECT id FROM responses WHERE round = ? AND batch IS NOT NULL", (slug,)):
            shown = name(rid)
            if shown in wanted:
                out[shown] = rid
        return out
