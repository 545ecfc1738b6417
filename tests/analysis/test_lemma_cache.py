"""The lemma memo and the stream index on disk: rebuilt when simplemma changes, never stale."""

from __future__ import annotations

import json
import sys

import pytest
import simplemma

from survey_tui.analysis import lemmatizer
from survey_tui.analysis.keywords import count_keywords

keywords = sys.modules["survey_tui.analysis.keywords"]  # the package exports a function of that name

WORDS = ["koulutukset", "yhteistyöpalaverit", "auttaisivat", "yhteyshenkilöt", "asiakkaan", "palveluissa",
         "sosiaalitoimistoon", "meetings", "trainings", "helped"]
TEXTS = [("Koulutukset auttaisivat, yhteyshenkilöt myös.", "fi"), ("koulutukset ja asiakkaan palveluissa", "fi"),
         ("Better trainings and meetings helped", "en"), ("asiakkaan yhteyshenkilöt, trainings", "en")]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SURVEY_TUI_CACHE", str(tmp_path))

    def fresh():  # as a new process: nothing loaded
        lemmatizer.reset()
        keywords._RESOLVED.clear()
        keywords._CHUNKS.clear()
        keywords._MULTI.clear()

    fresh()
    yield tmp_path / "simplemma", fresh
    fresh()


def reference(word: str) -> str:
    return simplemma.lemmatize(word, lang=("fi", "en"))


def test_memo_is_written_and_used(cache):
    folder, fresh = cache
    expected = count_keywords(TEXTS, top=None, min_count=1)
    assert [lemmatizer.lemmatize(w, ("fi", "en")) for w in WORDS] == [reference(w) for w in WORDS]
    lemmatizer.save_memo()
    saved = json.loads((folder / "lemmas.json").read_text("utf-8"))
    from simplemma.__metadata__ import __version__

    assert saved["stamp"]["simplemma"] == __version__
    assert saved["lemmas"]["fi+en"]["koulutukset"] == "koulutus"
    fresh()
    # a warm run answers from the memo without opening simplemma's dictionaries
    lemmatizer._lemmatizer = None  # type: ignore[assignment] - any use would fail
    try:
        assert count_keywords(TEXTS, top=None, min_count=1) == expected
    finally:
        del lemmatizer._lemmatizer
        import importlib

        importlib.reload(lemmatizer)


def _poison(folder, stamp):
    (folder / "lemmas.json").write_text(json.dumps(
        {"format": lemmatizer.MEMO_FORMAT, "stamp": stamp,
         "lemmas": {"fi+en": {w: "VÄÄRÄ" for w in WORDS}, "fi": {"koulutukset": "VÄÄRÄ"},
                    "en+fi": {w: "wrong" for w in WORDS}}}), "utf-8")


def test_memo_of_another_simplemma_version_is_discarded(cache):
    folder, fresh = cache
    expected = count_keywords(TEXTS, top=None, min_count=1)
    lemmatizer.save_memo()
    fresh()
    good = json.loads((folder / "lemmas.json").read_text("utf-8"))["stamp"]
    _poison(folder, dict(good, simplemma="1.1.2"))  # written by an older simplemma
    assert count_keywords(TEXTS, top=None, min_count=1) == expected
    assert "VÄÄRÄ" not in dict(expected)
    lemmatizer.save_memo()
    assert json.loads((folder / "lemmas.json").read_text("utf-8"))["stamp"] == good  # rebuilt


def test_memo_after_simplemma_upgrade_is_discarded(cache, monkeypatch):
    """The memo records the version it was made with; a run under another version starts over."""
    folder, fresh = cache
    count_keywords(TEXTS, top=None, min_count=1)
    lemmatizer.save_memo()
    good = json.loads((folder / "lemmas.json").read_text("utf-8"))["stamp"]
    _poison(folder, good)
    fresh()
    lemmatizer.simplemma_version.cache_clear()
    monkeypatch.setattr("importlib.metadata.version", lambda name: "99.0.0")
    assert lemmatizer.simplemma_version() == "99.0.0"
    assert lemmatizer.lemmatize("koulutukset", ("fi", "en")) == "koulutus"


def test_memo_for_a_changed_dictionary_file_is_discarded(cache):
    folder, fresh = cache
    lemmatizer.lemmatize("koulutukset", ("fi", "en"))
    lemmatizer.save_memo()
    good = json.loads((folder / "lemmas.json").read_text("utf-8"))["stamp"]
    changed = dict(good, data=[[lang, size, "0" * 64] for lang, size, _hash in good["data"]])
    _poison(folder, changed)
    fresh()
    assert lemmatizer.lemmatize("koulutukset", ("fi", "en")) == "koulutus"


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"format": 1}', b"\x00\xff" * 50])
def test_damaged_memo_is_ignored(cache, damage):
    folder, fresh = cache
    folder.mkdir(parents=True)
    (folder / "lemmas.json").write_bytes(damage)
    assert [lemmatizer.lemmatize(w, ("fi", "en")) for w in WORDS] == [reference(w) for w in WORDS]


def test_built_index_is_simplemmas_own(cache, monkeypatch, tmp_path):
    """Without a shipped index for this simplemma, one is built (once) and gives the same lemmas."""
    from simplemma.strategies.dictionaries.stream_dictionary_factory import StreamMap

    folder, fresh = cache
    monkeypatch.setattr(lemmatizer, "SHIPPED", tmp_path / "nothing-shipped")
    smap = lemmatizer._stream_map("en")
    theirs = StreamMap("en")
    step = 32 // lemmatizer._BLOCK  # simplemma restarts every 32 records, we every _BLOCK
    assert smap._firsts[::step] == theirs._firsts and smap._index.blocks()[::step] == theirs._blocks
    assert [smap.get(w) for w in WORDS + ["zzzz", "a"]] == [theirs.get(w) for w in WORDS + ["zzzz", "a"]]
    assert (folder / "index-en.bin").exists()
    # a damaged or foreign cached index is rebuilt
    (folder / "index-en.bin").write_bytes(b"garbage")
    assert lemmatizer._stream_map("en")._index.blocks()[::step] == theirs._blocks
    stamp = lemmatizer.index_stamp("en", theirs._count)
    foreign = lemmatizer.encode_index(dict(stamp, simplemma="0.1"), [b"a"], [(0, b"", b"")])
    (folder / "index-en.bin").write_bytes(foreign)
    assert lemmatizer._stream_map("en")._index.blocks()[::step] == theirs._blocks
    assert lemmatizer.decode_index((folder / "index-en.bin").read_bytes(), stamp) is not None


def test_shipped_index_matches_the_installed_simplemma():
    """The package's index is the one simplemma's StreamMap would build (else a run builds it)."""
    from simplemma.strategies.dictionaries.stream_dictionary_factory import StreamMap

    for lang in ("fi", "en"):
        theirs = StreamMap(lang)
        shipped = lemmatizer.decode_index((lemmatizer.SHIPPED / f"index-{lang}.bin").read_bytes(),
                                          lemmatizer.index_stamp(lang, theirs._count))
        assert shipped is not None, f"{lang}: run survey_tui.analysis.lemmatizer.ship_index({lang!r})"
        step = 32 // lemmatizer._BLOCK
        assert shipped.firsts[::step] == theirs._firsts and shipped.blocks()[::step] == theirs._blocks
