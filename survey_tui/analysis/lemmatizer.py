"""simplemma lemmatisation behind a low-memory dictionary.

simplemma's default dictionary factory unpickles the whole Finnish dictionary into a
Python dict: about 2 s and 400 MB in every process that makes a report. simplemma's own
MARISA-trie factory builds a trie once per machine (into the user cache) and then loads
it in tens of milliseconds at a tenth of the memory, with the same lemmas. Where
marisa-trie is missing, the stream factory still keeps memory low without a cache.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path


def cache_dir() -> Path:
    override = os.environ.get("SURVEY_TUI_CACHE")
    if override:
        return Path(override) / "simplemma"
    from platformdirs import user_cache_dir

    from simplemma.__metadata__ import __version__

    return Path(user_cache_dir("survey-tui", appauthor=False)) / f"simplemma-{__version__}"


@lru_cache(maxsize=1)
def _lemmatizer():
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy

    try:
        from simplemma.strategies.dictionaries.trie_dictionary_factory import TrieDictionaryFactory

        factory = TrieDictionaryFactory(disk_cache_dir=str(cache_dir()))
    except ImportError:
        from simplemma.strategies.dictionaries.stream_dictionary_factory import StreamDictionaryFactory

        factory = StreamDictionaryFactory()
    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=factory))


def lemmatize(token: str, lang: str | tuple[str, ...]) -> str:
    return _lemmatizer().lemmatize(token, lang=lang)
