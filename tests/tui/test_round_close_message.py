"""`round close` counts responses in words that agree with the number."""

from __future__ import annotations

from click.testing import CliRunner

from survey_tui.cli.main import cli


def _close(store, kela, submitted: int) -> str:
    store.create_round("r1", kela, state="open")
    order = [item.id for item in kela.ranking.items]
    for _ in range(submitted):
        store.submit("r1", {}, order, "fi", None)
    result = CliRunner().invoke(cli, ["--db", str(store.path), "round", "close", "r1", "--yes"])
    assert result.exit_code == 0, result.output
    return result.output


def test_one_response_is_singular(store, kela):
    assert "(1 response)." in _close(store, kela, 1)


def test_other_counts_are_plural(store, kela):
    assert "(0 responses)." in _close(store, kela, 0)
