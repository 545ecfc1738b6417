"""Reading an XLSForm workbook (.xlsx) into plain rows, with bounds for hostile files, and
writing the imported questionnaire as YAML (to_yaml).

An XLSForm is untrusted input like a questionnaire file: before openpyxl opens it, the file
must be small, must be a zip archive (an old .xls or anything else is one clear line) and
must not unpack to more than MAX_UNPACKED bytes (a zip bomb). Each sheet is read row by
row in openpyxl's read-only mode up to MAX_ROWS rows and MAX_COLUMNS columns; a formula cell
is not evaluated or kept (its text is never read as a value), control characters are taken
out and an over-long cell is cut, each with a note naming the sheet, row and column.
openpyxl is imported only here, when a form is imported (the `xlsform` extra).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from survey_tui.errors import InvalidInput, message, os_reason
from survey_tui.sanitize import clean_text, one_line, refused_controls

MAX_FILE_BYTES = 5 * 1024 * 1024  # a real XLSForm is tens of kilobytes
MAX_UNPACKED = 20 * 1024 * 1024  # openpyxl holds the shared strings in memory
MAX_MEMBERS = 2000
MAX_ROWS = {"survey": 2000, "choices": 10000, "settings": 20}
MAX_COLUMNS = 100
MAX_CELL = 20000
# After the last row read, this many more rows are looked at for content, to say the sheet
# was cut (a sheet can declare a million empty rows; they are not all walked).
LOOK_PAST = 200
SHEETS = ("survey", "choices", "settings")
# Column names as pyxform also accepts them.
ALIASES = {"list name": "list_name", "relevance": "relevant", "caption": "label", "value": "name",
           "calculate": "calculation", "choice filter": "choice_filter"}


class XlsFormError(InvalidInput):
    """The workbook cannot be read at all: one line."""

    exit_code = 2


@dataclass(frozen=True)
class Note:
    """Something not mapped or changed, at a sheet's row (row 0: the whole file or sheet)."""

    sheet: str
    row: int
    text: str

    def line(self) -> str:
        if not self.sheet:
            return self.text
        if not self.row:
            return f"{self.sheet}: {self.text}"
        return message("xf_at_row", sheet=self.sheet, row=self.row, problem=self.text)


@dataclass
class Sheet:
    name: str
    columns: list[str] = field(default_factory=list)  # normalized header names, in order
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # (row number, column -> text)


def column_name(header: str) -> str:
    """`Label::Finnish (fi)` -> `label::Finnish (fi)`: the part before :: lowercased (and
    pyxform's aliases), the language part kept as written."""
    base, sep, rest = header.strip().partition("::")
    base = " ".join(base.lower().split())
    base = ALIASES.get(base, base.replace(" ", "_"))
    return f"{base}{sep}{rest.strip()}"


def read_workbook(path: str | Path) -> tuple[dict[str, Sheet], list[Note]]:
    """The survey, choices and settings sheets (by name, any case) and the notes made while
    reading; XlsFormError when the file is not a workbook that can be read."""
    path = Path(path)
    _check_container(path)
    try:
        import openpyxl  # noqa: PLC0415 - only when a form is imported (the xlsform extra)
    except ImportError:  # pragma: no cover - the CLI checks the extra first
        from survey_tui.extras import require

        require("xlsform")
        raise
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # noqa: BLE001 - any reader failure is one line about the file
        raise XlsFormError(message("xf_unreadable", reason=one_line(type(exc).__name__ + ": " + str(exc), 120))) from None
    notes: list[Note] = []
    sheets: dict[str, Sheet] = {}
    try:
        by_name = {name.strip().lower(): name for name in book.sheetnames}
        if "survey" not in by_name:
            raise XlsFormError(message("xf_no_survey"))
        for wanted in SHEETS:
            if wanted in by_name:
                sheets[wanted] = _read_sheet(book[by_name[wanted]], wanted, notes)
    except XlsFormError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged sheet inside a valid zip
        raise XlsFormError(message("xf_unreadable", reason=one_line(type(exc).__name__ + ": " + str(exc), 120))) from None
    finally:
        book.close()
    return sheets, notes


def _check_container(path: Path) -> None:
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise XlsFormError(message("xf_cannot_read", reason=os_reason(exc))) from None
    if size > MAX_FILE_BYTES:
        raise XlsFormError(message("xf_too_big", size=size, limit=MAX_FILE_BYTES))
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise XlsFormError(message("xf_old_xls"))
    if not head.startswith(b"PK\x03\x04"):
        raise XlsFormError(message("xf_not_xlsx"))
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise XlsFormError(message("xf_unreadable", reason=one_line(str(exc), 120))) from None
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED:
        raise XlsFormError(message("xf_unpacks_too_big", limit=MAX_UNPACKED))
    if not any(m.filename == "xl/workbook.xml" for m in members):
        raise XlsFormError(message("xf_not_xlsx"))


def _read_sheet(ws, name: str, notes: list[Note]) -> Sheet:
    sheet = Sheet(name)
    limit = MAX_ROWS[name]
    rows = ws.iter_rows(min_row=1, max_col=MAX_COLUMNS + 1)
    header: list[str] = []
    for number, cells in enumerate(rows, 1):
        if number == 1:
            header = [column_name(_header_text(cell)) for cell in cells[:MAX_COLUMNS]]
            if len(cells) > MAX_COLUMNS and any(c.value not in (None, "") for c in cells[MAX_COLUMNS:]):
                notes.append(Note(name, 1, message("xf_columns_cut", limit=MAX_COLUMNS)))
            sheet.columns = header
            continue
        if number > limit + 1:
            if any(c.value not in (None, "") for c in cells):
                notes.append(Note(name, 0, message("xf_rows_cut", limit=limit, last=limit + 1)))
                break
            if number > limit + 1 + LOOK_PAST:
                break
            continue
        values: dict[str, str] = {}
        for index, cell in enumerate(cells[: len(header)]):
            column = header[index]
            if not column or cell.value is None:
                continue
            text = _cell_text(cell, name, number, column, notes)
            if text:
                values[column] = text
        if values:
            sheet.rows.append((number, values))
    return sheet


def _header_text(cell) -> str:
    value = cell.value
    if value is None or getattr(cell, "data_type", None) == "f":
        return ""
    return clean_text(str(value)).strip()[:200]


def _cell_text(cell, sheet: str, row: int, column: str, notes: list[Note]) -> str:
    value = cell.value
    shown = repr(one_line(column, 60))
    if getattr(cell, "data_type", None) == "f":
        notes.append(Note(sheet, row, message("xf_formula", column=shown)))
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    if refused_controls(text):
        notes.append(Note(sheet, row, message("xf_controls", column=shown)))
        text = clean_text(text)
    if len(text) > MAX_CELL:
        notes.append(Note(sheet, row, message("xf_cell_cut", column=shown, limit=MAX_CELL)))
        text = text[:MAX_CELL]
    return text.strip()


def to_yaml(data: dict[str, Any], source: str) -> str:
    """The file text: a header comment, then the questionnaire (no YAML anchors: the loader
    refuses them)."""
    import yaml  # noqa: PLC0415 - off the start-up path

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True

    body = yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return f"# {message('xf_yaml_header', source=one_line(source, 200))}\n{body}"
