"""The README's coordinator walk-through, run command by command on a fresh database.

Every `survey-tui` line of the walk-through's shell blocks runs, in order, exactly as
written, with three documented substitutions: the example mail server becomes a real
SMTP server on this machine (aiosmtpd), the example answer handle becomes one that the
preceding `tag ... list` printed, and the files the commands read are written first.
The one edit the README asks for by hand, the contact details in place of the copied
questionnaire's [placeholders], is made right after `questionnaire new` writes the copy.
A command that fails, or a README edit that breaks one, fails this test.
"""

from __future__ import annotations

import json
import re
import shlex
import socket
import threading
from email import message_from_bytes
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner

from survey_tui.cli.main import cli
from survey_tui.questionnaire import find_placeholders, load_file

README = Path(__file__).resolve().parent.parent / "README.md"
HANDLE_IN_README = "3f9a12bc:q1a"


def walkthrough_commands() -> list[list[str]]:
    text = README.read_text("utf-8")
    section = text[text.index("## Coordinator walk-through"):text.index("## Respondents elsewhere")]
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", section, re.S):
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            if words and words[0] == "survey-tui":
                commands.append(words[1:])
    return commands


class Inbox:
    def __init__(self):
        self.lock, self.messages = threading.Lock(), []

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def smtp():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, f"127.0.0.1:{port}"
    controller.stop()


def write_inputs(folder: Path) -> None:
    """The files the walk-through's commands read."""
    (folder / "recipients.txt").write_text("Oulu\nTurku\nEspoo\n", encoding="utf-8")
    (folder / "recipients.csv").write_text(
        "label,email,language\nKuopio,kuopio@example.org,fi\nVaasa,vaasa@example.org,sv\nPori,pori@example.org,en\n",
        encoding="utf-8")
    items = ["tiedottaminen", "tunteminen", "kanavat", "henkilot", "ymmarrys"]
    forms = [{"language": "fi", "answers": {"q1a": f"Yhteiset koulutuspäivät ja pikaviestin {i}"},
              "ranking": items[i % 5:] + items[:i % 5]} for i in range(7)]
    (folder / "paper-forms.jsonl").write_text("".join(json.dumps(f, ensure_ascii=False) + "\n" for f in forms),
                                              encoding="utf-8")


def test_the_readme_walkthrough_runs_as_written(tmp_path, monkeypatch, smtp):
    inbox, hostport = smtp
    write_inputs(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SURVEY_TUI_DB", str(tmp_path / "survey.db"))
    commands = walkthrough_commands()
    assert len(commands) >= 25 and ["round", "close", "spring-2026", "--yes"] in commands
    runner = CliRunner()
    handle = None
    for words in commands:
        args = list(words)
        if "--smtp" in args:  # the example server -> a real one here, without TLS
            args[args.index("--smtp") + 1] = hostport
            args += ["--smtp-security", "none"]
        if HANDLE_IN_README in args:
            assert handle, "the README tags an answer before listing the answers"
            args[args.index(HANDLE_IN_README)] = handle
        result = runner.invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, f"survey-tui {shlex.join(words)}\n{result.output}"
        if args[:2] == ["questionnaire", "new"]:  # "edit my-survey.yaml: put your contact details ..."
            copy = Path(args[2])
            text = copy.read_text("utf-8")
            for _, placeholder in find_placeholders(load_file(copy)):
                text = text.replace(placeholder, "Liisa Virtanen, liisa.virtanen@example.org")
            copy.write_text(text, "utf-8")
        if args[:1] == ["tag"] and "list" in args:
            handle = re.search(r"^([0-9a-f]{8,}:q1a)", result.output, re.M)[1]
    assert len(inbox.messages) >= 3  # the invitations (and the reminders) reached a mail server
    assert (tmp_path / "results" / "spring-2026" / "spring-2026.xlsx").exists()
    assert (tmp_path / "results" / "spring-2026" / "responses.csv").exists()
