"""Exports opened by another program: pandas reads both dialects to the same cells as csv."""

from __future__ import annotations

import csv

import pandas as pd
from test_export import INJECTION, TRICKY, _records

from survey_tui.export import export_round
from survey_tui.sanitize import clean_text, csv_cell


def _rows(path, excel):
    with open(path, encoding="utf-8-sig" if excel else "utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter=";" if excel else ","))


def test_pandas_reads_both_dialects_like_the_csv_module(store, kela, tmp_path):
    store.create_round("kierros", kela, state="closed")
    store.import_responses("kierros", _records(TRICKY + INJECTION))
    for excel in (False, True):
        out = tmp_path / ("excel" if excel else "rfc")
        export_round(store, "kierros", out, excel=excel, lang="fi")
        path = out / "answers.csv"
        frame = pd.read_csv(
            path, sep=";" if excel else ",", encoding="utf-8-sig" if excel else "utf-8",
            dtype=str, keep_default_na=False,
        )
        rows = _rows(path, excel)
        assert list(frame.columns) == rows[0]
        assert frame.values.tolist() == rows[1:]
        texts = set(frame["text"])
        for text in TRICKY:
            assert clean_text(text) in texts  # ä, ö, å, quotes, separators and newlines intact
        for text in INJECTION:
            assert csv_cell(clean_text(text)) in texts  # still neutralised after pandas
        ranking = pd.read_csv(out / "ranking.csv", sep=";" if excel else ",",
                              encoding="utf-8-sig" if excel else "utf-8", decimal="," if excel else ".")
        first = dict(zip(ranking["item_id"], ranking["first_choice"]))
        assert first == {"kanavat": 5, "ymmarrys": 3, "henkilot": 2, "tunteminen": 1, "tiedottaminen": 0}
        assert abs(float(ranking.set_index("item_id").loc["kanavat", "first_choice_share"]) - 5 / 11) < 1e-6
