"""Output folders for reports and exports, with one clear error instead of an OSError."""

from __future__ import annotations

import contextlib
from pathlib import Path

from survey_tui.errors import InvalidInput, message, os_reason


def make_folder(folder: Path) -> None:
    """Create folder (and parents); refuse with a line naming the obstacle."""
    for parent in [folder, *folder.parents]:
        if parent.exists():
            if not parent.is_dir():
                raise InvalidInput(message("in_folder_is_file", folder=folder, parent=parent))
            break
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInput(message("in_cannot_create_folder", folder=folder, reason=os_reason(exc))) from None


def write_whole(path: Path, data: str | bytes) -> None:
    """Write data (text as UTF-8) through a temporary file beside path, so nobody opens half
    a file; on failure the temporary is removed and the OSError raised for the caller to word."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        if isinstance(data, bytes):
            tmp.write_bytes(data)
        else:
            tmp.write_text(data, encoding="utf-8")
        tmp.replace(path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise
