"""--plain on a real terminal (questionary): the prompts speak the respondent's language.

prompt_toolkit reads keys from a pipe and renders into a buffer, so these run the same
questionary prompts a terminal gets, with no terminal attached.
"""

from __future__ import annotations

import io

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output

from survey_tui.plain import Aborted, QuestionaryPrompter


def run_prompt(keys: str, ask):
    """Run one prompt with `keys` typed; returns (result, everything drawn on screen)."""
    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=24, columns=80), term="xterm")
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=output):
        pipe.send_text(keys)
        result = ask(QuestionaryPrompter())
    return result, screen.getvalue()


@pytest.mark.parametrize("keys, expected", [("k\r", True), ("e\r", False), ("\r", True)])
def test_finnish_yes_no_takes_k_and_e_and_shows_no_english(keys, expected):
    result, drawn = run_prompt(keys, lambda p: p.confirm("Hyväksytkö ja aloitetaanko?", "fi"))
    assert result is expected
    assert "Kyllä" in drawn and "Ei" in drawn and "(k/e tai ↑↓, sitten Enter)" in drawn
    for english in ("(Y/n)", "Yes", "No", "Use arrow keys", "shortcuts"):
        assert english not in drawn


def test_english_yes_no_takes_y_and_n():
    result, drawn = run_prompt("n\r", lambda p: p.confirm("Submit your answers?", "en"))
    assert result is False
    assert "(y/n or ↑↓, then Enter)" in drawn and "(Y/n)" not in drawn


def test_finnish_choice_has_a_finnish_instruction():
    result, drawn = run_prompt("\x1b[B\r", lambda p: p.choose("Valitse kysely:", [("a", "Eka"), ("b", "Toka")], "fi"))
    assert result == "b"
    assert "(valitse ↑↓, sitten Enter)" in drawn and "Use arrow keys" not in drawn


def test_ctrl_c_ends_quietly_without_english(capsys):
    with pytest.raises(Aborted):
        run_prompt("\x03", lambda p: p.ask("Vastauksesi:"))
    assert "Cancelled" not in capsys.readouterr().out


def test_a_saved_answer_is_shown_in_the_line_to_edit_or_empty():
    result, drawn = run_prompt("\x15\r", lambda p: p.ask("Vastauksesi:", default="vanha vastaus"))
    assert result == "" and "vanha vastaus" in drawn  # shown, and Ctrl+U emptied it
    result, _ = run_prompt(" lisää\r", lambda p: p.ask("Vastauksesi:", default="vanha"))
    assert result == "vanha lisää"
