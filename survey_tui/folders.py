"""Output folders for reports and exports, with one clear error instead of an OSError."""

from __future__ import annotations

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
