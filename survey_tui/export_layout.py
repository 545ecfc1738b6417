"""The columns of the wide responses table and the codebook that explains them.

One layout for the CSV file and the XLSX sheet: `rank_<n>` holds the item a respondent put
at position n, `pos_<item id>` the position a respondent gave each item (empty when not
ranked), so either question ("what came first?", "where did theme X go?") is one column.
The codebook lists every column with its question text and its values, in the report
language, so SPSS, R or a reader of the spreadsheet need no other document.
"""

from __future__ import annotations

from survey_tui.sanitize import clean_text


def item_ids(q) -> list[str]:
    return [item.id for item in q.ranking.items] if q.ranking is not None else []


def header(q) -> list[str]:
    question_ids = [question.id for _, question in q.questions()]
    items = item_ids(q)
    return (["response_id", "language"] + question_ids + [f"rank_{p}" for p in range(1, len(items) + 1)]
            + [f"pos_{item}" for item in items])


def ranking_cells(ranking: list[str], items: list[str]) -> list:
    """rank_1..k then pos_<item> for one response (positions from 1; "" where not ranked)."""
    k = len(items)
    ranks = list(ranking[:k]) + [""] * (k - len(ranking[:k]))
    where = {item: p for p, item in enumerate(ranking[:k], 1)}
    return ranks + [where.get(item, "") for item in items]


def codebook_rows(q, lang: str, languages_shown: bool) -> list[list]:
    """[variable, label, type, values] for every column of the responses table."""
    def text(value) -> str:
        return clean_text(q.text(value, lang))

    rows = [
        ["response_id", "Pseudonym of the response (stable within this release of results)", "text", ""],
        ["language", "Language the response was given in", "category",
         "; ".join(q.languages) if languages_shown else "(withheld: a language group was below the minimum)"],
    ]
    for theme, question in q.questions():
        rows.append([question.id, f"{text(theme.title)}: {text(question.prompt)}", "text", "free text; empty = not answered"])
    items = item_ids(q)
    values = "; ".join(f"{item.id} = {text(item.title)}" for item in q.ranking.items) if items else ""
    for p in range(1, len(items) + 1):
        rows.append([f"rank_{p}", f"Item put at position {p} (1 = most important)", "category", values])
    for item in q.ranking.items if items else ():
        rows.append([f"pos_{item.id}", f"Position given to: {text(item.title)}", "integer",
                     f"1-{len(items)} (1 = most important); empty = not ranked"])
    return rows


CODEBOOK_HEADER = ["variable", "label", "type", "values"]
