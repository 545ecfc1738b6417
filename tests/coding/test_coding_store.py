"""store/coding.py and coding_answers.py: the schema, the layout, undo, pseudonyms only."""

from __future__ import annotations

import sqlite3

import pytest

from survey_tui.store import MIGRATION_NAMES, Store, layout

from coding_data import thesis_round

PER_ANSWER = ("coding_reductions", "coding_assignments", "coding_quotable", "coding_practice_answers")


def _one(store, slug, qid="q3"):
    row = store.answers(slug, qid)[0]
    return row["response_id"], qid


def test_migration_is_last_and_tables_reference_answers(store):
    assert "0005_coding" in MIGRATION_NAMES
    applied = {n for (n,) in store.conn.execute("SELECT name FROM _sqlite_migrations")}
    assert "0005_coding" in applied
    for table in PER_ANSWER:
        assert table in layout.TABLES and layout.TABLES[table][0] == "response_id"
        keys = store.conn.execute(f"PRAGMA foreign_key_list({table})").fetchall()
        to_answers = [k for k in keys if k[2] == "answers"]
        assert to_answers and all(k[6] == "CASCADE" for k in to_answers), table


def test_codes_keep_assignments_through_relayout_and_a_later_import(store, kela):
    slug = thesis_round(store, kela)
    cat = store.add_category(slug, "kanavat", "Pikaviestintä")
    code = store.add_code(slug, cat, "Teams")
    rid, qid = _one(store, slug)
    store.assign_code(slug, rid, qid, "A", code)
    store.set_reduction(slug, rid, qid, "A", "teams")
    store.set_quotable(slug, rid, qid, True)
    with store._immediate() as conn:
        layout.relayout_round(conn, slug)
    assert store.coding_assignments(slug) == [{"response_id": rid, "question_id": qid, "coder": "A", "code_id": code}]
    assert store.coding_reductions(slug)[0]["text"] == "teams"
    assert store.coding_quotable(slug) == {(rid, qid)}
    # Responses imported later are held back and mixed in with their neighbours: coding stays.
    items = [item.id for item in kela.ranking.items]
    store.import_responses(slug, [{"language": "fi", "answers": {"q3": "uusi"}, "ranking": items}])
    assert len(store.coding_assignments(slug)) == 1
    # The import re-laid rows with foreign keys off (Store.write): none was left dangling.
    assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_no_stored_id_leaves(store, kela):
    slug = thesis_round(store, kela)
    cat = store.add_category(slug, "kanavat", "K")
    code = store.add_code(slug, cat, "c")
    rid, qid = _one(store, slug)
    store.assign_code(slug, rid, qid, "A", code)
    stored = {r for (r,) in store.conn.execute("SELECT id FROM responses")}
    assert rid not in stored
    assert {a["response_id"] for a in store.coding_assignments(slug)}.isdisjoint(stored)


def test_undo_puts_back_the_state_before_the_last_change(store, kela):
    slug = thesis_round(store, kela)
    cat = store.add_category(slug, "kanavat", "K")
    a, b = store.add_code(slug, cat, "a"), store.add_code(slug, cat, "b")
    rows = store.answers(slug, "q3")
    store.assign_code(slug, rows[0]["response_id"], "q3", "A", a)
    store.assign_code(slug, rows[1]["response_id"], "q3", "A", b)
    before = (store.coding_codes(slug), store.coding_assignments(slug))
    store.merge_codes(slug, a, b)
    assert [c["name"] for c in store.coding_codes(slug)] == ["b"]
    assert {x["code_id"] for x in store.coding_assignments(slug)} == {b}
    assert store.undo_coding(slug) == "merge_codes"
    assert (store.coding_codes(slug), store.coding_assignments(slug)) == before
    assert store.undo_coding(slug) is None  # one step


def test_sub_categories_survive_undo_and_round_delete_cascades(store, kela):
    store.create_round("empty", kela)
    top = store.add_category("empty", "kanavat", "top")
    sub = store.add_category("empty", "kanavat", "sub", parent_id=top)
    store.add_code("empty", sub, "c")
    store.update_category("empty", sub, "rename_category", name="sub2")
    store.undo_coding("empty")
    cats = {c["name"]: c for c in store.coding_categories("empty")}
    assert cats["sub"]["parent_id"] == top
    store.delete_round("empty")
    assert store.conn.execute("SELECT count(*) FROM coding_categories").fetchone()[0] == 0
    assert store.conn.execute("SELECT count(*) FROM coding_codes").fetchone()[0] == 0


def test_copy_codebook_once(store, kela):
    first = thesis_round(store, kela)
    top = store.add_category(first, "kanavat", "top", memo="m")
    sub = store.add_category(first, "kanavat", "sub", parent_id=top)
    store.add_code(first, sub, "c", memo="code memo")
    store.set_narrative(first, "kanavat", "kertomus")
    store.create_round("syksy", kela, follows=first)
    assert store.copy_codebook("syksy", first) == 2
    cats = {c["name"]: c for c in store.coding_categories("syksy")}
    assert cats["sub"]["parent_id"] == cats["top"]["id"] and cats["top"]["memo"] == "m"
    assert [(c["name"], c["memo"], c["category_id"]) for c in store.coding_codes("syksy")] == [
        ("c", "code memo", cats["sub"]["id"])]
    assert store.coding_narratives("syksy") == {"kanavat": "kertomus"}
    assert store.copy_codebook("syksy", first) == 0


def test_names_are_unique_per_round(store, kela):
    store.create_round("x", kela)
    store.add_category("x", "kanavat", "K")
    with pytest.raises(sqlite3.IntegrityError):
        store.add_category("x", "tunteminen", "K")


def test_file_reopened_keeps_coding(tmp_path, kela):
    path = tmp_path / "s.db"
    with Store(path) as s:
        slug = thesis_round(s, kela)
        cat = s.add_category(slug, "kanavat", "K")
        code = s.add_code(slug, cat, "c")
        rid, qid = _one(s, slug)
        s.assign_code(slug, rid, qid, "B", code)
    with Store(path) as s:
        assert s.coding_assignments(slug)[0]["coder"] == "B"
