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


# ---------------------------------------------------------------- the whole policy

import unicodedata  # noqa: E402

from survey_tui.sanitize import MAX_MARKS, csv_text, plain_cell, refused_controls  # noqa: E402

ISSUE_TITLE = (
    "Teema\x1b]52;c;ZXZpbA==\x1b\\ \x1b]8;;https://evil.example\x1b\\linkki\x1b]8;;\x1b\\ \x1b[31mred\x1b]0;TITLE\x07"
)

POLICY = [
    (ISSUE_TITLE, "Teema linkki red"),
    ("a\x1bP1$qm\x1b\\b", "ab"),  # DCS
    ("a\x1b_Gf=100;AAAA\x1b\\b", "ab"),  # APC (kitty graphics)
    ("a\x1b^pm\x1b\\b", "ab"),  # PM
    ("a\x1bXsos\x1b\\b", "ab"),  # SOS
    ("a\x90dcs\x9cb", "ab"),  # 8-bit DCS ... 8-bit ST
    ("a\x9f apc\x9cb", "ab"),  # 8-bit APC
    ("a\x9d8;;http://x\x9cb", "ab"),  # 8-bit OSC, 8-bit ST
    ("a\x1b]0;title", "a"),  # an unterminated OSC swallows the rest, as a terminal would
    ("a\x1b7b\x1b8c\x1b(0d", "abcd"),  # save/restore cursor, charset switch
    ("al\u061cm", "alm"),  # ARABIC LETTER MARK
    ("l\u200er\u200fx\u202ay\u202bz\u2066w\u2067v\u2068u\u2069", "lrxyzwvu"),
    ("line\u2028next\u2029para", "line\nnext\npara"),
    ("mon\u180egol", "mongol"),
    ("h\u3164a\u115fb\u1160c\uffa0d", "habcd"),  # Hangul fillers
    ("cg\u034fj", "cgj"),
    ("soft\u00adhyphen", "softhyphen"),
    ("tag\U000e0001\U000e0041\U000e0042\U000e007f", "tag"),  # hidden ASCII in tag characters
    ("🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f", "🏴"),  # subdivision flag
    ("❤\ufe0f ok", "❤\ufe0f ok"),  # an emoji keeps its presentation selector
    ("❤\ufe0f\ufe0f\ufe0e", "❤\ufe0f"),  # ... once
    ("\ufe0fx \ufe0fy", "x y"),  # with nothing to select it goes
    ("葛\U000e0100飾\ufe00", "葛飾"),  # other variation selectors go
    ("Z" + "\u0336\u0301\u0302\u0303\u0304\u0305\u0306" * 5 + "!", "Z\u0336\u0301\u0302\u0303!"),
    ("Vi\u1ec7\u0323t ti\u00ea\u0301ng", "Vi\u1ec7\u0323t ti\u00ea\u0301ng"),  # real text keeps its marks
    ("lone \ud800 surrogate", "lone \ufffd surrogate"),
    ("[link=https://evil.example]Kanavat[/]", "[link=https://evil.example]Kanavat[/]"),
]


@pytest.mark.parametrize(("raw", "expected"), POLICY)
def test_clean_text_policy(raw, expected):
    assert clean_text(raw) == expected
    assert clean_text(expected) == expected  # idempotent
    clean_text(raw).encode("utf-8")  # always writable


def _codepoints(pred):
    return [chr(cp) for cp in range(0x110000) if pred(chr(cp))]


def test_every_format_character_of_this_python_is_removed():
    found = _codepoints(lambda c: unicodedata.category(c) == "Cf")
    assert len(found) > 150
    kept = [f"U+{ord(c):04X}" for c in found if clean_text(f"a{c}b") != "ab"]
    assert kept == [], "regenerate _FORMAT in sanitize.py for this Unicode version"


def test_every_combining_mark_of_this_python_is_capped():
    marks = _codepoints(lambda c: unicodedata.category(c) in ("Mn", "Mc", "Me"))
    bad = [f"U+{ord(m):04X}" for m in marks if m not in "\ufe0e\ufe0f" and len(clean_text("a" + m * 9)) > 1 + MAX_MARKS]
    assert bad == [], "regenerate _MARKS in sanitize.py for this Unicode version"


def test_fast_path_is_taken_for_ordinary_text():
    text = "Yhteiset koulutuspäivät ja selkeä tiedottaminen 👍 — 日本語"
    assert clean_text(text) is text
    assert plain_cell(text)


def test_clean_text_stays_cheap_on_long_hostile_text():
    """Linear in the text, not worse: four times the text costs at most about four times as
    much (best of three each, so a busy machine does not decide), and stays under two
    seconds for a 1.2 MB answer."""
    import time

    unit = "ääkköset \x1b[31m punainen \u200b\u0301\u0301\u0301\u0301\u0301\u0301 "

    def best(text: str) -> float:
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            out = clean_text(text)
            times.append(time.perf_counter() - t0)
        assert "\x1b" not in out and "\u200b" not in out
        return min(times)

    small, large = best(unit * 5_000), best(unit * 20_000)
    assert large < 8 * small + 0.01, (small, large)
    assert large < 2.0


FORMULAS = [
    "=1+1", "+1", "-1", "@SUM(A1)", " =1+1", "\u00a0=1+1", "\u3000+1", "\u2003@x", "\u202f-2",
    "＝1+1", "＋1", "－1", "＠x", "﹦1", "﹢1", "﹣1", "⁺1", "₊1", "⩵1", " \u3000 ＝1", "\u200b=1", "\t=1", "\r=1", "\n=1",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_csv_guard_looks_past_unicode_spaces_and_at_the_nfkc_form(text):
    out = csv_text(text)
    assert out.startswith("'"), out
    assert not plain_cell(text)


@pytest.mark.parametrize("text", ["ok =1", "1+1", "a@b.fi", "  sisennys", "\u00a0väli", "x－1 ＝ later"])
def test_csv_guard_leaves_text_that_cannot_start_a_formula(text):
    assert csv_text(text) == text


def test_refused_controls_names_the_characters_once():
    assert refused_controls("plain\ttab\nline äö 👍 \u200f") is None
    why = refused_controls(ISSUE_TITLE)
    assert "U+001B" in why and "U+0007" in why and "character 6" in why
    assert refused_controls("a\u202eb") and refused_controls("a\x9bb") and refused_controls("a\rb")


# Characters each step of clean_text acts on, with plain and Finnish text around them.
_PIECES = ["a", "ä", "Ö", " ", "–", "\n", "\t", "\r", "\r\n", "\x1b", "\x1b[31m", "\x1b]0;t\x07", "\x9b", "\x07",
           "\u2028", "\u202e", "\u200b", "\ufeff", "\ufe0f", "\ufe0e", "\u0301", "\u0301" * 6, "\ud800", "\U000e0041",
           "\u3164", "😀", "x\n\ufe0f", "line\nline"]


def test_clean_texts_shortcuts_give_what_its_steps_give():
    from hypothesis import given, settings, strategies as st

    from survey_tui.sanitize import _clean_steps

    @settings(max_examples=3000, deadline=None)
    @given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
    def check(text):
        assert clean_text(text) == _clean_steps(text)

    check()
