"""Shared bits for the benchmarks: repeat-and-median, peak memory, markdown tables."""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable
RANKING = ["tiedottaminen", "tunteminen", "kanavat", "henkilot", "ymmarrys"]


def _fresh_bytecode() -> None:
    """Measure the project as users run it: with up-to-date .pyc files.

    pip compiles an installed package's bytecode, and a first run writes it for an editable
    checkout; with PYTHONDONTWRITEBYTECODE set (as in some shells) every changed module would
    be compiled from source in every measured process, which the baselines never pay.
    """
    import compileall

    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.dont_write_bytecode = False
    compileall.compile_dir(str(ROOT / "survey_tui"), quiet=1)


_fresh_bytecode()


def median(values):
    return statistics.median(values) if values else float("nan")


def p99(values):
    ordered = sorted(values)
    return ordered[max(int(len(ordered) * 0.99) - 1, 0)] if ordered else float("nan")


def peak_mb_self() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_json(args: list[str], *, env: dict | None = None, timeout: float = 900) -> dict:
    """Run a Python helper in a fresh process; it prints one JSON object as its last line."""
    full_env = dict(os.environ, **(env or {}))
    proc = subprocess.run([PY, *args], capture_output=True, text=True, timeout=timeout, env=full_env, cwd=ROOT)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def table(headers: list[str], rows: list[list]) -> str:
    def fmt(v):
        if isinstance(v, float):
            return f"{v:.3g}" if abs(v) < 100 else f"{v:,.0f}"
        return str(v)

    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(fmt(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def verdict(ok: bool, text: str) -> str:
    return ("met: " if ok else "**missed**: ") + text


def workdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="survey-bench-"))
