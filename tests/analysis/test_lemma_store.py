"""Keyword figures from the stored lemma rows equal the per-answer Python count, and are never stale.

The report (summary.build_report without answers: JSON, export, compare, dashboard) counts
keywords with aggregate reads of answer_lemmas / lemma_totals (store/lemmas.py,
summary_keywords.py). These tests compare every figure with summary.ThemeCollector reading the
answers' text, on realistic data (bench/realdata.py: real Finnish word forms, all questions),
and change what the stored rows were made with to see them rebuilt.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from survey_tui import summary
from survey_tui.analysis import keywords as _keywords_pkg  # noqa: F401 - the module, below
from survey_tui.errors import StoreUnavailable

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import realdata  # noqa: E402

keywords = sys.modules["survey_tui.analysis.keywords"]  # the package exports a function of that name
N = 300


def text_figures(store, slug: str, lang: str = "fi") -> tuple:
    """The figures as ThemeCollector computes them from every answer's text (the old path)."""
    rnd, release = summary.open_results(store, slug)
    collector = summary.ThemeCollector(rnd.questionnaire, lang, store.answer_codes(slug))
    for rec in store.scan_responses(slug):
        collector.add(rec)
    return collector.summaries(release.released)


def report_figures(store, slug: str, lang: str = "fi"):
    rep = summary.build_report(store, slug, lang, answers=False)
    return rep.themes, rep.to_dict()


def stored_rows(store) -> list[tuple]:
    return store.conn.execute("SELECT response_id, question_id, made_with, lemmas FROM answer_lemmas").fetchall()


@pytest.fixture
def real_round(store, kela):
    store.create_round("r", kela, state="closed")
    store.import_responses("r", list(realdata.records(N, seed=7)))
    store.release("r")
    return store


def test_report_equals_the_text_count_on_realistic_data(real_round):
    store = real_round
    expected = text_figures(store, "r")
    themes, first = report_figures(store, "r")  # fills the rows
    assert themes == expected
    assert any(theme.keywords for theme in themes) and all(q.answered for t in themes for q in t.questions)
    rows = stored_rows(store)
    assert len({rid for rid, qid, _, _ in rows if qid == ""}) == N  # one marker per response
    again, second = report_figures(store, "r")  # from the stored totals
    assert again == expected and second == first
    # the ranking figures come from the stored totals too, equal to the database's own count
    rnd, _ = summary.open_results(store, "r")
    direct = summary.ranking_from_counts(rnd, store.ranking_counts("r"))
    assert summary.build_report(store, "r", answers=False).ranking == direct


def test_each_stored_answer_holds_its_lemmas(real_round):
    store = real_round
    report_figures(store, "r")
    language = dict(store.conn.execute("SELECT id, language FROM responses"))
    texts = {(rid, qid): text for rid, qid, text in store.conn.execute("SELECT response_id, question_id, text FROM answers")}
    rows = [row for row in stored_rows(store) if row[1]]
    assert len(rows) == len(texts)
    for rid, qid, _stamp, joined in rows:
        assert set(filter(None, joined.split(keywords.SEP))) == keywords.lemmas(texts[(rid, qid)], language[rid])


def test_tags_count_and_their_shortest_example(real_round):
    store = real_round
    answers = store.answers("r")
    for row in answers[:40:3]:
        store.add_answer_code("r", row["response_id"], row["question_id"], "=kaava")
    for row in answers[5:60:7]:
        store.add_answer_code("r", row["response_id"], row["question_id"], "toinen")
    themes, _ = report_figures(store, "r")
    assert themes == text_figures(store, "r")
    assert sum(code.count for theme in themes for code in theme.codes) > 0


def test_a_new_simplemma_or_stop_word_list_rebuilds_the_rows(real_round, monkeypatch):
    store = real_round
    report_figures(store, "r")
    old = {row[2] for row in stored_rows(store)}
    assert len(old) == 1
    # Another simplemma release whose lemmas differ: every stored row is now stale.
    from survey_tui.analysis import lemmatizer

    real = lemmatizer.dictionary_stamp
    monkeypatch.setattr(lemmatizer, "dictionary_stamp", lambda langs: {**real(langs), "simplemma": "99.0"})
    real_lemmas = keywords.lemmas
    monkeypatch.setattr(keywords, "lemmas", lambda text, lang: {w[::-1] for w in real_lemmas(text, lang)})
    themes, _ = report_figures(store, "r")
    assert themes == text_figures(store, "r")  # the collector uses the same (changed) lemmas
    assert any(w != w[::-1] for theme in themes for w, _ in theme.keywords)
    new = {row[2] for row in stored_rows(store)}
    assert len(new) == 1 and new != old
    # A changed stop-word list changes the stamp as well.
    before = keywords.lemma_stamp(["q1a"])
    monkeypatch.setattr(keywords, "stop_words", lambda lang: frozenset({"koulutus"}))
    assert keywords.lemma_stamp(["q1a"]) != before
    themes, _ = report_figures(store, "r")
    assert themes == text_figures(store, "r")
    assert {row[2] for row in stored_rows(store)} not in (old, new)


def test_stale_rows_with_wrong_lemmas_are_never_counted(real_round):
    """Rows made with another stamp are ignored even if the totals were kept: figures stay right."""
    store = real_round
    expected, _ = report_figures(store, "r")
    store.conn.execute("UPDATE answer_lemmas SET made_with = 'old', lemmas = 'väärä'")
    store.conn.execute("UPDATE lemma_rounds SET made_with = 'old'")
    store.conn.commit()
    themes, _ = report_figures(store, "r")
    assert themes == expected
    assert "väärä" not in {w for theme in themes for w, _ in theme.keywords}


def test_a_new_release_and_a_removed_response_make_the_totals_stale(real_round, kela):
    store = real_round
    report_figures(store, "r")
    store.import_responses("r", list(realdata.records(40, seed=8)))
    store.release("r")
    themes, doc = report_figures(store, "r")
    assert doc["n"] == N + 40 and themes == text_figures(store, "r")
    # A response removed from a released batch (nothing in the store does it today): its
    # rows cascade away and the batch's count no longer matches the totals' record.
    (rid,) = store.conn.execute("SELECT id FROM responses LIMIT 1").fetchone()
    store.conn.execute("DELETE FROM responses WHERE id = ?", (rid,))
    store.conn.commit()
    assert not store.conn.execute("SELECT 1 FROM answer_lemmas WHERE response_id = ?", (rid,)).fetchone()
    themes, doc = report_figures(store, "r")
    assert doc["n"] == N + 39 and themes == text_figures(store, "r")


def test_a_file_that_cannot_keep_the_rows_counts_from_the_text(real_round, monkeypatch):
    store = real_round

    def refuse(*args, **kwargs):
        raise StoreUnavailable("read-only")

    monkeypatch.setattr(type(store), "fill_answer_lemmas", refuse)
    themes, _ = report_figures(store, "r")
    assert themes == text_figures(store, "r")
    assert stored_rows(store) == []


def test_rows_are_re_laid_with_their_response(real_round):
    """answer_lemmas is one of layout.TABLES: a later import re-writes neighbours' rows too."""
    from survey_tui.store import layout

    store = real_round
    assert "answer_lemmas" in layout.TABLES
    report_figures(store, "r")
    before = sorted(stored_rows(store))
    store.import_responses("r", list(realdata.records(5, seed=9)))  # held back, mixed into the file
    assert sorted(stored_rows(store)) == before


def test_only_long_and_short_questions_are_keyword_sources(store):
    """A closed question's stored value ("dont_know", an option id) is no keyword."""
    from survey_tui.questionnaire import from_dict

    q = from_dict({
        "id": "kinds", "version": 1, "languages": ["fi"], "title": {"fi": "Lajit"},
        "themes": [{"id": "t", "title": {"fi": "Teema"}, "questions": [
            {"id": "open", "prompt": {"fi": "Mitä?"}},
            {"id": "short", "kind": "short", "prompt": {"fi": "Lyhyesti?"}},
            {"id": "scale", "kind": "scale", "prompt": {"fi": "Kuinka?"}, "min": 1, "max": 5,
             "labels": {1: {"fi": "huono"}, 5: {"fi": "hyvä"}}, "dont_know": True},
        ]}],
    })
    collector = summary.ThemeCollector(q, "fi", [])
    assert collector.open_ids == ["open", "short"]
    collector.add({"id": "x", "language": "fi", "answers": {"open": "koulutus auttaa", "scale": "dont_know"}})
    assert "dont_know" not in collector.words["t"] and collector.words["t"]
    assert collector.answered["scale"] == 1


def test_the_full_text_report_takes_its_keywords_from_the_stored_rows(real_round, monkeypatch):
    """`report` and `--format markdown` show every answer, and their keywords are the stored
    rows' (equal to the text count), without lemmatising any answer again."""
    store = real_round
    expected = text_figures(store, "r")
    summary.build_report(store, "r", "fi", answers=False)  # a first report fills the rows
    from survey_tui.analysis import themes as themes_module

    def no_lemmas(*args, **kwargs):
        raise AssertionError("an answer was lemmatised again")

    monkeypatch.setattr(themes_module, "lemmas", no_lemmas)
    full = summary.build_report(store, "r", "fi", answers=True)
    assert [t.keywords for t in full.themes] == [t.keywords for t in expected]
    assert all(q.answers for t in full.themes for q in t.questions if q.answered)
