"""Comparison of two rounds (a survey and its follow-up), matched by item and question ids.

Only items and questions present in both rounds are compared; everything else is listed
as unmatched and named in a warning, as are differing questionnaire ids or versions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from survey_tui.analysis.keywords import keyword_shift
from survey_tui.analysis.proportions import fisher, newcombe, rank_permutation, share, within_chance
from survey_tui.analysis.ranking import RankingStats, kendall_tau
from survey_tui.analysis.themes import ThemeSummary

_TEXT = {
    "id": {
        "fi": "Kyselylomakkeet eroavat: {old} (vanha) ja {new} (uusi); vain samat tunnisteet verrataan.",
        "en": "The questionnaires differ: {old} (old) and {new} (new); only matching ids are compared.",
    },
    "version": {
        "fi": "Kyselylomakkeen {qid} versiot eroavat: {old} (vanha) ja {new} (uusi).",
        "en": "Questionnaire {qid} versions differ: {old} (old) and {new} (new).",
    },
    "items_old": {
        "fi": "Järjestettäviä kohtia vain vanhalla kierroksella: {ids}",
        "en": "Ranked items only in the old round: {ids}",
    },
    "items_new": {
        "fi": "Järjestettäviä kohtia vain uudella kierroksella: {ids}",
        "en": "Ranked items only in the new round: {ids}",
    },
    "questions_old": {
        "fi": "Kysymyksiä vain vanhalla kierroksella: {ids}",
        "en": "Questions only in the old round: {ids}",
    },
    "questions_new": {
        "fi": "Kysymyksiä vain uudella kierroksella: {ids}",
        "en": "Questions only in the new round: {ids}",
    },
}


def _say(key: str, lang: str, **values: Any) -> str:
    texts = _TEXT[key]
    return (texts.get(lang) or texts["en"]).format(**values)


@dataclass(frozen=True)
class Comparison:
    old_n: int
    new_n: int
    items: tuple[dict, ...]  # per matched item: id, title, first_choice_share_*, mean_rank_* (old/new/change)
    tau: float | None  # Kendall's tau between the two consensus orders (matched items)
    unmatched_items: tuple[str, ...]  # ranked items in only one round: old-only first, then new-only
    unmatched_questions: tuple[str, ...]  # questions in only one round: old-only first, then new-only
    same_questionnaire: bool  # same id, same version, nothing unmatched
    warnings: tuple[str, ...]
    keywords: dict  # theme id -> keyword_shift(...) for themes in both rounds
    closed: tuple[dict, ...] = ()  # per closed question shown in both rounds: share_change rows, mean test


    def to_dict(self) -> dict[str, Any]:
        return {
            "old_n": self.old_n,
            "new_n": self.new_n,
            "items": [dict(item) for item in self.items],
            "tau": self.tau,
            "unmatched_items": list(self.unmatched_items),
            "unmatched_questions": list(self.unmatched_questions),
            "same_questionnaire": self.same_questionnaire,
            "warnings": list(self.warnings),
            "keywords": {tid: {k: [list(row) for row in v] for k, v in shift.items()} for tid, shift in self.keywords.items()},
            "closed": [dict(c) for c in self.closed],
        }


def _item_titles(q, lang: str) -> dict[str, str]:
    if q.ranking is not None:
        return {item.id: q.text(item.title, lang) for item in q.ranking.items}
    return {t.id: q.text(t.title, lang) for t in q.themes}


def _question_ids(q) -> list[str]:
    return [question.id for _, question in q.questions()]


def _responses(stats: RankingStats | None, themes: Sequence[ThemeSummary]) -> int:
    """Responses of a round: answered + blank of any question (every response counts there),
    or the ranking n when that is larger (no free-text questions, or summaries of nothing)."""
    from_text = next((q.answered + q.blank for t in themes for q in t.questions), 0)
    return max(from_text, stats.n if stats is not None else 0)


def _change(old: float | None, new: float | None) -> float | None:
    return None if old is None or new is None else new - old


def share_change(k_old: int, n_old: int, k_new: int, n_new: int) -> dict[str, Any]:
    """A change in a share with the counts behind it: both shares (k, n, share, low, high),
    the change new - old with its Newcombe 95 % interval, Fisher's exact p, and whether the
    change is within what chance alone could give (the interval holds 0)."""
    interval = newcombe(k_new, n_new, k_old, n_old)
    change, low, high = interval if interval is not None else (None, None, None)
    return {
        "old": share(k_old, n_old).to_dict(),
        "new": share(k_new, n_new).to_dict(),
        "change": change,
        "low": low,
        "high": high,
        "fisher_p": fisher(k_new, n_new, k_old, n_old),
        "within_chance": within_chance((low, high) if interval is not None else None),
    }


def rank_change(old_positions, new_positions) -> dict[str, Any] | None:
    """The permutation test of a change in mean rank (or mean point) from position counts,
    with whether it is within what chance alone could give (p >= 0.05)."""
    test = rank_permutation(list(new_positions), list(old_positions))
    if test is None:
        return None
    return {**test.to_dict(), "within_chance": within_chance(p=test.p)}


def _ranking_item(item_id: str, title: str, old, new, old_n: int, new_n: int) -> dict[str, Any]:
    return {
        "id": item_id,
        "title": title,
        "first_choice_share_old": old.first_choice_share,
        "first_choice_share_new": new.first_choice_share,
        "first_choice_share_change": new.first_choice_share - old.first_choice_share,
        "mean_rank_old": old.mean_rank,
        "mean_rank_new": new.mean_rank,
        "mean_rank_change": _change(old.mean_rank, new.mean_rank),
        "first_choice": share_change(old.first_choice, old_n, new.first_choice, new_n),
        "mean_rank_test": rank_change(old.positions, new.positions),
    }


def closed_changes(old_figures, new_figures) -> tuple[dict, ...]:
    """Per closed question shown in both rounds (same id and kind): the change of each
    option's share (single, multiple) or of the top-box share and mean point (scale)."""
    old_by_id = {f.id: f for f in old_figures if f.shown}
    out = []
    for new in new_figures:
        old = old_by_id.get(new.id)
        if not new.shown or old is None or old.kind != new.kind:
            continue
        row: dict[str, Any] = {"id": new.id, "kind": new.kind, "n_old": old.n, "n_new": new.n}
        if new.kind in ("single", "multiple"):
            before = {o.id: o.share for o in old.options}
            row["options"] = [
                {"id": o.id, **share_change(before[o.id].k, before[o.id].n, o.share.k, o.share.n)}
                for o in new.options if o.id in before
            ]
        elif new.kind == "scale" and old.points_shown and new.points_shown and old.top_points == new.top_points:
            row["top_points"] = list(new.top_points)
            row["top_box"] = share_change(old.top_box.k, old.top_box.n, new.top_box.k, new.top_box.n)
            before = dict(old.points)
            points = [p for p, _ in new.points if p in before]
            # Points shifted to 1.. for the test; a shift changes no difference of means.
            row["mean_old"], row["mean_new"] = old.mean, new.mean
            row["mean_test"] = rank_change([before[p].k for p in points], [s.k for p, s in new.points if p in before])
        else:
            continue
        out.append(row)
    return tuple(out)


def compare_rounds(
    old_q,
    old_stats: RankingStats | None,
    old_themes: Sequence[ThemeSummary],
    new_q,
    new_stats: RankingStats | None,
    new_themes: Sequence[ThemeSummary],
    lang: str,
    old_closed: Sequence = (),
    new_closed: Sequence = (),
) -> Comparison:
    """Changes from the old round to the new one; `lang` picks titles and warning texts.

    old_n/new_n are the numbers of responses (answered + blank of a question in the theme
    summaries, or the ranking n if larger). Change = new - old. Keyword shares are the share of
    the theme's answers that use the word. Each ranking item also carries `first_choice`
    (share_change: counts, Newcombe interval, Fisher p, within_chance) and `mean_rank_test`
    (rank_change: permutation p, within_chance); `old_closed`/`new_closed` (ClosedFigures)
    give the closed questions' changes.
    """
    old_themes, new_themes = tuple(old_themes), tuple(new_themes)
    warnings: list[str] = []
    if old_q.id != new_q.id:
        warnings.append(_say("id", lang, old=old_q.id, new=new_q.id))
    elif old_q.version != new_q.version:
        warnings.append(_say("version", lang, qid=new_q.id, old=old_q.version, new=new_q.version))

    old_items = {it.id: it for it in (old_stats.items if old_stats is not None else ())}
    new_items = {it.id: it for it in (new_stats.items if new_stats is not None else ())}
    titles = {**_item_titles(old_q, lang), **_item_titles(new_q, lang)}
    items = []
    for item_id, new in new_items.items():
        old = old_items.get(item_id)
        if old is None:
            continue
        items.append(_ranking_item(item_id, titles.get(item_id, item_id), old, new, old_stats.n, new_stats.n))
    # Items are matched only when both rounds have ranking figures: a round without them
    # (no ranking question, or too few rankers) has nothing to be "missing" from.
    both = old_stats is not None and new_stats is not None
    items_old_only = [i for i in old_items if i not in new_items] if both else []
    items_new_only = [i for i in new_items if i not in old_items] if both else []
    if items_old_only:
        warnings.append(_say("items_old", lang, ids=", ".join(items_old_only)))
    if items_new_only:
        warnings.append(_say("items_new", lang, ids=", ".join(items_new_only)))

    old_qids, new_qids = _question_ids(old_q), _question_ids(new_q)
    questions_old_only = [i for i in old_qids if i not in set(new_qids)]
    questions_new_only = [i for i in new_qids if i not in set(old_qids)]
    if questions_old_only:
        warnings.append(_say("questions_old", lang, ids=", ".join(questions_old_only)))
    if questions_new_only:
        warnings.append(_say("questions_new", lang, ids=", ".join(questions_new_only)))

    tau = None
    if old_stats is not None and new_stats is not None:
        tau = kendall_tau(old_stats.consensus, new_stats.consensus)

    old_by_id = {t.id: t for t in old_themes}
    shifts = {
        t.id: keyword_shift(
            list(old_by_id[t.id].keywords), list(t.keywords), old_by_id[t.id].answers_total, t.answers_total
        )
        for t in new_themes
        if t.id in old_by_id
    }

    unmatched_items = tuple(items_old_only + items_new_only)
    unmatched_questions = tuple(questions_old_only + questions_new_only)
    return Comparison(
        old_n=_responses(old_stats, old_themes),
        new_n=_responses(new_stats, new_themes),
        items=tuple(items),
        tau=tau,
        unmatched_items=unmatched_items,
        unmatched_questions=unmatched_questions,
        same_questionnaire=old_q.id == new_q.id
        and old_q.version == new_q.version
        and not unmatched_items
        and not unmatched_questions,
        warnings=tuple(warnings),
        keywords=shifts,
        closed=closed_changes(old_closed, new_closed),
    )
