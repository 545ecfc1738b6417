"""Drafts only their respondent can read: authenticated encryption under the resume code.

A resume code (store.new_token) is 12 characters of a 32-letter alphabet: 60 random bits,
well below the 128 bits a key needs, so the key is stretched with scrypt (not HKDF) under
a random salt kept in the blob. One derivation costs about 33 ms and 16 MiB on the
development machine (n=2**14, r=8; 2**13 took 17-23 ms, 2**15 80 ms), which is paid once
per draft save (in a worker thread) or load and makes guessing codes offline slow.

Blob layout, version 1 (all fields fixed length):

    version (1 byte, 0x01) | salt (16) | nonce (12) | AES-256-GCM ciphertext + tag (16)

The version byte and salt are authenticated as associated data, so any change to the
blob, including its header, fails to open. The version byte names the KDF parameters:
retuning them means a new version, and older versions keep opening.

`cryptography` and `hashlib` (OpenSSL) are imported inside the functions: the
respondent app's start-up path must not load them (tests/test_draft_seal.py).
"""

from __future__ import annotations

import os

VERSION = 1
SALT_BYTES = 16
NONCE_BYTES = 12  # 96 bits, the size GCM is built for
TAG_BYTES = 16
# version -> scrypt (n, r, p); the key is 32 bytes (AES-256) for every version.
KDF_PARAMS = {1: (2**14, 8, 1)}
_HEADER = 1 + SALT_BYTES + NONCE_BYTES
_SCRYPT_MAXMEM = 64 * 1024 * 1024


def _normalize(token: str) -> bytes:
    """The code as store.normalize_code reads it: "abcd-efgh-jklm" opens what "ABCDEFGHJKLM" sealed."""
    code = "".join(ch for ch in str(token).upper() if ch.isalnum())
    if not code:
        raise ValueError("an empty resume code cannot seal or open a draft")
    return code.encode("utf-8")


def _key(token: str, salt: bytes, version: int) -> bytes:
    import hashlib  # noqa: PLC0415 - not on the start-up path

    n, r, p = KDF_PARAMS[version]
    return hashlib.scrypt(_normalize(token), salt=salt, n=n, r=r, p=p, maxmem=_SCRYPT_MAXMEM, dklen=32)


def seal(token: str, plaintext: bytes) -> bytes:
    """Encrypt `plaintext` so that only `token` (the resume code) opens it."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: PLC0415

    if not isinstance(plaintext, (bytes, bytearray, memoryview)):
        raise TypeError("seal() takes bytes")
    salt = os.urandom(SALT_BYTES)
    nonce = os.urandom(NONCE_BYTES)
    header = bytes([VERSION]) + salt
    key = _key(token, salt, VERSION)
    return header + nonce + AESGCM(key).encrypt(nonce, bytes(plaintext), header)


def unseal(token: str, blob: bytes) -> bytes:
    """The plaintext `seal(token, ...)` was given; ValueError for a wrong code or a changed blob."""
    from cryptography.exceptions import InvalidTag  # noqa: PLC0415
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: PLC0415

    blob = bytes(blob)
    if len(blob) < _HEADER + TAG_BYTES:
        raise ValueError("not a sealed draft (too short)")
    version = blob[0]
    if version not in KDF_PARAMS:
        raise ValueError(f"not a sealed draft (unknown version {version})")
    header = blob[: 1 + SALT_BYTES]
    nonce = blob[1 + SALT_BYTES : _HEADER]
    key = _key(token, header[1:], version)
    try:
        return AESGCM(key).decrypt(nonce, blob[_HEADER:], header)
    except InvalidTag:
        raise ValueError("wrong resume code, or the draft was changed") from None
