"""`survey-tui answer --plain` reads bounded lines: one 100 MB line over `ssh -T` stays small.

input() holds a whole line, so one 100 MB line (a paste, or a script gone wrong) took
hundreds of MB. The line is now kept up to the question's max length plus a margin,
the rest read and dropped in small pieces, and the respondent told the full length.
The child is a real `survey-tui` process with a pipe as stdin (what `ssh -T` gives);
its peak RSS is its VmHWM from /proc.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from faultkit import size

LINE_BYTES = size(100 * 1024 * 1024, 100 * 1024 * 1024)
BUDGET_KB = 100 * 1024


def survey_cmd() -> list[str]:
    script = Path(sys.executable).parent / "survey-tui"
    return [str(script)] if script.exists() else [sys.executable, "-m", "survey_tui"]


def run_fed(db: Path, head: bytes, line_bytes: int, tail: bytes, *, patch: str = "") -> tuple[int, int, bytes]:
    """Run `answer` with stdin fed head + one long line + tail: (exit code, peak RSS KB, output).

    The peak is the child's VmHWM from /proc, read while it waits for the line after
    `tail` (so after the long line was dealt with): wait4's ru_maxrss would count the
    pytest process the child was forked from before its exec.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("SURVEY_TUI")}
    env.update(LANG="C.UTF-8", NO_COLOR="1", COLUMNS="100")
    args = ["--db", str(db), "answer", "--round", "r1", "--lang", "en", "--plain"]
    if patch:
        code = f"import sys\n{patch}\nfrom survey_tui.cli.main import main\nsys.argv = ['survey-tui', *{args!r}]\nmain()\n"
        argv = [sys.executable, "-c", code]
    else:
        argv = survey_cmd() + args
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    out = bytearray()
    prompts = threading.Condition()

    def feed() -> None:
        chunk = b"A" * (1024 * 1024)
        try:
            proc.stdin.write(head)
            left = line_bytes
            while left > 0:
                proc.stdin.write(chunk[: min(left, len(chunk))])
                left -= len(chunk)
            proc.stdin.write(b"\n" + tail)
            proc.stdin.flush()
        except BrokenPipeError:
            pass

    def read() -> None:
        while data := proc.stdout.read1(65536):
            with prompts:
                out.extend(data)
                prompts.notify_all()
        with prompts:
            prompts.notify_all()

    writer = threading.Thread(target=feed, daemon=True)
    reader = threading.Thread(target=read, daemon=True)
    writer.start()
    reader.start()
    # Consent, the long line, its notice and prompt again, the tail's answer: then the
    # next question's prompt means the child is blocked reading, its peak behind it.
    want = 2 + tail.count(b"\n")
    with prompts:
        ok = prompts.wait_for(lambda: out.count(b"Your answer (") >= want or proc.poll() is not None, timeout=120)
    hwm_kb = _vm_hwm_kb(proc.pid)
    writer.join(30)
    try:
        proc.stdin.close()
    except BrokenPipeError:
        pass
    proc.wait(60)
    reader.join(30)
    assert ok and hwm_kb, f"child did not reach the next question: {bytes(out[-2000:])!r}"
    return proc.returncode, hwm_kb, bytes(out)


def _vm_hwm_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)


def test_one_100mb_line_on_stdin_stays_under_100mb_rss(db, figure):
    code, peak_kb, out = run_fed(db, b"y\n", LINE_BYTES, b"a short answer\n")
    text = out.decode("utf-8", "replace")
    assert "Traceback" not in text, text[-2000:]
    assert f"The answer is {LINE_BYTES} characters; the maximum is 4000." in text, text[-2000:]
    assert text.count("Your answer (at most 4000 characters") >= 2  # asked again after the notice
    assert "A" * 5000 not in text  # the long line was not echoed back
    assert code == 1  # input ended before submit: not sent, nothing stored
    assert peak_kb < BUDGET_KB, f"peak RSS {peak_kb / 1024:.1f} MB"
    figure("line_mb", LINE_BYTES / 1024 / 1024)
    figure("peak_rss_mb", round(peak_kb / 1024, 1))


def test_input_would_have_held_the_whole_line(db, figure):
    """The same run with input() in place of the bounded reader: the figure it replaced."""
    patch = (
        "import survey_tui.plain as _p\n"
        "def _whole(prompt, limit, stdin=None, stdout=None):\n"
        "    value = input(prompt)\n"
        "    return value[:limit], len(value)\n"
        "_p.read_line = _whole\n"
    )
    code, peak_kb, out = run_fed(db, b"y\n", LINE_BYTES // 4, b"a short answer\n", patch=patch)
    assert "Traceback" not in out.decode("utf-8", "replace")
    assert peak_kb > 2 * (LINE_BYTES // 4) // 1024  # a 25 MB line costs well over 50 MB
    figure("input_peak_rss_mb_for_25mb_line", round(peak_kb / 1024, 1))


def _lines(data: bytes, limit: int, count: int):
    import io

    from survey_tui.plain import read_line

    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    return [read_line("", limit, stdin=stdin, stdout=io.StringIO()) for _ in range(count)]


def test_read_line_keeps_short_lines_and_counts_long_ones():
    import pytest

    ok = "Yhteiset koulutuspäivät – ääkköset ja 👍"
    assert _lines(ok.encode() + b"\r\n" + b"next\n", 100, 2) == [(ok, len(ok)), ("next", 4)]
    assert _lines("ä".encode() * 10 + b"\nx", 10, 2) == [("ä" * 10, 10), ("x", 1)]  # exactly the limit; no newline at the end
    assert _lines("ä".encode() * 300_000 + b"\nafter\n", 10, 2) == [("ä" * 10, 300_000), ("after", 5)]
    assert _lines(b"bad \xff\xfe byte\n", 100, 1) == [("bad \ufffd\ufffd byte", 11)]
    with pytest.raises(EOFError):
        _lines(b"", 10, 1)
