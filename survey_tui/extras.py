"""Optional parts (pip extras): chart images need matplotlib, `serve` needs textual-serve, PDFs fpdf2.

Most coordinators need neither (matplotlib alone was 168 of 260 MB installed), so they are
extras; asking for one that is not installed is one line saying what to install, never a
traceback.
"""

from __future__ import annotations

import importlib
import importlib.util

from survey_tui.errors import SurveyError, message

# extra name -> (modules it must provide, what needs it: its key in catalog part "errors")
EXTRAS = {
    "charts": (("matplotlib",), "in_extra_charts"),
    "serve": (("textual_serve", "aiohttp", "jinja2"), "in_extra_serve"),
    "spss": (("pyreadstat", "pandas"), "in_extra_spss"),
    "xlsform": (("openpyxl",), "in_extra_xlsform"),
    "pdf": (("fpdf",), "in_extra_pdf"),
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
        raise MissingExtra(message("in_missing_extra", purpose=message(purpose), extra=extra, modules=", ".join(gone)))
