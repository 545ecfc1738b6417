"""The shipped follow-up kela-seuranta through `responses import` and `export`: its closed
answers and conditions stored as the format says, a bad record refused whole."""

from __future__ import annotations

import csv
import json

from kinds_data import jsonl
from survey_tui.store import Store

RANKING = ["kanavat", "tiedottaminen", "tunteminen", "henkilot", "ymmarrys"]
ANSWERS = [
    {"p1_adopted": "no", "p1_obstacles": "Ei aikaa", "p1_works": 2, "q3": "Puhelin"},
    {"p1_adopted": "yes", "p1_obstacles": "piilossa: ei tallenneta", "p1_works": 5, "p2_adopted": "partly",
     "p2_obstacles": "Vaihtuvuus"},
    {"p1_adopted": "dont_know", "p1_works": "dont_know", "p4_adopted": "yes"},
]


def test_kela_seuranta_records_import_and_export(run, tmp_path):
    run("round", "new", "s", "--questionnaire", "kela-seuranta", "--open", "--allow-placeholders", "--min-group", "3")
    bad = jsonl(tmp_path, "bad.jsonl", ANSWERS + [{"p1_adopted": "maybe"}, {"p1_works": 6}], RANKING)
    refused = run("responses", "import", "s", bad, ok=False)
    assert [ln for ln in refused.stderr.splitlines() if ln.startswith("line ")] == [
        "line 4: answer to 'p1_adopted': unknown option 'maybe'",
        "line 5: answer to 'p1_works' must be a whole number from 1 to 5, got 6",
    ]
    with Store(run.db) as s:
        assert s.count_responses("s") == 0
    run("responses", "import", "s", jsonl(tmp_path, "good.jsonl", ANSWERS, RANKING))
    run("round", "close", "s", "--yes")
    out = tmp_path / "csv"
    run("export", "s", "--out", out)
    with open(out / "responses.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    got = sorted((r["p1_adopted"], r["p1_obstacles"], r["p1_works"], r["p2_adopted"], r["p2_obstacles"]) for r in rows)
    assert got == [("dont_know", "", "dont_know", "", ""), ("no", "Ei aikaa", "2", "", ""),
                   ("yes", "", "5", "partly", "Vaihtuvuus")]  # the hidden obstacle text was not stored
    run("export", "s", "--format", "jsonl", "--out", tmp_path / "j")
    lines = [json.loads(ln) for ln in (tmp_path / "j" / "responses.jsonl").read_text("utf-8").splitlines()]
    assert {"p1_adopted": "dont_know", "p1_works": "dont_know", "p4_adopted": "yes"} in [ln["answers"] for ln in lines]
