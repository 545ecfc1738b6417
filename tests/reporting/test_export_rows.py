"""export_rows.write_rows: the bytes csv.writer would write, the guard on every cell, no keyword
work or matplotlib on a plain export."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from reporting_data import thesis_records

from survey_tui.export import export_round
from survey_tui.sanitize import csv_text

HOSTILE = ["=1+2", "-3", "@SUM(A1)", "\tTab", "a,b", 'say "hi"', "multi\nline", "semi;colon", "\x1b[2J",
           "bidi\u202eabc", "x\r\ny", "ääö ok", '"', "＝HYPERLINK()", " lead", "plain words here"]


def _records():
    records = thesis_records()
    for i, rec in enumerate(records):
        rec["answers"]["q3"] = HOSTILE[i % len(HOSTILE)] + " " + HOSTILE[(i + 5) % len(HOSTILE)]
        rec["answers"]["q1a"] = HOSTILE[(i + 3) % len(HOSTILE)]
    return records


@pytest.mark.parametrize("excel", [False, True])
def test_rows_are_what_csv_writer_writes_with_every_cell_guarded(tmp_path, store, kela, excel):
    store.create_round("r", kela, state="closed")
    records = _records()
    store.import_responses("r", records)
    store.release("r")
    first = store.answers("r")[0]
    store.add_answer_code("r", first["response_id"], first["question_id"], "=koodi")
    result = export_round(store, "r", tmp_path / "out", excel=excel, charts=False)
    delimiter = ";" if excel else ","
    given = sorted(text for rec in records for text in rec["answers"].values() if text)
    for name in ("responses.csv", "answers.csv"):
        raw = (result.out_dir / name).read_bytes()
        text = raw.decode("utf-8-sig" if excel else "utf-8")
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        again = io.StringIO(newline="")
        csv.writer(again, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
        assert again.getvalue() == text  # byte for byte what csv.writer writes
        if name == "answers.csv":
            assert sorted(row[3] for row in rows[1:]) == sorted(csv_text(t) for t in given)
            assert [row[4] for row in rows[1:] if row[4]] == ["'=koodi"]
        else:
            header = rows[0]
            cells = sorted(c for row in rows[1:] for qid, c in zip(header, row) if qid.startswith("q") and c)
            assert cells == sorted(c for c in map(csv_text, given) if c)  # cleaned to nothing: empty cell
            assert len(rows) == len(records) + 1


def test_a_plain_export_does_no_keyword_work_and_draws_nothing(tmp_path, store, kela):
    """After the first export stored the lemma rows, an export lemmatises no answer and imports
    neither simplemma nor matplotlib (charts are asked for with --charts)."""
    store.create_round("r", kela, state="closed")
    store.import_responses("r", thesis_records())
    store.release("r")
    export_round(store, "r", tmp_path / "first", charts=False)  # stores the rows
    code = (
        "import sys, json; from survey_tui.store import Store; from survey_tui.export import export_round; "
        f"export_round(Store({str(store.path)!r}), 'r', {str(tmp_path / 'second')!r}, charts=False); "
        "kw = sys.modules['survey_tui.analysis.keywords']; "
        "print(json.dumps([m in sys.modules for m in ('matplotlib', 'simplemma')] + [bool(kw._CHUNKS)]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [False, False, False]
    assert (tmp_path / "first" / "keywords.csv").read_bytes() == (tmp_path / "second" / "keywords.csv").read_bytes()
