"""services.codebook, services.coding and services.practices on a round shaped like the thesis."""

from __future__ import annotations

import pytest

from survey_tui.errors import InvalidInput, NotFound
from survey_tui.services import codebook, coding, practices
from survey_tui.services.sealing import BelowMinimumGroup, ResultsSealed

from coding_data import handles, thesis_round


@pytest.fixture
def coded(store, kela):
    """Round 'kevat': category Yhteydenpito (kanavat) with sub-category Pikaviestintä, codes
    Teams and Puhelin; coder A put Teams on every q3 answer mentioning Teams or pikaviest*."""
    slug = thesis_round(store, kela)
    codebook.add_category(store, slug, "Yhteydenpito", theme_id="kanavat")
    codebook.add_category(store, slug, "Pikaviestintä", parent="Yhteydenpito")
    codebook.add_code(store, slug, "Teams", "Pikaviestintä", memo="Teams, pikaviestin")
    codebook.add_code(store, slug, "Puhelin", "Yhteydenpito")
    q3 = handles(store, slug, "q3")
    for text, handle in q3.items():
        low = text.lower()
        if "teams" in low or "pikaviest" in low:
            coding.assign(store, slug, handle, "Teams")
        if "puhelin" in low:
            coding.assign(store, slug, handle, "Puhelin")
    return slug, q3


def _state(store, slug):
    return (store.coding_categories(slug), store.coding_codes(slug), store.coding_assignments(slug),
            store.coding_practices(slug), store.coding_reductions(slug))


def test_counts_include_sub_categories_and_hide_small_groups(store, coded):
    slug, _q3 = coded
    counts = coding.category_counts(store, slug)
    # Ten q3 answers name Teams or instant messaging; the eleventh says phone and e-mail, and
    # the parent category counts its own code (Puhelin) and its sub-category's.
    assert counts["Pikaviestintä"].n == 10 and counts["Yhteydenpito"].n == 11
    assert counts["Pikaviestintä"].shown() == "10"
    codebook.add_category(store, slug, "Harvinainen", theme_id="kanavat")
    codebook.add_code(store, slug, "Sähköposti", "Harvinainen")
    coding.assign(store, slug, next(h for t, h in _q3_items(store, slug) if "sähköposti" in t), "Sähköposti")
    small = coding.category_counts(store, slug)["Harvinainen"]
    assert small.n == 1 and small.visible is None and small.shown() == "fewer than 5" and small.to_json() == "<5"
    assert small.shown("fi") == "alle 5"


def _q3_items(store, slug):
    return handles(store, slug, "q3").items()


def test_merge_and_split_keep_every_assignment(store, coded):
    slug, q3 = coded
    before = {(a["response_id"], a["question_id"]) for a in store.coding_assignments(slug)}
    codebook.merge(store, slug, "code", "Puhelin", "Teams")
    after = store.coding_assignments(slug)
    assert {(a["response_id"], a["question_id"]) for a in after} == before
    assert [c.name for c in codebook.load(store, slug).codes] == ["Teams"]
    moved = [h for t, h in q3.items() if "puhelin" in t.lower()]
    new = coding.split_code(store, slug, "Teams", "Puhelin", moved)
    by_code = {}
    for a in store.coding_assignments(slug):
        by_code.setdefault(a["code_id"], set()).add(a["response_id"])
    assert len(by_code[new.id]) == len(moved) == 2
    assert {(a["response_id"], a["question_id"]) for a in store.coding_assignments(slug)} == before
    # rename keeps them too
    codebook.rename(store, slug, "code", "Puhelin", "Puhelin ja sähköposti")
    assert len(coding.answers(store, slug, "q3").answers) == 11
    assert sum("Puhelin ja sähköposti" in a.codes for a in coding.answers(store, slug, "q3").answers) == 2


def test_category_merge_split_and_undo(store, coded):
    slug, _q3 = coded
    codebook.add_category(store, slug, "Muut", theme_id="kanavat")
    codebook.merge(store, slug, "category", "Muut", "Yhteydenpito")
    start = _state(store, slug)
    new = codebook.split_category(store, slug, "Yhteydenpito", "Puhelut", ["Puhelin"])
    book = codebook.load(store, slug)
    assert book.code("Puhelin").category_id == new.id and new.theme_id == "kanavat"
    assert codebook.undo(store, slug) == "split_category"
    assert _state(store, slug) == start
    with pytest.raises(NotFound, match="Nothing to undo"):
        codebook.undo(store, slug)


@pytest.mark.parametrize("attempt, text", [
    (lambda s, slug: codebook.merge(s, slug, "code", "Teams", "teams"), "cannot be merged into itself"),
    (lambda s, slug: codebook.merge(s, slug, "category", "Yhteydenpito", "Yhteydenpito"), "into itself"),
    (lambda s, slug: codebook.move_category(s, slug, "Yhteydenpito", "Pikaviestintä"), "cycle of categories"),
    (lambda s, slug: codebook.merge(s, slug, "category", "Yhteydenpito", "Pikaviestintä"), "cycle of categories"),
    (lambda s, slug: practices.add(s, slug, "Teams-kanava käyttöön", "kanavat"), "linked to at least one"),
    (lambda s, slug: codebook.add_code(s, slug, "teams", "Yhteydenpito"), "already has a code"),
    (lambda s, slug: codebook.add_category(s, slug, "X", theme_id="nope"), "No theme"),
    (lambda s, slug: codebook.add_category(s, slug, "X", theme_id="tunteminen", parent="Yhteydenpito"),
     "different themes"),
    (lambda s, slug: coding.assign(s, slug, "ffffffff:q3", "Teams", coder="A B"), "coder"),
])
def test_refusals_are_one_line_and_change_nothing(store, coded, attempt, text):
    slug, _q3 = coded
    before = (_state(store, slug), store.coding_undo_action(slug))
    with pytest.raises((InvalidInput, NotFound)) as info:
        attempt(store, slug)
    assert text in str(info.value) and "\n" not in str(info.value)
    assert (_state(store, slug), store.coding_undo_action(slug)) == before


def test_refusal_in_finnish(store, coded):
    from survey_tui import i18n

    slug, _q3 = coded
    i18n.set_coordinator_lang("fi")
    with pytest.raises(InvalidInput, match="itseensä"):
        codebook.merge(store, slug, "code", "Teams", "Teams")


def test_coding_needs_released_answers(store, kela):
    store.create_round("auki", kela, state="open", min_group=3)
    codebook.add_category(store, "auki", "K", theme_id="kanavat")  # the codebook alone may be prepared
    codebook.add_code(store, "auki", "c", "K")
    with pytest.raises(ResultsSealed):
        coding.answers(store, "auki")
    with pytest.raises(ResultsSealed):
        coding.assign(store, "auki", "ffffffff:q3", "c")
    with pytest.raises(ResultsSealed):
        coding.practices(store, "auki")
    store.set_state("auki", "closed")
    with pytest.raises(BelowMinimumGroup):
        coding.category_counts(store, "auki")


def test_second_coder_is_blind_to_the_first(store, coded):
    slug, q3 = coded
    view_b = coding.answers(store, slug, "q3", coder="B")
    assert all(a.codes == () for a in view_b.answers)
    coding.assign(store, slug, next(iter(q3.values())), "Puhelin", coder="B")
    assert sum(bool(a.codes) for a in coding.answers(store, slug, "q3", coder="B").answers) == 1
    assert sum(bool(a.codes) for a in coding.answers(store, slug, "q3", coder="A").answers) == 11


def test_reduce_quotable_and_quotes_rule(store, coded):
    slug, q3 = coded
    teams = [h for t, h in q3.items() if "teams" in t.lower()]
    phone = [h for t, h in q3.items() if "puhelin" in t.lower() and "teams" not in t.lower()]
    assert coding.reduce(store, slug, teams[0], "  teams   nopea ") == "teams nopea"
    assert coding.answers(store, slug, "q3").answers  # view works
    view = {a.handle: a for a in coding.answers(store, slug, "q3").answers}
    assert view[teams[0]].reduction == "teams nopea"
    assert coding.quotes(store, slug, category="Pikaviestintä") == []  # nothing marked quotable
    coding.mark_quotable(store, slug, teams[0])
    coding.mark_quotable(store, slug, phone[0])
    got = coding.quotes(store, slug, category="Pikaviestintä")
    assert [q.text for q in got] == [t for t, h in q3.items() if h == teams[0]]
    # Puhelin's group has 2 answers (< minimum group 5): even a quotable answer is not quoted.
    codebook.add_category(store, slug, "Puhelut", theme_id="kanavat")
    codebook.move_code(store, slug, "Puhelin", "Puhelut")
    assert coding.quotes(store, slug, category="Puhelut") == []
    # By question: 11 answers to q3 >= 5, so both marked answers may be quoted.
    assert len(coding.quotes(store, slug, question_id="q3")) == 2
    coding.mark_quotable(store, slug, teams[0], False)
    assert len(coding.quotes(store, slug, question_id="q3")) == 1


def test_practices_grouped_by_theme_with_counts(store, coded):
    slug, q3 = coded
    pid = practices.add(store, slug, "Teams-pikaviestin yhteydenpitoon", "kanavat", categories=["Pikaviestintä"])
    practices.link(store, slug, pid, handles=list(q3.values())[:2])
    codebook.add_category(store, slug, "Nimetyt", theme_id="henkilot")
    practices.add(store, slug, "Nimetyt yhteyshenkilöt", "henkilot", categories=["Nimetyt"])
    codebook.set_narrative(store, slug, "kanavat", "Matalan kynnyksen kanavat.")
    out = coding.practices(store, slug)
    assert [t.theme_id for t in out] == ["kanavat", "henkilot"]
    kanavat = out[0]
    assert kanavat.narrative == "Matalan kynnyksen kanavat." and kanavat.title
    (practice,) = kanavat.practices
    assert practice.text == "Teams-pikaviestin yhteydenpitoon"
    assert practice.categories[0].path == "Yhteydenpito / Pikaviestintä"
    assert practice.categories[0].count.visible == 10
    assert practice.answers.n == 2 and practice.answers.visible is None  # 2 < 5: hidden
    assert out[1].practices[0].categories[0].count.to_json() == "<5"
    assert out[0].to_json()["practices"][0]["answers"] == "<5"
    with pytest.raises(NotFound):
        practices.link(store, slug, 999, categories=["Nimetyt"])


def test_follow_up_inherits_the_codebook(store, kela, coded):
    slug, _q3 = coded
    follow = thesis_round(store, kela, slug="syksy", follows=slug)
    book = codebook.load(store, follow)
    assert [c.name for c in book.categories] == ["Yhteydenpito", "Pikaviestintä"]
    assert book.code("Teams").memo == "Teams, pikaviestin"
    assert store.coding_assignments(follow) == []
    # Copied once: a change in the earlier round later does not reach the follow-up.
    codebook.add_code(store, slug, "Uusi", "Yhteydenpito")
    assert "Uusi" not in [c.name for c in codebook.load(store, follow).codes]


def test_hostile_names_and_texts_are_stored_clean(store, coded):
    slug, q3 = coded
    cat = codebook.add_category(store, slug, "Paha\x1b[2J\u202enimi", theme_id="kanavat")
    assert cat.name == "Pahanimi"
    code = codebook.add_code(store, slug, "x\x1b]0;title\x07y", "Pahanimi", memo="rivi 1\r\nrivi 2\x1b[31m")
    assert code.name == "xy" and code.memo == "rivi 1\nrivi 2"
    handle = next(iter(q3.values()))
    assert coding.reduce(store, slug, handle, "a\x00b\u200b c") == "ab c"
    pid = practices.add(store, slug, "Käytäntö\x1b[1m", "kanavat", categories=["Pahanimi"])
    assert [p["text"] for p in store.coding_practices(slug) if p["id"] == pid] == ["Käytäntö"]


def test_only_free_text_is_coded(store):
    from survey_tui.questionnaire import load_shipped
    from survey_tui.services import coding_suggest

    seuranta = load_shipped("kela-seuranta")
    store.create_round("seur", seuranta, state="open", min_group=3)
    items = [item.id for item in seuranta.ranking.items]
    store.import_responses("seur", [{"language": "fi", "ranking": items, "answers": {
        "p4_adopted": "partly", "p4_obstacles": f"Ei ole ollut aikaa {i}.", "p4_works": 3}} for i in range(4)])
    store.set_state("seur", "closed")
    with pytest.raises(InvalidInput, match="not answered in free text"):
        coding.answers(store, "seur", "p4_adopted")
    with pytest.raises(InvalidInput, match="not answered in free text"):
        coding_suggest.suggest(store, "seur", "p4_works")
    every = coding.answers(store, "seur").answers
    assert {a.question_id for a in every} == {"p4_obstacles"} and len(every) == 4
