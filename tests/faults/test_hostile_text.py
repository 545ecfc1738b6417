"""Hostile respondent text, checked byte for byte in every output that shows it.

Outputs: `report` (text and Markdown), `code list`, the export CSV files (default and
--excel), and the respondent app's review page (rendered with Pilot).
"""

from __future__ import annotations

import asyncio
import csv
import io
import re

import pytest

from faultkit import RANKING, run_cli
from survey_tui.store import Store

HOSTILE = {
    "csi_clear": "A\x1b[2JB",
    "osc52_bel": "C\x1b]52;c;ZXZpbA==\x07D",
    "osc52_st": "E\x1b]52;c;ZXZpbA==\x1b\\F",
    "osc8_link": "G\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\H",
    "c1_csi": "I\x9b31mJ",
    "bare_cr": "visible\rHIDDEN",
    "bidi": "K\u202etxt.exe\u202cL",
    "zero_width": "M\u200bN\u2060O\ufeffP",
    "click_markup": "[@click=app.quit]x[/]",
    "link_markup": "[link=https://evil.example]y[/]",
}
TEXT = " ".join(HOSTILE.values())
# Bytes/characters that must never reach a terminal or a file.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
MARKUP = ["[@click=app.quit]x[/]", "[link=https://evil.example]y[/]"]


def _forbidden(text: str, allow_cr: bool = False) -> list[str]:
    found = FORBIDDEN.findall(text.replace("\r\n", "\n") if allow_cr else text)
    return sorted({f"U+{ord(c):04X}" for c in found if c not in "\t\n"})


LEADS = ["=", "+", "-", "@", "\t", "\r", "\n"]
PAYLOAD = "cmd|' /C calc'!A0"
INJECTIONS = [
    text
    for lead in LEADS
    for text in (
        lead + PAYLOAD,  # start of the cell
        "ok," + lead + PAYLOAD,  # after a comma
        "ok;" + lead + PAYLOAD,  # after a semicolon (the --excel separator)
        'ok"' + lead + PAYLOAD,  # after a quote
        "ok\t" + lead + PAYLOAD,  # after a tab
        "ok\n" + lead + PAYLOAD,  # after a line feed
    )
]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """One hostile round; every CLI output of it, produced in parallel (one process each)."""
    from survey_tui.questionnaire import load_shipped

    tmp = tmp_path_factory.mktemp("hostile")
    db = tmp / "h.db"
    with Store(db) as s:
        s.create_round("r1", load_shipped("kela-sosiaalitoimi"), state="open", min_group=5)
        for i in range(6):
            s.submit("r1", {"q1a": f"{TEXT} #{i}", "q2a": "plain", "q3": TEXT}, RANKING, "fi")
        for i in range(0, len(INJECTIONS), 3):
            s.submit("r1", {"q1b": INJECTIONS[i], "q1c": INJECTIONS[i + 1], "q2b": INJECTIONS[i + 2]}, RANKING, "fi")
        s.set_state("r1", "closed")  # results are sealed while the round takes answers
    jobs = {
        "report": ["report", "r1"],
        "markdown": ["report", "r1", "--format", "markdown", "--out", str(tmp / "r.md")],
        "codelist": ["code", "r1", "list"],
        "csv": ["export", "r1", "--out", str(tmp / "d")],
        "excel": ["export", "r1", "--excel", "--out", str(tmp / "x")],
    }
    procs = {name: run_cli(*args, db_path=db, popen=True) for name, args in jobs.items()}
    done = {}
    for name, p in procs.items():
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, (name, err.decode())
        done[name] = out.decode("utf-8")
    done["md_file"] = (tmp / "r.md").read_text(encoding="utf-8")
    done["csv_dir"], done["excel_dir"], done["db"] = tmp / "d", tmp / "x", db
    return done


def test_report_text_and_markdown_carry_no_escape_bytes_and_keep_markup_literal(outputs, figure):
    out = outputs["report"]
    assert _forbidden(out) == []
    for m in MARKUP:
        assert m in out, f"markup {m!r} was interpreted or dropped"
    assert "visible" in out and "HIDDEN" in out  # CR did not hide text
    body = outputs["md_file"]
    assert _forbidden(body) == []
    assert "](https://evil" not in body and "<a " not in body.lower()
    figure("report_bytes_checked", len(out.encode()) + len(body.encode()))


def test_code_list_terminal_output_is_clean(outputs, figure):
    out = outputs["codelist"]
    assert "visible" in out, "answers not listed at all"
    assert _forbidden(out) == []
    for m in MARKUP:
        assert m in out
    figure("code_list_bytes_checked", len(out.encode()))


@pytest.mark.parametrize("excel", [False, True])
def test_export_csv_files_are_clean(outputs, excel, figure):
    out = outputs["excel_dir" if excel else "csv_dir"]
    checked = 0
    for f in sorted(out.glob("*.csv")):
        raw = f.read_bytes()
        checked += len(raw)
        if excel:
            assert raw.startswith(b"\xef\xbb\xbf"), f"{f.name}: no BOM"
            assert raw.count(b"\n") == raw.count(b"\r\n") + _lf_inside_cells(raw, ";"), f"{f.name}: not CRLF"
            header = raw[3:].split(b"\r\n", 1)[0]
            assert b";" in header and b"," not in header, f"{f.name}: not ;-separated"
        body = raw.decode("utf-8-sig")
        assert _forbidden(body, allow_cr=True) == [], f.name
    assert checked > 0
    figure("csv_bytes_checked", checked)


def _lf_inside_cells(raw: bytes, sep: str) -> int:
    """Line feeds inside quoted cells (allowed: a multi-line answer is one cell)."""
    inside, count = False, 0
    for ch in raw.decode("utf-8-sig"):
        if ch == '"':
            inside = not inside
        elif ch == "\n" and inside:
            count += 1
    return count


def test_review_page_shows_hostile_text_inert(outputs, figure):
    from survey_tui.tui.respondent.app import make_app

    async def scenario():
        with Store(outputs["db"]) as store:
            app = make_app(store, "r1", lang="en")
            async with app.run_test(size=(120, 200)) as pilot:
                await pilot.pause()
                app.session.answers["q1a"] = TEXT
                app.session.ranking = list(RANKING)
                app.goto("review", save=False)
                await pilot.pause()
                await pilot.pause()
                assert app.screen.__class__.__name__ == "ReviewScreen"
                svg = app.export_screenshot()
                from textual.widgets import Static

                shown = "\n".join(str(w.render()) for w in app.screen.query(Static))
                running = app.is_running
            return svg, shown, running

    svg, shown, running = asyncio.run(scenario())
    assert running, "markup in an answer ran an action"
    assert _forbidden(shown) == []
    assert _forbidden(svg) == []
    for m in MARKUP:
        assert m in shown, f"{m!r} not shown literally on the review page"
    assert "evil.example" not in svg.split("[link=")[0]  # no hyperlink element before the literal text
    assert "<a " not in svg
    figure("review_chars_checked", len(shown))


# ---------------------------------------------------------------- CSV injection


def _cells(raw: str, sep: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(raw, newline=""), delimiter=sep) for cell in row]


def test_csv_injection_in_every_position(outputs, figure):
    """Read with each file's own separator, no cell starts with a formula character."""
    bad, cross = [], 0
    for key, sep in (("csv_dir", ","), ("excel_dir", ";")):
        raw = (outputs[key] / "answers.csv").read_text(encoding="utf-8-sig")
        assert raw.count(PAYLOAD) == len(INJECTIONS)
        for cell in _cells(raw, sep):
            if PAYLOAD in cell and cell[:1] in LEADS:
                bad.append((key, cell[:30]))
        # Known gap (see RELIABILITY.md): a spreadsheet splitting a comma file on ';' (or the
        # reverse) sees a new cell after an embedded separator; counted, not asserted.
        other = ";" if sep == "," else ","
        cross += sum(1 for cell in _cells(raw, other) if PAYLOAD in cell and cell[:1] in LEADS)
    assert bad == [], bad[:10]
    figure("payloads", len(INJECTIONS))
    figure("formula_cells_own_separator", 0)
    figure("formula_cells_if_read_with_the_other_separator", cross)
