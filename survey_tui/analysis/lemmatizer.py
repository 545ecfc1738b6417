"""simplemma lemmatisation that costs about what the tokens present cost, cold or warm.

Two layers, neither of which ever builds a whole-language index in memory:

- **Lemma memo** (`lemmas.json` in the cache folder): every token a report has lemmatised,
  with its lemma, per lookup-language order. A report on answers it has seen before reads
  this file and never opens simplemma's dictionaries. It is only a memo of simplemma's own
  answers: the file records simplemma's version and the size and mtime of every dictionary
  file it used, and any difference (an upgrade, a reinstalled data file, a damaged file)
  discards it, so a stale memo never gives a wrong lemma (tests/analysis/test_lemma_cache.py).
- **Stream dictionary**: tokens the memo lacks are looked up in simplemma's shipped
  front-coded stream (`StreamMap`, the same lemmas as simplemma's default dictionary): the
  stream is decompressed (~0.15 s for Finnish) and read through a sparse index of restart
  points (one per 16 of Finnish's 3.5 million forms; ~11 MB, 2.5 MB zlib-compressed). The
  index of the simplemma release this was made with ships in survey_tui/analysis/data
  (`ship_index`); for any other release it is built by one tight pass over the stream
  (~1.5 s) and kept in the cache folder beside the memo (validated the same way).

Both files are written under a temporary name and renamed. An unwritable or missing cache
folder only means nothing is kept: lemmas are the same, at the cost of the first run.
simplemma's MARISA-trie factory is not used: building its trie reads the whole dictionary
into a dict first (~5 s and ~740 MB on a fresh machine, every run with a read-only cache).
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import sys
import tempfile
import zlib
from array import array
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate, islice
from pathlib import Path

MEMO_FORMAT = 1
INDEX_FORMAT = 2
_BLOCK = 16  # records a lookup decodes at most (simplemma's StreamMap: 32)

_memo: dict[str, dict[str, str]] | None = None  # "fi+en" -> token -> lemma
_memo_dirty = False


def cache_dir() -> Path:
    override = os.environ.get("SURVEY_TUI_CACHE")
    if override:
        return Path(override) / "simplemma"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("survey-tui", appauthor=False)) / f"simplemma-{simplemma_version()}"


@lru_cache(maxsize=1)
def simplemma_version() -> str:
    """The installed simplemma's version, without importing simplemma (~0.1 s)."""
    try:
        from importlib.metadata import version

        return version("simplemma")
    except Exception:  # not installed as a distribution: ask the module
        from simplemma.__metadata__ import __version__

        return str(__version__)


def _data_file(lang: str) -> Path:
    """simplemma's shipped dictionary file for lang, found without importing simplemma."""
    import importlib.util

    spec = importlib.util.find_spec("simplemma")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("simplemma is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "strategies" / "dictionaries" / "data" / f"{lang}.plzma"


@lru_cache(maxsize=None)
def _stamp(lang: str) -> list:
    """What identifies the dictionary a cached result came from: its file's size and hash."""
    try:
        raw = _data_file(lang).read_bytes()
    except OSError:
        return [lang, None, None]
    return [lang, len(raw), hashlib.sha256(raw).hexdigest()]


def dictionary_stamp(langs) -> dict:
    """simplemma's version and the size and hash of each language's dictionary file."""
    return _stamps(langs)


def _stamps(langs) -> dict:
    return {"simplemma": simplemma_version(), "data": [_stamp(lang) for lang in sorted(langs)]}


def _write_atomic(path: Path, data: bytes) -> None:
    """Best effort: an unwritable cache is not an error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass


# ---------------------------------------------------------------- the stream dictionary


def _build_index(data: bytes, pos: int) -> tuple[list[bytes], list[tuple[int, bytes, bytes]]]:
    """Restart points every _BLOCK records, as simplemma's StreamMap builds them, faster.

    The same records as frontcode._iter_records, but values are only materialised at the
    restart points (where a following record may say "same value as before").
    """
    from simplemma.strategies.dictionaries.frontcode import _CORRUPT_STREAM_MSG, _read_varint

    firsts: list[bytes] = []
    blocks: list[tuple[int, bytes, bytes]] = []
    n = len(data)
    key = b""
    # the last record with a value of its own: its key, trim byte and value bytes' range
    vkey, vtrim, vstart, vend = b"", 255, 0, 0
    countdown = 0
    try:
        while pos < n:
            if not countdown:
                if vtrim == 255:
                    value = data[vstart:vend]
                else:
                    value = vkey[: len(vkey) - vtrim] + data[vstart:vend]
                start = pos
                countdown = _BLOCK
            else:
                start = -1
            countdown -= 1
            shared = data[pos]
            if shared < 0x80:
                pos += 1
            else:
                shared, pos = _read_varint(data, pos)
            suflen = data[pos]
            if suflen < 0x80:
                pos += 1
            else:
                suflen, pos = _read_varint(data, pos)
            prev = key
            key = prev[:shared] + data[pos : pos + suflen]
            pos += suflen
            if start >= 0:
                firsts.append(key)
                blocks.append((start, prev, value))
            trim = data[pos]
            pos += 1
            if trim != 254:
                vlen = data[pos]
                if vlen < 0x80:
                    pos += 1
                else:
                    vlen, pos = _read_varint(data, pos)
                vkey, vtrim, vstart, vend = key, trim, pos, pos + vlen
                pos += vlen
    except IndexError:
        raise ValueError(_CORRUPT_STREAM_MSG) from None
    if pos != n:
        raise ValueError(_CORRUPT_STREAM_MSG)
    return firsts, blocks


def _u32(values) -> bytes:
    arr = array("I", values)
    if sys.byteorder == "big":
        arr.byteswap()
    return arr.tobytes()


def _from_u32(raw: bytes) -> array:
    arr = array("I")
    arr.frombytes(raw)
    if sys.byteorder == "big":
        arr.byteswap()
    return arr


def encode_index(stamp: dict, firsts: list[bytes], blocks: list[tuple[int, bytes, bytes]], *,
                 compress: bool = True) -> bytes:
    """The index as bytes: a JSON stamp line, the block count, the blocks' offsets, the
    lengths of every block's (first key, seed key, seed value), then those bytes."""
    fields = [field for first, (_offset, key, value) in zip(firsts, blocks) for field in (first, key, value)]
    parts = [json.dumps(stamp, sort_keys=True).encode(), b"\n", _u32([len(blocks)]),
             _u32(offset for offset, _key, _value in blocks), _u32(map(len, fields)), *fields]
    payload = b"".join(parts)
    return zlib.compress(payload, 6) if compress else payload


class Index:
    """A decoded index: the blocks' first keys (for bisect) as a list, their resume seeds
    left in the decoded bytes (`seed(block)` slices one out), which keeps memory small."""

    __slots__ = ("firsts", "offsets", "data", "ends")

    def __init__(self, firsts, offsets, data, ends):
        self.firsts, self.offsets, self.data, self.ends = firsts, offsets, data, ends

    def seed(self, block: int) -> tuple[int, bytes, bytes]:
        ends, i = self.ends, 3 * block
        return self.offsets[block], self.data[ends[i + 1] : ends[i + 2]], self.data[ends[i + 2] : ends[i + 3]]

    def blocks(self) -> list[tuple[int, bytes, bytes]]:
        return [self.seed(block) for block in range(len(self.firsts))]


def decode_index(raw: bytes, stamp: dict, *, compressed: bool = True) -> Index | None:
    """The Index of encode_index's bytes if they carry `stamp`, else None."""
    data = zlib.decompress(raw) if compressed else raw
    head, _, _ = data.partition(b"\n")
    if json.loads(head) != json.loads(json.dumps(stamp, sort_keys=True)):
        return None
    pos = len(head) + 1
    (count,) = _from_u32(data[pos : pos + 4])
    pos += 4
    offsets = _from_u32(data[pos : pos + 4 * count])
    pos += 4 * count
    ends = array("Q", accumulate(_from_u32(data[pos : pos + 12 * count]), initial=pos + 12 * count))
    if len(offsets) != count or ends[-1] != len(data):
        return None
    firsts = [data[ends[i] : ends[i + 1]] for i in range(0, 3 * count, 3)]
    return Index(firsts, offsets, data, ends)


SHIPPED = Path(__file__).parent / "data"


def index_stamp(lang: str, count: int) -> dict:
    return {"format": INDEX_FORMAT, "block": _BLOCK, "count": count, **_stamps([lang])}


def _load_index(path: Path, stamp: dict):
    try:
        return decode_index(path.read_bytes(), stamp)
    except Exception:  # missing, unreadable, damaged: not this index
        return None


def _stream_map(lang: str):
    """simplemma's StreamMap for lang, with its index from the package or the cache folder.

    The index shipped in survey_tui/analysis/data serves the simplemma release it was made
    from (same version, same data file hash); any other release builds its own once into
    the cache folder.
    """
    from simplemma.strategies.dictionaries import frontcode
    from simplemma.strategies.dictionaries.dictionary_factory import _read_decompressed
    from simplemma.strategies.dictionaries.stream_dictionary_factory import StreamMap

    data = _read_decompressed(lang)
    rev, count, pos = frontcode._read_header(data)
    stamp = index_stamp(lang, count)
    name = f"index-{lang}.bin"
    index = _load_index(SHIPPED / name, stamp) or _load_index(cache_dir() / name, stamp)
    if index is None:
        payload = encode_index(stamp, *_build_index(data, pos), compress=False)
        _write_atomic(cache_dir() / name, zlib.compress(payload, 6))
        index = decode_index(payload, stamp, compressed=False)
    if index is None or len(index.firsts) != (count + _BLOCK - 1) // _BLOCK:
        raise ValueError(frontcode._CORRUPT_STREAM_MSG)
    cls = _indexed_stream_class()
    smap = cls.__new__(cls)
    smap._data, smap._rev, smap._count, smap._pos = data, rev, count, pos
    smap._firsts, smap._blocks, smap._index = index.firsts, None, index
    return smap


@lru_cache(maxsize=1)
def _indexed_stream_class():
    from simplemma.strategies.dictionaries import frontcode
    from simplemma.strategies.dictionaries.stream_dictionary_factory import StreamMap

    class IndexedStream(StreamMap):
        """StreamMap whose restart seeds come from an Index (same lookups, same values)."""

        __slots__ = ("_index",)

        def _lookup(self, key: str) -> str | None:
            target = key.encode()
            if self._rev:
                target = target[::-1]
            block = bisect_right(self._firsts, target) - 1
            if block < 0:
                return None
            for _, stored_key, stored_value in frontcode._iter_records(self._data, *self._index.seed(block)):
                if stored_key == target:
                    value = stored_value[::-1] if self._rev else stored_value
                    return value.decode()
                if stored_key > target:
                    return None
            return None

    return IndexedStream


def ship_index(lang: str) -> Path:
    """Write the index of the installed simplemma's dictionary into the package (maintainers)."""
    from simplemma.strategies.dictionaries import frontcode
    from simplemma.strategies.dictionaries.dictionary_factory import _read_decompressed

    data = _read_decompressed(lang)
    _rev, count, pos = frontcode._read_header(data)
    SHIPPED.mkdir(exist_ok=True)
    target = SHIPPED / f"index-{lang}.bin"
    target.write_bytes(encode_index(index_stamp(lang, count), *_build_index(data, pos)))
    return target


@lru_cache(maxsize=1)
def _lemmatizer():
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy
    from simplemma.strategies.dictionaries.dictionary_factory import CachingDictionaryFactory

    class Factory(CachingDictionaryFactory):
        __slots__ = ()

        def _get_dictionary_uncached(self, lang):
            return _stream_map(lang)

    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=Factory()))


# ---------------------------------------------------------------- the memo


def _memo_path() -> Path:
    return cache_dir() / "lemmas.json"


def _load_memo() -> dict[str, dict[str, str]]:
    global _memo
    if _memo is None:
        _memo = {}
        try:
            saved = json.loads(_memo_path().read_text("utf-8"))
            if saved.get("format") == MEMO_FORMAT and saved.get("stamp") == _stamps(_ALL_LANGS):
                _memo = {str(k): dict(v) for k, v in saved["lemmas"].items()}
        except Exception:  # missing, unreadable, damaged or another version: start empty
            _memo = {}
        atexit.register(save_memo)
    return _memo


_ALL_LANGS = ("en", "fi")  # the dictionaries a memoised lemma can come from (keywords.LEMMATISED)


def save_memo() -> None:
    """Write the memo if this run added to it (registered at exit; harmless to call twice)."""
    global _memo_dirty
    if not _memo_dirty or _memo is None:
        return
    _memo_dirty = False
    payload = {"format": MEMO_FORMAT, "stamp": _stamps(_ALL_LANGS), "lemmas": _memo}
    _write_atomic(_memo_path(), json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode())


def reset() -> None:
    """Forget everything loaded in this process (tests)."""
    global _memo, _memo_dirty
    _memo, _memo_dirty = None, False
    _lemmatizer.cache_clear()
    simplemma_version.cache_clear()
    _stamp.cache_clear()


def lemmatize(token: str, lang: str | tuple[str, ...]) -> str:
    """simplemma's lemma of token, looked up in lang (or each language of the tuple in turn)."""
    global _memo_dirty
    langs = (lang,) if isinstance(lang, str) else tuple(lang)
    memo = _load_memo()
    key = "+".join(langs)
    table = memo.get(key)
    if table is None:
        table = memo[key] = {}
    lemma = table.get(token)
    if lemma is None:
        lemma = _lemmatizer().lemmatize(token, lang=langs if len(langs) > 1 else langs[0])
        table[token] = lemma
        _memo_dirty = True
    return lemma
