"""Keywords: lemmatisation, stop words, document frequency, ordering, round shift."""

from __future__ import annotations

import subprocess
import sys

from survey_tui.analysis.keywords import keyword_shift, keywords, lemmas, stop_words

THESIS_LIKE = "Yhteistyöpalaverit ja yhteiset koulutukset auttaisivat. Koulutuksia tarvitaan lisää."


def test_finnish_lemmas_counted_once_per_answer():
    # "koulutukset" and "Koulutuksia" both lemmatise to "koulutus": one answer, one count.
    words = dict(keywords([THESIS_LIKE], "fi", top=0, min_count=1))
    assert words["koulutus"] == 1
    assert words["yhteistyöpalaveri"] == 1
    assert words["yhteinen"] == 1
    assert "ja" not in words and "lisää" not in words and "lisä" not in words


def test_finnish_counts_across_answers_sorted_by_count_then_word():
    texts = [
        THESIS_LIKE,
        "Koulutus on hyvä, esim. yhteiset palaverit 2 kertaa vuodessa.",
        "Esimerkiksi yhteistyöpalaverit! Että olisi myös sekä se, joka kun voisi.",
        "",
        "   ",
    ]
    # koulutus: answers 1, 2 -> 2; yhteinen: 1, 2 -> 2; yhteistyöpalaveri: 1, 3 -> 2; the rest once
    assert keywords(texts, "fi") == [("koulutus", 2), ("yhteinen", 2), ("yhteistyöpalaveri", 2)]
    assert keywords(texts, "fi", top=2) == [("koulutus", 2), ("yhteinen", 2)]
    everything = dict(keywords(texts, "fi", top=0, min_count=1))
    for stop in ("esim", "esimerkiksi", "että", "olla", "myös", "sekä", "joka", "kun", "voida", "se", "on"):
        assert stop not in everything
    assert "2" not in everything  # pure number dropped


def test_english_lemmas_and_stop_words():
    texts = [
        "More joint sessions would help.",
        "Regular sessions with the municipality would help a lot.",
        "The session notes were useful, and they should be shared.",
    ]
    result = keywords(texts, "en", top=0, min_count=1)
    counts = dict(result)
    assert counts["session"] == 3
    assert counts["help"] == 2
    for stop in ("the", "and", "would", "with", "they", "should", "more", "be", "a"):
        assert stop not in counts
    assert result[0] == ("session", 3) and result[1] == ("help", 2)


def test_finnish_written_under_an_english_interface_is_still_lemmatised():
    # The response language is the interface language; many write Finnish under English.
    fi = dict(keywords(["Asiakkaan asiat ja yhteiset kanavat"], "fi", top=0, min_count=1))
    en = dict(keywords(["Asiakkaan asiat ja yhteiset kanavat"], "en", top=0, min_count=1))
    assert en == fi and {"asiakas", "kanava", "yhteinen"} <= set(en)
    assert "ja" not in en  # Finnish stop words apply too
    mixed = keywords(["Asiakkaan kanavat", "asiakas meetings"], "en", top=0, min_count=1)
    assert dict(mixed)["asiakas"] == 2 and dict(mixed)["meeting"] == 1


def test_other_languages_are_only_lowercased():
    assert keywords(["Mehr Schulungen. SCHULUNGEN", "schulungen 2021 ab"], "de") == [("schulungen", 2)]


def test_short_tokens_numbers_and_punctuation_dropped():
    assert lemmas("ok 42 2021 ... -- ab yö", "fi") == set()


def test_min_count_and_determinism():
    texts = ["alpha beta", "beta gamma", "gamma delta", "beta"]
    assert keywords(texts, "xx") == [("beta", 3), ("gamma", 2)]
    assert keywords(list(reversed(texts)), "xx") == [("beta", 3), ("gamma", 2)]
    assert keywords(texts, "xx", min_count=3) == [("beta", 3)]


def test_stop_word_lists_are_shipped_and_compact():
    fi, en = stop_words("fi"), stop_words("en")
    assert 150 <= len(fi) <= 300 and 150 <= len(en) <= 300
    assert {"ja", "että", "on", "ei", "olla", "voida", "se", "joka", "kun", "myös", "sekä", "esim", "esimerkiksi"} <= fi
    assert {"the", "and", "with"} <= en
    assert stop_words("xx") == frozenset()


def test_keyword_shift():
    old = [("koulutus", 6), ("palaveri", 4), ("tiedote", 2)]
    new = [("palaveri", 5), ("chat", 3), ("koulutus", 2)]
    shift = keyword_shift(old, new, n_old=10, n_new=20)
    assert shift == {
        "appeared": [["chat", 3]],
        "faded": [["tiedote", 2]],
        # palaveri 4/10 -> 5/20, koulutus 6/10 -> 2/20
        "common": [["palaveri", 0.4, 0.25], ["koulutus", 0.6, 0.1]],
    }
    assert keyword_shift(old, new, 0, 20)["common"][0] == ["palaveri", None, 0.25]


def test_analysis_imports_no_simplemma_store_sql_or_interface():
    code = (
        "import sys, survey_tui.analysis, survey_tui.analysis.keywords\n"
        "bad = ('simplemma', 'survey_tui.store', 'sqlite3', 'sqlite_utils', 'textual', 'click', 'questionary')\n"
        "print([m for m in bad if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
