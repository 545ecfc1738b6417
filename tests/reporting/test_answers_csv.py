"""export.write_answers_csv writes answers.csv as export_round does; the fast row writer is byte-exact."""

from __future__ import annotations

import csv
import io

import pytest
from reporting_data import thesis_records

from survey_tui.export import CsvFile, export_round, write_answers_csv
from survey_tui.summary import BelowMinimumGroup

HOSTILE = ["=1+2", "-3", "@SUM(A1)", "\tTab", "a,b", 'say "hi"', "multi\nline", "semi;colon", "\x1b[2J",
           "\x1b]52;c;aGk=\x07osc", "bidi\u202eabc", "x\r\ny", "ääö ok"]


def _rows(path, excel):
    text = path.read_text("utf-8-sig" if excel else "utf-8")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";" if excel else ","))


@pytest.mark.parametrize("excel", [False, True])
def test_answers_csv_alone_equals_the_full_exports(tmp_path, store, kela, excel):
    store.create_round("r", kela, state="closed")
    records = thesis_records()
    for i, rec in enumerate(records):
        rec["answers"]["q3"] = HOSTILE[i % len(HOSTILE)] + " " + HOSTILE[(i + 5) % len(HOSTILE)]
    store.import_responses("r", records)
    store.release("r")
    first = store.answers("r")[0]
    rid, qid = first["response_id"], first["question_id"]
    store.add_answer_code("r", rid, qid, "=koodi")
    store.add_answer_code("r", rid, qid, "toinen")
    full = export_round(store, "r", tmp_path / "full", excel=excel, charts=False)
    alone = write_answers_csv(store, "r", tmp_path / "alone", excel=excel)
    assert alone == tmp_path / "alone" / "answers.csv" and [p.name for p in (tmp_path / "alone").iterdir()] == ["answers.csv"]
    a, b = _rows(full.out_dir / "answers.csv", excel), _rows(alone, excel)
    assert a[0] == b[0] == ["response_id", "theme_id", "question_id", "text", "codes"]
    assert sorted(a) == sorted(b) and len(b) > len(records)
    assert ["'=koodi; toinen"] == [row[4] for row in b[1:] if row[4]]


def test_answers_csv_keeps_the_minimum_group(tmp_path, store, kela):
    store.create_round("small", kela, state="closed")
    store.import_responses("small", thesis_records()[:2])
    with pytest.raises(BelowMinimumGroup):
        write_answers_csv(store, "small", tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("excel", [False, True])
def test_row_writer_writes_what_csv_writer_writes(tmp_path, excel):
    rows = [["a", "b"], ["", ""], ["x,y", "1"], ['q"', "z"], ["semi;colon", "line\nbreak"], ["cr\r", "ok"],
            ["só", 3, 2.5, None, -1], ["=f", "\x1b[2Jx", "\tlead"], ["only"], [""]]
    f = CsvFile(tmp_path / "t.csv", excel=excel)
    for row in rows:
        f.row(row)
    f.close()
    expected = io.StringIO(newline="")
    writer = csv.writer(expected, delimiter=";" if excel else ",", lineterminator="\r\n")
    writer.writerows([[f.cell(v) for v in row] for row in rows])
    assert (tmp_path / "t.csv").read_bytes() == (("\ufeff" if excel else "") + expected.getvalue()).encode()
