"""`responses.sav`: the wide responses table for SPSS (and PSPP, R's haven, pandas), labelled.

Variable labels are the codebook's (question and item texts in the report language); the
ranking columns are numbers with value labels, so a frequency table in SPSS names the
themes: rank_<n> holds the item's number (1..k, labelled with its title), pos_<item> the
position 1..k given to it. Closed questions are numeric with value labels and "can't say"
a declared user-missing code (export_spss_vars.py says how each kind is coded); text
answers are string variables, byte for byte. Released responses only, with the pseudonyms
and the one row order of the release, like every export, and the language column empty
when a language group is below the minimum. Needs the optional part `spss` (pyreadstat).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from survey_tui import export_layout as layout
from survey_tui import export_spss_vars as sav
from survey_tui.export import ExportResult, Progress, default_out_dir, language_shown, one_pass
from survey_tui.errors import message
from survey_tui.extras import require
from survey_tui.folders import make_folder
from survey_tui.sanitize import clean_text

SPSS_NAME = re.compile(r"[^A-Za-z0-9_]")


def sav_path(slug: str, out_dir: str | Path | None = None) -> Path:
    return (Path(out_dir) if out_dir is not None else default_out_dir(slug)) / "responses.sav"


def spss_name(column: str) -> str:
    """An SPSS variable name: letters, digits and _, starting with a letter, at most 64 bytes."""
    name = SPSS_NAME.sub("_", column)
    if not name[:1].isalpha():
        name = "v_" + name
    return name[:64]


def export_sav(store, slug: str, out_dir: str | Path | None = None, *, lang: str | None = None,
               progress: Progress | None = None) -> ExportResult:
    require("spss")
    import pandas as pd
    import pyreadstat

    from survey_tui.summary import open_results, resolve_lang

    rnd, release = open_results(store, slug)
    q = rnd.questionnaire
    lang = resolve_lang(q, lang)
    show_language = language_shown(store, slug, rnd.min_group)
    header = layout.header(q)
    items = layout.item_ids(q)
    number = {item: i for i, item in enumerate(items, 1)}
    described = {line[0]: line[1] for line in layout.codebook_rows(q, lang, show_language)}
    variables = sav.variables(q, lang, items)
    answer_cells = sav.answer_cells(q)
    rows: list[list[Any]] = []

    def on_response(rec: dict[str, Any]) -> None:
        answers = rec["answers"]
        ranking = list(rec["ranking"])
        ranks = [number.get(item) for item in ranking[:len(items)]]
        ranks += [None] * (len(items) - len(ranks))
        where = {item: p for p, item in enumerate(ranking[:len(items)], 1)}
        rows.append([rec["id"], rec["language"] if show_language else ""]
                    + answer_cells(answers)
                    + ranks + [where.get(item) for item in items])

    report = one_pass(store, slug, lang, on_response, release.released, progress)
    names = [spss_name(column) for column in header]
    frame = pd.DataFrame(rows, columns=names)
    for column in variables.numeric:  # numbers, missing where not ranked or not answered
        frame[spss_name(column)] = frame[spss_name(column)].astype("float64")
    titles = {i: sav.fit(clean_text(q.text(item.title, lang)), sav.VALUE_LABEL_BYTES)
              for i, item in enumerate(q.ranking.items, 1)} if items else {}
    value_labels = {spss_name(f"rank_{p}"): titles for p in range(1, len(items) + 1)}
    value_labels |= {spss_name(f"pos_{item}"): {p: str(p) for p in range(1, len(items) + 1)} for item in items}
    value_labels |= {spss_name(column): labels for column, labels in variables.value_labels.items()}
    path = sav_path(slug, out_dir)
    make_folder(path.parent)
    tmp = path.with_name(path.name + ".tmp")
    try:
        pyreadstat.write_sav(
            frame, str(tmp),
            column_labels=[variables.label(column, described.get(column, column)) for column in header],
            variable_value_labels=value_labels,
            missing_ranges={spss_name(column): codes for column, codes in variables.missing.items()},
            variable_format={spss_name(column): f for column, f in variables.formats.items()},
            variable_measure={spss_name(column): m for column, m in variables.measures.items()},
            note=variables.notes or None,
            file_label=sav.fit(clean_text(q.text(q.title, lang)), 64),
        )
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    result = ExportResult(slug=slug, out_dir=path.parent, n=report.n, files=[path])
    if not show_language:
        result.warnings.append(message("exp_language_column_empty", minimum=rnd.min_group))
    return result
