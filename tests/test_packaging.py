"""The package says what it is: an MIT LICENSE file that matches the metadata."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_license_file_matches_the_metadata():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert meta["license"] == "MIT"
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "Permission is hereby granted, free of charge" in text
    # An SPDX expression and a License classifier together are refused by newer build backends.
    assert not [c for c in meta.get("classifiers", []) if c.startswith("License ::")]


def test_spreadsheet_writer_is_a_dependency():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(dep.lower().startswith("xlsxwriter") for dep in meta["dependencies"])
    assert any(dep.lower().startswith("openpyxl") for dep in meta["optional-dependencies"]["test"])
