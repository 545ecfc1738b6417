"""The three attacks on anonymity of docs/anonymity.md, run as an attacker would.

1. A forensic reader of the database pages (tests/faults/forensic.py) sorts the cells of
   the response tables by every physical property it can read and compares that with the
   true order of submission; and with a reminder list saved before the last submit, tries
   to find the last respondent.
2. Differencing: every output survey-tui shows, taken one submit apart.
3. A reader that keeps a transaction open during five submits, then a copy of the files.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from faultkit import RANKING, run_cli
from forensic import Pages, kendall_tau, orderings, roots
from survey_tui.questionnaire import load_shipped
from survey_tui.store import Store

WORDS = ("yhteistyö asiakkaan tilanne etuuskäsittelijä sosiaalityöntekijä tiedonkulku puhelin "
         "palaveri työkierto yhteyshenkilö toimeentulotuki päätös selvitys nopeasti kunnassa").split()


def _answer(rng: random.Random, i: int) -> dict[str, str]:
    """Realistic lengths: mostly a sentence or two, now and then longer than a page."""
    def text(words: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(words))

    # Every q1a spills into overflow pages (their numbers are one more ordering to test).
    answers = {"q1a": f"#{i:03d} " + text(rng.randint(200, 330))[:3990]}
    for qid in ("q2a", "q3", "q4", "q5"):
        if rng.random() < 0.6:
            answers[qid] = text(rng.randint(5, 40))
    return answers


def _submission_order(path: Path) -> dict[bytes, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {rid.encode(): int(text[1:4]) for rid, text in
                conn.execute("SELECT response_id, text FROM answers WHERE question_id = 'q1a'")}
    finally:
        conn.close()


@pytest.fixture(scope="module")
def forty_plus(tmp_path_factory):
    """80 respondents with one-time codes, one at a time in a known order."""
    tmp = tmp_path_factory.mktemp("forensic")
    path = tmp / "survey.db"
    rng = random.Random(2026)
    with Store(path) as s:
        s.create_round("r", load_shipped("kela-sosiaalitoimi"), state="open", min_group=5)
        codes = s.add_codes("r", labels=[f"person-{i:02d}" for i in range(80)])
        for i, (code, _label) in enumerate(codes[:-1]):
            s.submit("r", _answer(rng, i), RANKING[i % 5:] + RANKING[:i % 5], "fi", code)
        reminder = [c["label"] for c in s.list_codes("r", unused_only=True)]
        shutil.copy(path, tmp / "before-last.db")
        s.submit("r", _answer(rng, 79), RANKING, "fi", codes[-1][0])
    shutil.copy(path, tmp / "after.db")
    return tmp, reminder


def test_no_physical_ordering_follows_submission_order(forty_plus, figure):
    tmp, _ = forty_plus
    path = tmp / "after.db"
    truth = _submission_order(path)
    assert len(truth) == 80
    worst = 0.0
    checked = 0
    for name, ranks in orderings(path).items():
        if name == "freelist":
            continue
        common = [k for k in ranks if k in truth]
        assert len(common) >= 40, name  # for 80 random ranks tau has a standard deviation of 0.076
        tau = kendall_tau([ranks[k] for k in common], [truth[k] for k in common])
        worst = max(worst, abs(tau))
        checked += 1
        assert abs(tau) < 0.3, f"{name}: tau {tau:.2f} with the order of submission"
    assert checked >= 15
    pages = Pages(path.read_bytes())
    assert any(c.overflow for c in pages.cells(roots(path)["answers"]))  # long answers overflowed
    figure("orderings_checked", checked)
    figure("largest_abs_kendall_tau", round(worst, 3))


def test_the_last_respondent_after_a_reminder_list_is_one_of_many(forty_plus, figure):
    """The reminder list names the one person still to answer; their response must not stand out.

    Even comparing the file just before and just after their submit (a stronger attacker
    than one copy), the cells that moved or appeared belong to at least the minimum group.
    """
    tmp, reminder = forty_plus
    assert reminder == ["person-79"]
    before, after = tmp / "before-last.db", tmp / "after.db"
    truth = _submission_order(after)
    last = next(k for k, i in truth.items() if i == 79)

    def places(path):
        pages = Pages(path.read_bytes())
        where = roots(path)
        out: dict[bytes, set] = {}
        for table in ("responses", "answers", "rankings"):
            for cell in pages.cells(where[table]):
                out.setdefault(cell.key, set()).add((table, cell.page, cell.offset, cell.overflow))
        return out

    old, new = places(before), places(after)
    touched = {key for key, where in new.items() if old.get(key) != where}
    assert last in touched
    assert len(touched) >= 5, f"only {len(touched)} responses changed: the newest stands out"
    figure("responses_rewritten_with_the_last", len(touched))


def _guess_last(path: Path) -> bytes:
    """The attacker's guess of the newest response: the one most often at an end of an ordering."""
    votes: dict[bytes, int] = {}
    for name, ranks in orderings(path).items():
        if name == "freelist":
            continue
        values = sorted(ranks.values())
        for key, value in ranks.items():
            if value in (values[0], values[-1]):
                votes[key] = votes.get(key, 0) + 1
    return max(votes, key=lambda k: votes[k])


def test_the_attacker_cannot_pick_out_the_last_respondent(tmp_path, figure):
    """Six rounds of 40: guessing the respondent named by the reminder list from one copy.

    Before the fix the guess was right every time; by chance (one of the re-written
    neighbours) it is right about one time in 32, so three or more hits would be a finding.
    """
    hits = 0
    trials = 6
    for trial in range(trials):
        path = tmp_path / f"t{trial}.db"
        rng = random.Random(trial)
        with Store(path) as s:
            s.create_round("r", load_shipped("kela-sosiaalitoimi"), state="open", min_group=5)
            codes = s.add_codes("r", count=40)
            for i, (code, _) in enumerate(codes):
                s.submit("r", _answer(rng, i), RANKING, "fi", code)
        truth = _submission_order(path)
        last = next(k for k, i in truth.items() if i == 39)
        hits += _guess_last(path) == last
    assert hits < 3, f"the last respondent was picked out in {hits} of {trials} rounds"
    figure("last_respondent_guessed", f"{hits} of {trials}")


# --------------------------------------------------------------------------- differencing


OUTPUTS = (
    ("report", "r"),
    ("report", "r", "--format", "json"),
    ("report", "r", "--format", "markdown"),
    ("tag", "r", "list"),
    ("tag", "r", "summary"),
    ("compare", "base", "r"),
)


def _outputs(db: Path, tmp: Path, tag: str) -> dict[str, str]:
    got = {}
    for args in OUTPUTS:
        proc = run_cli(*args, db_path=db)
        got[" ".join(args)] = proc.stdout.decode() + proc.stderr.decode()
    out = tmp / f"export-{tag}"
    proc = run_cli("export", "r", "--out", str(out), db_path=db)
    got["export"] = (proc.stdout.decode() + proc.stderr.decode()).replace(str(out), "OUT")
    if out.exists():
        for file in sorted(out.iterdir()):
            if file.suffix == ".csv":
                got[f"export/{file.name}"] = file.read_text("utf-8")
    return got


def _submit(db: Path, text: str, ranking: list[str]) -> None:
    with Store(db) as s:
        s.submit("r", {"q1a": text, "q3": text}, ranking, "en")


def _held_note(line: str) -> bool:
    return any(word in line.lower() for word in ("held", "odottaa"))


def test_outputs_one_submit_apart_tell_nothing_about_it(tmp_path, figure):
    db = tmp_path / "d.db"
    with Store(db) as s:
        kela = load_shipped("kela-sosiaalitoimi")
        s.create_round("base", kela, state="closed", min_group=5)
        s.import_responses("base", [{"language": "fi", "answers": {"q1a": f"pohja {i}"}, "ranking": RANKING}
                                    for i in range(6)])
        s.create_round("r", kela, state="open", min_group=5, follows="base")
        for i in range(7):
            s.submit("r", {"q1a": f"vastaus {i}", "q3": "kanava"}, RANKING, "fi")
    secret = "SALAINEN-UUSI-VASTAUS"
    odd = list(reversed(RANKING))

    # While the round takes answers: sealed, every output the same but for the count.
    before = _outputs(db, tmp_path, "open-1")
    _submit(db, secret, odd)
    after = _outputs(db, tmp_path, "open-2")
    assert before.keys() == after.keys()
    for name in before:
        assert secret not in after[name], name
        assert before[name].replace("7 responses", "N") == after[name].replace("8 responses", "N"), name
    assert all("sealed" in text for name, text in after.items() if name.startswith(("report", "tag", "export")))

    # Closed: results of 8. Reopened, one more, closed again: held back, outputs unchanged.
    with Store(db) as s:
        s.set_state("r", "closed")
    released = _outputs(db, tmp_path, "closed-1")
    assert "export/responses.csv" in released
    with Store(db) as s:
        s.set_state("r", "open")
    _submit(db, secret + "-2", RANKING)
    with Store(db) as s:
        s.set_state("r", "closed")
    again = _outputs(db, tmp_path, "closed-2")
    changed = []
    for name in released:
        assert secret + "-2" not in again[name], name
        if released[name] != again[name]:
            changed.append(name)
    # Only the note on held-back responses may differ, never a figure or a row.
    for name in changed:
        a = [line for line in released[name].splitlines() if not _held_note(line)]
        b = [line for line in again[name].splitlines() if not _held_note(line)]
        assert a == b, name
    assert "1 later responses are held back" in again["report r"] or "held_back,1" in again["export/round.csv"]
    # Exports of the same release diff cleanly: same pseudonyms, rows in the same order.
    assert released["export/responses.csv"] == again["export/responses.csv"]
    figure("outputs_compared", len(released))
    figure("outputs_differing_only_in_the_held_back_note", len(changed))


def test_pseudonyms_change_between_releases(tmp_path):
    db = tmp_path / "p.db"
    with Store(db) as s:
        s.create_round("r", load_shipped("kela-sosiaalitoimi"), state="closed", min_group=5)
        s.import_responses("r", [{"language": "fi", "answers": {"q1a": f"a{i}"}, "ranking": RANKING} for i in range(5)])
        s.release("r")
        first = {r["answers"]["q1a"]: r["id"] for r in s.scan_responses("r")}
        assert first == {r["answers"]["q1a"]: r["id"] for r in s.scan_responses("r")}
        s.import_responses("r", [{"language": "fi", "answers": {"q1a": f"b{i}"}, "ranking": RANKING} for i in range(5)])
        s.release("r")
        second = {r["answers"]["q1a"]: r["id"] for r in s.scan_responses("r")}
        stored = {rid for (rid,) in s.conn.execute("SELECT id FROM responses")}
    assert len(second) == 10
    assert not set(first.values()) & set(second.values())  # unrelated between releases
    assert not (set(first.values()) | set(second.values())) & stored  # the stored id never leaves


# --------------------------------------------------------------------------- pinned reader


def test_a_reader_holding_a_transaction_leaves_no_log_of_code_and_response(tmp_path, figure):
    path = tmp_path / "w.db"
    with Store(path) as s:
        s.create_round("c", load_shipped("kela-sosiaalitoimi"), state="open", min_group=5)
        codes = s.add_codes("c", labels=[f"henkilö {i}" for i in range(5)])
    reader = sqlite3.connect(path, timeout=0)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM responses").fetchone()  # holds its read lock
    texts = [f"PINNED-{i}-vastaus" for i in range(5)]
    done: list[object] = []

    def submit(code: str, text: str) -> None:
        with Store(path, busy_timeout=20) as s:
            s.submit("c", {"q1a": text}, RANKING, "fi", code)
            done.append(text)

    threads = [threading.Thread(target=submit, args=(code, text)) for (code, _), text in zip(codes, texts)]
    for t in threads:
        t.start()
    time.sleep(1.5)  # the submits wait for the reader
    copy = tmp_path / "copy-while-pinned"
    copy.mkdir()
    for file in tmp_path.iterdir():
        if file.is_file():
            shutil.copy(file, copy / file.name)
    reader.execute("COMMIT")
    reader.close()
    for t in threads:
        t.join(timeout=30)
    assert sorted(done) == sorted(texts)
    # The copy taken while pinned: no log, and none of the waiting submits' answers anywhere.
    names = sorted(p.name for p in copy.iterdir())
    assert "w.db-wal" not in names
    raw = b"".join(p.read_bytes() for p in copy.iterdir())
    assert not any(t.encode() in raw for t in texts)
    # Afterwards: the database file alone, each answer in it once, no history beside it.
    after = sorted(p.name for p in tmp_path.iterdir() if p.is_file())
    assert after == ["w.db", "w.db-queue"]
    data = path.read_bytes()
    assert all(data.count(t.encode()) == 1 for t in texts)
    figure("files_in_copy_while_pinned", names)
    figure("submits_completed_after_the_reader_ended", len(done))
