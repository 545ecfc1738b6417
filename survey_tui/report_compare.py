"""The changes between two rounds with the counts behind them and what chance could give.

One layout for `survey-tui compare` and the dashboard's compare screen: for each ranked
item the first-choice shares (count / n = share, interval) of both rounds, their change with
its Newcombe interval, the mean ranks with the permutation test's p, and in words whether
the change is within what chance alone could give; then the same for closed questions
asked in both rounds (each option's share; a scale's top box and mean point).
"""

from __future__ import annotations

from survey_tui.analysis.proportions import Share
from survey_tui.report_closed import option_label, points_range
from survey_tui.report_strings import number, t
from survey_tui.sanitize import one_line
from survey_tui.share_format import chance_words, change_text, p_text, share_text, signed


def _share(d: dict) -> Share:
    return Share(d["k"], d["n"], d["share"], d["low"], d["high"])


def counted_shares(item: dict, lang: str) -> tuple[str, str]:
    """A ranked item's first-choice shares in both rounds as table cells, count and interval
    included ('5 / 11 = 45 % (21–72 %)'); plain percentages for a comparison made without them."""
    change = item.get("first_choice")
    if change is None:
        from survey_tui.report_strings import percent

        return percent(item.get("first_choice_share_old"), lang), percent(item.get("first_choice_share_new"), lang)
    return (share_text(_share(change["old"]), lang, short=True), share_text(_share(change["new"]), lang, short=True))


def share_change_line(label: str, change: dict, lang: str) -> str:
    """'label: 5 / 11 = 45 % (21–72 %) → 3 / 8 = ...: -8 pp (95 % CI ...), words'.

    The words follow the interval; Fisher's exact p (in the JSON) can disagree with it near
    the edge, so it is not printed beside them."""
    before = share_text(_share(change["old"]), lang, short=True)
    after = share_text(_share(change["new"]), lang, short=True)
    diff = change_text(change["change"], change["low"], change["high"], lang)
    words = chance_words(change["within_chance"], lang)
    return f"{label}: {before} → {after}: {diff}" + (f", {words}" if words else "")


def mean_change_line(label: str, test: dict | None, lang: str) -> str:
    """'label: 2,27 (n = 11) → 2,50 (n = 8): +0,23, p = 0,71 (permutation test, exact), words'."""
    if test is None:
        return f"{label}: –"
    from types import SimpleNamespace

    p = p_text(SimpleNamespace(**test), lang)
    words = chance_words(test["within_chance"], lang)
    return (f"{label}: {number(test['mean_old'], lang)} (n = {test['n_old']}) → "
            f"{number(test['mean_new'], lang)} (n = {test['n_new']}): {signed(test['change'], lang)}, {p}"
            + (f", {words}" if words else ""))


def chance_lines(view, *, width: int = 100) -> list[str]:
    """Every change of the comparison (a services.compare.ComparisonView), with its counts,
    interval or p-value and words; empty when nothing is compared."""
    comp, lang = view.comparison, view.lang
    out: list[str] = []
    for item in comp.items:
        if "first_choice" not in item:
            continue
        out.append(f"  {one_line(str(item.get('title') or item.get('id')), width - 4)}")
        out.append("    " + share_change_line(t(lang, "compare_first_choices"), item["first_choice"], lang))
        out.append("    " + mean_change_line(t(lang, "mean_rank"), item.get("mean_rank_test"), lang))
    q = view.new.questionnaire
    for row in comp.closed:
        question = q.question(row["id"])
        if question is None:
            continue
        out.append(f"  {one_line(q.text(question.prompt, lang), width - 4)}")
        for option in row.get("options", ()):
            out.append("    " + share_change_line(one_line(option_label(q, question, option["id"], lang), 40), option, lang))
        if "top_box" in row:
            label = t(lang, "closed_top_box", points=points_range(row["top_points"]))
            out.append("    " + share_change_line(label, row["top_box"], lang))
            test = row.get("mean_test")
            if test is not None:  # the test ran on points shifted to 1..: show the real means
                test = {**test, "mean_old": row["mean_old"], "mean_new": row["mean_new"]}
            out.append("    " + mean_change_line(t(lang, "closed_mean"), test, lang))
    if not out:
        return []
    return [t(lang, "compare_chance_heading")] + out + [
        f"  {one_line(t(lang, 'compare_share_explain'))}",
        f"  {one_line(t(lang, 'compare_rank_explain'))}",
    ]



def category_cell(row, which: str, lang: str) -> str:
    """One round's cell of a services.compare.CategoryRow: '10 / 11 = 91 % (62–98 %)', the
    hidden count's "fewer than N", or '–' when that round's codebook has no such category."""
    count = row.old if which == "old" else row.new
    if count is None:
        return "–"
    found = row.share(which)
    return count.shown(lang) if found is None else share_text(found, lang, short=True)


def category_change_lines(view) -> list[str]:
    """Each category's change with its counts, Newcombe interval and words (only
    categories shown in both rounds), then what a share is of and what is hidden."""
    lang = view.lang
    out = [f"  {share_change_line(one_line(row.name, 40), row.change, lang)}"
           for row in view.categories if row.change is not None]
    if out:
        out.insert(0, t(lang, "compare_categories_changes"))
    return out + [f"  {one_line(t(lang, 'compare_categories_base'))}",
                  f"  {one_line(t(lang, 'compare_categories_note'))}"]


def category_lines(view) -> list[str]:
    """The content analysis's categories for `survey-tui compare`: per round each category's
    count of the answers to its theme (share, interval), then the changes; empty when neither
    round is coded."""
    from survey_tui.report_text import table

    if not view.categories:
        return []
    lang = view.lang
    headers = [t(lang, "compare_col_category"), one_line(view.old.slug, 20), one_line(view.new.slug, 20)]
    rows = [[one_line(row.name, 40), category_cell(row, "old", lang), category_cell(row, "new", lang)]
            for row in view.categories]
    return [t(lang, "compare_categories"), *table(headers, rows, right={1, 2}), "", *category_change_lines(view)]
