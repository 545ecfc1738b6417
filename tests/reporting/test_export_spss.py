"""`export --format sav`: an SPSS file whose labels and values read back right."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from survey_tui.cli.main import cli

pyreadstat = pytest.importorskip("pyreadstat", reason="the 'spss' extra (pyreadstat) is not installed")


def test_sav_has_labels_values_and_finnish_text(tmp_path, kela):
    from survey_tui.store import Store

    items = [item.id for item in kela.ranking.items]
    db = tmp_path / "s.db"
    with Store(db) as store:
        store.create_round("kevat-2026", kela, state="open", min_group=3)
        store.import_responses("kevat-2026", [
            {"language": "fi", "answers": {"q1a": "Yhteiset tietoiskut ja työnkierto, ääkköset: åäö"}, "ranking": items},
            {"language": "fi", "answers": {"q1a": "Nimetyt yhteyshenkilöt"}, "ranking": items[::-1]},
            {"language": "fi", "answers": {}, "ranking": items[1:] + items[:1]},
        ])
        store.set_state("kevat-2026", "closed")
    out = CliRunner().invoke(cli, ["--db", str(db), "export", "kevat-2026", "--format", "sav", "--out", str(tmp_path)])
    assert out.exit_code == 0, out.output
    frame, meta = pyreadstat.read_sav(str(tmp_path / "responses.sav"))
    assert len(frame) == 3
    assert set(frame["q1a"]) == {"Yhteiset tietoiskut ja työnkierto, ääkköset: åäö", "Nimetyt yhteyshenkilöt", ""}
    labels = dict(zip(meta.column_names, meta.column_labels))
    assert kela.text(kela.question("q1a").prompt, "fi")[:30] in labels["q1a"]
    first_title = kela.text(kela.ranking.items[0].title, "fi")
    assert meta.variable_value_labels["rank_1"][1.0] == first_title
    # rank_1 is the item number put first; pos_<item> where each item went: the same ranking both ways
    for _, row in frame.iterrows():
        order = [items[int(row[f"rank_{p}"]) - 1] for p in range(1, 6)]
        assert [int(row[f"pos_{item}"]) for item in items] == [order.index(item) + 1 for item in items]
    again = CliRunner().invoke(cli, ["--db", str(db), "export", "kevat-2026", "--format", "sav", "--out", str(tmp_path)])
    assert again.exit_code == 2 and "--force" in again.output
