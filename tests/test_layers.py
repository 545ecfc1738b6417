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


def test_painting_the_welcome_page_loads_nothing_it_does_not_show(tmp_path):
    """Up to the first painted page (issue 13's start-up figure) `survey-tui answer` loads one
    catalog part, its language's "ui", and neither OpenSSL (hashlib, secrets) nor the Unicode tables of
    sanitize: each costs milliseconds the welcome page does not need."""
    code = (
        "import asyncio, sys\n"
        "from survey_tui.store import Store\n"
        "from survey_tui.questionnaire import load_shipped\n"
        f"db = {str(tmp_path / 's.db')!r}\n"
        "with Store(db) as s:\n"
        "    s.create_round('r1', load_shipped('kela-sosiaalitoimi'), state='open')\n"
        "for name in [m for m in sys.modules if m in ('hashlib', '_hashlib', 'secrets', 'hmac')]:\n"
        "    del sys.modules[name]  # creating the round hashed; the respondent's process has not\n"
        "from survey_tui import i18n, sanitize\n"
        "i18n._catalogs.clear()\n"
        "from survey_tui.tui.respondent.app import make_app\n"
        "async def main():\n"
        "    app = make_app(Store(db), 'r1', lang='sv')\n"
        "    async with app.run_test(size=(80, 24)) as pilot:\n"
        "        await pilot.pause()\n"
        "        assert app.page == 'welcome', app.page\n"
        "        print('catalogs', sorted(i18n._catalogs))\n"
        "        print('openssl', sorted(m for m in ('hashlib', '_hashlib', 'secrets', 'hmac') if m in sys.modules))\n"
        "        cells = dict(zip(sanitize._SUSPECT.__code__.co_freevars, sanitize._SUSPECT.__closure__))\n"
        "        print('marks', cells['compiled'].cell_contents is not None)\n"
        "asyncio.run(main())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split("\n")[:3] == ["catalogs [('sv', 'ui')]", "openssl []", "marks False"], out.stdout


# Issue 11: no module over ~450 lines; a module that grows past it is split by what it does.
MAX_MODULE_LINES = 450
TOO_LONG_FOR_NOW: set[str] = set()  # empty: every module was split; keep it that way


def test_no_module_is_over_450_lines():
    too_long = {
        path.relative_to(PACKAGE).as_posix(): count
        for path in sorted(PACKAGE.rglob("*.py"))
        if (count := len(path.read_text("utf-8").splitlines())) > MAX_MODULE_LINES
        and path.relative_to(PACKAGE).as_posix() not in TOO_LONG_FOR_NOW
    }
    assert too_long == {}, f"modules over {MAX_MODULE_LINES} lines (split them by what they do): {too_long}"


NOT_IN_THE_DOMAIN = ("sqlite3", "sqlite_utils") + INTERFACE


def test_domain_imports_no_sql_and_no_interface_library():
    """survey_tui/domain is what is neither SQL nor interface: importing all of it loads neither."""
    code = (
        "import importlib, pkgutil, sys\n"
        "import survey_tui.domain as domain\n"
        "for info in pkgutil.walk_packages(domain.__path__, 'survey_tui.domain.'):\n"
        "    importlib.import_module(info.name)\n"
        f"print(' '.join(sorted(m for m in {NOT_IN_THE_DOMAIN!r} if m in sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"survey_tui.domain pulls in {out.stdout.strip()}"


def test_domain_has_no_late_import_of_sql_or_interface_library():
    """Imports inside functions too: a late import would load them when the code runs."""
    import ast

    offenders = []
    for path in sorted((PACKAGE / "domain").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            offenders += [
                f"{path.relative_to(PACKAGE)}:{node.lineno} {name}"
                for name in names
                if name.split(".")[0] in NOT_IN_THE_DOMAIN
            ]
    assert offenders == []


# ---------------------------------------------------------------- the use-case layer
# Interfaces parse input, call a use case and render its result (docs/architecture.md).
INTERFACES = ["cli", "tui", "plain.py", "wizard.py"]
# Where an interface may open or configure the store: one wiring place each.
WIRING = {"cli/common.py", "cli/main.py", "tui/dashboard/app.py"}
# What only use cases may reach: the store, the summary computation, the analysis
# (explain is the catalog's wording of the statistics, so renderers may use it).
INTERNALS = ("survey_tui.store", "survey_tui.summary", "survey_tui.analysis")
RENDERING = ("survey_tui.analysis.explain",)


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, at the top or inside a function."""
    import ast

    out = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
    return out


def _interface_files() -> list[Path]:
    files = []
    for part in INTERFACES:
        target = PACKAGE / part
        files += sorted(target.rglob("*.py")) if target.is_dir() else [target]
    return files


def test_interfaces_reach_the_store_and_analysis_only_through_use_cases():
    offenders = [
        f"{path.relative_to(PACKAGE)}:{line} imports {module}"
        for path in _interface_files()
        if str(path.relative_to(PACKAGE)) not in WIRING
        for line, module in _imports(path)
        if module.startswith(INTERNALS) and not module.startswith(RENDERING)
    ]
    assert offenders == []


def test_the_scan_sees_a_late_import():
    # The rule above would be empty-handed if _imports missed imports inside functions.
    found = dict((m, n) for n, m in _imports(PACKAGE / "cli" / "common.py"))
    assert "survey_tui.store" in found


def test_use_cases_import_no_interface_library():
    modules = sorted(f"survey_tui.services.{p.stem}" for p in (PACKAGE / "services").glob("*.py") if p.stem != "__init__")
    assert {"survey_tui.services.rounds", "survey_tui.services.results", "survey_tui.services.respond"} <= set(modules)
    code = (
        f"import sys, importlib\nfor m in {modules!r}: importlib.import_module(m)\n"
        f"print(' '.join(sorted(m for m in {INTERFACE!r} if m in sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
    late = [
        f"{path.name}:{line} imports {module}"
        for path in (PACKAGE / "services").glob("*.py")
        for line, module in _imports(path)
        if module.split(".")[0] in INTERFACE or module.startswith(("survey_tui.cli", "survey_tui.tui"))
    ]
    assert late == []


def test_no_import_cycle_between_modules():
    """Module-level imports form no cycle (round_view and themes once imported each other);
    imports inside functions are the sanctioned way to defer a heavy or optional module."""
    import ast

    def name(path: Path) -> str:
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)

    modules = {name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        deps = set()
        for node in ast.parse(path.read_text("utf-8")).body:
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    deps.add(full if full in modules else node.module)
            elif isinstance(node, ast.Import):
                deps |= {alias.name for alias in node.names}
        graph[module] = {d for d in deps if d in modules and d != module}
    cycles, state, stack = [], {}, []

    def visit(u: str) -> None:
        state[u] = "open"
        stack.append(u)
        for v in sorted(graph[u]):
            if state.get(v) == "open":
                cycles.append(" -> ".join(stack[stack.index(v):] + [v]))
            elif v not in state:
                visit(v)
        stack.pop()
        state[u] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module)
    assert cycles == []
    assert "survey_tui.services.rounds" in graph["survey_tui.cli.round_cmd"]  # the scan sees edges


def test_dashboard_compose_methods_read_no_database():
    """Screens are drawn first and fill in from workers (tui/dashboard/loading.py): no compose()
    of the dashboard touches the store or calls a use case."""
    import ast

    use_cases = {"rounds", "access_codes", "results", "tags", "inv"}

    def reads(tree) -> list[str]:
        found = []
        for n in ast.walk(tree):
            if isinstance(n, ast.Attribute) and n.attr == "store":
                found.append("store")
            elif isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id in use_cases:
                found.append(f"{n.value.id}.{n.attr}")
            elif isinstance(n, ast.Name) and n.id in ("compare_rounds", "compare_links"):
                found.append(n.id)
        return found

    offenders, seen = [], []
    for path in sorted((PACKAGE / "tui" / "dashboard").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if node.name == "compose":
                    offenders += [f"{path.name}: {r}" for r in reads(node)]
                elif node.name == "refresh_rounds":
                    seen += reads(node)
    assert offenders == []
    assert "store" in seen and "rounds.overview" in seen  # the scan sees what it looks for
