"""The printable report (HTML, PDF) of a round: the results use case's RoundReport plus what
the coding use case allows to print, the categories of each theme with their counts and the
answers that may be quoted (services.coding: quotable and in a group of at least the
minimum group), and each theme's narrative. Nothing is counted again here."""

from __future__ import annotations


def _coding(store, slug: str) -> tuple[dict, dict]:
    """(theme id -> CategoryLines, theme id -> narrative) of the round's codebook."""
    try:
        from survey_tui.services import codebook, coding
    except ImportError:  # the coding use case is not part of this installation
        return {}, {}
    from survey_tui.report_print import CategoryLine
    from survey_tui.sanitize import clean_text, one_line

    book = codebook.load(store, slug)
    narratives = {tid: clean_text(text) for tid, text in book.narratives.items() if text and text.strip()}
    if not book.categories:
        return {}, narratives
    counts = coding.category_counts(store, slug)
    out: dict[str, list] = {}
    for cat in book.categories:
        count = counts.get(cat.name)
        quotes = tuple(clean_text(q.text) for q in coding.quotes(store, slug, category=cat.name))
        out.setdefault(cat.theme_id, []).append(
            CategoryLine(one_line(book.path(cat.id)), count.n if count is not None else 0, quotes)
        )
    return out, narratives


def printable(store, report):
    """The report_print.PrintDoc of a RoundReport (services.results.report) of `store`."""
    from survey_tui.report_print import build

    categories, narratives = _coding(store, report.slug)
    return build(report, categories, narratives)
