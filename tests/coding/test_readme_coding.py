"""The README's "Coding answers" commands, run in order on a round shaped like the thesis.

Substitutions: the round is made first (the thesis's eleven answers, closed and released),
and the example handle 3f9a12bc:q3 becomes the handle of a real q3 answer."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from click.testing import CliRunner

from survey_tui.cli.main import cli
from survey_tui.store import Store

from coding_data import handles, thesis_round

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_coding_commands_run(tmp_path, kela):
    db = tmp_path / "s.db"
    with Store(db) as store:
        thesis_round(store, kela, "spring-2026")
        handle = handles(store, "spring-2026", "q3")["Teams-pikaviestin olisi nopein kanava."]
    text = README.read_text("utf-8")
    start = text.index("## Coding answers")
    section = text[start:text.index("\n## ", start + 1)]
    (block,) = re.findall(r"```sh\n(.*?)```", section, re.S)
    commands = [shlex.split(line.replace("3f9a12bc:q3", handle), comments=True) for line in block.splitlines()]
    commands = [c for c in commands if c]
    assert len(commands) >= 15
    runner = CliRunner()
    outputs = []
    for words in commands:
        assert words[0] == "survey-tui"
        result = runner.invoke(cli, ["--db", str(db), *words[1:]])
        assert result.exit_code == 0, (words, result.output)
        outputs.append(result.output)
    joined = "\n".join(outputs)
    assert "suggestions, not codes" in joined and "Krippendorff" in joined and "Yhteinen Teams-kanava" in joined
