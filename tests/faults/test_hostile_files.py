"""Hostile import and questionnaire files through the real CLI: one clear error, fast, no traceback.

tests/test_questionnaire_loader.py covers malformed questionnaires in-process and forbids
`yaml.load(` in the source tree; here every case runs as a separate `survey-tui` process
with a 1 s budget for the rejection itself, and import files get the same treatment.
"""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faultkit import RANKING, assert_clean_error, run_cli, stored

OK = {"language": "fi", "answers": {"q1a": "fine"}, "ranking": RANKING}

IMPORT_CASES = {
    "empty": b"",
    "only_blank_lines": b"\n\n \n",
    "not_json": b"hello\n",
    "json_array": b"[1,2,3]\n",
    "json_string": b'"text"\n',
    "truncated": b'{"language": "fi", "answers": {\n',
    "deep_nesting": b"[" * 100_000 + b"]" * 100_000 + b"\n",
    "huge_number": b'{"language": "fi", "answers": {"q1a": 1' + b"0" * 5000 + b"}}\n",
    "nan": b'{"language": "fi", "answers": {"q1a": NaN}}\n',
    "duplicate_key": b'{"language": "fi", "language": "en", "answers": {}}\n',
    "unknown_key": json.dumps({**OK, "user": "alice"}).encode() + b"\n",
    "timestamp_key": json.dumps({**OK, "submitted_at": "2025-01-01T10:00"}).encode() + b"\n",
    "unknown_language": json.dumps({**OK, "language": "xx"}).encode() + b"\n",
    "language_not_text": json.dumps({**OK, "language": 5}).encode() + b"\n",
    "answers_list": json.dumps({**OK, "answers": ["a"]}).encode() + b"\n",
    "answer_number": json.dumps({**OK, "answers": {"q1a": 5}}).encode() + b"\n",
    "answer_object": json.dumps({**OK, "answers": {"q1a": {"x": 1}}}).encode() + b"\n",
    "unknown_question": json.dumps({**OK, "answers": {"zz": "x"}}).encode() + b"\n",
    "answer_too_long": json.dumps({**OK, "answers": {"q1a": "x" * 4001}}).encode() + b"\n",
    "ranking_unknown_item": json.dumps({**OK, "ranking": ["nope"] + RANKING[1:]}).encode() + b"\n",
    "ranking_duplicate": json.dumps({**OK, "ranking": [RANKING[0]] * 5}).encode() + b"\n",
    "ranking_incomplete": json.dumps({**OK, "ranking": RANKING[:2]}).encode() + b"\n",
    "ranking_not_list": json.dumps({**OK, "ranking": "kanavat"}).encode() + b"\n",
    "ranking_numbers": json.dumps({**OK, "ranking": [1, 2, 3, 4, 5]}).encode() + b"\n",
    "invalid_utf8": b'{"language": "fi", "answers": {"q1a": "\xff\xfe"}}\n',
    "utf16": json.dumps(OK).encode("utf-16"),
    "nul_bytes": b"\x00" * 1000 + b"\n",
    "escape_in_key": json.dumps({**OK, "\x1b[2Jevil": 1}).encode() + b"\n",
    "good_then_bad": json.dumps(OK).encode() + b"\n{oops\n",
    "one_bad_in_many": (json.dumps(OK).encode() + b"\n") * 50 + b'{"language": "fi"}\n',
    "many_bad_lines": b"x\n" * 5000,
    "long_line": b'{"language": "fi", "answers": {"q1a": "' + b"a" * 3_000_000 + b'"}}\n',
}

QUESTIONNAIRE_CASES = {
    "python_tag": b"!!python/object/apply:os.system ['echo pwned']\n",
    "alias_bomb": b"a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
    "deep": b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "binary": bytes(range(256)) * 4,
    "escape_in_id": b"id: \"\\e[2Jx\"\nlanguages: [fi]\ntitle: t\nthemes: []\n",
    # The title: OSC 52 clipboard, OSC 8 link, SGR colour, OSC 0 window title.
    "osc_csi_title": b"id: x\nlanguages: [fi]\n"
    b"title: \"Teema\\e]52;c;ZXZpbA==\\e\\\\ \\e]8;;https://evil.example\\e\\\\linkki\\e]8;;\\e\\\\ \\e[31mred\\e]0;TITLE\\a\"\n"
    b"themes: [{id: t, title: ok}]\n",
    "bidi_override_title": "id: x\nlanguages: [fi]\ntitle: t\nthemes: [{id: t, title: \"abc\u202etxt.exe\"}]\n".encode(),
    "c1_in_context": b"id: x\nlanguages: [fi]\ntitle: t\nthemes: [{id: t, title: t, context: \"a\\x9b2J\"}]\n",
}


def _check(proc, elapsed, figure_times, name, folder):
    # Problems are listed above the one Error line: `line N: ...` (import) or `FILE: ...` (validate).
    err = assert_clean_error(proc, details=("line ", "... and ", folder))
    assert sum(l.startswith("Error: ") for l in err.splitlines()) == 1
    assert "\x1b" not in err and "\x00" not in err
    assert all(len(line) <= 400 for line in err.splitlines()), "error line is not short"
    figure_times[name] = round(elapsed, 3)


def _timed(args, db):
    # The 1 s budget is for the rejection, measured inside the process after the imports.
    patch = ("import time, atexit, sys, json, yaml, sqlite_utils, survey_tui.cli.main, survey_tui.cli.responses_cmd, "
             "survey_tui.cli.questionnaire_cmd, survey_tui.store, survey_tui.questionnaire\n"
             "_t0 = time.perf_counter()\natexit.register(lambda: sys.stderr.write(f'@@elapsed {time.perf_counter() - _t0}\\n'))")
    proc = run_cli(*args, db_path=db, patch=patch, timeout=30)
    lines = proc.stderr.decode("utf-8", "replace").splitlines()
    elapsed = float(next(l for l in lines if l.startswith("@@elapsed")).split()[1])
    proc.stderr = "\n".join(l for l in lines if not l.startswith("@@elapsed")).encode()
    return proc, elapsed


@pytest.fixture(scope="module")
def opened(tmp_path_factory):
    from survey_tui.questionnaire import load_shipped
    from survey_tui.store import Store

    db = tmp_path_factory.mktemp("files") / "f.db"
    with Store(db) as s:
        s.create_round("r1", load_shipped("kela-sosiaalitoimi"), state="open")
    return db


def test_hostile_import_and_questionnaire_files_rejected_fast_and_cleanly(opened, tmp_path, figure):
    assert len(IMPORT_CASES) + len(QUESTIONNAIRE_CASES) >= 30
    import concurrent.futures as cf

    def one(kind, name, content):
        path = tmp_path / f"{name}.{'jsonl' if kind == 'import' else 'yaml'}"
        path.write_bytes(content)
        args = ["responses", "import", "r1", str(path)] if kind == "import" else ["questionnaire", "validate", str(path)]
        return name, *_timed(args, opened)

    times: dict[str, float] = {}
    cases = [("import", n, c) for n, c in IMPORT_CASES.items()] + [("q", n, c) for n, c in QUESTIONNAIRE_CASES.items()]
    with cf.ThreadPoolExecutor(2) as pool:
        for name, proc, elapsed in pool.map(lambda c: one(*c), cases):
            _check(proc, elapsed, times, name, str(tmp_path))
    slow = {k: v for k, v in times.items() if v > 1.0}
    assert slow == {}, f"slower than 1 s: {slow}"
    assert stored(opened)["responses"] == 0, "a bad file stored something"
    figure("cases", len(times))
    figure("slowest_case", max(times, key=times.get))
    figure("slowest_s", max(times.values()))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(
    st.binary(max_size=200),
    st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                 lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4),
                 max_leaves=20).map(lambda v: json.dumps(v).encode()),
    st.fixed_dictionaries({"language": st.sampled_from(["fi", "en", "xx"]),
                           "answers": st.dictionaries(st.sampled_from(["q1a", "q2a", "zz"]), st.text(max_size=30)),
                           "ranking": st.lists(st.sampled_from(RANKING + ["nope"]), max_size=6)}).map(
        lambda v: json.dumps(v).encode()),
), min_size=1, max_size=5))
def test_generated_import_lines_are_imported_or_rejected_without_traceback(opened, lines):
    """In-process (CliRunner) for speed: any outcome but a traceback or a partial import."""
    import tempfile

    from click.testing import CliRunner

    from survey_tui.cli.main import cli
    from survey_tui.store import Store

    with tempfile.NamedTemporaryFile("wb", suffix=".jsonl", delete=False) as fh:
        fh.write(b"\n".join(lines) + b"\n")
    with Store(opened) as s:
        before = s.count_responses("r1")
    t0 = time.perf_counter()
    result = CliRunner().invoke(cli, ["--db", str(opened), "responses", "import", "r1", fh.name])
    assert time.perf_counter() - t0 < 1.0
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    with Store(opened) as s:
        after = s.count_responses("r1")
    if result.exit_code == 0:
        assert after > before
    else:
        assert after == before, "a rejected file stored something"
        assert "Error: " in result.output
