"""`survey-tui serve` option checks that need no browser."""

from __future__ import annotations

import html
import re
import shlex

from click.testing import CliRunner

from remote_helpers import ROUND
from survey_tui.cli.main import cli
from survey_tui.cli.serve_cmd import answer_argv, answer_command, is_loopback, page_title, private_templates
from survey_tui.serve.logs import scrub
from survey_tui.serve.page import busy_html, index_html
from survey_tui.serve.server import origin_of
from survey_tui.store import Store


def test_refuses_non_loopback_without_public(tmp_path):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "s.db"), "serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "refusing to serve on 0.0.0.0" in result.output


def test_unknown_round_is_an_error(remote_db):
    result = CliRunner().invoke(cli, ["--db", str(remote_db), "serve", "--round", "nope"])
    assert result.exit_code == 1 and "no round named 'nope'" in result.output


def test_loopback_detection():
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1") and is_loopback("127.1.2.3")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.1") and not is_loopback("example.org")


def test_answer_command_quotes_paths():
    argv = shlex.split(answer_command("/srv/my survey/s.db", "r1", "fi"))
    assert argv[-7:] == ["--db", "/srv/my survey/s.db", "answer", "--round", "r1", "--lang", "fi"]


def test_page_template_has_no_third_party_fonts():
    folder = private_templates()
    text = (folder / "app_index.html").read_text()
    assert "googleapis" not in text and "RobotoMono-VariableFont_wght.ttf" in text
    assert "<title>{{ page_title }}</title>" in text


def test_answer_argv_is_a_list_for_exec_without_a_shell():
    argv = answer_argv("/srv/x; rm -rf ~/s.db", None, None)
    assert argv[-3:] == ["--db", "/srv/x; rm -rf ~/s.db", "answer"]


def test_page_title_is_the_questionnaire_title_sanitised_and_escaped():
    hostile = "Kysely \x1b[31m<script>alert(1)</script> & \u202eevil\n" + "x" * 300
    text = index_html(title=hostile, websocket_url="ws://127.0.0.1:8000/ws", static_url="http://127.0.0.1:8000/static/")
    [title] = re.findall(r"<title>(.*?)</title>", text, flags=re.S)
    assert title.startswith("Kysely &lt;script&gt;alert(1)&lt;/script&gt; &amp; evil x")
    assert "<script>alert" not in text and "\x1b" not in text and "\u202e" not in text
    assert len(html.unescape(title)) <= 120
    assert 'data-session-websocket-url="ws://127.0.0.1:8000/ws"' in text


def test_page_title_of_the_served_round(remote_db):
    with Store(remote_db) as store:
        assert page_title(store, ROUND, "en") == "Themes for developing cooperation between Kela and municipal social services"
        assert page_title(store, None, "en") == page_title(store, ROUND, "en")  # the only open round


def test_busy_page_in_both_languages_without_a_given_one():
    text = busy_html("A & B", None)
    assert "Kysely on ruuhkainen" in text and "The survey is busy" in text and "<title>A &amp; B</title>" in text


def test_log_lines_lose_addresses_and_ports():
    lines = [
        "Error handling request from 127.0.0.1:53117",
        "peer ('127.0.0.1', 53117) closed",
        "peer ('::1', 53117, 0, 0) closed",
        "[::1]:53117 went away",
        "::1: Client protocols ['x'] don't overlap",
        "192.0.2.44 port 53117",
        "fe80::1%eth0 and 2001:db8::8a2e:370:7334",
    ]
    for line in lines:
        out = scrub(line)
        assert "127.0.0.1" not in out and "::1" not in out and "53117" not in out, out
        assert "192.0.2.44" not in out and "2001:db8" not in out and "fe80" not in out, out
    assert scrub("session ended (closed, app exit status 143); 2 open") == "session ended (closed, app exit status 143); 2 open"


def test_origin_of_normalises():
    assert origin_of("https://Survey.Example.org/path?q") == "https://survey.example.org"
    assert origin_of("https://survey.example.org:443") == "https://survey.example.org"
    assert origin_of("http://[::1]:8000") == "http://[::1]:8000"


def test_flags_are_validated(tmp_path):
    db = str(tmp_path / "s.db")
    for args in (["--max-sessions", "0"], ["--idle-timeout", "-1"], ["--public-url", "survey.example.org"]):
        result = CliRunner().invoke(cli, ["--db", db, "serve", *args])
        assert result.exit_code == 2, (args, result.output)
