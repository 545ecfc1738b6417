from __future__ import annotations

import subprocess
import sys

import simplemma

from survey_tui.analysis.lemmatizer import lemmatize

WORDS = {
    "fi": ["koulutukset", "yhteistyöpalaverit", "auttaisivat", "tarvitaan", "yhteyshenkilöt", "asiakkaan"],
    "en": ["meetings", "trainings", "helped", "contacts", "better"],
}


def test_same_lemmas_as_simplemma_default():
    for lang, words in WORDS.items():
        for word in words:
            assert lemmatize(word, lang) == simplemma.lemmatize(word, lang=lang)


def _lemmatise_in_fresh_process(cache, words=("koulutukset",)) -> tuple[float, float]:
    code = (
        "import sys, time\n"
        "t = time.perf_counter()\n"
        "from survey_tui.analysis.lemmatizer import lemmatize\n"
        "assert lemmatize('koulutukset', 'fi') == 'koulutus'\n"
        "[lemmatize(w, ('fi', 'en')) for w in sys.argv[1:]]\n"
        # VmHWM, not ru_maxrss: the latter survives exec and would count the parent's pages.
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
        "print(time.perf_counter() - t, int(hwm) / 1024)\n"
    )
    env = {"SURVEY_TUI_CACHE": str(cache), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code, *words], env=env, check=True, capture_output=True, text=True)
    seconds, peak_mb = map(float, out.stdout.split())
    return seconds, peak_mb


def test_first_run_on_a_fresh_machine_is_small_and_fast(tmp_path):
    """No whole-language index is built at run time: an empty cache costs a decompression."""
    seconds, peak_mb = _lemmatise_in_fresh_process(tmp_path / "empty")
    assert peak_mb < 150, peak_mb
    assert seconds < 2.0, seconds
    assert (tmp_path / "empty" / "simplemma" / "lemmas.json").exists()  # the memo of what it looked up
    assert not list(tmp_path.rglob("*.dic"))  # no MARISA trie


def test_unwritable_cache_folder_costs_the_same(tmp_path):
    cache = tmp_path / "not-a-folder"  # a file: nothing can be written under it (even as root)
    cache.write_text("")
    seconds, peak_mb = _lemmatise_in_fresh_process(cache)
    assert peak_mb < 150, peak_mb
    assert seconds < 2.0, seconds
    assert cache.read_text() == ""
