"""Another process holding SQLite's write lock: short holds are waited out, long ones fail cleanly."""

from __future__ import annotations

import time

import pytest

from faultkit import RANKING, stored, wait_line, worker
from survey_tui.errors import StoreBusy
from survey_tui.store import Store


def test_submit_waits_for_a_two_second_writer_and_succeeds(db, figure):
    holder = worker("hold", db, 2.0)
    try:
        wait_line(holder, "locked")
        t0 = time.perf_counter()
        with Store(db) as s:  # default busy timeout 5 s
            s.submit("r1", {"q1a": "waited", "q2a": "waited/b"}, RANKING, "fi")
        waited = time.perf_counter() - t0
    finally:
        holder.communicate(timeout=10)
    assert waited >= 1.0, "the submit did not actually wait for the lock"
    got = stored(db)
    assert got["markers"] == {"waited": 1} and got["partial"] == 0 and got["integrity"] == "ok"
    figure("lock_held_s", 2.0)
    figure("submit_waited_s", round(waited, 2))


def test_lock_held_past_timeout_gives_clear_error_keeps_draft_stores_nothing(db, figure):
    token = "ABCD-EFGH-JKLM"
    with Store(db) as s:
        s.save_draft("r1", token, {"answers": {"q1a": "keep me"}})
    holder = worker("hold", db, 6.0)
    try:
        wait_line(holder, "locked")
        t0 = time.perf_counter()
        with Store(db, busy_timeout=0.5, retries=2) as s:
            with pytest.raises(StoreBusy) as info:
                s.submit("r1", {"q1a": "lost?", "q2a": "lost?/b"}, RANKING, "fi", draft_token=token)
        gave_up = time.perf_counter() - t0
    finally:
        holder.kill()
        holder.communicate(timeout=10)
    message = str(info.value)
    assert "busy" in message and "nothing was stored" in message and "\n" not in message
    assert gave_up < 3.0, f"gave up only after {gave_up:.1f}s"
    # The holder is gone: nothing partial, and the respondent's draft is intact.
    got = stored(db)
    assert got["responses"] == 0 and got["orphans"] == 0 and got["integrity"] == "ok"
    with Store(db) as s:
        assert s.load_draft("r1", token) == {"answers": {"q1a": "keep me"}}
        # ...and the same answers go in once the lock is free.
        s.submit("r1", {"q1a": "keep me", "q2a": "keep me/b"}, RANKING, "fi", draft_token=token)
        assert s.load_draft("r1", token) is None
    assert stored(db)["markers"] == {"keep me": 1}
    figure("busy_timeout_s", 0.5)
    figure("retries", 2)
    figure("gave_up_after_s", round(gave_up, 2))
    figure("error", message)
