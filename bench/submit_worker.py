"""One submitting process for bench_submit.

kinds:
- project: the shipped `Store.submit` with the worker's one-time codes;
- raw: plain sqlite3, the same rows, same pragmas and journal mode, a short retry;
- raw-anon: raw plus the per-submit work the anonymity rules need, written plainly: the
  code's scrypt hash checked and marked used, and the new response written together with
  its 32 key neighbours re-inserted in a random order.

Like the respondent app, which checks a code when the respondent enters it (code_entry.py,
plain.py, `answer --code`), every kind checks its code's hash before the pause that stands
for the answering; only the submit that follows is timed. The raw kinds do the same.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import secrets
import sqlite3
import sys
import time

RANKING = ["tiedottaminen", "tunteminen", "kanavat", "henkilot", "ymmarrys"]
QUESTIONS = ["q1a", "q1b", "q1c", "q2a", "q2b", "q3", "q4", "q5"]
WORDS = (
    "yhteistyö asiakkaan tilanne etuuskäsittelijä sosiaalityöntekijä tiedonkulku puhelimella "
    "palaverit työkierto yhteyshenkilö toimeentulotuki päätöksestä selvityspyyntö nopeammin kunnassa "
    "Kelassa asiakkaalle tietoa yhteinen koulutus verkkosivut etuudet hakemus käsittelyaika"
).split()


def payload(rng: random.Random) -> dict[str, str]:
    """The shipped questionnaire's shape: each of 8 questions answered ~60 %, 5-40 words."""
    return {q: " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 40))) for q in QUESTIONS if rng.random() < 0.6}


def peak_mb() -> float:
    """This process's peak RSS (VmHWM is reset by exec, unlike ru_maxrss)."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _raw(db: str, anon: bool):
    conn = sqlite3.connect(db, timeout=0, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 0")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")
    salt = conn.execute("SELECT code_salt FROM rounds WHERE slug = 'r1'").fetchone()[0]
    rng = random.SystemRandom()

    def begin():
        delay = 0.0005
        deadline = time.monotonic() + 5
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(delay * (0.5 + random.random()))
                delay = min(delay * 1.5, 0.01)

    def enter(code):
        """The code checked as the respondent enters it: its hash, computed once."""
        if not anon:
            return None
        digest = hashlib.scrypt(code.replace("-", "").encode(), salt=bytes.fromhex(salt) + b"r1",
                                n=2**12, r=8, p=1, maxmem=64 << 20, dklen=32).hex()
        for attempt in range(500):  # a read meets a committing writer's lock: retry shortly
            try:
                assert conn.execute("SELECT 1 FROM codes WHERE hash = ? AND used = 0", (digest,)).fetchone()
                return digest
            except sqlite3.OperationalError:
                time.sleep(0.001 + random.random() * 0.002)
        raise RuntimeError("codes table stayed locked")

    def submit(answers, digest):
        rid = secrets.token_hex(16)
        begin()
        try:
            if anon:
                cur = conn.execute("UPDATE codes SET used = 1 WHERE hash = ? AND round = 'r1' AND used = 0", (digest,))
                assert cur.rowcount == 1
            rows = {"r": [(rid, "r1", "fi", None)], "a": [(rid, q, t) for q, t in answers.items()],
                    "k": [(rid, item, pos) for pos, item in enumerate(RANKING, 1)]}
            if anon:
                near = [r for (r,) in conn.execute(
                    "SELECT id FROM responses WHERE round = 'r1' AND id > ? ORDER BY id LIMIT 16", (rid,))]
                near += [r for (r,) in conn.execute(
                    "SELECT id FROM responses WHERE round = 'r1' AND id < ? ORDER BY id DESC LIMIT 16", (rid,))]
                if near:
                    marks = ",".join("?" * len(near))
                    rows["r"] += conn.execute(f"SELECT id, round, language, batch FROM responses WHERE id IN ({marks})", near).fetchall()
                    rows["a"] += conn.execute(f"SELECT response_id, question_id, text FROM answers WHERE response_id IN ({marks})", near).fetchall()
                    rows["k"] += conn.execute(f"SELECT response_id, item_id, position FROM rankings WHERE response_id IN ({marks})", near).fetchall()
                    conn.execute(f"DELETE FROM responses WHERE id IN ({marks})", near)
                for table in rows.values():
                    rng.shuffle(table)
            conn.executemany("INSERT INTO responses (id, round, language, batch) VALUES (?,?,?,?)", rows["r"])
            conn.executemany("INSERT INTO answers (response_id, question_id, text) VALUES (?,?,?)", rows["a"])
            conn.executemany("INSERT INTO rankings (response_id, item_id, position) VALUES (?,?,?)", rows["k"])
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    return enter, submit


def main(kind: str, db: str, wid: str, n: str, start_file: str, pace: str = "0", codes_file: str = "") -> None:
    """pace > 0: sleep a random (exponential) pause of that mean between submits (open loop)."""
    n, pace = int(n), float(pace)
    rng = random.Random(wid)
    codes = json.load(open(codes_file))[int(wid)] if codes_file else [None] * n
    if kind == "project":
        from survey_tui.store import Store

        store = Store(db)

        def enter(code):
            store.check_code("r1", code)
            return code

        def submit(answers, code):
            store.submit("r1", answers, RANKING, "fi", code)
    else:
        enter, submit = _raw(db, anon=kind == "raw-anon")
    work = [payload(rng) for _ in range(n)]
    print("ready", flush=True)
    while not os.path.exists(start_file):
        time.sleep(0.001)
    latencies, errors = [], 0
    for i in range(n):
        try:
            entered = enter(codes[i]) if codes[i] is not None else None
        except Exception:  # counted as a loss, never hidden
            errors += 1
            continue
        if pace:
            time.sleep(rng.expovariate(1 / pace))
        t0 = time.perf_counter()
        try:
            submit(work[i], entered)
        except Exception:  # counted as a loss, never hidden
            errors += 1
        latencies.append(time.perf_counter() - t0)
    print(json.dumps({"latencies": latencies, "errors": errors, "peak_mb": peak_mb()}), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
