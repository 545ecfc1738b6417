"""A round's results in one object: ranking statistics and theme summaries.

Every way of showing results (report, export, compare, coding) starts here, so the
minimum group size is enforced in one place: below it nothing is computed at all.

Two ways to build the report, both reading inside one `store.snapshot()`:
- with answers (text and Markdown reports): the analysis layer's theme_summaries keeps
  every answer, shuffled and sanitised, to show them;
- without answers (JSON, export, compare): one streaming pass that keeps counts only,
  so memory does not grow with the number of responses.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import Any, Callable, Iterable, Iterator

from survey_tui.sanitize import clean_text
# The sealing rule lives with the use cases; re-exported for the views that import it from here.
from survey_tui.services.sealing import (  # noqa: F401
    BelowMinimumGroup,
    ResultsSealed,
    open_results,
    require_min_group,
    results_or_reason,
)

KEYWORD_TOP = 10
KEYWORD_MIN_COUNT = 2


def resolve_lang(questionnaire, lang: str | None) -> str:
    """The requested language if the questionnaire has it, else its first language."""
    if lang and lang in questionnaire.languages:
        return lang
    return questionnaire.languages[0]


@dataclass(frozen=True)
class RoundReport:
    round: Any  # store.Round
    lang: str
    n: int
    ranking: Any | None  # analysis.ranking.RankingStats, None without a ranking (or withheld)
    themes: tuple  # analysis.themes.ThemeSummary, questionnaire order
    with_answers: bool = False
    ranking_withheld: int | None = None  # how many ranked, when fewer than the minimum group
    release: Any | None = None  # store.Release: held back and imported counts
    closed: tuple = ()  # analysis.closed.ClosedFigures per closed question (services.results.report)

    @property
    def held(self) -> int:
        return self.release.held if self.release is not None else 0

    @property
    def imported(self) -> int:
        return self.release.imported if self.release is not None else 0

    def no_ranking_text(self) -> str:
        """Why there are no ranking figures, in the report language."""
        from survey_tui.report_strings import t

        if self.ranking_withheld is not None:
            return t(self.lang, "ranking_withheld", ranked=self.ranking_withheld, min=self.round.min_group)
        return t(self.lang, "no_ranking")

    @property
    def slug(self) -> str:
        return self.round.slug

    @property
    def questionnaire(self):
        return self.round.questionnaire

    def text(self, value) -> str:
        """A questionnaire text in the report language (questionnaire files are untrusted too)."""
        return clean_text(self.questionnaire.text(value, self.lang))

    def item_title(self, item_id: str) -> str:
        ranking = self.questionnaire.ranking
        if ranking is not None:
            for item in ranking.items:
                if item.id == item_id:
                    return self.text(item.title)
        return item_id

    def by_first_choice(self) -> list:
        """Items from most to least first choices; ties keep questionnaire order."""
        if self.ranking is None:
            return []
        from survey_tui.services.results import first_choice_order

        return first_choice_order(self.ranking.items)

    def first_choice_share(self, item):
        """An item's first choices as a Share of those who ranked (with its interval)."""
        from survey_tui.analysis.proportions import share

        return share(item.first_choice, self.ranking.n)

    def pairwise_rows(self) -> list[tuple[str, list[int | None]]]:
        """The pairwise table in consensus order: (item title, how many ranked it above each
        item in the same order; None against itself)."""
        stats = self.ranking
        if stats is None:
            return []
        where = {it.id: i for i, it in enumerate(stats.items)}
        order = [where[item] for item in stats.consensus]
        return [
            (self.item_title(stats.items[a].id), [None if a == b else stats.pairwise[a][b] for b in order])
            for a in order
        ]

    def ranking_dict(self) -> dict[str, Any] | None:
        if self.ranking is None:
            return None
        stats = self.ranking
        out = stats.to_dict()
        out["id"] = self.questionnaire.ranking.id
        out["items"] = [
            {
                "id": it.id,
                "title": self.item_title(it.id),
                "first_choice": it.first_choice,
                "first_choice_share": round(it.first_choice_share, 4),
                "first_choice_interval": self.first_choice_share(it).to_dict(),
                "positions": list(it.positions),
                "mean_rank": None if it.mean_rank is None else round(it.mean_rank, 4),
                "borda": it.borda,
                "ranked_by": it.ranked_by,
            }
            for it in stats.items
        ]
        out["kendall_w"] = None if stats.kendall_w is None else round(stats.kendall_w, 4)
        return out

    def to_dict(self, include_answers: bool = False) -> dict[str, Any]:
        q = self.questionnaire
        return {
            "round": self.slug,
            "questionnaire": q.id,
            "questionnaire_version": q.version,
            "language": self.lang,
            "n": self.n,
            "held_back": self.held,
            "imported": self.imported,
            "min_group": self.round.min_group,
            "follows": self.round.follows,
            "ranking": self.ranking_dict(),
            "ranking_withheld": self.ranking_withheld,
            "themes": [t.to_dict(include_answers=include_answers and self.with_answers) for t in self.themes],
            "closed": self.closed_dicts(),
        }

    def closed_dicts(self) -> list[dict[str, Any]]:
        """The closed questions' figures for JSON, with the prompt and option titles."""
        from survey_tui.report_closed import closed_dict

        return [closed_dict(self, figures) for figures in self.closed]


def _snapshot(store):
    """store.snapshot(): reads that belong together (no long transaction; see Store.snapshot)."""
    return store.snapshot()


def build_report(
    store,
    slug: str,
    lang: str | None = None,
    *,
    answers: bool = True,
    rng=None,
    on_response: Callable[[dict[str, Any]], None] | None = None,
    on_start: Callable[[int, list[dict[str, str]]], None] | None = None,
) -> RoundReport:
    """Read one consistent snapshot of the round and summarise it.

    `on_start(n, codes)` runs first inside the snapshot and `on_response` sees every
    response record of the pass (the export writes its rows from them), so a caller
    needing both rows and statistics reads the round once.
    """
    with _snapshot(store):
        rnd, release = open_results(store, slug)
        n = release.released
        q = rnd.questionnaire
        if rng is None:  # answers in the same order in every view of this release
            import random

            rng = random.Random(release.seed)
        lang = resolve_lang(q, lang)
        codes = store.answer_codes(slug)
        if on_start is not None:
            on_start(n, codes)
        orders: Counter[tuple[str, ...]] = Counter()
        read = store.scan_responses

        def tap() -> Iterator[dict[str, Any]]:
            for rec in read(slug):
                if rec["ranking"]:
                    orders[tuple(rec["ranking"])] += 1
                if on_response is not None:
                    on_response(rec)
                yield rec

        stream = tap()
        counted = None  # ranking orders counted by the database, when no pass reads them
        if answers:
            from survey_tui.analysis.themes import theme_summaries
            from survey_tui.summary_keywords import stored_themes

            # Every answer is shown, so the text is read; the keywords still come from the
            # stored lemma rows when the file has them (lemmatising each answer again was
            # most of this report's time).
            stored = stored_themes(store, rnd, n, lang, codes)
            themes = tuple(theme_summaries(q, stream, codes, lang, rng=rng, keywords=stored is None))
            if stored is not None:
                by_id = {theme.id: theme for theme in stored[0]}
                themes = tuple(replace(t, keywords=by_id[t.id].keywords) for t in themes)
        else:
            # Keyword figures from the stored lemma rows (an aggregate query), or, when the
            # file cannot hold them (read-only), from the answers' text in one pass.
            from survey_tui.summary_keywords import stored_themes

            stored = stored_themes(store, rnd, n, lang, codes)
            if stored is None:
                collector = ThemeCollector(q, lang, codes)
                for rec in stream:
                    collector.add(rec)
                themes = collector.summaries(n)
            else:
                themes, counted = stored
                if on_response is None:
                    stream = iter(())
                else:
                    counted = None  # the pass reads the rankings anyway
        for _ in stream:  # whatever the summariser left unread still counts for the ranking
            pass
    stats, withheld = None, None
    if q.ranking is not None:
        from survey_tui.analysis.ranking import ranking_stats_from_counts

        stats = ranking_stats_from_counts(orders.items() if counted is None else counted,
                                          [item.id for item in q.ranking.items])
        stats, withheld = _withhold_small(stats, rnd.min_group)
    return RoundReport(
        round=rnd, lang=lang, n=n, ranking=stats, themes=themes, with_answers=answers, ranking_withheld=withheld,
        release=release,
    )


def compare_reports(old: RoundReport, new: RoundReport, lang: str):
    """compare_rounds for two reports, saying why a round's ranking is not compared."""
    import dataclasses

    from survey_tui.analysis.compare import compare_rounds

    comp = compare_rounds(
        old.questionnaire, old.ranking, old.themes, new.questionnaire, new.ranking, new.themes, lang,
        old.closed, new.closed,
    )
    notes = tuple(
        f"{rep.slug}: {rep.no_ranking_text()}"
        for rep in (old, new)
        if rep.ranking is None and rep.questionnaire.ranking is not None
    )
    return dataclasses.replace(comp, warnings=comp.warnings + notes) if notes else comp


def _withhold_small(stats, min_group: int):
    """(stats, None), or (None, rankers) when fewer than the minimum group ranked.

    With an optional ranking, a round can pass the minimum group size while only one or two
    respondents ranked; their exact orders would show through every ranking figure.
    """
    if stats.n < min_group:
        return None, stats.n
    return stats, None


def round_ranking_stats(store, slug: str, today=None):
    """Only the ranking statistics of a round (None without a ranking question).

    Counted by the database (Store.ranking_counts), so no response is read into Python:
    for views that show rankings and nothing else. Same minimum-group rule as the report.
    """
    with _snapshot(store):
        rnd, _n = require_min_group(store, slug, today)
        if rnd.questionnaire.ranking is None:
            return None
        return ranking_from_counts(rnd, store.ranking_counts(slug))


def ranking_from_counts(rnd, counts):
    """RankingStats of a round from Store.ranking_counts, or None when fewer than the
    minimum group ranked (the caller has passed the sealing rule)."""
    from survey_tui.analysis.ranking import ranking_stats_from_counts

    items = [item.id for item in rnd.questionnaire.ranking.items]
    stats, _withheld = _withhold_small(ranking_stats_from_counts(counts, items), rnd.min_group)
    return stats


class ThemeCollector:
    """Theme summaries from a stream of responses, keeping counts but no answer text.

    A keyword's count is the number of answers using it, so it adds up answer by answer
    and only the vocabulary stays in memory (each answer in its own language).
    """

    def __init__(self, questionnaire, lang: str, codes: Iterable[dict[str, str]]):
        from survey_tui.analysis.keywords import lemmas

        self._lemmas = lemmas
        self.q = questionnaire
        self.lang = lang
        self.theme_of = {question.id: theme.id for theme, question in questionnaire.questions()}
        # keyword analysis reads free text only: long and short questions (Question.kind)
        self.open_ids = [question.id for _, question in questionnaire.questions() if question.is_open]
        self._open = frozenset(self.open_ids)
        self.answered: Counter[str] = Counter()
        self.words: dict[str, Counter[str]] = defaultdict(Counter)
        # (response id, question id) -> labels; coordinator codes are few (set by hand).
        self.labels: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.code_counts: dict[str, Counter[str]] = defaultdict(Counter)
        for row in codes:
            tid = self.theme_of.get(row["question_id"])
            label = clean_text(str(row["label"]))
            if tid is None or not label.strip():
                continue
            self.labels[(str(row["response_id"]), row["question_id"])].append(label)
            self.code_counts[tid][label] += 1
        self.examples: dict[tuple[str, str], str] = {}

    def add(self, rec: dict[str, Any]) -> None:
        answers = rec.get("answers")
        if not answers:
            return
        lemmas = self._lemmas
        language = rec.get("language") or self.lang
        labels = self.labels
        rid = str(rec.get("id", "")) if labels else ""
        answered, words, open_ids = self.answered, self.words, self._open
        for qid, text in answers.items():
            tid = self.theme_of.get(qid)
            if tid is None or not isinstance(text, str) or not text.strip():
                continue
            answered[qid] += 1
            clean = text if text.isprintable() else clean_text(text)  # printable: nothing to clean
            if qid in open_ids:
                words[tid].update(lemmas(clean, language))
            if labels:
                self.example(rid, qid, clean)

    def example(self, rid: str, qid: str, clean: str) -> None:
        """Offer a cleaned answer as the example of each tag it carries (the shortest wins)."""
        tid = self.theme_of.get(qid)
        if tid is None:
            return
        for label in self.labels.get((rid, qid), ()):
            # the shortest example, as theme_summaries picks it
            key = (tid, label)
            current = self.examples.get(key)
            if current is None or (len(clean), clean) < (len(current), current):
                self.examples[key] = clean

    def summaries(self, n: int) -> tuple:
        from survey_tui.analysis.themes import CodeCount, QuestionSummary, ThemeSummary

        from survey_tui.analysis.keywords import rank_counts

        out = []
        for theme in self.q.themes:
            counted = self.words.get(theme.id, Counter())
            top = rank_counts(counted, KEYWORD_TOP, KEYWORD_MIN_COUNT)
            codes = sorted(self.code_counts.get(theme.id, Counter()).items(), key=lambda lc: (-lc[1], lc[0]))
            out.append(
                ThemeSummary(
                    id=theme.id,
                    title=self.q.text(theme.title, self.lang),
                    questions=tuple(
                        QuestionSummary(
                            id=question.id,
                            answered=self.answered[question.id],
                            blank=n - self.answered[question.id],
                            answers=(),
                        )
                        for question in theme.questions
                    ),
                    keywords=tuple(top),
                    codes=tuple(
                        CodeCount(label=label, count=count, example=self.examples.get((theme.id, label), ""))
                        for label, count in codes
                    ),
                )
            )
        return tuple(out)
