"""Anonymity of what coordinators see: order, small groups, and differencing.

The schema and stored-row audit is tests/test_anonymity.py; this goes on to the
outputs: export files and listings, and the minimum group size across rounds.
"""

from __future__ import annotations

import json

from faultkit import RANKING, run_cli
from survey_tui.questionnaire import load_shipped
from survey_tui.store import Store


def _round(s, slug, n, lang="fi", follows=None):
    s.create_round(slug, load_shipped("kela-sosiaalitoimi"), state="open", min_group=5, follows=follows)
    for i in range(n):
        s.submit(slug, {"q1a": f"{slug}-answer-{i:03d}"}, RANKING[i % 5:] + RANKING[: i % 5], lang)
    s.set_state(slug, "closed")  # results are sealed while the round takes answers


def _spearman_like(order: list[int]) -> float:
    """Fraction of adjacent pairs in increasing order (0.5 = random, 1.0 = insertion order)."""
    pairs = list(zip(order, order[1:]))
    return sum(a < b for a, b in pairs) / len(pairs)


def test_export_and_listing_rows_are_not_in_insertion_order(tmp_path, figure):
    import csv

    db = tmp_path / "a.db"
    with Store(db) as s:
        _round(s, "r1", 60)
    out = tmp_path / "out"
    exp = run_cli("export", "r1", "--out", str(out), db_path=db)
    assert exp.returncode == 0, exp.stderr
    with open(out / "answers.csv", encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["question_id"] == "q1a"]
    export_order = [int(r["text"].rsplit("-", 1)[1]) for r in rows]
    listing = run_cli("tag", "r1", "list", "--question", "q1a", db_path=db).stdout.decode()
    list_order = [int(line.split("r1-answer-")[1][:3]) for line in listing.splitlines() if "r1-answer-" in line]
    assert sorted(export_order) == list(range(60)) and sorted(list_order) == list(range(60))
    for order in (export_order, list_order):
        assert order != list(range(60)) and order != list(range(59, -1, -1))
        assert 0.25 < _spearman_like(order) < 0.75, "rows follow submission order"
    figure("export_adjacent_increasing", round(_spearman_like(export_order), 2))
    figure("listing_adjacent_increasing", round(_spearman_like(list_order), 2))


def test_small_round_shows_nothing_even_when_another_round_is_large(tmp_path, figure):
    db = tmp_path / "g.db"
    with Store(db) as s:
        _round(s, "big", 10)
        _round(s, "small", 4, follows="big")
    outputs = {}
    for args in (["report", "small"], ["report", "small", "--format", "json"],
                 ["export", "small", "--out", str(tmp_path / "x")], ["compare", "small"],
                 ["tag", "small", "list"], ["tag", "small", "summary"]):
        proc = run_cli(*args, db_path=db)
        text = proc.stdout.decode() + proc.stderr.decode()
        outputs[" ".join(args[:2])] = proc.returncode
        assert proc.returncode != 0, f"{args} showed a round of 4 responses"
        assert "Traceback" not in text
        assert "small-answer" not in text
    assert not (tmp_path / "x").exists() or not any((tmp_path / "x").iterdir())
    figure("refused_commands", sorted(outputs))


def test_language_breakdown_never_reveals_a_group_under_minimum(tmp_path, figure):
    """8 Finnish + 2 English responses: no per-language figure may describe the 2."""
    db = tmp_path / "l.db"
    with Store(db) as s:
        s.create_round("r1", load_shipped("kela-sosiaalitoimi"), state="open", min_group=5)
        for i in range(8):
            s.submit("r1", {"q1a": f"fi-{i}"}, RANKING, "fi")
        for i in range(2):
            s.submit("r1", {"q1a": f"en-{i}"}, list(reversed(RANKING)), "en")
        s.set_state("r1", "closed")
    proc = run_cli("report", "r1", "--format", "json", db_path=db)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    # Any count keyed by language must be absent or at least the minimum group size.
    small = []

    def walk(node, path=""):
        if isinstance(node, dict):
            for k, v in node.items():
                if k in ("en", "english") and isinstance(v, (int, float)) and 0 < v < 5:
                    small.append(f"{path}.{k}={v}")
                walk(v, f"{path}.{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{path}[{i}]")

    walk(data)
    assert small == [], small
    # The export's language column would single out the two: it is left empty, and said so.
    exp = run_cli("export", "r1", "--out", str(tmp_path / "x"), db_path=db)
    assert exp.returncode == 0, exp.stderr
    import csv

    with open(tmp_path / "x" / "responses.csv", encoding="utf-8", newline="") as fh:
        assert {row["language"] for row in csv.DictReader(fh)} == {""}
    assert "language column is empty" in exp.stderr.decode() + exp.stdout.decode()
    figure("json_keys_checked", len(json.dumps(data)))
