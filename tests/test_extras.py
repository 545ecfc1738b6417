"""Optional parts: without matplotlib or textual-serve, the commands that need them say
in one line what to install; everything else works (tests/test_layers.py keeps the
respondent path free of both)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

BLOCK = textwrap.dedent(
    """
    import importlib.machinery, sys
    BLOCKED = {blocked!r}

    # As if not installed: the path finder does not find a blocked top-level module.
    _orig = importlib.machinery.PathFinder.find_spec.__func__
    def find_spec(cls, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            return None
        return _orig(cls, name, path, target)
    importlib.machinery.PathFinder.find_spec = classmethod(find_spec)
    for m in list(sys.modules):
        if m.split(".")[0] in BLOCKED:
            del sys.modules[m]
    from survey_tui.cli.main import main
    sys.argv = ["survey-tui", *{argv!r}]
    main()
    """
)


def run_without(blocked: list[str], argv: list[str], cwd) -> subprocess.CompletedProcess:
    code = BLOCK.format(blocked=blocked, argv=argv)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, timeout=120)


def _closed_round(db) -> None:
    from survey_tui.questionnaire import load_shipped
    from survey_tui.store import Store

    kela = load_shipped("kela-sosiaalitoimi")
    items = [item.id for item in kela.ranking.items]
    with Store(db) as store:
        store.create_round("r", kela, state="open", min_group=3)
        store.import_responses("r", [{"language": "fi", "answers": {"q1a": "koulutus"}, "ranking": items}] * 3)
        store.set_state("r", "closed")


def test_chart_images_without_matplotlib_name_the_extra(tmp_path):
    db = tmp_path / "s.db"
    _closed_round(db)
    out = run_without(["matplotlib"], ["--db", str(db), "export", "r", "--charts", "--out", str(tmp_path / "o")], tmp_path)
    # The CSV files are complete; the missing images are one warning naming the extra.
    assert out.returncode == 0, out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "pip install 'survey-tui[charts]'" in lines[0] and "Traceback" not in out.stderr
    assert (tmp_path / "o" / "responses.csv").exists() and not list((tmp_path / "o").glob("*.png"))
    plain = run_without(["matplotlib"], ["--db", str(db), "export", "r", "--out", str(tmp_path / "p")], tmp_path)
    assert plain.returncode == 0, plain.stderr  # CSV without charts needs no matplotlib


def test_serve_without_textual_serve_names_the_extra(tmp_path):
    out = run_without(["textual_serve", "aiohttp"], ["--db", str(tmp_path / "s.db"), "serve"], tmp_path)
    assert out.returncode == 2, out.stderr
    assert "pip install 'survey-tui[serve]'" in out.stderr and "Traceback" not in out.stderr
    listed = run_without(["textual_serve", "aiohttp"], ["--help"], tmp_path)
    assert listed.returncode == 0 and "serve" in listed.stdout


def test_the_extras_are_declared():
    import tomllib
    from pathlib import Path

    meta = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text("utf-8"))["project"]
    assert not any(d.startswith(("matplotlib", "textual-serve")) for d in meta["dependencies"])
    extras = meta["optional-dependencies"]
    assert extras["charts"][0].startswith("matplotlib") and extras["serve"][0].startswith("textual-serve")
    assert "survey-tui[charts,serve,spss,pdf]" in extras["test"] and extras["pdf"][0].startswith("fpdf2")
