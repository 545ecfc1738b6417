"""--plain with every closed kind on a real terminal (a pty): no escape sequence at all, the
options as numbered plain lines, a bad entry refused in one line and asked again."""

from __future__ import annotations

from closed_kinds_q import kinds_q
from stored import stored_responses
from survey_tui.store import Store
from test_plain_terminal import Terminal, survey_cmd


def test_closed_kinds_on_a_terminal_write_no_escape_sequence(tmp_path):
    db = tmp_path / "survey.db"
    with Store(db) as store:
        store.create_round("r1", kinds_q(), state="open")
    term = Terminal(survey_cmd() + ["--db", str(db), "answer", "--round", "r1", "--lang", "en", "--plain"])
    try:
        term.wait_for("[y/n]")
        term.line("y")
        single = term.wait_for("Type the number of your choice (required):")
        assert "\n1. Yes\n2. Partly\n3. No\n4. Other, what?\n" in single
        term.line("5")
        term.wait_for("Type a number from 1 to 4.")
        term.line("4")
        term.wait_for("Write your other answer:")
        term.line("Piloting it")
        scale = term.wait_for("or ? = can't say (optional, empty = skip):")
        assert "\n1 = very poorly\n2\n3\n4\n5 = very well\n? = can't say\n" in scale
        term.line("5")
        term.wait_for("Type the numbers separated by commas")
        term.line("2, 4")
        term.wait_for("Your answer (optional, empty = skip):")
        term.line("abc")
        term.wait_for("Type a number using digits.")
        term.line("40")
        term.wait_for("Your answer (optional, empty = skip):")
        term.line("")
        term.wait_for("How do meetings work?")  # the theme shown after "Meetings"
        term.line("")
        term.wait_for('e.g. "3 2 1"')
        term.line("1 2 3")
        review = term.wait_for("Submit your answers? [y/n]")
        assert "  Other: Piloting it\n" in review and "  E-mail\n  Meetings\n" in review
        term.line("y")
        term.wait_for("Thank you!")
        assert term.wait_exit() == 0
    finally:
        term.close()
    assert b"\x1b" not in term.everything
    with Store(db) as store:
        [rec] = stored_responses(store, "r1")
    assert rec["answers"] == {"adopted_other": "Piloting it", "works": "5", "channels": '["mail","meet"]', "contacts": "40"}
