"""Fixtures of the closed-kinds tests: a CLI on a temporary database, a round of the
questionnaire of every kind (kinds_data)."""

from __future__ import annotations

import pytest
import yaml
from click.testing import CliRunner

from kinds_data import kinds_data
from survey_tui.cli.main import cli


@pytest.fixture
def run(tmp_path):
    db = tmp_path / "k.db"
    runner = CliRunner()

    def invoke(*args, ok=True):
        result = runner.invoke(cli, ["--db", str(db), *map(str, args)])
        assert "Traceback" not in result.output
        if ok:
            assert result.exit_code == 0, result.output
        return result

    invoke.db = db
    return invoke


@pytest.fixture
def kinds_round(run, tmp_path):
    path = tmp_path / "kinds.yaml"
    path.write_text(yaml.safe_dump(kinds_data(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    run("questionnaire", "validate", path)
    run("round", "new", "k", "--questionnaire", path, "--open", "--min-group", "3")
    return "k"
