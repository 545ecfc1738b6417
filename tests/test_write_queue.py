"""Submitters from several processes take turns in arrival order (survey_tui/write_queue.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from survey_tui.store import Store
from survey_tui.write_queue import WriteQueue

RANKING = ["kanavat", "ymmarrys", "henkilot", "tunteminen", "tiedottaminen"]

# A process that queues, announces each step on stdout and holds its turn until told to go.
HOLDER = r"""
import sys, time
from survey_tui.write_queue import WriteQueue
q = WriteQueue(sys.argv[1])
print("queued", flush=True)
with q.turn(float(sys.argv[2])):
    print("turn", time.monotonic(), flush=True)
    sys.stdin.readline()
print("done", flush=True)
"""


def _tickets(db) -> int:
    raw = (db.parent / (db.name + "-queue")).read_bytes()
    return int.from_bytes(raw[:8], "little") if len(raw) >= 8 else 0


def _holder(db, timeout=30.0):
    before = _tickets(db) if (db.parent / (db.name + "-queue")).exists() else 0
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db), str(timeout)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert proc.stdout.readline().strip() == "queued"
    deadline = time.monotonic() + 10
    while _tickets(db) == before:  # its ticket is taken: arrival order is fixed from here
        assert time.monotonic() < deadline, "no ticket taken"
        time.sleep(0.005)
    return proc


def _turn_time(proc) -> float:
    word, when = proc.stdout.readline().split()
    assert word == "turn"
    return float(when)


def _finish(proc) -> None:
    if proc.poll() is None:
        proc.stdin.write("\n")
        proc.stdin.flush()
    proc.wait(timeout=30)


def test_turns_follow_arrival_order(tmp_path):
    db = tmp_path / "s.db"
    first = _holder(db)
    first_at = _turn_time(first)
    waiting = []
    for _ in range(4):
        waiting.append(_holder(db))  # returns once its ticket is taken: one after another
    time.sleep(0.2)
    _finish(first)
    times = []
    for proc in waiting:
        times.append(_turn_time(proc))  # each gets its turn only after the one before it is done
        _finish(proc)
    assert first_at < times[0] and times == sorted(times)


def test_a_killed_holder_does_not_stall_the_queue(tmp_path):
    db = tmp_path / "s.db"
    first = _holder(db)
    _turn_time(first)
    second = _holder(db)
    time.sleep(0.2)
    started = time.monotonic()
    first.send_signal(signal.SIGKILL)  # the kernel drops a dead process's locks
    first.wait()
    _turn_time(second)
    assert time.monotonic() - started < 5
    _finish(second)


def test_a_stopped_holder_delays_the_next_by_the_timeout_only(tmp_path):
    db = tmp_path / "s.db"
    first = _holder(db)
    _turn_time(first)
    first.send_signal(signal.SIGSTOP)
    try:
        started = time.monotonic()
        second = _holder(db, timeout=0.5)
        waited = _turn_time(second) - started
        assert 0.4 < waited < 5
        _finish(second)
    finally:
        first.send_signal(signal.SIGCONT)
        _finish(first)


def test_no_queue_file_means_no_queue(tmp_path):
    q = WriteQueue(str(tmp_path / "missing-folder" / "s.db"))
    with q.turn(0.1) as turn:
        assert not turn.followed()
    q.close()
    assert WriteQueue(None).path is None


def test_queue_file_is_private_and_holds_no_answers(tmp_path, kela):
    path = tmp_path / "s.db"
    with Store(path) as s:
        s.create_round("r", kela, state="open")
        s.submit("r", {"q1a": "salainen vastaus"}, RANKING, "fi")
    queue = tmp_path / "s.db-queue"
    assert queue.stat().st_mode & 0o777 == 0o600
    assert queue.stat().st_size == 8  # the ticket counter, nothing else
    # The last in line rewinds the counter: the file does not count how many have submitted.
    assert int.from_bytes(queue.read_bytes(), "little") == 0


SUBMITTER = r"""
import sys
from survey_tui.store import Store
s = Store(sys.argv[1])
for i in range(int(sys.argv[2])):
    s.submit("r", {"q1a": f"vastaus {sys.argv[3]}-{i}"}, ["kanavat", "ymmarrys", "henkilot", "tunteminen", "tiedottaminen"], "fi")
s.conn.close()  # not Store.close: the log must be emptied by the submits themselves
"""


def test_the_last_submitter_of_a_burst_empties_the_log(tmp_path, kela):
    path = tmp_path / "s.db"
    coordinator = Store(path)  # keeps the database open, as a dashboard would
    coordinator.create_round("r", kela, state="open")
    procs = [
        subprocess.Popen([sys.executable, "-c", SUBMITTER, str(path), "15", str(n)]) for n in range(6)
    ]
    for proc in procs:
        assert proc.wait(timeout=120) == 0
    assert coordinator.count_responses("r") == 90
    assert not os.path.exists(f"{path}-wal") and not os.path.exists(f"{path}-journal")
    coordinator.close()


def test_a_refused_submit_still_empties_the_log_left_to_it(tmp_path, kela):
    # A submitter with someone queued behind it leaves the log to that one; if that submit
    # is refused (a used code), the log must still be emptied: it links the earlier code to
    # the earlier answers.
    path = tmp_path / "s.db"
    coordinator = Store(path)
    coordinator.create_round("c", kela, state="open")
    (code_a, _), (code_b, _) = coordinator.add_codes("c", labels=["Anna", "Bertta"])
    coordinator.submit("c", {"q1a": "ensimmainen"}, RANKING, "fi", code_b)  # code_b is now used
    first = _holder(path)
    _turn_time(first)
    script = (
        "import sys; from survey_tui.store import Store; from survey_tui.errors import CodeRejected\n"
        "s = Store(sys.argv[1])\n"
        "try:\n    s.submit('c', {'q1a': sys.argv[3]}, %r, 'fi', sys.argv[2])\n"
        "except CodeRejected:\n    print('refused')\n"
        "else:\n    print('stored')\n"
        "s.conn.close()\n" % (RANKING,)
    )
    deadline = time.monotonic() + 10
    procs = []
    for code, text in ((code_a, "vastaus A"), (code_b, "vastaus B")):  # A queues first, then B
        before = _tickets(path)
        procs.append(subprocess.Popen([sys.executable, "-c", script, str(path), code, text], stdout=subprocess.PIPE, text=True))
        while _tickets(path) == before:
            assert time.monotonic() < deadline
            time.sleep(0.005)
    a, b = procs
    _finish(first)
    assert a.communicate(timeout=30)[0].strip() == "stored"
    assert b.communicate(timeout=30)[0].strip() == "refused"
    assert not os.path.exists(f"{path}-wal") and not os.path.exists(f"{path}-journal")
    assert coordinator.count_responses("c") == 2
    coordinator.close()


def test_closing_during_a_turn_keeps_the_file_open_until_the_turn_ends(tmp_path):
    q = WriteQueue(str(tmp_path / "s.db"))
    with q.turn(1.0):
        fd = q._fd
        q.close()  # e.g. the app shutting down while a submit thread is in its turn
        os.fstat(fd)  # still open: the turn's unlock must not hit a closed or reused number
    assert q._fd is None
    with q.turn(0.1) as turn:  # a closed queue is simply no queue
        assert not turn.followed()
