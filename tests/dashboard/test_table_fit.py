"""table_fit: widths that keep every column of a table inside the terminal's width."""

from __future__ import annotations

from survey_tui.tui.dashboard.table_fit import GAP, fit_columns, two_line_width

HEADERS = ["Round", "Codes used", "Questionnaire"]
ROWS = [["spring", "0/4", "kela-sosiaalitoimi"], ["autumn", "-", "kela-seuranta"]]


def total(fit) -> int:
    return sum(fit.limits) + (2 * fit.padding * len(fit.limits) or GAP * len(fit.limits))


def test_roomy_keeps_the_padding_and_whole_headers():
    fit = fit_columns(HEADERS, ROWS, 80, shrink=(0, 2))
    assert (fit.padding, fit.header_height, fit.limits) == (1, 1, (6, 10, 18))
    assert fit.cell(2, "kela-sosiaalitoimi") == "kela-sosiaalitoimi"
    assert fit.header(1, "Codes used") == "Codes used"


def test_narrow_drops_the_padding_and_wraps_headers_before_cutting():
    # 6 + 10 + 18 + 2 * 3 = 40 does not fit 36; 6 + 5 + 18 + 3 = 32 does, nothing cut.
    fit = fit_columns(HEADERS, ROWS, 36, shrink=(0, 2))
    assert (fit.padding, fit.header_height, fit.limits) == (0, 2, (6, 5, 18))
    assert fit.header(1, "Codes used") == "Codes\nused"
    assert fit.column_width(1) == 5 + GAP
    assert total(fit) <= 36


def test_narrower_cuts_the_free_text_columns_widest_first():
    fit = fit_columns(HEADERS, ROWS, 30, shrink=(0, 2))
    assert fit.limits == (6, 5, 16) and total(fit) <= 30
    assert fit.cell(2, "kela-sosiaalitoimi") == "kela-sosiaalito…"
    assert fit.cell(2, "kela-seuranta") == "kela-seuranta"
    assert fit.cell(1, "0/4") == "0/4"  # a column not in `shrink` is never cut


def test_a_column_is_never_cut_below_its_floor_nor_its_header():
    fit = fit_columns(HEADERS, ROWS, 10, shrink=(0, 2), least=6)
    # "Questionnaire" is one word: its column keeps 13; the table then scrolls instead.
    assert fit.limits == (6, 5, 13)
    fit = fit_columns(["R", "Q"], [["a-long-slug", "x" * 20]], 12, shrink=(0, 1), least=4)
    assert fit.limits == (5, 5) and total(fit) <= 12


def test_two_line_width():
    assert two_line_width("Codes used") == 5
    assert two_line_width("Koodeja käytetty") == 8
    assert two_line_width("a b c d") == 3  # "a b" / "c d"
    assert two_line_width("Questionnaire") == 13
    assert two_line_width("") == 0
