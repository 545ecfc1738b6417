"""Child process for tests/test_reliability.py: each run opens its own Store on the file.

Usage: python helpers_proc.py MODE DB SLUG GO_FILE [ARGS...]
  submit N TAG   submit N responses whose q1a answer is TAG-i
  import N TAG   import N responses (one transaction) whose q1a answer is TAG-i
  loop           submit full responses until killed
  race CODE...   try to use each code once; prints 'used CODE' or 'rejected CODE'
The child prints 'ready' once its Store is open, then waits for GO_FILE to exist so
that all children start writing at the same moment.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from survey_tui.errors import CodeRejected  # noqa: E402
from survey_tui.store import Store  # noqa: E402

RANKING = ["kanavat", "tiedottaminen", "tunteminen", "henkilot", "ymmarrys"]
FULL = {q: f"vastaus {q} " * 20 for q in ("q1a", "q1b", "q1c", "q2a", "q2b", "q3", "q4", "q5")}


def main() -> int:
    mode, db, slug, go = sys.argv[1:5]
    args = sys.argv[5:]
    store = Store(db)
    print("ready", flush=True)
    deadline = time.monotonic() + 30
    while not Path(go).exists():
        if time.monotonic() > deadline:
            print("no go signal", file=sys.stderr)
            return 3
        time.sleep(0.002)
    if mode == "submit":
        count, tag = int(args[0]), args[1]
        for i in range(count):
            store.submit(slug, {"q1a": f"{tag}-{i}"}, RANKING, "fi")
    elif mode == "import":
        count, tag = int(args[0]), args[1]
        records = [{"language": "en", "answers": {"q1a": f"{tag}-{i}"}, "ranking": RANKING} for i in range(count)]
        store.import_responses(slug, records)
    elif mode == "loop":
        while True:
            store.submit(slug, FULL, RANKING, "fi")
    elif mode == "race":
        for code in args:
            try:
                store.submit(slug, {"q1a": "race"}, RANKING, "fi", code=code)
                print(f"used {code}", flush=True)
            except CodeRejected:
                print(f"rejected {code}", flush=True)
    store.close()
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
