"""Every file survey-tui writes is as private as the database it came from.

Exports, reports, charts and logs would otherwise be created world-readable (umask 022) on
a shared SSH host while the database is 0600. The process umask is set once, early: owner
only by default; where the database is shared with a group (the service-account deployment
of docs/anonymity.md), that group too; never anyone else.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE = 0o077


def private_by_default() -> None:
    os.umask(PRIVATE)


def follow_database(path: str | Path) -> int:
    """Set the umask from the database file's permissions; returns the umask set."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = 0o600
    mask = 0o007 if mode & 0o060 else PRIVATE
    os.umask(mask)
    return mask
