"""Pure analysis of survey results: ranking statistics, free-text themes, round comparison.

Plain data in, frozen dataclasses out (each with to_dict() for JSON). No SQL, no store,
no interface imports; simplemma loads only when keywords are first computed.
"""

from survey_tui.analysis.compare import Comparison, compare_rounds
from survey_tui.analysis.explain import EXPLAIN, explain
from survey_tui.analysis.keywords import keyword_shift, keywords
from survey_tui.analysis.ranking import (
    ItemStats,
    RankingStats,
    kendall_tau,
    kendall_w,
    ranking_stats,
    ranking_stats_from_counts,
    schulze,
)
from survey_tui.analysis.themes import CodeCount, QuestionSummary, ThemeSummary, theme_summaries

__all__ = [
    "EXPLAIN",
    "CodeCount",
    "Comparison",
    "ItemStats",
    "QuestionSummary",
    "RankingStats",
    "ThemeSummary",
    "compare_rounds",
    "explain",
    "kendall_tau",
    "kendall_w",
    "keyword_shift",
    "keywords",
    "ranking_stats",
    "ranking_stats_from_counts",
    "schulze",
    "theme_summaries",
]
