"""survey_tui.draft_seal: a draft opens only with its resume code, and start-up stays light."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from survey_tui import draft_seal
from survey_tui.draft_seal import seal, unseal
from survey_tui.store import new_token, normalize_code

DRAFT = '{"answers": {"q1a": "Esimiehen kanssa on vaikea puhua, äöå"}}'.encode()


def test_round_trip():
    token = new_token()
    assert unseal(token, seal(token, DRAFT)) == DRAFT
    assert unseal(token, seal(token, b"")) == b""


def test_the_code_is_read_as_the_store_reads_it():
    token = new_token()
    typed = token.lower().replace("-", " ")
    assert normalize_code(typed) == normalize_code(token)
    assert unseal(typed, seal(token, DRAFT)) == DRAFT


def test_wrong_code_fails():
    token, other = new_token(), new_token()
    blob = seal(token, DRAFT)
    with pytest.raises(ValueError):
        unseal(other, blob)
    # One character off.
    last = token[-1]
    with pytest.raises(ValueError):
        unseal(token[:-1] + ("A" if last != "A" else "B"), blob)


@pytest.mark.parametrize("where", ["version", "salt", "nonce", "ciphertext", "tag"])
def test_any_changed_byte_fails(where):
    token = new_token()
    blob = bytearray(seal(token, DRAFT))
    index = {"version": 0, "salt": 5, "nonce": 20, "ciphertext": 40, "tag": len(blob) - 1}[where]
    blob[index] ^= 0x01
    with pytest.raises(ValueError):
        unseal(token, bytes(blob))


@pytest.mark.parametrize("blob", [b"", b"\x01", bytes(44), b"\x01" + bytes(43)])
def test_short_or_foreign_blobs_fail_with_value_error(blob):
    with pytest.raises(ValueError):
        unseal("ABCD-EFGH-JKLM", blob)


def test_cut_or_extended_blob_fails():
    token = new_token()
    blob = seal(token, DRAFT)
    for changed in (blob[:-1], blob + b"\x00", blob[:29] + blob[30:]):
        with pytest.raises(ValueError):
            unseal(token, changed)


def test_blob_does_not_contain_the_plaintext_or_the_code():
    token = new_token()
    blob = seal(token, DRAFT)
    assert DRAFT not in blob
    assert b"Esimiehen" not in blob and "äöå".encode() not in blob
    assert normalize_code(token).encode() not in blob and token.encode() not in blob
    assert blob[0] == draft_seal.VERSION
    assert len(blob) == 1 + 16 + 12 + len(DRAFT) + 16


def test_each_seal_has_its_own_salt_and_nonce():
    token = new_token()
    a, b = seal(token, DRAFT), seal(token, DRAFT)
    assert a[1:17] != b[1:17] and a[17:29] != b[17:29] and a[29:] != b[29:]


def test_empty_code_is_refused():
    with pytest.raises(ValueError):
        seal("--", DRAFT)


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_importing_the_seal_or_the_respondent_app_loads_no_cryptography():
    loaded = _modules_after(
        "import sys, survey_tui.draft_seal, survey_tui.cli.main, survey_tui.cli.answer_cmd\n"
        "import survey_tui.tui.respondent.app, survey_tui.tui.respondent.welcome\n"
        "print(' '.join(m for m in sys.modules if m.split('.')[0] == 'cryptography'))"
    )
    assert loaded == set()


def test_respondent_start_up_loads_no_cryptography(store, open_round, tmp_path):
    """The welcome page shown for real (no draft touched yet): cryptography stays unloaded."""
    code = textwrap.dedent(
        f"""
        import asyncio, sys
        from survey_tui.store import Store
        from survey_tui.tui.respondent.app import make_app

        async def main():
            app = make_app(Store({str(tmp_path / "survey.db")!r}), "r1", lang="fi")
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert app.page == "welcome", app.page

        asyncio.run(main())
        print(' '.join(m for m in sys.modules if m.split('.')[0] == 'cryptography'))
        """
    )
    assert _modules_after(code) == set()


def test_answer_help_imports_no_cryptography():
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "survey_tui", "answer", "--help"],
        capture_output=True, text=True, check=True,
    )
    imported = [line.rsplit("|", 1)[-1].strip() for line in out.stderr.splitlines() if "|" in line]
    assert "survey_tui.cli.answer_cmd" in imported or "--resume" in out.stdout
    assert not [m for m in imported if m.split(".")[0] == "cryptography"]
