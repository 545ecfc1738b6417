"""`survey-tui export`: CSV round trips, injection, Excel dialect, images, snapshot, flat memory."""

from __future__ import annotations

import csv
import io
import tracemalloc

import pytest
from reporting_data import ITEMS, run_cli, statistic_free, thesis_records

from survey_tui.analysis.keywords import lemmas
from survey_tui.export import export_round
from survey_tui.sanitize import clean_text
from survey_tui.store import Store

TRICKY = [
    "Äänekoski ja Närpiö: yhteistyö sujuu ÅÖÄ åöä",
    'Hän sanoi "pikaviestin" ja \'chat\'',
    "puolipiste; pilkku, ja molemmat;,",
    "rivi yksi\nrivi kaksi\n\nrivi neljä",
    "windows\r\nrivinvaihto",
    'lainaus "" tupla ja loppu "',
]
INJECTION = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=tab", "\r=cr", "\n=lf", '=HYPERLINK("http://x","klik")']


def _records(texts: list[str]) -> list[dict]:
    records = thesis_records()
    for i, text in enumerate(texts):
        records[i % len(records)]["answers"]["q1a" if i < len(records) else "q1b"] = text
    return records


def _read(path, excel=False):
    with open(path, encoding="utf-8-sig" if excel else "utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter=";" if excel else ","))


@pytest.fixture
def tricky_store(store, kela):
    store.create_round("kierros", kela, state="closed")
    store.import_responses("kierros", _records(TRICKY + INJECTION))
    return store


def test_csv_round_trip(tricky_store, tmp_path, kela):
    result = export_round(tricky_store, "kierros", tmp_path / "out", lang="fi")
    names = {p.name for p in result.files}
    assert names == {"round.csv", "responses.csv", "answers.csv", "ranking.csv", "positions.csv", "keywords.csv", "codes.csv",
                     "codebook.csv", "first_choice.png", "first_choice.svg", "positions.png", "positions.svg"}

    responses = _read(tmp_path / "out" / "responses.csv")
    qids = [q.id for _, q in kela.questions()]
    items = [item.id for item in kela.ranking.items]
    assert responses[0] == ["response_id", "language", *qids, "rank_1", "rank_2", "rank_3", "rank_4", "rank_5",
                            *[f"pos_{item}" for item in items]]
    assert len(responses) == 1 + 11
    # pos_<item> is where rank_<n> put the item: the same ranking read the other way
    head = responses[0]
    for row in responses[1:]:
        ranked = [row[head.index(f"rank_{p}")] for p in range(1, 6)]
        assert [row[head.index(f"pos_{item}")] for item in items] == [
            str(ranked.index(item) + 1) if item in ranked else "" for item in items]
    codebook = _read(tmp_path / "out" / "codebook.csv")
    assert codebook[0] == ["variable", "label", "type", "values"]
    assert [line[0] for line in codebook[1:]] == head  # every column of responses.csv, in order
    described = {line[0]: line for line in codebook[1:]}
    assert kela.text(kela.question(qids[0]).prompt, "fi")[:20] in described[qids[0]][1]
    assert described[f"pos_{items[0]}"][2] == "integer" and "1-5" in described[f"pos_{items[0]}"][3]
    assert len({row[0] for row in responses[1:]}) == 11
    for row in responses[1:]:
        assert len(row) == len(responses[0])
        assert sorted(row[-10:-5]) == sorted(ITEMS)

    answers = _read(tmp_path / "out" / "answers.csv")
    assert answers[0] == ["response_id", "theme_id", "question_id", "text", "codes"]
    texts = {row[3] for row in answers[1:] if row[2] in ("q1a", "q1b")}
    for text in TRICKY:
        assert clean_text(text) in texts  # same text back (CRLF read back as LF, like the terminal)
    assert "rivi yksi\nrivi kaksi\n\nrivi neljä" in texts
    # One row per answer: q3 and q5 for all 11, q4 for 5, plus the tricky and injection answers.
    assert len(answers) - 1 == 11 + 11 + 5 + len(TRICKY) + len(INJECTION)
    by_response = {row[0]: row for row in responses[1:]}
    for rid, tid, qid, text, _codes in answers[1:]:
        assert by_response[rid][2 + qids.index(qid)] == text
        assert tid == next(t.id for t, q in kela.questions() if q.id == qid)

    ranking = _read(tmp_path / "out" / "ranking.csv")
    assert ranking[0][:7] == ["item_id", "title", "first_choice", "first_choice_share", "mean_rank", "borda", "ranked_by"]
    first = {row[0]: int(row[2]) for row in ranking[1:]}
    assert first == {"kanavat": 5, "ymmarrys": 3, "henkilot": 2, "tunteminen": 1, "tiedottaminen": 0}
    assert {row[0]: row[1] for row in ranking[1:]}["ymmarrys"] == "Yhteinen ymmärrys asiakkaan tilanteesta Kelassa ja kunnassa"
    assert float(next(r for r in ranking[1:] if r[0] == "kanavat")[3]) == pytest.approx(5 / 11, abs=1e-6)
    positions = _read(tmp_path / "out" / "positions.csv")
    assert positions[0] == ["item_id", "title", "position_1", "position_2", "position_3", "position_4", "position_5"]
    assert all(sum(map(int, row[2:])) == 11 for row in positions[1:])
    keywords = _read(tmp_path / "out" / "keywords.csv")
    assert keywords[0] == ["theme_id", "theme_title", "word", "count"]
    assert ["kanavat", "Yhteydenpitokanavat ja välineet", "pikaviestin", "11"] in keywords


def test_injection_cells_are_neutralised(tricky_store, tmp_path):
    tricky_store.release("kierros")
    rid = tricky_store.answers("kierros", "q3")[0]["response_id"]
    tricky_store.add_answer_code("kierros", rid, "q3", "=cmd|' /C calc'!A0")
    export_round(tricky_store, "kierros", tmp_path, charts=False)
    for name in ("responses.csv", "answers.csv", "codes.csv", "keywords.csv", "ranking.csv"):
        for row in _read(tmp_path / name):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), (name, cell)
    texts = {row[3] for row in _read(tmp_path / "answers.csv")[1:]}
    for raw in INJECTION:
        assert "'" + clean_text(raw) in texts
    codes = _read(tmp_path / "codes.csv")
    assert codes[1][:4] == ["kanavat", "Yhteydenpitokanavat ja välineet", "'=cmd|' /C calc'!A0", "1"]
    assert any(row[4] == "'=cmd|' /C calc'!A0" for row in _read(tmp_path / "answers.csv")[1:])


def test_default_dialect_is_rfc4180_utf8(tricky_store, tmp_path):
    export_round(tricky_store, "kierros", tmp_path, charts=False)
    raw = (tmp_path / "responses.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.startswith(b"response_id,language,q1a,")
    assert raw.count(b"\r\n") >= 12 and b"\r\n" in raw.split(b"\n")[0] + b"\n"
    assert "Närpiö".encode("utf-8") in raw
    assert b'"Han' not in raw and '"Hän sanoi ""pikaviestin"" ja \'chat\'"'.encode() in raw


def test_excel_dialect_bytes(tricky_store, tmp_path):
    result = run_cli(tricky_store, "export", "kierros", "--excel", "--out", str(tmp_path / "xl"))
    assert result.exit_code == 0, result.output
    raw = (tmp_path / "xl" / "answers.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfresponse_id;theme_id;question_id;text;codes\r\n")
    assert "Äänekoski".encode("utf-8") in raw
    header_lines = raw.split(b"\r\n")
    assert all(b";" in line for line in header_lines[:3])
    ranking = (tmp_path / "xl" / "ranking.csv").read_bytes()
    assert ranking.startswith(b"\xef\xbb\xbfitem_id;title;first_choice;")
    assert b";0,454545;" in ranking  # decimal comma for a Finnish Excel
    assert ranking.endswith(b"\r\n") and b"\n" not in ranking.replace(b"\r\n", b"")
    # Read back: the same texts as the default export.
    texts = {row[3] for row in _read(tmp_path / "xl" / "answers.csv", excel=True)[1:]}
    assert "puolipiste; pilkku, ja molemmat;," in texts
    assert "rivi yksi\nrivi kaksi\n\nrivi neljä" in texts
    assert "'=1+1" in texts


def test_chart_images(tricky_store, tmp_path):
    export_round(tricky_store, "kierros", tmp_path, lang="fi")
    from PIL import Image

    for name in ("first_choice.png", "positions.png"):
        assert (tmp_path / name).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
        with Image.open(tmp_path / name) as image:  # decodes as a real image another program can open
            image.load()
            assert image.width >= 600 and image.height >= 300
    svg = (tmp_path / "first_choice.svg").read_text("utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "Tärkeimmäksi asetetut teemat (n = 11)" in svg
    assert "Yhteinen ymmärrys" in svg
    assert "Vastaajia" in svg
    svg2 = (tmp_path / "positions.svg").read_text("utf-8")
    assert "Sijojen jakauma" in svg2 and "1. sija" in svg2
    export_round(tricky_store, "kierros", tmp_path / "en", lang="en", charts=True)
    assert "Themes ranked most important (n = 11)" in (tmp_path / "en" / "first_choice.svg").read_text("utf-8")


def test_export_command_defaults_to_results_folder(tricky_store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli(tricky_store, "export", "kierros")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "results" / "kierros"
    for name in ("responses.csv", "answers.csv", "ranking.csv", "positions.csv", "keywords.csv", "codes.csv"):
        assert (folder / name).is_file()
        assert f"results/kierros/{name}" in result.stdout
    assert not list(folder.glob("*.tmp"))
    assert not list(folder.glob("*.png")) and not list(folder.glob("*.svg"))  # charts only when asked for
    result = run_cli(tricky_store, "export", "kierros", "--charts")
    assert result.exit_code == 2 and "--force" in result.output  # the CSV files of the first export
    result = run_cli(tricky_store, "export", "kierros", "--charts", "--force")
    assert result.exit_code == 0, result.output
    for name in ("first_choice.png", "first_choice.svg", "positions.png", "positions.svg"):
        assert (folder / name).is_file()
        assert f"results/kierros/{name}" in result.stdout


def test_export_without_charts_does_not_import_matplotlib(tricky_store, tmp_path):
    import subprocess
    import sys

    code = ("import sys\n"
            "from survey_tui.cli.main import main\n"
            "sys.argv = ['survey-tui', '--db', sys.argv[1], 'export', 'kierros', '--out', sys.argv[2]]\n"
            "try:\n"
            "    main()\n"
            "except SystemExit as exc:\n"
            "    assert not exc.code, exc.code\n"
            "assert 'matplotlib' not in sys.modules, 'matplotlib imported'\n")
    subprocess.run([sys.executable, "-c", code, str(tricky_store.path), str(tmp_path / "out")], check=True,
                   capture_output=True, text=True)
    assert (tmp_path / "out" / "answers.csv").is_file() and not list((tmp_path / "out").glob("*.png"))


def test_export_refuses_below_minimum_group(store, kela, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store.create_round("pieni", kela, state="closed", min_group=6)
    store.import_responses("pieni", thesis_records()[:5])
    result = run_cli(store, "export", "pieni")
    assert result.exit_code != 0
    assert "5 responses" in result.stderr and "6" in result.stderr
    assert statistic_free(result.output)
    assert not (tmp_path / "results").exists()


def test_follow_up_round_gets_comparison_csv(store, kela, tmp_path):
    store.create_round("syksy", kela, state="closed")
    store.import_responses("syksy", thesis_records())
    store.create_round("kevat", kela, state="closed", follows="syksy")
    later = thesis_records()[::-1][:8]
    store.import_responses("kevat", later)
    result = export_round(store, "kevat", tmp_path, charts=False)
    rows = _read(tmp_path / "comparison.csv")
    assert rows[0][:6] == ["item_id", "title", "old_round", "new_round", "old_n", "new_n"]
    kanavat = next(r for r in rows[1:] if r[0] == "kanavat")
    assert kanavat[2:6] == ["syksy", "kevat", "11", "8"]
    new_share = sum(1 for r in later if r["ranking"][0] == "kanavat") / 8
    assert float(kanavat[6]) == pytest.approx(5 / 11, abs=1e-6)
    assert float(kanavat[7]) == pytest.approx(new_share, abs=1e-6)
    assert float(kanavat[8]) == pytest.approx(new_share - 5 / 11, abs=1e-6)
    # 4 of the 11 answered in English, fewer than the minimum group of 5.
    assert result.warnings == ["the language column is empty: some language was used by fewer than 5 respondents"]


def test_follow_up_of_a_too_small_round_has_no_comparison(store, kela, tmp_path):
    store.create_round("pieni", kela, state="closed")
    store.import_responses("pieni", thesis_records()[:3])
    store.create_round("iso", kela, state="closed", follows="pieni")
    store.import_responses("iso", thesis_records())
    result = export_round(store, "iso", tmp_path, charts=False)
    assert not (tmp_path / "comparison.csv").exists()
    assert any("'pieni' has 3 responses" in w for w in result.warnings)


def test_export_is_one_consistent_snapshot(thesis_store, kela, tmp_path):
    """A response submitted while the export runs is in none of its files."""
    other = Store(thesis_store.path)
    seen = []

    def progress(done, total):
        seen.append((done, total))
        if len(seen) == 1:  # after the release, before any row is read
            # A late import into a closed round is held back until a full batch exists.
            other.import_responses("thesis", [{"language": "fi", "answers": {"q3": "myöhäinen vastaus"}, "ranking": ITEMS}])

    try:
        export_round(thesis_store, "thesis", tmp_path, charts=False, progress=progress)
    finally:
        other.close()
    assert thesis_store.count_responses("thesis") == 12
    assert seen[0] == (0, 11) and seen[-1] == (11, 11)
    assert len(_read(tmp_path / "responses.csv")) == 1 + 11
    assert "myöhäinen vastaus" not in (tmp_path / "answers.csv").read_text("utf-8")
    assert all(sum(map(int, row[2:])) == 11 for row in _read(tmp_path / "positions.csv")[1:])


def test_export_memory_stays_flat(store, kela, tmp_path):
    """20,000 responses: peak memory far below what holding their answers would take."""
    n, text_len = 20_000, 800
    filler = "ö" * text_len
    store.create_round("suuri", kela, state="closed")
    store.import_responses(
        "suuri",
        [{"language": "fi", "answers": {"q3": f"Vastaus {i}: {filler}"}, "ranking": ITEMS[i % 5:] + ITEMS[: i % 5]}
         for i in range(n)],
    )
    bound = 12_000_000
    assert n * text_len > bound  # the answer text alone would not fit under the bound
    lemmas("lämmittely ja sanakirja", "fi")  # load simplemma's dictionary outside the measurement
    tracemalloc.start()
    try:
        result = export_round(store, "suuri", tmp_path, charts=False)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.n == n
    assert peak < bound, f"peak {peak / 1e6:.1f} MB"
    with open(tmp_path / "answers.csv", encoding="utf-8", newline="") as fh:
        assert sum(1 for _ in csv.reader(fh)) == 1 + n


def test_printable_text_needs_no_cleaning():
    """Printable characters clean_text still changes are the documented invisible ones
    (sanitize.py), and export's fast path (sanitize.plain_cell) never lets one through."""
    from survey_tui.sanitize import plain_cell

    changed = [ch for ch in map(chr, range(0x20, 0x10000)) if ch.isprintable() and clean_text(f"a{ch}b") != f"a{ch}b"]
    assert changed == ["\u034f", "\u115f", "\u1160", "\u3164", *map(chr, range(0xFE00, 0xFE0E)), "\uffa0"]
    assert not any(plain_cell(f"a{ch}b") for ch in changed)
    buf = io.StringIO()
    csv.writer(buf).writerow(["a"])
    assert buf.getvalue() == "a\r\n"  # the csv module's default terminator is RFC 4180's CRLF


def test_unwritable_output_is_one_error_line(tricky_store, tmp_path):
    # Running as root in CI, so "cannot write" comes from a path under a regular file.
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    cases = [
        ("export", "kierros", "--out", str(blocker / "exp")),
        ("report", "kierros", "--out", str(blocker / "r.md")),
        ("report", "kierros", "--format", "markdown", "--out", str(blocker / "r.md")),
    ]
    for args in cases:
        result = run_cli(tricky_store, *args)
        assert result.exit_code != 0, args
        assert "Traceback" not in result.output
        [line] = [x for x in result.stderr.splitlines() if x.strip()]
        assert line.startswith("Error: ") and "afile is a file, not a folder" in line, line
        assert ".tmp" not in line


def test_a_title_the_chart_font_cannot_draw_prints_no_python_warning(store, kela, tmp_path):
    from survey_tui.questionnaire import from_dict

    data = kela.to_dict()
    data["themes"][0]["title"] = {"fi": "Tiedottaminen 🍎", "sv": "Information 🍎", "en": "Sharing 🍎"}
    store.create_round("emoji", from_dict(data), state="closed")
    store.import_responses("emoji", thesis_records())
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = run_cli(store, "export", "emoji", "--charts", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert not [w for w in caught if "Glyph" in str(w.message)]
    assert (tmp_path / "out" / "first_choice.png").read_bytes().startswith(b"\x89PNG")
