"""The export use case: one rule for the CLI and the dashboard on formats and earlier files."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from services_data import answered

from survey_tui.cli.main import cli
from survey_tui.errors import InvalidInput
from survey_tui.services import exports


@pytest.fixture
def closed(store, kela):
    store.create_round("r", kela, state="open", min_group=3)
    answered(store, "r", 4, kela)
    store.set_state("r", "closed")
    return "r"


@pytest.mark.parametrize("fmt, name", [("csv", "responses.csv"), ("excel", "excel/responses.csv"),
                                       ("xlsx", "r.xlsx"), ("jsonl", "responses.jsonl")])
def test_each_format_writes_its_own_files_and_keeps_them(store, closed, tmp_path, fmt, name):
    folder = exports.default_folder(fmt, closed, tmp_path)
    result = exports.export(store, closed, fmt, folder)
    assert result.n == 4
    written = tmp_path / closed / name
    assert written.exists()
    before = written.read_bytes()
    with pytest.raises(exports.ExportExists) as refused:
        exports.export(store, closed, fmt, folder)
    assert written in refused.value.existing and "an earlier export" in str(refused.value)
    assert written.read_bytes() == before
    exports.export(store, closed, fmt, folder, force=True)  # replaced when asked
    assert written.exists()


def test_jsonl_has_every_response(store, closed, tmp_path):
    exports.export(store, closed, "jsonl", tmp_path)
    lines = (tmp_path / "responses.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == 4 and all(json.loads(line)["answers"]["q1a"].startswith("vastaus") for line in lines)


def test_bad_choices_are_refused_before_any_file(store, closed, tmp_path):
    out = tmp_path / "out"
    with pytest.raises(InvalidInput, match="only with the csv format"):
        exports.export(store, closed, "xlsx", out, charts=True)
    with pytest.raises(InvalidInput, match="unknown export format 'pdf'"):
        exports.export(store, closed, "pdf", out)
    assert not out.exists()


def test_the_cli_refuses_the_same_files_with_its_own_words(store, closed, tmp_path):
    exports.export(store, closed, "csv", tmp_path / "out")
    result = CliRunner().invoke(cli, ["--db", str(store.path), "export", closed, "--out", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert "add --force to replace" in result.output
