"""Optional parts (pip extras): chart images need matplotlib, `serve` needs textual-serve.

Most coordinators need neither (matplotlib alone was 168 of 260 MB installed), so they are
extras; asking for one that is not installed is one line saying what to install, never a
traceback.
"""

from __future__ import annotations

import importlib
import importlib.util

from survey_tui.errors import SurveyError

# extra name -> (modules it must provide, what needs it)
EXTRAS = {
    "charts": (("matplotlib",), "chart images (PNG/SVG)"),
    "serve": (("textual_serve", "aiohttp", "jinja2"), "'survey-tui serve'"),
    "spss": (("pyreadstat", "pandas"), "the SPSS export (--format sav)"),
}


class MissingExtra(SurveyError):
    exit_code = 2


def missing(extra: str) -> list[str]:
    modules, _purpose = EXTRAS[extra]
    return [m for m in modules if importlib.util.find_spec(m) is None]


def require(extra: str) -> None:
    """Raise MissingExtra, naming the pip command, when an extra's modules are absent."""
    gone = missing(extra)
    if gone:
        _modules, purpose = EXTRAS[extra]
        raise MissingExtra(
            f"{purpose} need(s) the optional part '{extra}' ({', '.join(gone)} not installed); "
            f"install it with: pip install 'survey-tui[{extra}]'"
        )
