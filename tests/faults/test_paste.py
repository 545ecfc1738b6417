"""A 10 MB paste into an answer field: capped at the question's limit, the app stays responsive."""

from __future__ import annotations

import asyncio
import time

from textual import events

from survey_tui.store import Store


def test_ten_megabyte_paste_is_capped_and_interface_responsive(db, figure):
    from survey_tui.tui.respondent.answer_area import CappedTextArea
    from survey_tui.tui.respondent.app import make_app

    paste = ("\x1b[2J" + "lorem ipsum dolor sit amet " * 40 + "\r\n") * (10 * 1024 * 1024 // 1100)
    assert len(paste) >= 10 * 1000 * 1000

    async def scenario():
        with Store(db) as store:
            app = make_app(store, "r1", lang="en")
            async with app.run_test(size=(100, 40)) as pilot:
                await pilot.pause()
                app.goto("theme:0", save=False)
                await pilot.pause()
                area = app.screen.query(CappedTextArea).first()
                area.focus()
                await pilot.pause()
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
