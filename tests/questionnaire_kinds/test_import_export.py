"""Closed answers through the CLI: `responses import` of good and bad records (nothing stored
on a bad one), then `export` as CSV, XLSX and JSON Lines read back, and the JSON Lines file
imported again."""

from __future__ import annotations

import csv
import json

import pytest

from kinds_data import RANKING, RECORDS, imported, jsonl
from survey_tui.store import Store


def test_a_bad_record_stores_nothing_and_says_each_problem_on_its_line(run, tmp_path, kinds_round):
    bad = jsonl(tmp_path, "bad.jsonl", RECORDS[:2] + [
        {"adopted": "maybe"},
        {"adopted": ["yes", "no"]},
        {"adopted": "yes", "works": 9, "staff": 2.5},
    ])
    result = run("responses", "import", "k", bad, ok=False)
    assert result.exit_code == 2
    problems = [ln for ln in result.stderr.splitlines() if ln.startswith("line ")]
    assert problems == [
        "line 3: answer to 'adopted': unknown option 'maybe'",
        "line 4: answer to 'adopted' must be one option id, not several",
        "line 5: answer to 'works' must be a whole number from 1 to 5, got 9",
        "line 5: answer to 'staff' must be a whole number, got 2.5",
    ]
    with Store(run.db) as s:
        assert s.count_responses("k") == 0


def test_the_store_refuses_a_bad_record_too_and_keeps_nothing(run, kinds_round):
    from survey_tui.errors import ResponseInvalid

    with Store(run.db) as s:
        with pytest.raises(ResponseInvalid) as info:
            s.import_responses("k", [{"language": "fi", "answers": a, "ranking": RANKING}
                                     for a in [RECORDS[0], {"adopted": "yes", "adopted_other": "x"}]])
        assert info.value.problems == [
            "record 2: answer to 'adopted': choose one option or write the other text, not both"]
        assert s.count_responses("k") == 0


def test_stored_texts_are_the_encoded_values_and_hidden_answers_are_dropped(run, tmp_path, kinds_round):
    imported(run, tmp_path)
    with Store(run.db) as s:
        s.release("k")  # what a report or an export does first
        stored = sorted((sorted(rec["answers"].items()) for rec in s.scan_responses("k")), key=str)
    assert [("adopted", "yes"), ("channels", '["phone","mail"]'), ("hours", "7.5"), ("staff", "12"),
            ("works", "4")] in stored  # "stopped" and "why" were hidden: not stored
    assert [("adopted", "no"), ("channels", '["chat"]'), ("channels_other", "Teams"), ("staff", "0"),
            ("stopped", "no money"), ("why", "time"), ("works", "dont_know")] in stored


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_csv_export_columns_and_codebook(run, tmp_path, kinds_round):
    imported(run, tmp_path)
    out = tmp_path / "csv"
    run("export", "k", "--out", out)
    rows = read_csv(out / "responses.csv")
    assert list(rows[0])[:14] == [
        "response_id", "language", "adopted", "adopted_other", "stopped", "channels__phone", "channels__mail",
        "channels__chat", "channels_other", "works", "staff", "hours", "why", "rank_1"]
    picked = {r["adopted"] or r["adopted_other"]: r for r in rows}
    first = next(r for r in rows if r["staff"] == "12")
    assert first["adopted"] == "yes"
    assert (first["channels__phone"], first["channels__mail"], first["channels__chat"]) == ("1", "1", "0")
    assert (first["works"], first["staff"], first["hours"], first["stopped"], first["why"]) == ("4", "12", "7.5", "", "")
    no = picked["no"]
    assert (no["works"], no["channels_other"], no["channels__chat"], no["stopped"]) == ("dont_know", "Teams", "1", "no money")
    other = picked["in one office"]
    assert (other["adopted"], other["hours"], other["staff"], other["works"]) == ("", "0.5", "", "1")
    letters = next(r for r in rows if r["channels_other"] == "letters")
    assert [letters[f"channels__{o}"] for o in ("phone", "mail", "chat")] == ["", "", ""]  # no option list given
    codebook = {r["variable"]: r for r in read_csv(out / "codebook.csv")}
    assert codebook["adopted"]["values"] == "yes = Kyllä; partly = Osittain; no = Ei; empty = not answered"
    assert codebook["channels__mail"]["label"] == "Käytäntö: Kanavat: Posti"
    assert codebook["works"]["values"] == "1-5 (1 = Huonosti; 5 = Hyvin); dont_know = can't say; empty = not answered"
    assert codebook["hours"]["type"] == "number (1 decimals)"
    assert codebook["channels_other"]["type"] == "text"
    # answers.csv: the free texts only (open answers and other texts)
    texts = {(r["question_id"], r["text"]) for r in read_csv(out / "answers.csv")}
    assert texts == {("adopted_other", "in one office"), ("stopped", "no money"), ("why", "time"),
                     ("channels_other", "Teams"), ("why", "turnover"), ("channels_other", "letters")}


def test_excel_csv_writes_decimal_commas(run, tmp_path, kinds_round):
    imported(run, tmp_path)
    out = tmp_path / "xl"
    run("export", "k", "--excel", "--out", out)
    text = next(out.rglob("responses.csv")).read_text("utf-8-sig")
    assert ";7,5;" in text and ";0,5;" in text


def test_xlsx_export_holds_numbers_as_numbers(run, tmp_path, kinds_round):
    openpyxl = pytest.importorskip("openpyxl")
    imported(run, tmp_path)
    out = tmp_path / "x"
    run("export", "k", "--format", "xlsx", "--out", out)
    ws = openpyxl.load_workbook(next(out.rglob("*.xlsx")), read_only=True)["responses"]
    rows = list(ws.iter_rows(values_only=True))
    head = list(rows[0])
    recs = [dict(zip(head, r)) for r in rows[1:]]
    first = next(r for r in recs if r["staff"] == 12)
    assert (first["adopted"], first["works"], first["hours"], first["channels__phone"], first["channels__chat"]) == (
        "yes", 4, 7.5, 1, 0)
    assert next(r for r in recs if r["adopted"] == "no")["works"] == "dont_know"


def test_jsonl_export_gives_the_contracts_values_and_imports_again(run, tmp_path, kinds_round):
    imported(run, tmp_path)
    out = tmp_path / "j"
    run("export", "k", "--format", "jsonl", "--out", out)
    lines = [json.loads(ln) for ln in (out / "responses.jsonl").read_text("utf-8").splitlines()]
    answers = [ln["answers"] for ln in lines]
    assert {"adopted": "yes", "channels": ["phone", "mail"], "works": 4, "staff": 12, "hours": 7.5} in answers
    assert {"adopted": "no", "stopped": "no money", "why": "time", "channels": ["chat"], "channels_other": "Teams",
            "works": "dont_know", "staff": 0} in answers
    run("round", "new", "k2", "--follow-up-of", "k", "--open", "--min-group", "3")
    run("responses", "import", "k2", out / "responses.jsonl")
    with Store(run.db) as s:
        assert s.count_responses("k2") == 5


def test_sav_export_has_numeric_closed_columns(run, tmp_path, kinds_round):
    pyreadstat = pytest.importorskip("pyreadstat", reason="the spss extra (pyreadstat) is not installed")
    imported(run, tmp_path)
    out = tmp_path / "s"
    run("export", "k", "--format", "sav", "--out", out)
    frame, meta = pyreadstat.read_sav(str(next(out.rglob("*.sav"))))
    first = frame[frame["staff"] == 12].iloc[0]
    assert (first["adopted"], first["channels__mail"], first["channels__chat"], first["hours"]) == (1, 1, 0, 7.5)
    assert meta.variable_value_labels["adopted"] == {1: "Kyllä", 2: "Osittain", 3: "Ei"}  # 1 = yes, options' order
    assert sorted(frame["works"].dropna()) == [1, 3, 4, 5]  # "can't say" (99) is user-missing: read as missing
    assert frame["staff"].isna().sum() == 2 and frame["channels__phone"].isna().sum() == 1  # not answered
    assert meta.column_names_to_labels["channels__mail"] == "Käytäntö: Kanavat: Posti"
