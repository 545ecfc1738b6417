"""Hostile and broken XLSForms: each is one clear line (exit 2, nothing written), or a note
naming the sheet, row and column for what was taken out of a cell."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest
from xlsform_forms import run_import, workbook

from survey_tui.questionnaire import load_file
from survey_tui.questionnaire import xlsform_read


def one_error_line(result) -> str:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def test_files_that_are_not_xlsx_workbooks_are_one_line_each(tmp_path):
    text = tmp_path / "form.xlsx"
    text.write_text("type,name,label\ntext,q1,Hello\n", "utf-8")
    assert one_error_line(run_import(str(text))) == f"Error: {text}: not an .xlsx workbook (an XLSForm is saved as .xlsx)"
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert one_error_line(run_import(str(old))) == f"Error: {old}: an old .xls workbook: save it as an .xlsx workbook and import that"
    other_zip = tmp_path / "notes.xlsx"
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("notes.txt", "just a zip")
    assert one_error_line(run_import(str(other_zip))) == f"Error: {other_zip}: not an .xlsx workbook (an XLSForm is saved as .xlsx)"
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(damaged, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("xl/workbook.xml", "<workbook><not closed")
    assert one_error_line(run_import(str(damaged))).startswith(f"Error: {damaged}: not a readable .xlsx workbook (")
    truncated = tmp_path / "cut.xlsx"
    workbook(tmp_path / "whole.xlsx", [["type", "name", "label"], ["text", "q1", "Hi"]])
    truncated.write_bytes((tmp_path / "whole.xlsx").read_bytes()[:300])
    assert one_error_line(run_import(str(truncated))).startswith(f"Error: {truncated}: not a readable .xlsx workbook (")
    missing = tmp_path / "nowhere.xlsx"
    assert one_error_line(run_import(str(missing))).startswith(f"Error: {missing}: cannot read the file (")
    assert not list(tmp_path.glob("*.yaml"))


def test_a_zip_bomb_and_an_oversized_file_are_refused_before_reading(tmp_path, monkeypatch):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (3 * 1024 * 1024))
    assert bomb.stat().st_size < 100_000
    monkeypatch.setattr(xlsform_read, "MAX_UNPACKED", 2 * 1024 * 1024)
    line = one_error_line(run_import(str(bomb)))
    assert line == f"Error: {bomb}: the workbook unpacks to more than 2097152 bytes (or holds too many parts); not read"
    monkeypatch.setattr(xlsform_read, "MAX_FILE_BYTES", 1000)
    line = one_error_line(run_import(str(bomb)))
    assert line == f"Error: {bomb}: the file is {bomb.stat().st_size} bytes; an XLSForm may be at most 1000 bytes"


def test_workbooks_without_a_survey_sheet_or_type_column_are_one_line(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    book.save(tmp_path / "plain.xlsx")
    line = one_error_line(run_import(str(tmp_path / "plain.xlsx")))
    assert line.endswith("no 'survey' sheet: an XLSForm has the sheets survey, choices and settings")
    untyped = workbook(tmp_path / "untyped.xlsx", [["kind", "name", "label"], ["text", "q1", "Hi"]])
    assert one_error_line(run_import(str(untyped))).endswith("the survey sheet has no 'type' column in its first row")
    nothing = workbook(tmp_path / "nothing.xlsx", [["type", "name", "label"], ["calculate", "c", ""], ["start", "s"]])
    result = run_import(str(nothing))
    assert result.exit_code == 2 and result.stderr.splitlines()[-1] == f"Error: {nothing}: no question could be mapped; nothing written"


def test_formula_cells_are_not_read_as_text(tmp_path):
    form = workbook(tmp_path / "formula.xlsx", [
        ["type", "name", "label", "label::fi"],
        ["text", "q1", '=HYPERLINK("http://example.invalid","click")', "=1+1"],
        ["text", "q2", "Plain", "Tavallinen"],
    ])
    out = tmp_path / "f.yaml"
    result = run_import(str(form), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert f"{form}: survey row 2: column 'label' holds a formula, which is not read (type the value itself)" in result.stderr
    assert f"{form}: survey row 2: column 'label::fi' holds a formula, which is not read (type the value itself)" in result.stderr
    q = load_file(out)
    assert q.question("q1").prompt == {"en": "q1", "fi": "q1"}  # the name, as said
    assert "HYPERLINK" not in out.read_text("utf-8") and "=1+1" not in out.read_text("utf-8")


def test_control_characters_are_taken_out_and_said(tmp_path):
    # openpyxl itself refuses C0 controls in a cell; C1 controls (a CSI) and bidi overrides
    # get through it, and the questionnaire validator refuses them in a file.
    form = workbook(tmp_path / "ctl.xlsx", [
        ["type", "name", "label"],
        ["text", "q1", "Red \x9b31mtext\u202e reversed"],
    ])
    out = tmp_path / "c.yaml"
    result = run_import(str(form), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert f"{form}: survey row 2: column 'label': control characters removed" in result.stderr
    assert load_file(out).question("q1").prompt["en"] == "Red text reversed"  # the CSI sequence goes whole


def test_huge_sheets_are_read_up_to_their_bounds(tmp_path):
    limit = xlsform_read.MAX_ROWS["survey"]
    rows = [["type", "name", "label"] + [f"extra{i}" for i in range(xlsform_read.MAX_COLUMNS + 5)]]
    rows[0][-1] = "last"
    for i in range(limit + 50):  # groups of 18 questions, each 20 rows with its begin and end
        step = i % 20
        rows.append(["begin_group", f"g{i // 20}", f"Group {i // 20}"] if step == 0 else ["end_group"] if step == 19
                    else ["text", f"q{i}", f"Q {i}"])
    form = workbook(tmp_path / "huge.xlsx", rows)
    out = tmp_path / "h.yaml"
    result = run_import(str(form), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert f"{form}: survey row 1: more than {xlsform_read.MAX_COLUMNS} columns: the columns after the first" in result.stderr
    assert f"{form}: survey: more than {limit} rows: the rows after row {limit + 1} were not read" in result.stderr
    assert f"{form}: survey row {2 + 30 * 20}: more than 30 themes (groups), the most a questionnaire holds; left out" in result.stderr
    assert f"{form}: survey: " in result.stderr and "more rows after it left out for the same reason (rows 603-" in result.stderr
    assert len(result.stderr.splitlines()) == 6  # said once each, not once per row left out
    assert len(load_file(out).themes) == 30


def test_a_cell_longer_than_a_prompt_is_cut_and_said(tmp_path):
    form = workbook(tmp_path / "longcell.xlsx", [["type", "name", "label"], ["text", "q1", "x" * 2500]])
    out = tmp_path / "l.yaml"
    result = run_import(str(form), "--out", str(out))
    assert f"{form}: survey row 2: a text longer than 2000 characters, the most it may have here; cut" in result.stderr
    assert load_file(out).question("q1").prompt["en"] == "x" * 2000


def test_without_openpyxl_the_import_names_the_extra(tmp_path):
    form = workbook(tmp_path / "f.xlsx", [["type", "name", "label"], ["text", "q1", "Hi"]])
    code = (
        "import importlib.machinery, sys\n"
        "_orig = importlib.machinery.PathFinder.find_spec.__func__\n"
        "def find_spec(cls, name, path=None, target=None):\n"
        "    return None if name.split('.')[0] == 'openpyxl' else _orig(cls, name, path, target)\n"
        "importlib.machinery.PathFinder.find_spec = classmethod(find_spec)\n"
        "from survey_tui.cli.main import main\n"
        f"sys.argv = ['survey-tui', 'questionnaire', 'import', {str(form)!r}]\n"
        "main()\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert out.returncode == 2 and out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "pip install 'survey-tui[xlsform]'" in lines[0] and "XLSForm import" in lines[0]


@pytest.mark.parametrize("lang, expected", [
    ("fi", "ei ole .xlsx-työkirja (XLSForm-lomake tallennetaan .xlsx-muodossa)"),
    ("sv", "inte en .xlsx-arbetsbok (ett XLSForm-formulär sparas som .xlsx)"),
])
def test_the_lines_come_in_the_coordinator_language(tmp_path, lang, expected):
    bad = tmp_path / "form.xlsx"
    bad.write_text("not a workbook", "utf-8")
    from click.testing import CliRunner

    from survey_tui.cli.main import cli

    result = CliRunner().invoke(cli, ["--lang", lang, "questionnaire", "import", str(bad)])
    assert result.exit_code == 2 and result.stderr.strip().endswith(f"{bad}: {expected}")


def test_an_entity_bomb_inside_a_sheet_is_one_line(tmp_path):
    whole = workbook(tmp_path / "whole.xlsx", [["type", "name", "label"], ["text", "q1", "Hi"]])
    bomb = tmp_path / "laughs.xlsx"
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    sheet = (f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             '<row r="1"><c r="A1" t="inlineStr"><is><t>type</t></is></c></row>'
             '<row r="2"><c r="A2" t="inlineStr"><is><t>&i;</t></is></c></row></sheetData></worksheet>')
    with zipfile.ZipFile(whole) as src, zipfile.ZipFile(bomb, "w") as dst:
        for item in src.infolist():
            data = sheet.encode() if item.filename == "xl/worksheets/sheet1.xml" else src.read(item.filename)
            dst.writestr(item, data)
    line = one_error_line(run_import(str(bomb)))
    assert line.startswith(f"Error: {bomb}: not a readable .xlsx workbook (")
