"""The thesis's path on a round shaped like it: 11 respondents, five themes; reduce, suggest and
accept, categories per theme, practices per theme (Taulukko 1), a follow-up that inherits the
codebook, and compare's category counts."""

from __future__ import annotations

from survey_tui.services import codebook, coding, coding_suggest, practices
from survey_tui.services.compare import compare

from coding_data import handles, thesis_round

THEMES = {"tiedottaminen": "q1a", "tunteminen": "q2a", "kanavat": "q3", "henkilot": "q4", "ymmarrys": "q5"}


def test_five_themes_from_answers_to_practices_and_a_follow_up(store, kela):
    slug = thesis_round(store, kela)
    for theme, qid in THEMES.items():
        category = f"Ideat: {theme}"
        codebook.add_category(store, slug, category, theme_id=theme)
        for text, handle in handles(store, slug, qid).items():
            coding.reduce(store, slug, handle, text.rstrip(".").lower())
        group = coding_suggest.suggest(store, slug, qid).groups[0]
        code, n = coding_suggest.accept(store, slug, qid, 1, category=category)
        assert code == group.name and n == len(group.handles)
        practices.add(store, slug, f"Toimintatapa teemaan {theme}", theme, categories=[category],
                      handles=list(group.handles[:2]))
    counts = coding.category_counts(store, slug)
    assert len(counts) == 5 and all(c.n >= 2 for c in counts.values())
    out = coding.practices(store, slug)
    assert [t.theme_id for t in out] == list(THEMES)  # questionnaire order
    assert all(len(t.practices) == 1 and t.practices[0].categories for t in out)
    reduced = coding.answers(store, slug, "q4").answers
    assert all(a.reduction and a.reduction == a.text.rstrip(".").lower() for a in reduced)

    # A code merged into another and split back keeps every answer's category.
    book = codebook.load(store, slug)
    henkilot_code = next(c for c in book.codes if book.by_id(c.category_id).theme_id == "henkilot")
    codebook.add_code(store, slug, "Muut henkilöt", "Ideat: henkilot")
    codebook.merge(store, slug, "code", henkilot_code.name, "Muut henkilöt")
    assert coding.category_counts(store, slug) == counts

    follow = thesis_round(store, kela, "syksy", follows=slug)
    inherited = codebook.load(store, follow)
    assert sorted(c.name for c in inherited.categories) == sorted(counts)
    view = compare(store, slug, follow)
    rows = {r.name: r for r in view.categories}
    assert rows["Ideat: henkilot"].old.n == counts["Ideat: henkilot"].n and rows["Ideat: henkilot"].new.n == 0
