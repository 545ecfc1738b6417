"""Exports spreadsheets read right: XLSX (openpyxl, LibreOffice where installed), JSON Lines
read back by `responses import`, each format its own files, nothing replaced without --force."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import zipfile

import pytest
from reporting_data import run_cli

from survey_tui.export_formats import export_jsonl, export_xlsx
from survey_tui.summary import BelowMinimumGroup

openpyxl = pytest.importorskip("openpyxl")  # a test dependency (pyproject [test])

RANKING = ["kanavat", "tiedottaminen", "tunteminen", "henkilot", "ymmarrys"]
# Text a spreadsheet or an analysis tool must keep exactly: formulas that must not run,
# list markers and phone numbers that the CSV guard would prefix, ä/ö/å, line breaks.
TEXTS = [
    "- ensimmäinen kohta\n- toinen kohta",
    "=HYPERLINK(\"http://evil.example\",\"klikkaa\")",
    "+358 40 123 4567",
    "@kela ja kunta",
    "Selkeyttäminen: åäö ÅÄÖ\n\nkolmas rivi",
    "\t sisennetty",
    "Pelkkä teksti, pilkku; puolipiste \"lainaus\"",
    "0012345",
    "1e5",
    "TRUE",
]


def _records(texts=TEXTS):
    out = []
    for i, text in enumerate(texts):
        order = RANKING[i % 5:] + RANKING[:i % 5]
        out.append({"language": "fi", "answers": {"q3": text, "q4": f"rivi {i}\ntoinen"}, "ranking": order})
    return out


@pytest.fixture
def closed(store, kela):
    store.create_round("kierros", kela, state="closed")
    store.import_responses("kierros", _records())
    return store


def _sheet(wb, name):
    rows = list(wb[name].iter_rows(values_only=True))
    return rows[0], rows[1:]


def test_xlsx_keeps_text_as_text_in_sheets_with_an_explanation(closed, tmp_path):
    result = export_xlsx(closed, "kierros", tmp_path, lang="fi")
    path = tmp_path / "kierros.xlsx"
    assert result.files == [path] and result.n == len(TEXTS)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["about", "responses", "answers", "round", "codebook", "ranking", "positions", "keywords",
                             "codes"]
    header, rows = _sheet(wb, "responses")
    q3 = header.index("q3")
    assert sorted(row[q3] for row in rows) == sorted(TEXTS)  # no apostrophe, nothing evaluated or converted
    ws = wb["responses"]
    for row in ws.iter_rows(min_row=2):
        cell = row[q3]
        assert cell.data_type == "s" and cell.number_format == "@" and cell.alignment.wrap_text
    assert ws.freeze_panes == "A2"
    widths = {key: dim.width for key, dim in ws.column_dimensions.items()}
    assert all(8 <= w <= 62 for w in widths.values()) and widths["A"] >= 16
    _h, answer_rows = _sheet(wb, "answers")
    assert {r[3] for r in answer_rows if r[2] == "q3"} == set(TEXTS)
    rh, rank_rows = _sheet(wb, "ranking")
    assert rh[0] == "item_id" and {r[0] for r in rank_rows} == set(RANKING)
    assert all(isinstance(r[rh.index("first_choice")], int) for r in rank_rows)  # numbers stay numbers
    _ah, about = _sheet(wb, "about")
    explained = {(r[0], r[1]) for r in about if r[0]}
    assert ("responses", "response_id") in explained and ("answers", "text") in explained
    assert any(r[0] == "q3" and r[2] for r in about)  # each question's text
    with zipfile.ZipFile(path) as zf:  # no formula element anywhere: a spreadsheet has nothing to run
        assert not any(b"<f>" in zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/"))


def test_xlsx_is_sealed_and_refused_below_the_minimum_group(store, kela, tmp_path):
    store.create_round("pieni", kela, state="closed")
    store.import_responses("pieni", _records(TEXTS[:2]))
    with pytest.raises(BelowMinimumGroup):
        export_xlsx(store, "pieni", tmp_path / "out")
    assert not (tmp_path / "out").exists()
    store.create_round("auki", kela, state="open")
    store.import_responses("auki", _records())
    sealed = run_cli(store, "export", "auki", "--format", "xlsx", "--out", str(tmp_path / "x"))
    assert sealed.exit_code != 0 and not (tmp_path / "x" / "auki.xlsx").exists()
    refused = run_cli(store, "export", "auki", "--format", "jsonl", "--out", str(tmp_path / "x"))
    assert refused.exit_code != 0 and not (tmp_path / "x" / "responses.jsonl").exists()


def test_jsonl_reads_back_through_responses_import_unchanged(closed, kela, tmp_path):
    export_jsonl(closed, "kierros", tmp_path / "a")
    first = (tmp_path / "a" / "responses.jsonl").read_text(encoding="utf-8")
    lines = [json.loads(line) for line in first.splitlines()]
    assert sorted(line["answers"]["q3"] for line in lines) == sorted(TEXTS)  # byte for byte
    closed.create_round("kopio", kela, state="open")
    imported = run_cli(closed, "responses", "import", "kopio", str(tmp_path / "a" / "responses.jsonl"))
    assert imported.exit_code == 0, imported.output
    closed.set_state("kopio", "closed")
    export_jsonl(closed, "kopio", tmp_path / "b")
    again = [json.loads(line) for line in (tmp_path / "b" / "responses.jsonl").read_text(encoding="utf-8").splitlines()]

    def content(rows):
        return sorted(json.dumps({k: v for k, v in row.items() if k != "response_id"}, sort_keys=True) for row in rows)

    assert content(again) == content(lines)
    assert {r["response_id"] for r in again}.isdisjoint({r["response_id"] for r in lines})  # new ids
    assert export_jsonl(closed, "kierros", tmp_path / "c").n == len(TEXTS)
    assert (tmp_path / "c" / "responses.jsonl").read_text(encoding="utf-8") == first  # same order every export


def test_each_format_has_its_own_files_and_none_is_replaced_without_force(closed, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for args in ((), ("--excel",), ("--format", "xlsx"), ("--format", "jsonl")):
        result = run_cli(closed, "export", "kierros", *args)
        assert result.exit_code == 0, result.output
    folder = tmp_path / "results" / "kierros"
    assert (folder / "responses.csv").read_bytes() != (folder / "excel" / "responses.csv").read_bytes()
    assert (folder / "kierros.xlsx").is_file() and (folder / "responses.jsonl").is_file()
    for args in ((), ("--excel",), ("--format", "xlsx"), ("--format", "jsonl")):
        before = {p: p.stat().st_mtime_ns for p in folder.rglob("*")}
        refused = run_cli(closed, "export", "kierros", *args)
        assert refused.exit_code == 2 and "--force" in refused.output, args
        assert {p: p.stat().st_mtime_ns for p in folder.rglob("*")} == before
        assert run_cli(closed, "export", "kierros", *args, "--force").exit_code == 0
    out = tmp_path / "mine"
    assert run_cli(closed, "export", "kierros", "--out", str(out)).exit_code == 0
    clash = run_cli(closed, "export", "kierros", "--excel", "--out", str(out))  # same names, other dialect
    assert clash.exit_code == 2 and "responses.csv exists" in clash.output
    assert run_cli(closed, "export", "kierros", "--excel", "--format", "xlsx").exit_code == 2


def test_exported_files_are_private(closed, tmp_path):
    from survey_tui.store.files import private_by_default

    private_by_default()
    try:
        for path in (export_xlsx(closed, "kierros", tmp_path).files[0], export_jsonl(closed, "kierros", tmp_path).files[0]):
            assert path.stat().st_mode & 0o077 == 0, path
    finally:
        import os

        os.umask(0o022)


def test_xlsx_memory_stays_flat_on_a_large_round(store, kela, tmp_path):
    """constant_memory: rows go to disk as they are written, so 20x the responses is not 20x the memory."""
    code = r"""
import resource, sys, tracemalloc
from survey_tui.store import Store
from survey_tui.export_formats import export_xlsx
store = Store(sys.argv[1])
tracemalloc.start()
export_xlsx(store, sys.argv[2], sys.argv[3])
print(tracemalloc.get_traced_memory()[1])
"""
    sizes = {}
    for slug, count in (("small", 200), ("large", 4000)):
        store.create_round(slug, kela, state="closed")
        long = "pitkä vastaus äöå " * 40
        store.import_responses(slug, [{"language": "fi", "answers": {"q3": f"{long}{i}", "q5": f"rivi\n{i}"},
                                       "ranking": RANKING} for i in range(count)])
        out = subprocess.run([sys.executable, "-c", code, store.path, slug, str(tmp_path / slug)],
                             capture_output=True, text=True, check=True)
        sizes[slug] = int(out.stdout.split()[-1])
    assert sizes["large"] < 3 * sizes["small"], sizes


def _soffice():
    return shutil.which("soffice") or shutil.which("libreoffice")


def test_libreoffice_reads_the_xlsx_text_back_exactly(closed, tmp_path, capsys):
    soffice = _soffice()
    if soffice is None:
        with capsys.disabled():
            print("\nskipped: LibreOffice (soffice) is not installed; the XLSX was checked with openpyxl only")
        pytest.skip("LibreOffice (soffice) is not installed")
    export_xlsx(closed, "kierros", tmp_path, lang="fi")
    profile = tmp_path / "lo-profile"
    # Sheet 2 (responses) as UTF-8 CSV: filter options 44 (,), 34 ("), 76 (UTF-8), row 1, sheet 2.
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2',
         "--outdir", str(tmp_path / "lo"), str(tmp_path / "kierros.xlsx")],
        check=True, capture_output=True, timeout=180,
    )
    made = list((tmp_path / "lo").glob("*.csv"))
    assert made, "LibreOffice wrote no CSV"
    text = made[0].read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    q3 = header.index("q3")
    assert sorted(row[q3] for row in rows[1:]) == sorted(TEXTS)
    assert {row[header.index("q4")] for row in rows[1:]} == {f"rivi {i}\ntoinen" for i in range(len(TEXTS))}


@pytest.mark.parametrize("dialect, options", [("csv", "44,34,76,1"), ("excel", "59,34,76,1")])
def test_libreoffice_reads_both_csv_dialects_back_when_told_utf8(closed, tmp_path, capsys, dialect, options):
    """Both CSV files read back exactly (ä/ö/å, multi-line cells, columns) in LibreOffice once
    its import is set to UTF-8, the file's separator and text columns (as its import dialog
    offers); with its defaults it reads them as Latin-1, the ';' file as one column, and turns
    answers such as TRUE or 1e5 into values: that is why the README sends spreadsheet users to
    the XLSX file, and this test shows both sides."""
    soffice = _soffice()
    if soffice is None:
        with capsys.disabled():
            print("\nskipped: LibreOffice (soffice) is not installed; the CSV files were checked with csv only")
        pytest.skip("LibreOffice (soffice) is not installed")
    from survey_tui.export import export_round

    folder = tmp_path / "out"
    export_round(closed, "kierros", folder, excel=dialect == "excel", lang="fi", charts=False)
    source = folder / "responses.csv"
    profile = tmp_path / "lo-profile"

    def through_libreoffice(filter_options: str | None) -> list[list[str]]:
        target = tmp_path / f"lo-{filter_options is None}"
        args = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "xlsx",
                "--outdir", str(target)]
        if filter_options is not None:
            args += [f"--infilter=CSV:{filter_options}"]
        subprocess.run(args + [str(source)], check=True, capture_output=True, timeout=180)
        import openpyxl

        sheet = openpyxl.load_workbook(target / "responses.xlsx").active
        return [["" if c.value is None else str(c.value) for c in row] for row in sheet.iter_rows()]

    expected = list(csv.reader(io.StringIO(source.read_text("utf-8-sig"), newline=""),
                               delimiter=";" if dialect == "excel" else ","))
    text_columns = "/".join(f"{i}/2" for i in range(1, len(expected[0]) + 1))  # 2 = Text
    told = through_libreoffice(f"{options},{text_columns}")
    assert [row[:len(expected[0])] for row in told] == expected
    cells = "".join("".join(row) for row in told)
    assert all(letter in cells for letter in "äöå") and any("\n" in cell for row in told for cell in row)
    defaults = through_libreoffice(None)
    assert defaults != expected  # LibreOffice's own defaults do not read UTF-8 CSV right
