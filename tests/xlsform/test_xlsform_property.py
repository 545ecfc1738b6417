"""Any form made of XLSForm rows, in any order and with any names: the import either writes a
questionnaire that loads (the strict loader and validator) or says in one line why not, and
never fails otherwise (a form mapped to something the validator refuses would be a bug)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from xlsform_forms import workbook

from survey_tui.questionnaire import load_text
from survey_tui.questionnaire.xlsform import import_form, to_yaml
from survey_tui.questionnaire.xlsform_read import XlsFormError

NAMES = st.sampled_from(["q1", "Q1", "q_other", "a", "b", "grp", "x-y", "1st", "_hidden", "ÄÖ", "order", "questions"])
TYPES = st.sampled_from([
    "text", "integer", "decimal", "select_one yn", "select_one yn or_other", "select_multiple yn", "select_one many",
    "select_one nolist", "select_one one", "range", "rank yn", "rank grp", "note", "begin_group", "end_group",
    "begin_repeat", "end_repeat", "calculate", "start", "geopoint", "", "begin group", "end group",
    "begin_rank", "rank__level", "end_rank", "begin_score", "score__row", "end_score",
])
RELEVANT = st.sampled_from(["", "selected(${q1}, 'y')", "${a} = 'n'", "${q1} = 'y' or ${q1} = 'n'", "${b} > 2",
                            "selected(${Q1}, 'zz')", "${grp} = 'y'", "${x-y} = 'y'"])
CONSTRAINT = st.sampled_from(["", ". >= 0 and . <= 10", ". > 1.5", "string-length(.) <= 400",
                              "count-selected(.) <= 1", "count-selected(.) >= 9", "regex(., 'x')",
                              ". >= 0.1234567", ". >= 10 and . <= 1", "string-length(.) <= 0"])
PARAMETERS = st.sampled_from(["", "start=1 end=5", "start=0 end=100 step=5", "start=5 end=1", "rows=3",
                              "start=0 end=1e400", "start=0.125 end=1 step=0.125", "start=nan end=3"])
LABEL = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
ROW = st.tuples(TYPES, NAMES, LABEL, st.sampled_from(["", "yes", "no", "${a} = 'y'"]), RELEVANT, CONSTRAINT, PARAMETERS)

CHOICES = [["list_name", "name", "label"], ["yn", "y", "Yes"], ["yn", "n", "No"], ["yn", "N", "no again"],
           ["one", "only", "Only"], ["grp", "grp", "Group"], ["grp", "a", "A"]]
CHOICES += [["many", f"c{i}", f"C{i}"] for i in range(55)]


def _cell(text: str) -> str:
    # openpyxl refuses C0 controls in a cell (a file can still carry them; test_xlsform_hostile
    # covers what the reader does with the ones that get through).
    return "".join(ch for ch in text if ch >= " " or ch in "\t\n")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ROW, max_size=25))
def test_any_form_imports_to_a_valid_questionnaire_or_one_line(rows):
    survey = [["type", "name", "label", "required", "relevant", "constraint", "parameters", "kobo--rank-items",
               "kobo--score-choices"]]
    survey += [[kind, name, _cell(label), required, relevant, constraint, parameters, "grp", "yn"]
               for kind, name, label, required, relevant, constraint, parameters in rows]
    with tempfile.TemporaryDirectory() as folder:
        form = workbook(Path(folder) / "f.xlsx", survey, CHOICES)
        try:
            imported = import_form(form)
        except XlsFormError as exc:
            assert "\n" not in str(exc) and str(exc)
            return
    text = to_yaml(imported.data, "f.xlsx")
    q = load_text(text, "f.yaml")
    assert q.to_dict() == imported.data
    for note in imported.notes:
        line = note.line()
        assert line and "\n" not in line
