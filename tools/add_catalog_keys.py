"""Append keys to the three .po catalogs and recompile, safely while others do the same.

    python tools/add_catalog_keys.py PART keys.json

keys.json: {"key": {"en": "...", "fi": "...", "sv": "..."}, ...}; a key already in a
catalog is left as it is. Holds an exclusive lock on survey_tui/locale while it writes, so
two people adding keys at once do not overwrite each other's.
"""

from __future__ import annotations

import fcntl
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "survey_tui" / "locale"


def esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def main() -> int:
    part, source = sys.argv[1], Path(sys.argv[2])
    keys = json.loads(source.read_text("utf-8"))
    with open(LOCALE / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for lang in ("en", "fi", "sv"):
            po = LOCALE / lang / "LC_MESSAGES" / "survey_tui.po"
            text = po.read_text("utf-8")
            added = ""
            for key, texts in keys.items():
                if f'msgctxt "{part}"\nmsgid "{key}"\n' in text:
                    continue
                added += f'\nmsgctxt "{part}"\nmsgid "{key}"\nmsgstr "{esc(texts[lang])}"\n'
            po.write_text(text.rstrip("\n") + "\n" + added, "utf-8")
        subprocess.run([sys.executable, str(ROOT / "tests" / "test_catalog.py")], check=True, capture_output=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
