"""`survey-tui serve` option checks that need no browser."""

from __future__ import annotations

import shlex

from click.testing import CliRunner

from survey_tui.cli.main import cli
from survey_tui.cli.serve_cmd import answer_command, is_loopback, private_templates


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
