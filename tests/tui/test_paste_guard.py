"""Hostile pastes through Textual's real input parser: text only, in order, no key presses."""

from __future__ import annotations

import pytest
from textual import events
from textual._xterm_parser import XTermParser

from respondent_helpers import TOKEN, settle, start_answering
from survey_tui.tui import paste_guard
from survey_tui.tui.paste_guard import END, START, PasteFilter
from survey_tui.tui.respondent.app import make_app

paste_guard.install()

HOSTILE = [
    ("idea\x1b\x0e\x0e\x0e\x0e\x0e\x0e\x13", "idea"),  # ESC, then Ctrl+N x6 and Ctrl+S: was "submit"
    ("hello\x1b\x11\x11world", "helloworld"),  # ESC Ctrl+Q Ctrl+Q: was "quit"
    ("abc\x1b[31mdef ghi", "abc[31mdef ghi"),  # was reordered to "^[31mdef ghiabc"
    ("x\x1b]52;c;aGk=\x07y\x1b]8;;http://e\x1b\\z", "x]52;c;aGk=y]8;;http://e\\z"),
    ("a\x9b2Jb\u200bc", "a2Jb\u200bc"),  # C1 CSI dropped; zero-width space is text (sanitised on output)
    ("rivi 1\r\nrivi 2\tsarake", "rivi 1\r\nrivi 2\tsarake"),
]


def _events(chunks: list[str]) -> list[events.Event]:
    parser = XTermParser()
    out: list[events.Event] = []
    for chunk in chunks:
        out.extend(parser.feed(chunk))
    return out


@pytest.mark.parametrize("pasted,expected", HOSTILE)
def test_a_paste_is_one_paste_event_of_plain_text(pasted, expected):
    got = _events([START + pasted + END])
    assert [type(e) for e in got] == [events.Paste]
    assert got[0].text == expected


@pytest.mark.parametrize("pasted,expected", HOSTILE[:3])
def test_markers_and_escapes_split_across_reads(pasted, expected):
    data = START + pasted + END
    for size in (1, 2, 3, 5, 7):
        chunks = [data[i:i + size] for i in range(0, len(data), size)]
        got = _events(chunks)
        assert [type(e) for e in got] == [events.Paste], size
        assert got[0].text == expected


def test_outside_a_paste_nothing_is_changed_or_held_back():
    f = PasteFilter()
    for data in ("a", "\x1b", "\x1b[A", "\x0e", "\x1b[20", "0~"):
        out = f(data)
        if data == "0~":  # completes a start marker split over two reads: now in a paste
            assert out == "0~" and f.in_paste
        else:
            assert out == data


def test_keys_before_and_after_a_paste_still_work():
    got = _events(["x", START + "p\x1bq" + END, "\x0e"])
    assert [type(e) for e in got] == [events.Key, events.Paste, events.Key]
    assert got[1].text == "pq" and got[2].key == "ctrl+n"


async def test_hostile_paste_into_an_answer_neither_moves_nor_submits(store, open_round):
    app = make_app(store, "r1", lang="en", token=TOKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_answering(pilot)
        parser = XTermParser()
        for event in parser.feed(START + " more idea\x1b\x0e\x0e\x0e\x0e\x0e\x0e\x13" + END):
            app.post_message(event)  # as the driver delivers input
        await settle(pilot)
        assert app.page == "theme:0"
        assert app.screen.focused.text == " more idea"
    assert store.count_responses("r1") == 0
