"""Comparing a follow-up round with an earlier one, for the CLI and the dashboard alike.

What is compared, which round follows which (and the note when the pair is picked
backwards) and why a ranking is left out are decided here; the interfaces only lay
the result out. Both rounds pass the sealing rule before any figure exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from survey_tui.errors import InvalidInput, message


@dataclass(frozen=True)
class Relation:
    """Which round follows which, when the pair picked leaves it open to doubt.

    kind: "follows" (new follows old: no note), "also" (old is also followed by `others`),
    "reversed" (old follows new: pick them the other way), "other" (new follows
    `parent`, not old), "none" (neither follows the other).
    """

    kind: str
    old: str
    new: str
    parent: str | None = None
    others: tuple[str, ...] = ()

    def note(self, lang: str) -> str | None:
        from survey_tui.report_strings import t

        if self.kind == "follows":
            return None
        return t(lang, f"relation_{self.kind}", old=self.old, new=self.new, parent=self.parent or "",
                 others=", ".join(self.others))


@dataclass(frozen=True)
class Link:
    """A round's name and the round it follows up: all that pairing rounds needs."""

    slug: str
    follows: str | None


def links(store) -> list[Link]:
    """Every round's Link, from one query that parses no questionnaire (Store.statuses)."""
    return [Link(s["round"], s["follows"]) for s in store.statuses()]


def relation(rounds, old: str, new: str) -> Relation:
    by_slug = {r.slug: r for r in rounds}
    old_round, new_round = by_slug[old], by_slug[new]
    if new_round.follows == old:
        others = tuple(r.slug for r in rounds if r.follows == old and r.slug != new)
        return Relation("also" if others else "follows", old, new, others=others)
    if old_round.follows == new:
        return Relation("reversed", old, new)
    if new_round.follows:
        return Relation("other", old, new, parent=new_round.follows)
    return Relation("none", old, new)


def default_pair(rounds, selected: str | None) -> tuple[str | None, str | None]:
    """(earlier, later) to compare first: the earlier is the round that is followed.

    The selected round is the later one when it follows up another, the earlier one
    when another round follows it up; otherwise it is the later one, beside any other.
    """
    slugs = [r.slug for r in rounds]
    if not slugs:
        return None, None
    chosen = next((r for r in rounds if r.slug == selected), rounds[-1])
    if chosen.follows in slugs:
        return chosen.follows, chosen.slug
    follow_ups = [r.slug for r in rounds if r.follows == chosen.slug]
    if follow_ups:
        return chosen.slug, follow_ups[0]
    return next((s for s in slugs if s != chosen.slug), None), chosen.slug


@dataclass(frozen=True)
class ComparisonView:
    old: Any  # RoundReport of the earlier round
    new: Any  # RoundReport of the later round
    comparison: Any  # analysis.compare.Comparison (warnings include a left-out ranking's reason)
    relation: Relation
    lang: str
    categories: tuple = ()  # CategoryRow per codebook category of either round (content analysis)

    def categories_json(self) -> list[dict]:
        return [row.to_json() for row in self.categories]

    @property
    def titles(self) -> dict[str, str]:
        """Theme titles by id, the later round's where both have one (keyword shifts)."""
        return {t.id: t.title for t in self.old.themes} | {t.id: t.title for t in self.new.themes}

    def ranked(self, which: str) -> int:
        rep = self.old if which == "old" else self.new
        return rep.ranking.n if rep.ranking is not None else rep.n

    def release_notes(self) -> list[tuple[str, str]]:
        from survey_tui.report_strings import release_notes

        return [(rep.slug, note) for rep in (self.old, self.new) for note in release_notes(rep)]


def compare(store, old: str, new: str, lang: str | None = None) -> ComparisonView:
    """Compare round `new` with the earlier `old` in `lang` (default: the new round's
    questionnaire's first language); BelowMinimumGroup/ResultsSealed name a round that
    cannot be compared yet."""
    from survey_tui.services.results import report
    from survey_tui.summary import compare_reports, resolve_lang

    if old == new:
        from survey_tui.sanitize import one_line

        raise InvalidInput(message("svc_compare_same_round", slug=repr(one_line(old, 60))))
    new_round = store.get_round(new)
    store.get_round(old)
    lang = resolve_lang(new_round.questionnaire, lang)
    old_rep = report(store, old, lang, answers=False)  # with the closed questions' figures
    new_rep = report(store, new, lang, answers=False)
    return ComparisonView(old_rep, new_rep, compare_reports(old_rep, new_rep, lang),
                          relation(links(store), old, new), lang, category_rows(store, old, new))


BASE = "theme_answers"  # what a category's share is of, in the JSON (see CategoryRow)


@dataclass(frozen=True)
class CategoryRow:
    """How many answers carried a codebook category in each round, matched by name (a follow-up
    round starts from a copy of the codebook). old/new: services.coding.Count (shown only from
    the round's minimum group up: Count.shown says "fewer than N"), None when that round's
    codebook has no such category.

    old_base/new_base: the share's n, the answers to the category's theme in that round (the
    non-blank free-text answers to its questions, and any other answer carrying the category),
    so "10 / 11" reads "10 of the 11 answers to the theme carried it". Shares, their Wilson
    intervals and the change (Newcombe interval, Fisher's p, within chance or not) come from
    the functions the ranking's and closed questions' shares use (analysis.compare.share_change);
    a hidden count has no share, and a change needs both rounds' shares."""

    name: str
    theme_id: str
    old: Any
    new: Any
    old_base: int | None = None
    new_base: int | None = None

    def share(self, which: str):
        """The round's ("old"/"new") analysis.proportions.Share, None when its count is hidden
        or the round's codebook has no such category."""
        from survey_tui.analysis.proportions import share

        count, base = (self.old, self.old_base) if which == "old" else (self.new, self.new_base)
        if count is None or count.visible is None or base is None:
            return None
        return share(count.n, base)

    @cached_property
    def change(self) -> dict | None:
        """analysis.compare.share_change of the two rounds' shares; None unless both are shown.

        Kept once worked out: its exact test is read by the text, the JSON and the dashboard."""
        from survey_tui.analysis.compare import share_change

        old, new = self.share("old"), self.share("new")
        if old is None or new is None:
            return None
        return share_change(old.k, old.n, new.k, new.n)

    def to_json(self) -> dict:
        change = self.change
        return {"category": self.name, "theme": self.theme_id,
                "old": None if self.old is None else self.old.to_json(),
                "new": None if self.new is None else self.new.to_json(),
                "base": BASE,
                **{f"{which}_share": (s.to_dict() if (s := self.share(which)) is not None else None)
                   for which in ("old", "new")},
                "change": None if change is None else {k: change[k] for k in
                                                       ("change", "low", "high", "fisher_p", "within_chance")}}


def _theme_answers(store, slug: str) -> dict[str, set[tuple[str, str]]]:
    """Theme id -> the round's non-blank free-text answers (pseudonym, question id) to its questions."""
    from survey_tui.questionnaire.answers import other_key
    from survey_tui.questionnaire.responses import free_text_ids

    q = store.get_round(slug).questionnaire
    free = free_text_ids(q)
    theme_of = {}
    for theme, question in q.questions():
        theme_of[question.id] = theme_of[other_key(question.id)] = theme.id
    out: dict[str, set[tuple[str, str]]] = {}
    for row in store.answers(slug):
        if row["question_id"] in free and (row["text"] or "").strip():
            out.setdefault(theme_of[row["question_id"]], set()).add((row["response_id"], row["question_id"]))
    return out


def category_rows(store, old: str, new: str) -> tuple[CategoryRow, ...]:
    """Per category of either round's codebook, its answer counts in both, with the answers to
    its theme as the base of its share (both rounds have passed the sealing rule before this
    is called); empty when neither round is coded."""
    from survey_tui.services import codebook
    from survey_tui.services.coding import answers_carrying, category_counts

    books = {slug: codebook.load(store, slug) for slug in (old, new)}
    if not books[old].categories and not books[new].categories:
        return ()
    counts = {slug: category_counts(store, slug) for slug in (old, new)}
    bases: dict[str, dict[str, int]] = {}
    for slug in (old, new):
        # The answers carrying each category come from coding's one rule (answers_carrying), so k <= n
        # even when an answer to another theme's question carries the category.
        book, answers = books[slug], _theme_answers(store, slug)
        carrying = answers_carrying(store, slug, book, None)
        bases[slug] = {c.name: len(answers.get(c.theme_id, set()) | carrying[c.id]) for c in book.categories}
    rows, seen = [], set()
    for slug in (new, old):
        for cat in books[slug].categories:
            if cat.name not in seen:
                seen.add(cat.name)
                rows.append(CategoryRow(cat.name, cat.theme_id, counts[old].get(cat.name), counts[new].get(cat.name),
                                        bases[old].get(cat.name), bases[new].get(cat.name)))
    return tuple(rows)
