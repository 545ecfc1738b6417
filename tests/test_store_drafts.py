from __future__ import annotations

from survey_tui.store import Store


def test_drafts_expire_with_their_round(tmp_path, kela):
    import datetime as dt

    with Store(tmp_path / "d.db") as s:
        past = dt.date.today() - dt.timedelta(days=1)
        s.create_round("old", kela, state="open", closes=past)
        s.create_round("live", kela, state="open")
        s.save_draft("old", "AAAA-BBBB-CCCC", {"answers": {"q1a": "kesken"}})
        s.save_draft("live", "DDDD-EEEE-FFFF", {"answers": {"q1a": "kesken"}})
        s.create_round("next", kela)  # any coordinator action purges expired drafts
        assert s.count_drafts("old") == 0 and s.count_drafts("live") == 1
        s.save_draft("live", "DDDD-EEEE-FFFF", {"answers": {"q1a": "kesken 2"}})
        s.set_state("live", "closed")
        assert s.count_drafts("live") == 0
