"""Baseline for `survey-tui report R --format json`: a straightforward pandas + simplemma script.

`python bench/pandas_report.py DB ROUND` prints JSON with the same figures the report's JSON
holds: per ranking item first choices, position counts, mean rank and Borda points, and per
theme the answered counts and the ten most frequent keyword lemmas (document frequency, stop
words of Finnish and English dropped, words under 3 letters dropped, each answer lemmatised
in its response's language first, then the other one) — what a data analyst would write:
read_sql, groupby, str.findall + explode, simplemma.lemmatize once per distinct token.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pandas as pd
import simplemma

ROOT = Path(__file__).resolve().parent.parent
TOKEN = r"[^\W_]+(?:[-'’][^\W_]+)*"


def stop_words() -> set[str]:
    out: set[str] = set()
    for lang in ("fi", "en"):
        text = (ROOT / "survey_tui" / "analysis" / f"stopwords_{lang}.txt").read_text("utf-8")
        out |= {w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#")}
    return out


def main(db: str, slug: str) -> dict:
    conn = sqlite3.connect(db)
    ranks = pd.read_sql_query(
        "SELECT k.response_id, k.item_id, k.position FROM rankings k JOIN responses r ON r.id = k.response_id "
        "WHERE r.round = ?", conn, params=(slug,))
    k = ranks["item_id"].nunique()
    items = ranks.groupby("item_id").agg(first_choice=("position", lambda p: int((p == 1).sum())),
                                         mean_rank=("position", "mean"),
                                         borda=("position", lambda p: int((k - p).sum())))
    positions = ranks.pivot_table(index="item_id", columns="position", values="response_id", aggfunc="count",
                                  fill_value=0)
    answers = pd.read_sql_query(
        "SELECT a.response_id, a.question_id, a.text, r.language FROM answers a "
        "JOIN responses r ON r.id = a.response_id WHERE r.round = ? AND trim(a.text) != ''", conn, params=(slug,))
    theme_of = {}
    from survey_tui.questionnaire import load_shipped

    for theme, question in load_shipped("kela-sosiaalitoimi").questions():
        theme_of[question.id] = theme.id
    answers["theme"] = answers["question_id"].map(theme_of)
    answered = answers.groupby("question_id").size()
    stops = stop_words()
    tokens = answers.assign(token=answers["text"].str.lower().str.findall(TOKEN)).explode("token")
    tokens = tokens.dropna(subset=["token"])
    tokens = tokens[(tokens["token"].str.len() >= 3) & ~tokens["token"].isin(stops)
                    & tokens["token"].str.contains(r"[^\W\d_]", regex=True)]
    tokens = tokens.drop_duplicates(["response_id", "question_id", "token"])
    pairs = tokens[["token", "language"]].drop_duplicates()
    order = {"fi": ("fi", "en"), "en": ("en", "fi")}
    pairs["lemma"] = [simplemma.lemmatize(t, lang=order.get(lang, lang)).lower()
                      for t, lang in zip(pairs["token"], pairs["language"])]
    tokens = tokens.merge(pairs, on=["token", "language"])
    tokens = tokens[(tokens["lemma"].str.len() >= 3) & ~tokens["lemma"].isin(stops)]
    counts = (tokens.drop_duplicates(["response_id", "question_id", "lemma"])
              .groupby(["theme", "lemma"]).size().reset_index(name="count"))
    counts = counts[counts["count"] >= 2].sort_values(["theme", "count", "lemma"], ascending=[True, False, True])
    keywords = {theme: [[w, int(c)] for w, c in zip(g["lemma"], g["count"])][:10]
                for theme, g in counts.groupby("theme")}
    return {
        "items": {item: {"first_choice": int(row.first_choice), "mean_rank": float(row.mean_rank),
                         "borda": int(row.borda), "positions": [int(v) for v in positions.loc[item]]}
                  for item, row in items.iterrows()},
        "answered": {q: int(n) for q, n in answered.items()},
        "keywords": keywords,
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2]), ensure_ascii=False))
