"""A 10 MB paste into an answer field: capped at the question's limit, the app stays responsive."""

from __future__ import annotations

import asyncio
import contextlib
import time

from textual import events

from survey_tui.store import Store


@contextlib.asynccontextmanager
async def first_answer_field(store):
    """The respondent app on the first theme page, its first answer field focused."""
    from survey_tui.tui.respondent.answer_area import CappedTextArea
    from survey_tui.tui.respondent.app import make_app

    app = make_app(store, "r1", lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.goto("theme:0", save=False)
        await pilot.pause()
        area = app.screen.query(CappedTextArea).first()
        area.focus()
        await pilot.pause()
        yield app, pilot, area


def test_ten_megabyte_paste_is_capped_and_interface_responsive(db, figure):
    paste = ("\x1b[2J" + "lorem ipsum dolor sit amet " * 40 + "\r\n") * (10 * 1024 * 1024 // 1100)
    assert len(paste) >= 10 * 1000 * 1000

    async def scenario():
        with Store(db) as store:
            async with first_answer_field(store) as (app, pilot, area):
                t0 = time.perf_counter()
                area.post_message(events.Paste(paste))
                await pilot.pause()
                paste_s = time.perf_counter() - t0
                # Responsive afterwards: a typed key round trip stays fast.
                t1 = time.perf_counter()
                await pilot.press("end")
                await pilot.press("x")
                key_s = time.perf_counter() - t1
                return len(area.text), area.max_length, paste_s, key_s

    length, cap, paste_s, key_s = asyncio.run(scenario())
    assert length <= cap, f"{length} characters kept, cap {cap}"
    assert length > 0, "the paste was dropped instead of capped"
    assert paste_s < 2.0 and key_s < 1.0, (paste_s, key_s)
    figure("paste_chars", len(paste))
    figure("kept_chars", length)
    figure("cap", cap)
    figure("paste_handled_s", round(paste_s, 3))
    figure("next_keys_s", round(key_s, 3))


def test_control_characters_in_a_paste_press_no_keys(db, figure):
    # Terminals send pasted bytes verbatim; an ESC inside a paste must not turn the rest
    # into key presses (Next, Submit, Quit). Input goes through Textual's real parser.
    from textual._xterm_parser import XTermParser

    hostile = [
        "idea\x1b\x0e\x0e\x0e\x0e\x0e\x0e\x13",  # ESC, Ctrl+N x6, Ctrl+S
        " and\x1b\x11\x11",  # ESC, Ctrl+Q x2
        " more\x1b[31m red\x1b]52;c;ZXZpbA==\x07\x9b2J\x1b[201",  # SGR, OSC 52, C1 CSI, half an end marker
    ]
    data = "".join(f"\x1b[200~{h}\x1b[201~" for h in hostile)

    async def scenario():
        with Store(db) as store:
            async with first_answer_field(store) as (app, pilot, area):
                parser = XTermParser()
                kinds = []
                for i in range(0, len(data), 7):  # split reads, as a slow connection delivers them
                    for event in parser.feed(data[i:i + 7]):
                        kinds.append(type(event).__name__)
                        app.post_message(event)
                await pilot.pause()
                await pilot.pause()
                return kinds, app.page, app.is_running, area.text, store.count_responses("r1")

    kinds, page, running, text, stored = asyncio.run(scenario())
    assert set(kinds) == {"Paste"}, kinds
    assert (page, running, stored) == ("theme:0", True, 0)
    assert text == "idea and more[31m red]52;c;ZXZpbA==2J[201"
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in text)
    figure("pastes", len(hostile))
    figure("key_events_from_pastes", sum(k != "Paste" for k in kinds))
    figure("page_after", page)
    figure("responses_stored", stored)
