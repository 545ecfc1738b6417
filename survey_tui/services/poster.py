"""The poster of a round (the thesis's Liite 5): what it shows, decided in one place.

Its figures come from the results use case (services.results.report: the sealing and
minimum-group rules, first choices), its practices from the coding use case
(services.coding.practices), its response rate from the round's status. A round below
its minimum group is refused with the sealing rule's one line (BelowMinimumGroup), and a
round without practices with NoPractices: the poster is never printed with invented or
empty content.
"""

from __future__ import annotations

from survey_tui.errors import NotFound, message
from survey_tui.poster_model import PosterData, PosterTheme


class NoPractices(NotFound):
    """The round has no practice statements to print."""


def _practice_themes(store, slug: str, lang: str) -> tuple[PosterTheme, ...]:
    try:
        from survey_tui.services.coding import practices
    except ImportError:  # the coding use case is not part of this installation
        return ()
    from survey_tui.sanitize import one_line

    themes = []
    for theme in practices(store, slug, lang):
        texts = tuple(one_line(p.text) for p in theme.practices if one_line(p.text))
        if texts:
            themes.append(PosterTheme(one_line(theme.title), texts, one_line(theme.narrative or "")))
    return tuple(themes)


def poster_data(store, slug: str, lang: str | None = None, title: str | None = None) -> PosterData:
    """Everything the poster of `slug` shows, in `lang` (default: the questionnaire's first).

    Raises BelowMinimumGroup (ResultsSealed included) like every results view, and
    NoPractices when no practice has been written for the round.
    """
    from survey_tui.report_strings import t
    from survey_tui.sanitize import one_line
    from survey_tui.services.results import report

    rep = report(store, slug, lang, answers=False)  # the sealing rule, first of all
    themes = _practice_themes(store, slug, rep.lang)
    if not themes:
        raise NoPractices(message("poster_no_practices", slug=repr(slug)))
    stats = rep.ranking
    first = tuple((rep.item_title(it.id), it.first_choice) for it in rep.by_first_choice())
    rate = store.status(slug)["response_rate"]
    return PosterData(
        title=one_line(title) if title and title.strip() else rep.text(rep.questionnaire.title),
        lang=rep.lang,
        themes=themes,
        first_choices=first,
        n=rep.n,
        ranked=stats.n if stats is not None else 0,
        rate=rate,
        min_group=rep.round.min_group,
        subtitle=t(rep.lang, "poster_round", round=one_line(slug)),
    )
