from __future__ import annotations

from survey_tui.store import Store, normalize_code


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


def test_a_draft_is_unreadable_without_its_resume_code(tmp_path, kela):
    from survey_tui.store import Store, new_token

    path = tmp_path / "d.db"
    token = new_token()
    with Store(path) as s:
        s.create_round("d", kela, state="open")
        s.save_draft("d", token, {"answers": {"q1a": "LUONNOKSEN-SALAISUUS ja ääkköset"}})
        assert s.load_draft("d", token)["answers"]["q1a"].startswith("LUONNOKSEN-SALAISUUS")
        assert s.load_draft("d", new_token()) is None
        assert s.draft_round(token) == "d"
    raw = path.read_bytes()
    assert b"LUONNOKSEN" not in raw and "ääkköset".encode() not in raw
    assert normalize_code(token).encode() not in raw  # nor the code itself


def test_a_plain_draft_of_an_earlier_version_resumes_and_is_sealed_on_save(tmp_path, kela):
    import json

    from survey_tui.store import Store, _token_hash, new_token

    path = tmp_path / "old.db"
    token = new_token()
    with Store(path) as s:
        s.create_round("d", kela, state="open")
        s.conn.execute("INSERT INTO drafts (token_hash, round, data) VALUES (?,?,?)",
                       (_token_hash(token), "d", json.dumps({"answers": {"q1a": "VANHA-LUONNOS"}})))
        s.conn.commit()
        assert s.load_draft("d", token) == {"answers": {"q1a": "VANHA-LUONNOS"}}
        s.save_draft("d", token, {"answers": {"q1a": "VANHA-LUONNOS"}})
        assert s.count_drafts("d") == 1
        assert s.delete_draft("d", token) and s.count_drafts("d") == 0
    assert b"VANHA-LUONNOS" not in path.read_bytes()
