"""How well coders agree (analysis/agreement.py), per code, with the answers to settle.

An answer counts as coded by a coder once that coder put at least one code on it; the
others' codes on it are then that coder's "no". Passes the sealing rule; answers are named
by their handles only.
"""

from __future__ import annotations

from dataclasses import dataclass

from survey_tui.errors import InvalidInput, message
from survey_tui.services import codebook as books
from survey_tui.services.coding import clean_coder
from survey_tui.services.sealing import require_min_group
from survey_tui.services.tags import handle_length


@dataclass(frozen=True)
class Disagreement:
    handle: str
    carried_by: tuple[str, ...]  # coders who put the code on the answer
    left_by: tuple[str, ...]  # coders who coded the answer without it


@dataclass(frozen=True)
class CodeRow:
    code: str
    units: int
    kappa: float | None
    alpha: float | None
    disagreements: tuple[Disagreement, ...]

    def to_json(self) -> dict:
        return {"code": self.code, "answers": self.units, "kappa": self.kappa, "alpha": self.alpha,
                "disagreements": [{"answer": d.handle, "with_code": list(d.carried_by),
                                   "without_code": list(d.left_by)} for d in self.disagreements]}


@dataclass(frozen=True)
class AgreementView:
    slug: str
    coders: tuple[str, ...]
    answers: int  # answers coded by at least two of the coders
    alpha: float | None  # every (answer, code) pair together
    codes: tuple[CodeRow, ...]

    def to_json(self) -> dict:
        return {"round": self.slug, "coders": list(self.coders), "answers": self.answers, "alpha": self.alpha,
                "codes": [c.to_json() for c in self.codes]}


def agreement(store, slug: str, question_id: str | None = None, coders: list[str] | None = None,
              today=None) -> AgreementView:
    """Cohen's kappa (two coders) and Krippendorff's alpha per code, and the disagreements."""
    from survey_tui.analysis.agreement import agreement as measure

    require_min_group(store, slug, today)
    book = books.load(store, slug)
    names = {c.id: c.name for c in book.codes}
    wanted = {clean_coder(c) for c in coders} if coders else None
    coded: dict[str, dict[tuple[str, str], set[str]]] = {}
    for a in store.coding_assignments(slug):
        if (question_id is None or a["question_id"] == question_id) and (wanted is None or a["coder"] in wanted):
            coded.setdefault(a["coder"], {}).setdefault((a["response_id"], a["question_id"]), set()).add(
                names[a["code_id"]])
    if len(coded) < 2:
        raise InvalidInput(message("cod_agreement_coders", coders=", ".join(sorted(coded)) or "-"))
    used = sorted({code for by_unit in coded.values() for codes in by_unit.values() for code in codes})
    result = measure(coded, used)
    chars = handle_length([r["response_id"] for r in store.answers(slug)])
    rows = []
    for row in result.codes:
        settle = tuple(
            Disagreement(f"{rid[:chars]}:{qid}",
                         tuple(c for c in result.coders if (rid, qid) in coded[c] and row.code in coded[c][(rid, qid)]),
                         tuple(c for c in result.coders if (rid, qid) in coded[c] and row.code not in coded[c][(rid, qid)]))
            for rid, qid in row.disagreements)
        rows.append(CodeRow(row.code, row.units, row.kappa, row.alpha, settle))
    return AgreementView(slug, result.coders, result.units, result.alpha, tuple(rows))
