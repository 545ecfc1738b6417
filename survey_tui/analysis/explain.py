"""One plain-language line per statistic, in every interface language, shown where it appears.

The lines are the "explain" part of the one catalog per language (survey_tui.i18n,
survey_tui/locale/<lang>/LC_MESSAGES/survey_tui.po).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from survey_tui.i18n import LANGUAGES, lookup

KEYS = (
    "n", "first_choice", "first_choice_share", "positions", "mean_rank", "borda", "pairwise",
    "consensus", "kendall_w", "partial", "tau", "min_group",
)


def explain(key: str, lang: str) -> str:
    """The explanation of `key` in `lang` (English when the language has none); KeyError if unknown."""
    if key not in KEYS:
        raise KeyError(key)
    return lookup("explain", lang, key, {})


class _Explanations(Mapping):
    """EXPLAIN[key][lang], read from the catalog: the shape callers knew before the catalog."""

    def __getitem__(self, key: str) -> dict[str, str]:
        if key not in KEYS:
            raise KeyError(key)
        return {lang: explain(key, lang) for lang in LANGUAGES}

    def __iter__(self) -> Iterator[str]:
        return iter(KEYS)

    def __len__(self) -> int:
        return len(KEYS)


EXPLAIN: Mapping[str, dict[str, str]] = _Explanations()
