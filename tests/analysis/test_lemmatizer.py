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


def test_cached_dictionary_loads_small_and_fast(tmp_path):
    """After the one-time build, a process lemmatises Finnish without the 400 MB dict."""
    code = (
        "import time\n"
        "t = time.perf_counter()\n"
        "from survey_tui.analysis.lemmatizer import lemmatize\n"
        "assert lemmatize('koulutukset', 'fi') == 'koulutus'\n"
        # VmHWM, not ru_maxrss: the latter survives exec and would count the parent's pages.
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
        "print(time.perf_counter() - t, int(hwm) / 1024)\n"
    )
    env = {"SURVEY_TUI_CACHE": str(tmp_path), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)  # builds the cache
    assert any(tmp_path.rglob("fi.dic"))
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True)
    seconds, peak_mb = map(float, out.stdout.split())
    assert peak_mb < 150, peak_mb
    assert seconds < 2.0, seconds
