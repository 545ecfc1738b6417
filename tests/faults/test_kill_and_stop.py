"""SIGKILL mid-submit loses nothing acknowledged; SIGSTOP of one respondent blocks no one."""

from __future__ import annotations

import os
import random
import signal
import time

from faultkit import RANKING, size, stored, wait_line, worker
from survey_tui.store import Store

KILLS = size(15, 100)


def test_sigkill_mid_submit_keeps_every_acknowledged_response_and_none_partial(db, figure):
    rng = random.Random(6)
    acked: list[str] = []
    for n in range(KILLS):
        child = worker("killable", db, n)
        wait_line(child, "ready")
        # Let it run a few submits, then kill at a random point of its loop.
        time.sleep(rng.uniform(0.005, 0.08))
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate(timeout=10)
        assert child.returncode == -signal.SIGKILL
        acked += [line.split()[1] for line in out.splitlines() if line.startswith("ack ")]
    got = stored(db)
    assert got["integrity"] == "ok"
    missing = [m for m in acked if got["markers"].get(m) != 1]
    assert missing == [], f"acknowledged but not stored exactly once: {missing[:5]}"
    assert got["partial"] == 0 and got["orphans"] == 0
    # Stored but never acknowledged (killed between COMMIT and the ack) is allowed, bounded by one per kill.
    unacked = got["responses"] - len(acked)
    assert 0 <= unacked <= KILLS
    assert len(acked) > KILLS, "the children were killed before they submitted anything"
    figure("kills", KILLS)
    figure("acknowledged", len(acked))
    figure("stored", got["responses"])
    figure("committed_not_acknowledged", unacked)
    figure("missing", 0)
    figure("partial", 0)


def test_sigstop_of_a_respondent_mid_flow_does_not_block_others(db, figure):
    token = "WXYZ-2345-6789"
    typist = worker("typing", db, token, stdin=__import__("subprocess").PIPE)
    try:
        wait_line(typist, "saved")
        os.kill(typist.pid, signal.SIGSTOP)
        # While that person is frozen mid-answer, others submit within a short timeout.
        times = []
        with Store(db, busy_timeout=0.5, retries=1) as s:
            for i in range(20):
                t0 = time.perf_counter()
                s.submit("r1", {"q1a": f"other-{i}", "q2a": f"other-{i}/b"}, RANKING, "fi")
                times.append(time.perf_counter() - t0)
        os.kill(typist.pid, signal.SIGCONT)
        typist.stdin.write("\n")
        typist.stdin.flush()
        wait_line(typist, "saved again")
    finally:
        os.kill(typist.pid, signal.SIGCONT)
        typist.kill()
        typist.communicate(timeout=10)
    assert max(times) < 0.5, "a submit waited on the stopped process"
    got = stored(db)
    assert len(got["markers"]) == 20 and got["partial"] == 0
    with Store(db) as s:
        assert s.load_draft("r1", token) == {"answers": {"q1a": "half written, more"}}
    figure("submits_while_stopped", 20)
    figure("slowest_submit_ms", round(max(times) * 1000, 1))


KILLABLE_WITH_CODES = r"""
import os, sys
from survey_tui.store import Store
store = Store(sys.argv[1])
print("ready", flush=True)
for code in sys.argv[2:]:
    store.submit("c", {"q1a": "koodilla " + code, "q2a": "x" * 3000}, %r, "fi", code)
    os.write(1, f"ack {code}\n".encode())
"""


def test_sigkill_mid_submit_uses_a_code_exactly_when_its_response_exists(tmp_path, figure):
    """kill -9 anywhere in a submit (relaying the neighbours included): all or nothing."""
    import sqlite3
    import subprocess
    import sys

    from survey_tui.questionnaire import load_shipped

    path = tmp_path / "k.db"
    with Store(path) as s:
        s.create_round("c", load_shipped("kela-sosiaalitoimi"), state="open", min_group=5)
        codes = [code for code, _ in s.add_codes("c", count=KILLS * 40 + 1)]  # the last one for after
    rng = random.Random(11)
    script = KILLABLE_WITH_CODES % (RANKING,)
    for n in range(KILLS):
        batch = codes[n * 40:(n + 1) * 40]
        child = subprocess.Popen([sys.executable, "-c", script, str(path), *batch], stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.01, 0.15))
        os.kill(child.pid, signal.SIGKILL)
        child.communicate(timeout=10)
    with Store(path) as s:  # the next opening rolls a hot journal back
        used = {row[0] for row in s.conn.execute("SELECT hash FROM codes WHERE used = 1")}
        responses = s.count_responses("c")
        answered = [t[len("koodilla "):] for (t,) in s.conn.execute("SELECT text FROM answers WHERE question_id = 'q1a'")]
        integrity = s.conn.execute("PRAGMA integrity_check").fetchone()[0]
        salt = s._code_salt("c")
        from survey_tui.store import _code_hash

        expected = {_code_hash("c", code, salt) for code in answered}
    assert integrity == "ok"
    assert len(used) == responses == len(answered) and used == expected
    # A journal of a commit cut short holds pages as they were before it; the next commit removes it.
    with Store(path) as s:
        s.submit("c", {"q1a": "seuraava"}, RANKING, "fi", codes[-1])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.db", "k.db-queue"]
    conn = sqlite3.connect(path)
    partial = conn.execute("SELECT count(*) FROM responses r WHERE (SELECT count(*) FROM rankings k WHERE k.response_id = r.id) != 5").fetchone()[0]
    conn.close()
    assert partial == 0
    figure("kills", KILLS)
    figure("responses", responses)
    figure("codes_used", len(used))
