"""The physical layout of the response tables says nothing about arrival order.

Random ids are not enough: inside a page SQLite places each new cell below the previous
one, and long answers spill into overflow pages numbered in the order they were written,
so sorting cells by page and offset gave the order of submission (docs/anonymity.md).

Each commit that adds responses therefore re-writes, in one random order, the new
responses together with their neighbours in key order within the round: the `window`
nearest ids on either side (all of the round while it is small). Deleted cells are zeroed
(secure_delete) and their space and overflow pages are reused by the re-inserted rows in
random order, so the newest response is one of at least `window` candidates, and every
older response was last written at a time unrelated to when it arrived (each later submit
near it in key order re-writes it again).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Sequence

MIN_WINDOW = 32


def window_size(min_group: int) -> int:
    """How many existing responses each new one is mixed with (at least the minimum group)."""
    return max(MIN_WINDOW, 2 * int(min_group))


def neighbours(conn: sqlite3.Connection, slug: str, new_ids: Sequence[str], window: int) -> set[str]:
    """Existing responses of the round nearest in key order to each new id (wrapping around)."""
    # Counted only as far as the answer needs: a count of the whole round grew with it.
    enough = max(1, len(new_ids)) * window
    total = conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM responses WHERE round = ? LIMIT ?)", (slug, enough + 1)).fetchone()[0]
    if total <= enough:
        return {row[0] for row in conn.execute("SELECT id FROM responses WHERE round = ?", (slug,))}
    half = window // 2
    chosen: set[str] = set()
    for rid in new_ids:
        above = [r for (r,) in conn.execute(
            "SELECT id FROM responses WHERE round = ? AND id > ? ORDER BY id LIMIT ?", (slug, rid, half))]
        below = [r for (r,) in conn.execute(
            "SELECT id FROM responses WHERE round = ? AND id < ? ORDER BY id DESC LIMIT ?", (slug, rid, half))]
        if len(above) < half:  # wrap to the lowest ids
            above += [r for (r,) in conn.execute(
                "SELECT id FROM responses WHERE round = ? ORDER BY id LIMIT ?", (slug, half - len(above)))]
        if len(below) < half:
            below += [r for (r,) in conn.execute(
                "SELECT id FROM responses WHERE round = ? ORDER BY id DESC LIMIT ?", (slug, half - len(below)))]
        chosen.update(above)
        chosen.update(below)
    return chosen


def shuffle(rows: list) -> None:
    """Put rows in a uniformly random order, in place, from the operating system's randomness.

    One read of 8 random bytes per row, then a sort on them: SystemRandom.shuffle asks the
    OS once per swap, which was a sixth of a submit's time inside the write lock. Ties
    among 64-bit keys are too unlikely to bias the order."""
    keys = os.urandom(8 * len(rows))
    order = sorted(range(len(rows)), key=lambda i: keys[8 * i:8 * i + 8])
    rows[:] = [rows[i] for i in order]


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _chunks(ids: list[str], size: int = 500) -> Iterable[list[str]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


# Every table whose rows belong to one response, parents first; the first column names the
# response. A new per-response table is added here (with ON DELETE CASCADE to its parent) so
# its rows are re-laid with the rest and never keep their arrival order.
TABLES: dict[str, tuple[str, ...]] = {
    "responses": ("id", "round", "language", "batch"),
    "answers": ("response_id", "question_id", "text"),
    "rankings": ("response_id", "item_id", "position"),
    "answer_codes": ("response_id", "question_id", "label"),
    # content-analysis coding (store/coding_answers.py)
    "coding_reductions": ("response_id", "question_id", "coder", "text"),
    "coding_assignments": ("response_id", "question_id", "coder", "code_id"),
    "coding_quotable": ("response_id", "question_id"),
    "coding_practice_answers": ("response_id", "question_id", "practice_id"),
    # derived keyword lemmas of released answers (store/lemmas.py)
    "answer_lemmas": ("response_id", "question_id", "made_with", "lemmas"),
}


def take_out(conn: sqlite3.Connection, ids: Iterable[str], tables: dict[str, tuple[str, ...]] = TABLES) -> dict[str, list[tuple]]:
    """Read the rows of these responses and delete them, children first.

    Deleted table by table rather than by the foreign keys' cascade: the cascade runs a
    lookup in every child table for every deleted row, and took 5 of a submit's 6 ms in
    the write lock. Submits write with foreign keys off (Store.write) for that reason; the
    rows put back are the rows taken out, so they stay consistent (PRAGMA foreign_key_check
    in tests/coding/test_coding_store.py and tests/test_reliability.py).
    """
    rows: dict[str, list[tuple]] = {table: [] for table in tables}
    for part in _chunks(list(ids)):
        marks = _marks(len(part))
        for table, columns in tables.items():
            rows[table] += conn.execute(
                f"SELECT {', '.join(columns)} FROM {table} WHERE {columns[0]} IN ({marks})", part).fetchall()
        for table, columns in reversed(tables.items()):
            if rows[table] or table == "responses":
                conn.execute(f"DELETE FROM {table} WHERE {columns[0]} IN ({marks})", part)
    return rows


def put_back(conn: sqlite3.Connection, rows: dict[str, list[tuple]], tables: dict[str, tuple[str, ...]] = TABLES) -> None:
    """Insert rows, each table in a random order of its own."""
    for table, columns in tables.items():
        batch = rows.get(table, [])
        shuffle(batch)
        conn.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({_marks(len(columns))})", batch)


def insert_mixed(conn: sqlite3.Connection, slug: str, min_group: int, new: dict[str, list[tuple]]) -> None:
    """Insert new responses mixed with their neighbours, all re-written in one random order."""
    new_ids = [row[0] for row in new["responses"]]
    old = take_out(conn, neighbours(conn, slug, new_ids, window_size(min_group)))
    for table, extra in new.items():
        old[table] += extra
    put_back(conn, old)


def relayout_round(conn: sqlite3.Connection, slug: str) -> None:
    """Re-write every response of a round in random order (databases of earlier versions)."""
    ids = [row[0] for row in conn.execute("SELECT id FROM responses WHERE round = ?", (slug,))]
    # A migration re-lays before later migrations have made their tables: only those that exist.
    present = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    tables = {table: columns for table, columns in TABLES.items() if table in present}
    put_back(conn, take_out(conn, ids, tables), tables)


# --------------------------------------------------------------------------- pseudonyms


def new_key() -> str:
    return os.urandom(16).hex()


def pseudonym(key: str, stored_id: str) -> str:
    """The id shown outside the store: stable within one release, unrelated between releases."""
    import hashlib  # noqa: PLC0415 - only when results leave the store; off the start-up path

    return hashlib.blake2b(stored_id.encode(), key=bytes.fromhex(key), digest_size=8).hexdigest()
