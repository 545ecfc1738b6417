"""Coordinator CLI end to end with CliRunner on a temporary database."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re

import pytest
from click.testing import CliRunner

from survey_tui.cli import main as main_mod
from survey_tui.cli.main import COMMANDS, cli
from survey_tui.store import Store

RANKING = ["kanavat", "tiedottaminen", "tunteminen", "henkilot", "ymmarrys"]
CODE_RE = re.compile(r"\b[A-Z2-9]{5}-[A-Z2-9]{5}\b")
MINE = {"questionnaire", "round", "codes", "status", "responses"}


@pytest.fixture
def db(tmp_path):
    return tmp_path / "cli.db"


@pytest.fixture
def run(db):
    runner = CliRunner()

    def invoke(*args, ok=True, env=None, input=None):
        result = runner.invoke(cli, ["--db", str(db), *map(str, args)], env=env, input=input)
        assert "Traceback" not in result.output
        if ok:
            assert result.exit_code == 0, result.output
        return result

    return invoke


def line(answers=None, ranking=RANKING, language="fi", **extra):
    rec = {"language": language, "answers": answers if answers is not None else {"q1a": "Intra", "q3": "Teams"}}
    if ranking is not None:
        rec["ranking"] = ranking
    rec.update(extra)
    return json.dumps(rec, ensure_ascii=False)


# --------------------------------------------------------------------------- help


def _existing_commands():
    return [name for name, target in COMMANDS.items() if importlib.util.find_spec(target.split(":")[0])]


def _all_paths(group_cmd, prefix):
    import click

    yield prefix
    if isinstance(group_cmd, click.Group):
        # A group that takes arguments before its subcommand (`coding SLUG list`) gets a
        # stand-in value for each, so the subcommand's own --help is reached.
        given = ["ROUND" for p in group_cmd.params if isinstance(p, click.Argument)]
        for name, sub in group_cmd.commands.items():
            yield from _all_paths(sub, prefix + given + [name])


def test_every_command_has_help(run):
    names = _existing_commands()
    assert MINE <= set(names)
    top = run("--help")
    for name in names:
        assert name in top.output
        cmd = main_mod.cli.get_command(None, name)
        for path in _all_paths(cmd, [name]):
            result = run(*path, "--help")
            assert "Usage:" in result.output
            if name in MINE:
                assert "Example" in result.output, path


# --------------------------------------------------------------------------- the whole flow


def test_full_flow(run, tmp_path, db):
    created = run("round", "new", "spring", "--questionnaire", "kela-sosiaalitoimi",
                  "--opens", "2000-01-01", "--closes", "2999-12-31", "--min-group", "4")
    assert "Created round spring (draft)" in created.output
    run("round", "open", "spring", "--allow-placeholders")

    labels = tmp_path / "labels.txt"
    labels.write_text("Matti Meikäläinen\n\n  Liisa   Virtanen \nPekka\x1b[2J\n", encoding="utf-8")
    added = run("codes", "add", "spring", "--labels", labels)
    printed = CODE_RE.findall(added.stdout)
    assert len(printed) == 3
    assert "shown only now" in added.stdout
    assert "Liisa Virtanen" in added.stdout and "\x1b" not in added.stdout

    # Two respondents answer in the app with their codes (the store API the TUI uses).
    with Store(db) as s:
        s.submit("spring", {"q1a": "Yhteinen sivu"}, RANKING, "fi", code=printed[0])
        s.submit("spring", {"q2a": "Tapaamiset"}, RANKING, "en", code=printed[1])

    jsonl = tmp_path / "paper.jsonl"
    jsonl.write_text(line() + "\n\n" + line({"q5": "Koulutus"}, language="en") + "\n", encoding="utf-8")
    imported = run("responses", "import", "spring", jsonl)
    assert imported.output.strip() == "imported 2 responses into spring"

    status = json.loads(run("status", "spring", "--json").output)
    assert {"round", "state", "responses", "codes_issued", "codes_used", "response_rate"} <= set(status)
    assert status["round"] == "spring" and status["state"] == "open"
    assert status["responses"] == 4
    assert (status["codes_issued"], status["codes_used"]) == (3, 2)
    assert status["response_rate"] == pytest.approx(2 / 3, abs=1e-3)
    text = run("status", "spring").output
    assert "66.7 %" in text and "2 of 3" in text and "open" in text

    unused = run("codes", "list", "spring", "--unused")
    assert "3 code(s) issued, 2 used, 1 unused." in unused.output
    assert "Pekka" in unused.output and "Matti" not in unused.output and "Liisa" not in unused.output
    unused_json = json.loads(run("codes", "list", "spring", "--unused", "--json").output)
    assert [c["label"] for c in unused_json["codes"]] == ["Pekka"]
    assert unused_json["codes_unused"] == 1

    closed = run("round", "close", "spring", "--yes")
    assert "closed" in closed.output
    rounds = json.loads(run("round", "list", "--json").output)
    assert rounds == [
        {
            "round": "spring",
            "questionnaire": "kela-sosiaalitoimi",
            "questionnaire_version": "1",
            "state": "closed",
            "access": "codes",
            "min_group": 4,
            "opens": "2000-01-01",
            "closes": "2999-12-31",
            "follows": None,
            "responses": 4,
        }
    ]
    table = run("round", "list").output.splitlines()
    assert table[0].split() == ["round", "questionnaire", "state", "opens", "closes", "responses", "follows"]
    assert table[1].split() == ["spring", "kela-sosiaalitoimi", "closed", "2000-01-01", "2999-12-31", "4", "-"]

    # Late paper forms still come in after closing.
    run("responses", "import", "spring", jsonl)
    assert json.loads(run("status", "spring", "--json").output)["responses"] == 6

    # A follow-up inherits the frozen questionnaire and settings.
    follow = run("round", "new", "autumn", "--follow-up-of", "spring", "--codes", "2")
    assert len(CODE_RE.findall(follow.output)) == 2
    shown = json.loads(run("round", "show", "autumn", "--json").output)
    assert (shown["follows"], shown["questionnaire"], shown["min_group"], shown["access"]) == (
        "spring", "kela-sosiaalitoimi", 4, "codes")
    assert shown["codes_issued"] == 2


def test_db_from_environment(tmp_path):
    env_db = tmp_path / "env.db"
    runner = CliRunner()
    result = runner.invoke(cli, ["round", "new", "r", "--questionnaire", "kela-sosiaalitoimi"],
                           env={"SURVEY_TUI_DB": str(env_db)})
    assert result.exit_code == 0, result.output
    assert env_db.exists()
    with Store(env_db) as s:
        assert s.get_round("r").questionnaire.id == "kela-sosiaalitoimi"
    listed = runner.invoke(cli, ["round", "list", "--json"], env={"SURVEY_TUI_DB": str(env_db)})
    assert [r["round"] for r in json.loads(listed.output)] == ["r"]
    # --db wins over the environment.
    other = tmp_path / "other.db"
    env = {"SURVEY_TUI_DB": str(env_db)}
    assert runner.invoke(cli, ["--db", str(other), "round", "new", "o", "--questionnaire", "kela-sosiaalitoimi"], env=env).exit_code == 0
    listed = runner.invoke(cli, ["--db", str(other), "round", "list", "--json"], env=env)
    assert [r["round"] for r in json.loads(listed.output)] == ["o"]


def test_a_mistyped_database_path_is_not_an_empty_survey(tmp_path):
    missing = tmp_path / "nowhere" / "typo.db"
    runner = CliRunner()
    for args in (["round", "list"], ["status", "r"], ["report", "r"], ["codes", "list", "r"]):
        result = runner.invoke(cli, ["--db", str(missing), *args])
        assert result.exit_code == 1, (args, result.output)
        assert "no survey database at" in result.output and "Traceback" not in result.output
    assert not missing.parent.exists()  # nothing created
    made = runner.invoke(cli, ["--db", str(missing), "round", "new", "r", "--questionnaire", "kela-sosiaalitoimi"])
    assert made.exit_code == 0 and missing.exists()


# --------------------------------------------------------------------------- import


@pytest.fixture
def open_round_cli(run):
    run("round", "new", "r", "--questionnaire", "kela-sosiaalitoimi", "--open", "--allow-placeholders")
    return "r"


def test_bad_import_file_rejected_whole_with_line_numbers(run, tmp_path, db, open_round_cli):
    bad = tmp_path / "bad.jsonl"
    rows = [
        line(),                                        # 1 fine
        line({"q99": "x"}),                            # 2 unknown question
        "",                                            # 3 blank: skipped
        "{not json",                                   # 4
        line(ranking=RANKING[:2]),                     # 5 incomplete ranking
        line(language="de"),                           # 6 unknown language
        json.dumps([1, 2]),                            # 7 not an object
        line(extra_field=1),                           # 8 unknown key
        line({"q1a": "x" * 4001}),                     # 9 too long
        '{"language": "fi", "answers": {}, "answers": {}}',  # 10 duplicate key
        line({"q1a": 5}),                              # 11 not text
        line(),                                        # 12 fine
    ]
    bad.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run("responses", "import", "r", bad, ok=False)
    assert result.exit_code == 2
    err = result.stderr
    for number, fragment in [
        (2, "unknown question id 'q99'"),
        (4, "invalid JSON"),
        (5, "ranking is incomplete"),
        (6, "unknown language 'de'"),
        (7, "expected a JSON object"),
        (8, "unknown key 'extra_field'"),
        (9, "4001 characters"),
        (10, "key 'answers' appears twice"),
        (11, "must be text"),
    ]:
        assert any(ln.startswith(f"line {number}: ") and fragment in ln for ln in err.splitlines()), (number, err)
    assert "line 1:" not in err and "line 3:" not in err and "line 12:" not in err
    assert err.strip().splitlines()[-1].startswith("Error: ")
    assert "nothing was imported" in err
    with Store(db) as s:
        assert s.count_responses("r") == 0


def test_import_shows_at_most_20_problems(run, tmp_path, open_round_cli):
    bad = tmp_path / "many.jsonl"
    bad.write_text("\n".join(["nope"] * 35) + "\n", encoding="utf-8")
    result = run("responses", "import", "r", bad, ok=False)
    assert result.exit_code == 2
    shown = [ln for ln in result.stderr.splitlines() if ln.startswith("line ")]
    assert len(shown) == 20
    assert "... and 15 more problem(s)" in result.stderr


def test_import_utf8_error_names_the_line(run, tmp_path, open_round_cli):
    bad = tmp_path / "latin1.jsonl"
    bad.write_bytes((line() + "\n").encode() + line({"q1a": "caf\u00e9"}).encode("latin-1") + b"\n")
    result = run("responses", "import", "r", bad, ok=False)
    assert result.exit_code == 2
    assert "line 2: not UTF-8 text" in result.stderr


def test_import_size_limit(run, tmp_path, monkeypatch, open_round_cli):
    from survey_tui.cli import responses_cmd

    monkeypatch.setattr(responses_cmd, "MAX_IMPORT_BYTES", 100)
    big = tmp_path / "big.jsonl"
    big.write_text(line() + "\n" + line() + "\n", encoding="utf-8")
    result = run("responses", "import", "r", big, ok=False)
    assert result.exit_code == 2
    assert "larger than 100" in result.stderr
    assert responses_cmd.MAX_IMPORT_BYTES == 100 and 50 * 1024 * 1024 == 52428800


def test_import_refuses_a_lone_surrogate_in_answer_text(run, tmp_path, db, open_round_cli):
    # "\ud800" is valid JSON but no character: SQLite cannot store it as UTF-8.
    f = tmp_path / "sur.jsonl"
    lone = json.dumps({"language": "fi", "answers": {"q1a": "yksin \ud800"}, "ranking": RANKING})  # ASCII escapes
    assert "\\ud800" in lone
    f.write_text(line() + "\n" + lone + "\n", encoding="utf-8")
    for extra in (["--dry-run"], []):
        result = run("responses", "import", "r", f, *extra, ok=False)
        assert result.exit_code == 2
        assert "line 2: answer to 'q1a' is not valid text" in result.stderr
    with Store(db) as s:
        assert s.count_responses("r") == 0


def test_import_from_an_endless_device_stops_at_the_limit(run, open_round_cli, monkeypatch):
    # /dev/zero reports size 0 and never ends: the limit must bound the read, not the stat.
    from survey_tui.cli import responses_cmd

    monkeypatch.setattr(responses_cmd, "MAX_IMPORT_BYTES", 1 << 20)
    result = run("responses", "import", "r", "/dev/zero", ok=False)
    assert result.exit_code == 2
    assert "larger than 1048576" in result.stderr


def test_codes_labels_from_an_endless_device_stop_at_the_limit(run, open_round_cli):
    result = run("codes", "add", "r", "--labels", "/dev/zero", ok=False)
    assert result.exit_code == 2
    assert "larger than" in result.stderr


def test_import_dry_run_and_draft_refusal(run, tmp_path, db, open_round_cli):
    good = tmp_path / "good.jsonl"
    good.write_text(line() + "\n" + line({}, ranking=None) + "\n", encoding="utf-8")
    # The second line has no ranking: the shipped questionnaire requires a full one.
    result = run("responses", "import", "r", good, "--dry-run", ok=False)
    assert "line 2: ranking is incomplete" in result.stderr
    good.write_text(line() + "\n" + line({}, language="en") + "\n", encoding="utf-8")
    dry = run("responses", "import", "r", good, "--dry-run")
    assert "2 responses would be imported" in dry.output
    with Store(db) as s:
        assert s.count_responses("r") == 0
    run("round", "new", "d", "--questionnaire", "kela-sosiaalitoimi")
    refused = run("responses", "import", "d", good, ok=False)
    assert refused.exit_code != 0 and "draft" in refused.stderr
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    assert "no responses" in run("responses", "import", "r", empty, ok=False).stderr


# --------------------------------------------------------------------------- round new details


def test_round_new_codes_and_refusals(run, db):
    made = run("round", "new", "c", "--questionnaire", "kela-sosiaalitoimi", "--codes", "4", "--open", "--allow-placeholders")
    codes = CODE_RE.findall(made.output)
    assert len(set(codes)) == 4
    assert "shown only now" in made.output
    with Store(db) as s:
        for code in codes:
            s.check_code("c", code)
    wal = db.parent / (db.name + "-wal")
    raw = db.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert not any(code.encode() in raw for code in codes)

    low = run("round", "new", "low", "--questionnaire", "kela-sosiaalitoimi", "--min-group", "2", ok=False)
    assert low.exit_code == 2 and "from 3 to 10000" in low.output
    huge = run("round", "new", "huge", "--questionnaire", "kela-sosiaalitoimi", "--min-group", "9" * 20, ok=False)
    assert huge.exit_code == 2 and "from 3 to 10000" in huge.output and "Traceback" not in huge.output
    missing = run("round", "new", "m", ok=False)
    assert missing.exit_code == 2 and "--questionnaire" in missing.output
    bad_date = run("round", "new", "bd", "--questionnaire", "kela-sosiaalitoimi", "--opens", "1.3.2025", ok=False)
    assert "not a date" in bad_date.output
    unknown = run("round", "new", "u", "--questionnaire", "no-such-thing", ok=False)
    assert "unknown questionnaire" in unknown.output
    with Store(db) as s:
        assert [r.slug for r in s.list_rounds()] == ["c"]


def test_round_new_from_file_and_follow_up_keeps_frozen_questionnaire(run, tmp_path, db):
    from survey_tui.questionnaire import shipped_files

    src = shipped_files()["kela-sosiaalitoimi"].read_text(encoding="utf-8")
    mine = tmp_path / "mine.yaml"
    mine.write_text(src, encoding="utf-8")
    run("round", "new", "one", "--questionnaire", mine)
    mine.write_text(src.replace('version: "1"', 'version: "2"'), encoding="utf-8")
    run("round", "new", "two", "--follow-up-of", "one")
    run("round", "new", "three", "--follow-up-of", "one", "--questionnaire", mine)
    shown = {slug: json.loads(run("round", "show", slug, "--json").output) for slug in ("one", "two", "three")}
    assert shown["one"]["questionnaire_version"] == "1"
    assert shown["two"]["questionnaire_version"] == "1"
    assert shown["three"]["questionnaire_version"] == "2"
    assert run("round", "new", "x", "--follow-up-of", "nope", ok=False).exit_code != 0


def test_round_open_close(run):
    run("round", "new", "r", "--questionnaire", "kela-sosiaalitoimi", "--access", "codes")
    opened = run("round", "open", "r", "--allow-placeholders")
    assert "no codes issued" in opened.output
    refused = run("round", "close", "r", ok=False)  # no TTY: no question can be asked, so --yes is needed
    assert refused.exit_code == 2 and "--yes" in refused.output
    run("round", "close", "r", "--yes")
    again = run("round", "close", "r", "--yes", ok=False)
    assert "already closed" in again.output
    text = run("round", "show", "r").output
    assert re.search(r"state\s+closed", text)


# --------------------------------------------------------------------------- codes


def test_codes_add_options(run, tmp_path):
    run("round", "new", "r", "--questionnaire", "kela-sosiaalitoimi")
    both = run("codes", "add", "r", ok=False)
    assert both.exit_code == 2 and "exactly one" in both.output
    dup = tmp_path / "dup.txt"
    dup.write_text("Anna\nBertta\n\nanna\n", encoding="utf-8")
    refused = run("codes", "add", "r", "--labels", dup, ok=False)
    assert "line 4: duplicate label 'anna' (first on line 1)" in refused.output
    as_json = json.loads(run("codes", "add", "r", "--count", "3", "--json").output)
    assert len(as_json["codes"]) == 3 and all(CODE_RE.fullmatch(c["code"]) for c in as_json["codes"])
    listed = json.loads(run("codes", "list", "r", "--json").output)
    assert (listed["codes_issued"], listed["codes_used"]) == (3, 0)
    assert "(3 code(s) without a label)" in run("codes", "list", "r").output
    run("round", "close", "r", "--yes")
    assert "closed" in run("codes", "add", "r", "--count", "1", ok=False).output


# --------------------------------------------------------------------------- questionnaire commands


def test_questionnaire_list_and_show(run):
    listed = json.loads(run("questionnaire", "list", "--json").output)
    kela = next(q for q in listed if q["id"] == "kela-sosiaalitoimi")
    assert kela["languages"] == ["fi", "sv", "en"] and kela["version"] == "1"
    assert "kela-sosiaalitoimi" in run("questionnaire", "list").output
    fi = run("questionnaire", "show", "kela-sosiaalitoimi").output
    en = run("questionnaire", "show", "kela-sosiaalitoimi", "--lang", "en").output
    assert "q1b" in fi and "Ranking [q6]" in fi
    assert "Sharing information" in en and "Tiedottaminen" in fi
    data = json.loads(run("questionnaire", "show", "kela-sosiaalitoimi", "--json").output)
    assert len(data["themes"]) == 5 and data["ranking"]["items"] == "themes"
    assert "not one of" in run("questionnaire", "show", "kela-sosiaalitoimi", "--lang", "de", ok=False).output


def test_show_cleans_hostile_text(run, tmp_path):
    evil = tmp_path / "evil.yaml"
    evil.write_text(
        'id: evil\nlanguages: [en]\ntitle: {en: "T\\e]52;c;ZXZpbA==\\a\\e[2J"}\n'
        'themes: [{id: a, title: {en: "A\\u202e"}, questions: [{id: q, prompt: {en: "P\\e[31m"}}]}]\n',
        encoding="utf-8",
    )
    # A file with control characters is refused (one line per field, its path named),
    # and the refusal itself carries none of them.
    result = run("questionnaire", "show", evil, ok=False)
    out = result.output
    assert result.exit_code == 2
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    for path in ("title.en", "themes[0].title.en", "themes[0].questions[0].prompt.en"):
        assert f"{path}: " in out and "control character" in out, out


# --------------------------------------------------------------------------- errors never trace back


ERRORS = [
    ["status", "nope"],
    ["round", "show", "nope"],
    ["round", "open", "nope"],
    ["codes", "list", "nope"],
    ["codes", "add", "nope", "--count", "1"],
    ["responses", "import", "nope", "/dev/null"],
    ["round", "new", "Bad Slug", "--questionnaire", "kela-sosiaalitoimi"],
    ["round", "new", "x", "--questionnaire", "kela-sosiaalitoimi", "--opens", "2025-03-02", "--closes", "2025-03-01"],
    ["questionnaire", "show", "/nonexistent/file.yaml"],
    ["codes", "add", "r", "--labels", "/nonexistent/labels.txt"],
    ["responses", "import", "r", "/nonexistent/file.jsonl"],
]


@pytest.mark.parametrize("args", ERRORS, ids=[" ".join(a[:3]) for a in ERRORS])
def test_user_errors_end_in_one_error_line(run, args):
    run("round", "new", "r", "--questionnaire", "kela-sosiaalitoimi", "--open", "--allow-placeholders")
    result = run(*args, ok=False)
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit)
    assert result.output.strip().splitlines()[-1].startswith("Error: ")


# --------------------------------------------------------------------------- the wizard on a (simulated) terminal


@pytest.fixture
def terminal(monkeypatch):
    """Pretend to be on a TTY and feed keystrokes to each questionary prompt in turn."""
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from survey_tui import wizard
    from survey_tui.cli import round_cmd

    keys: list[str] = []
    asked: list[str] = []
    monkeypatch.setattr(round_cmd, "interactive", lambda: True)
    original = wizard._answer

    with create_pipe_input() as pipe:
        def answer(question):
            asked.append(question.application.layout.container.__class__.__name__)
            pipe.send_text(keys.pop(0))
            return original(question)

        def with_terminal(fn):
            def call(*args, **kwargs):
                return fn(*args, input=pipe, output=DummyOutput(), **kwargs)
            return call

        monkeypatch.setattr(wizard, "_answer", answer)
        monkeypatch.setattr(wizard, "ask_round", with_terminal(wizard.ask_round))
        monkeypatch.setattr(wizard, "confirm", with_terminal(wizard.confirm))
        yield keys, asked


BACKSPACE = "\x7f"


def test_wizard_asks_missing_values(run, db, terminal):
    keys, asked = terminal
    keys += [
        "\r",                      # questionnaire: the first shipped one
        "2025-03-01\r",            # opens
        "\r",                      # closes: none
        BACKSPACE + "6\r",         # min group 5 -> 6
        "\x1b[A\r",                # access: up from the default (open) to one-time codes
        BACKSPACE + "2\r",         # codes: 0 -> 2
        "y",                       # open now
    ]
    result = run("round", "new", "w", "--allow-placeholders")  # the shipped intro's contact details
    assert keys == [] and len(asked) == 7
    assert len(CODE_RE.findall(result.output)) == 2
    with Store(db) as s:
        rnd = s.get_round("w")
    assert (rnd.questionnaire.id, str(rnd.opens), rnd.closes, rnd.min_group, rnd.access, rnd.state) == (
        "kela-sosiaalitoimi", "2025-03-01", None, 6, "codes", "open")


def test_wizard_follow_up_defaults_and_only_missing_values(run, db, terminal):
    keys, asked = terminal
    keys += ["\r", "\r", "\r", BACKSPACE + "1\r"]  # opens, closes, min group (inherited 7), codes
    run("round", "new", "base", "--questionnaire", "kela-sosiaalitoimi", "--min-group", "7", "--access", "codes",
        "--opens", "2025-01-01", "--closes", "2025-01-31", "--codes", "0", "--draft")
    assert asked == [] and keys
    result = run("round", "new", "next", "--follow-up-of", "base", "--access", "codes", "--draft")
    assert keys == [] and len(asked) == 4
    assert len(CODE_RE.findall(result.output)) == 1
    with Store(db) as s:
        rnd = s.get_round("next")
    assert (rnd.follows, rnd.min_group, rnd.access, rnd.state, rnd.opens) == ("base", 7, "codes", "draft", None)


def test_wizard_min_group_below_floor_is_not_accepted(run, db, terminal):
    keys, _ = terminal
    # "2" fails validation and the prompt stays; the next keys fix it to 3.
    keys += ["\r", "\r", "\r", BACKSPACE + "2\r" + BACKSPACE + "3\r", "\r", "n"]  # access: the default, open
    run("round", "new", "floor")
    with Store(db) as s:
        rnd = s.get_round("floor")
    assert (rnd.min_group, rnd.access, rnd.state) == (3, "open", "draft")


def test_wizard_checks_the_closing_date_as_it_is_typed(run, db, terminal):
    keys, asked = terminal
    # Closes before it opens: refused at that prompt, and the next keys give a valid date.
    keys += ["\r", "2026-03-20\r", "2026-03-02\r" + BACKSPACE * 10 + "2026-03-30\r", "\r", "\r", "n"]
    run("round", "new", "dates")
    with Store(db) as s:
        rnd = s.get_round("dates")
    assert (str(rnd.opens), str(rnd.closes)) == ("2026-03-20", "2026-03-30")


def test_a_taken_or_invalid_round_name_is_refused_before_any_question(run, db, terminal):
    keys, asked = terminal
    run("round", "new", "taken", "--questionnaire", "kela-sosiaalitoimi", "--opens", "", "--closes", "",
        "--min-group", "5", "--access", "open", "--draft")
    for name, message in (("taken", "already exists"), ("Bad Slug", "invalid round name")):
        result = run("round", "new", name, ok=False)
        assert result.exit_code == 2 and message in result.output
    assert asked == []


def test_an_open_round_past_its_closing_date_is_noted_when_created(run):
    made = run("round", "new", "old", "--questionnaire", "kela-sosiaalitoimi", "--opens", "2021-03-01",
               "--closes", "2021-03-15", "--open", "--allow-placeholders")
    assert "closed on 2021-03-15, so answers are not accepted." in made.output


def test_close_asks_for_confirmation_on_a_terminal(run, db, terminal):
    keys, asked = terminal
    run("round", "new", "r", "--questionnaire", "kela-sosiaalitoimi", "--open", "--allow-placeholders", "--opens", "", "--closes", "",
        "--min-group", "5", "--access", "open")
    keys += ["n"]
    refused = run("round", "close", "r", ok=False)
    assert refused.exit_code == 1 and "Aborted" in refused.output
    with Store(db) as s:
        assert s.get_round("r").state == "open"
    keys += ["y"]
    run("round", "close", "r")
    run("round", "new", "r2", "--questionnaire", "kela-sosiaalitoimi", "--open", "--allow-placeholders", "--opens", "", "--closes", "",
        "--min-group", "5", "--access", "open")
    run("round", "close", "r2", "--yes")  # no question asked
    assert keys == []
    with Store(db) as s:
        assert s.get_round("r").state == "closed" and s.get_round("r2").state == "closed"


def test_status_and_show_of_closed_and_past_rounds_read_plainly(run):
    run("round", "new", "past", "--questionnaire", "kela-sosiaalitoimi", "--opens", "2021-03-01", "--closes", "2021-03-15",
        "--open", "--allow-placeholders")
    status = run("status", "past").output
    assert re.search(r"^days left +-$", status, re.M), status
    shown = run("round", "show", "past").output
    assert re.search(r"^accepting +no$", shown, re.M) and "False" not in shown
    run("round", "new", "now", "--questionnaire", "kela-sosiaalitoimi", "--closes", dt.date.today().isoformat(), "--open", "--allow-placeholders")
    assert re.search(r"^days left +last day$", run("status", "now").output, re.M)
    run("round", "close", "now", "--yes")
    assert re.search(r"^days left +-$", run("status", "now").output, re.M)


def test_codes_for_a_round_people_already_answer_without_codes_need_a_flag(run, db):
    run("round", "new", "auki", "--questionnaire", "kela-sosiaalitoimi", "--access", "open", "--open", "--allow-placeholders")
    first = run("codes", "add", "auki", "--count", "1")  # nobody has answered yet: just a note
    assert "now takes answers with a one-time code only" in first.stderr
    run("round", "new", "live", "--questionnaire", "kela-sosiaalitoimi", "--access", "open", "--open", "--allow-placeholders")
    with Store(db) as s:
        s.submit("live", {"q3": "x"}, RANKING, "fi")
    refused = run("codes", "add", "live", "--count", "2", ok=False)
    assert refused.exit_code == 2 and "--switch-to-codes" in refused.stderr
    with Store(db) as s:
        assert s.get_round("live").access == "open" and s.list_codes("live") == []
    switched = run("codes", "add", "live", "--count", "2", "--switch-to-codes")
    assert len(CODE_RE.findall(switched.stdout)) == 2


def test_status_json_has_no_days_left_for_a_closed_round(run):
    run("round", "new", "s", "--questionnaire", "kela-sosiaalitoimi", "--closes", "2999-12-31", "--open", "--allow-placeholders")
    assert json.loads(run("status", "s", "--json").output)["days_left"] > 0
    run("round", "close", "s", "--yes")
    assert json.loads(run("status", "s", "--json").output)["days_left"] is None


def test_delete_asks_for_confirmation_on_a_terminal(run, db, terminal):
    keys, asked = terminal
    run("round", "new", "typo", "--questionnaire", "kela-sosiaalitoimi", "--opens", "", "--closes", "",
        "--min-group", "5", "--access", "open", "--draft")
    keys += ["n"]
    refused = run("round", "delete", "typo", ok=False)
    assert refused.exit_code == 1 and "Aborted" in refused.output
    with Store(db) as s:
        assert s.get_round("typo").state == "draft"
    keys += ["y"]
    assert "Deleted round typo." in run("round", "delete", "typo").output
    assert keys == []
    with Store(db) as s:
        assert s.list_rounds() == []


def test_unix_manners_dash_json_and_db_after_the_subcommand(tmp_path):
    """'-' is standard input/output, report takes --json, --db works after the subcommand."""
    import subprocess
    import sys

    from survey_tui.cli.main import hoist_db

    assert hoist_db(["report", "r", "--db", "x.db", "--json"]) == ["--db", "x.db", "report", "r", "--json"]
    assert hoist_db(["--db=x.db", "round", "list"]) == ["--db=x.db", "round", "list"]
    assert hoist_db(["tag", "r", "add", "--", "--db", "y"]) == ["tag", "r", "add", "--", "--db", "y"]
    db = str(tmp_path / "s.db")

    def cli_run(*args, stdin=b""):
        return subprocess.run([sys.executable, "-m", "survey_tui", *args], input=stdin, capture_output=True,
                              cwd=tmp_path, timeout=120)

    assert cli_run("round", "new", "r", "--questionnaire", "kela-sosiaalitoimi", "--open", "--min-group", "3",
                   "--allow-placeholders", "--db", db).returncode == 0
    labels = cli_run("codes", "add", "r", "--labels", "-", "--db", db, stdin="Oulu\nTurku\n".encode())
    assert labels.returncode == 0, labels.stderr
    assert "Oulu" in cli_run("codes", "list", "r", "--db", db).stdout.decode()
    items = '["tiedottaminen","tunteminen","kanavat","henkilot","ymmarrys"]'
    forms = "".join('{"language":"fi","answers":{"q1a":"ok %d"},"ranking":%s}\n' % (i, items) for i in range(3))
    imported = cli_run("--db", db, "responses", "import", "r", "-", stdin=forms.encode())
    assert imported.returncode == 0, imported.stderr
    cli_run("--db", db, "round", "close", "r", "--yes")
    as_json = cli_run("report", "r", "--json", "--db", db)
    assert as_json.returncode == 0 and json.loads(as_json.stdout)["n"] == 3
    to_stdout = cli_run("--db", db, "report", "r", "--format", "markdown", "--out", "-")
    assert to_stdout.returncode == 0 and to_stdout.stdout.startswith(b"#") and not (tmp_path / "-").exists()
    both = cli_run("--db", db, "report", "r", "--json", "--format", "markdown")
    assert both.returncode == 2


def test_shell_completion_offers_round_names_and_questionnaire_ids(tmp_path):
    import os
    import subprocess
    import sys

    db = tmp_path / "c.db"

    def complete(words: str, cword: int) -> list[str]:
        env = dict(os.environ, _SURVEY_TUI_COMPLETE="bash_complete", COMP_WORDS=words, COMP_CWORD=str(cword))
        out = subprocess.run([sys.executable, "-m", "survey_tui"], env=env, capture_output=True, text=True,
                             cwd=tmp_path, timeout=60)
        return out.stdout.split()

    assert complete(f"survey-tui --db {db} report ", 4) == []  # no database yet: nothing, and none made
    assert not db.exists()
    for slug in ("spring-2026", "spring-b", "autumn"):
        subprocess.run([sys.executable, "-m", "survey_tui", "--db", str(db), "round", "new", slug,
                        "--questionnaire", "kela-sosiaalitoimi"], check=True, capture_output=True, timeout=60)
    assert complete(f"survey-tui --db {db} report spr", 4) == ["plain,spring-2026", "plain,spring-b"]
    assert "plain,autumn" in complete(f"survey-tui --db {db} compare spring-2026 ", 5)
    assert "plain,kela-sosiaalitoimi" in complete("survey-tui round new x --questionnaire ke", 5)


def test_root_help_documents_exit_status_and_completion(run):
    out = run("--help").output
    assert "Exit status:" in out and "130" in out and "_SURVEY_TUI_COMPLETE=bash_source" in out
