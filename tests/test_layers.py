"""The dependency direction of shared/DESIGN.md, checked rather than hoped for."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "survey_tui"
LOWER = [
    "survey_tui.questionnaire",
    "survey_tui.store",
    "survey_tui.sanitize",
    "survey_tui.errors",
    "survey_tui.analysis",
    "survey_tui.analysis.ranking",
    "survey_tui.analysis.keywords",
    "survey_tui.analysis.themes",
    "survey_tui.analysis.compare",
    "survey_tui.summary",
    "survey_tui.export",
]
INTERFACE = ("textual", "questionary", "prompt_toolkit", "click")


@pytest.mark.parametrize("module", LOWER)
def test_lower_layers_import_no_interface_library(module):
    code = (
        f"import sys, {module}\n"
        f"print(' '.join(sorted(m for m in {INTERFACE!r} if m in sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"{module} pulls in {out.stdout.strip()}"


SQL = re.compile(r"\b(SELECT\s+.+\s+FROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+TABLE)\b", re.I)


def test_no_sql_outside_the_store():
    offenders = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in PACKAGE.rglob("*.py")
        if "store" not in path.relative_to(PACKAGE).parts[:1]
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if SQL.search(line)
    ]
    assert offenders == []


def test_respondent_start_up_path_stays_light():
    """`survey-tui answer` must not import analysis, export, charts, YAML or questionary."""
    code = (
        "import sys\n"
        "import survey_tui.cli.main, survey_tui.cli.answer_cmd, survey_tui.tui.respondent.app\n"
        "import survey_tui.tui.respondent.welcome\n"
        "heavy = ['survey_tui.analysis', 'survey_tui.export', 'survey_tui.charts', 'yaml', 'questionary',\n"
        "         'sqlite_utils', 'simplemma', 'plotext', 'matplotlib', 'numpy']\n"
        "print(' '.join(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
