"""Tagging is for free text: the tag list of a round with closed questions holds the open
answers and the `other` texts, never an option id or a number."""

from __future__ import annotations

from kinds_data import imported
from survey_tui.services import tags
from survey_tui.store import Store


def test_tagging_lists_the_free_texts_only(run, tmp_path, kinds_round):
    from survey_tui.services import tags

    imported(run, tmp_path)
    with Store(run.db) as s:
        listed = tags.answers(s, "k")
        assert {(r["question_id"], r["text"]) for r in listed.rows} == {
            ("adopted_other", "in one office"), ("stopped", "no money"), ("why", "time"),
            ("channels_other", "Teams"), ("why", "turnover"), ("channels_other", "letters")}
        assert [r["text"] for r in tags.answers(s, "k", "channels_other").rows] in (["Teams", "letters"], ["letters", "Teams"])
        assert tags.answers(s, "k", "works").rows == []
