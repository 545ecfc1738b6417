"""Store.ranking_counts and Store.scan_responses: the same data as the per-id reads, faster."""

from __future__ import annotations

import json

import random
from collections import Counter

from survey_tui.store import Store

ITEMS = ["kanavat", "tiedottaminen", "tunteminen", "henkilot", "ymmarrys"]


def _fill(s: Store, kela, slug: str, n: int, seed: int) -> None:
    rng = random.Random(seed)
    s.create_round(slug, kela, state="open")
    records = []
    for i in range(n):
        order = ITEMS[:]
        rng.shuffle(order)
        answers = {"q1a": f"{slug} vastaus {i}"} if i % 3 else {}
        records.append({"language": rng.choice(("fi", "en")), "answers": answers, "ranking": order})
    s.import_responses(slug, records)
    s.set_state(slug, "closed")
    s.release(slug)
    # The questionnaire asks for complete rankings; older or imported data may hold partial
    # or missing ones, so some are cut short directly in the database.
    s.conn.execute(
        "DELETE FROM rankings WHERE position > 3 AND response_id IN"
        " (SELECT id FROM responses WHERE round = ? ORDER BY id LIMIT ?)", (slug, n // 4))
    s.conn.execute(
        "DELETE FROM rankings WHERE response_id IN (SELECT id FROM responses WHERE round = ? ORDER BY id DESC LIMIT ?)",
        (slug, n // 10))
    s.conn.commit()


def test_ranking_counts_match_the_per_response_rankings(tmp_path, kela):
    with Store(tmp_path / "s.db") as s:
        _fill(s, kela, "a", 300, 1)
        _fill(s, kela, "b", 50, 2)  # another round must not leak in
        for slug in ("a", "b"):
            expected = Counter(tuple(r) for r in s.rankings(slug) if r)
            got = s.ranking_counts(slug)
            assert dict(got) == dict(expected)
            assert len(got) == len(dict(got))  # each ranking once
            assert {len(r) for r, _ in got} == {3, 5} and sum(c for _, c in got) < s.count_responses(slug)
        assert s.ranking_counts("missing") == []


def _records_by_plain_sql(s: Store, slug: str) -> dict[str, dict]:
    """The reference: every record of a round read the obvious way."""
    recs = {
        rid: {"id": rid, "language": lang, "answers": {}, "ranking": []}
        for rid, lang in s.conn.execute("SELECT id, language FROM responses WHERE round = ?", (slug,))
    }
    for rid, qid, text in s.conn.execute("SELECT response_id, question_id, text FROM answers"):
        if rid in recs:
            recs[rid]["answers"][qid] = text
    for rid, item, _pos in s.conn.execute("SELECT response_id, item_id, position FROM rankings ORDER BY position"):
        if rid in recs:
            recs[rid]["ranking"].append(item)
    return recs


def test_scan_responses_gives_every_record_of_the_round(tmp_path, kela):
    with Store(tmp_path / "s.db") as s:
        _fill(s, kela, "a", 257, 3)
        _fill(s, kela, "b", 40, 4)
        with s.snapshot():
            by_id = _records_by_plain_sql(s, "a")
            # a small batch crosses many batch and pivot boundaries
            scanned = list(s.scan_responses("a", batch=16))
            again = [r["id"] for r in s.scan_responses("a")]
        assert len(scanned) == len(by_id) == 257

        def content(recs):
            return sorted(json.dumps([r["language"], r["answers"], r["ranking"]], sort_keys=True) for r in recs)

        assert content(scanned) == content(by_id.values())
        # Ids that leave the store are pseudonyms of the release: stable, never the stored ids.
        assert sorted(again) == sorted(r["id"] for r in scanned) and again != [r["id"] for r in scanned]
        assert not set(again) & set(by_id)


def test_round_ranking_stats_equals_the_report_and_keeps_the_minimum(tmp_path, kela):
    import pytest

    from survey_tui.summary import BelowMinimumGroup, build_report, round_ranking_stats

    with Store(tmp_path / "s.db") as s:
        _fill(s, kela, "a", 120, 7)
        assert round_ranking_stats(s, "a") == build_report(s, "a", answers=False).ranking
        _fill(s, kela, "tiny", 2, 8)
        with pytest.raises(BelowMinimumGroup):
            round_ranking_stats(s, "tiny")


def test_scan_responses_without_rankings(tmp_path, kela):
    with Store(tmp_path / "s.db") as s:
        _fill(s, kela, "a", 60, 9)
        full = {r["id"]: r for r in s.scan_responses("a")}
        lean = list(s.scan_responses("a", rankings=False, batch=7))
        assert len(lean) == 60 and all(r["ranking"] == [] for r in lean)
        assert all(full[r["id"]]["answers"] == r["answers"] for r in lean)
        assert all(full[r["id"]]["language"] == r["language"] for r in lean)
