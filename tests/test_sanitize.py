from __future__ import annotations

import pytest

from survey_tui.sanitize import clean_text, csv_cell, one_line

HOSTILE = [
    ("a\x1b[2Jb", "ab"),
    ("x\x1b]52;c;ZXZpbA==\x07y", "xy"),  # OSC 52 clipboard write, BEL terminator
    ("x\x1b]52;c;ZXZpbA==\x1b\\y", "xy"),  # OSC 52, ST terminator
    ("\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", "click"),  # OSC 8 link
    ("a\x9b31mb", "ab"),  # 8-bit CSI
    ("a\x9d0;title\x07b", "ab"),  # 8-bit OSC
    ("over\rwrite", "over\nwrite"),  # bare CR cannot overwrite the line
    ("abc\u202edcba", "abcdcba"),  # right-to-left override
    ("in\u200bvis\u2066ible\u2069", "invisible"),  # zero width, isolates
    ("bell\x07 nul\x00 del\x7f", "bell nul del"),
    ("keep\ttab\nand newline", "keep\ttab\nand newline"),
    ("Äänestys öljy åå", "Äänestys öljy åå"),
    ("[@click=app.quit]x[/]", "[@click=app.quit]x[/]"),  # markup is text, left for markup-off rendering
]


@pytest.mark.parametrize(("raw", "expected"), HOSTILE)
def test_clean_text_removes_terminal_controls(raw, expected):
    cleaned = clean_text(raw)
    assert cleaned == expected
    assert not any(0x80 <= ord(ch) <= 0x9F or (ord(ch) < 0x20 and ch not in "\n\t") for ch in cleaned)


def test_one_line_folds_and_cuts():
    assert one_line("a\n\n b\tc", 100) == "a b c"
    assert one_line("x" * 50, 10) == "x" * 9 + "…"


@pytest.mark.parametrize("lead", ["=", "+", "-", "@", "\t", "\r", "\n"])
def test_csv_cell_neutralises_formula_leads(lead):
    assert csv_cell(lead + "SUM(A1)") == "'" + lead + "SUM(A1)"


def test_csv_cell_keeps_plain_values():
    assert csv_cell("hyvä; \"lainaus\"") == "hyvä; \"lainaus\""
    assert csv_cell(-3) == -3
    assert csv_cell(None) == ""
