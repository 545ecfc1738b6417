"""Exporting a round: which format writes which files, and when an earlier export is kept.

The one home of these rules for `survey-tui export` and the dashboard's export screen:
- FORMATS: csv (files for analysis tools), excel (the `;` CSV dialect of Finnish Excel),
  xlsx (one workbook for any spreadsheet), jsonl (responses for re-import and scripts),
  sav (SPSS, the optional `spss` part);
- charts only with csv;
- files of an earlier export are never replaced unless `force` is given (ExportExists
  names the first of them, so an interface can ask and call again with force=True).
The writers themselves are survey_tui/export.py, export_formats.py and export_spss.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from survey_tui.errors import InvalidInput, SurveyError, message

FORMATS = ("csv", "excel", "xlsx", "jsonl", "sav")
DEFAULT_FORMAT = "csv"

Progress = Callable[[int, int], None]


class ExportExists(InvalidInput):
    """An earlier export's files are in the way (nothing was written)."""

    def __init__(self, existing: list[Path]) -> None:
        from survey_tui.sanitize import one_line

        self.existing = existing
        key = "svc_export_exists_one" if len(existing) == 1 else "svc_export_exists_many"
        super().__init__(message(key, path=one_line(str(existing[0]), 200), n=len(existing)))


def check_choice(fmt: str, charts: bool) -> None:
    if fmt not in FORMATS:
        raise InvalidInput(message("svc_export_unknown_format", format=repr(fmt[:20]), formats=", ".join(FORMATS)))
    if charts and fmt != "csv":
        raise InvalidInput(message("svc_export_charts_with_csv"))


def default_folder(fmt: str, slug: str, results_dir: str | Path = "results") -> Path:
    """Where a format's files go when no folder is given (the `;` CSV in its own subfolder)."""
    base = Path(results_dir) / slug
    return base / "excel" if fmt == "excel" else base


def export(
    store, slug: str, fmt: str = DEFAULT_FORMAT, out_dir: str | Path | None = None, *,
    force: bool = False, lang: str | None = None, charts: bool = False, progress: Progress | None = None,
):
    """Write one format's files of a released round; returns the writer's ExportResult."""
    check_choice(fmt, charts)
    store.get_round(slug)  # an unknown round before anything else
    from survey_tui import export_formats

    if not force:
        existing = [path for path in export_formats.planned_files(fmt, slug, out_dir, charts=charts) if path.exists()]
        if existing:
            raise ExportExists(existing)
    if fmt == "xlsx":
        try:
            import xlsxwriter  # noqa: F401, PLC0415 - only to say plainly that it is missing
        except ImportError:
            raise SurveyError(message("svc_export_needs_xlsxwriter")) from None
        from survey_tui.export_formats import export_xlsx

        return export_xlsx(store, slug, out_dir, lang=lang, progress=progress)
    if fmt == "jsonl":
        from survey_tui.export_formats import export_jsonl

        return export_jsonl(store, slug, out_dir, progress=progress)
    if fmt == "sav":
        from survey_tui.export_spss import export_sav

        return export_sav(store, slug, out_dir, lang=lang, progress=progress)
    from survey_tui.export import export_round

    return export_round(store, slug, export_formats.out_folder(fmt, slug, out_dir), excel=fmt == "excel",
                        lang=lang, progress=progress, charts=charts)
