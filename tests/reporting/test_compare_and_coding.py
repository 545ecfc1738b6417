"""`survey-tui compare` between a round and its follow-up, and `survey-tui code`."""

from __future__ import annotations

import json
import re

import pytest
from reporting_data import ITEMS, run_cli, statistic_free, thesis_records, variant_questionnaire

from survey_tui.analysis.explain import explain
from survey_tui.sanitize import one_line


@pytest.fixture
def two_rounds(thesis_store, kela):
    """'thesis' (11 responses) and its follow-up 'seuranta' (8), same questionnaire."""
    thesis_store.create_round("seuranta", kela, state="closed", follows="thesis")
    later = [
        {"language": "fi", "answers": {"q3": "Teams-kanava ja videopuhelut"}, "ranking": r}
        for r in (["ymmarrys", "kanavat", "henkilot", "tunteminen", "tiedottaminen"],) * 5
        + (["kanavat", "ymmarrys", "henkilot", "tunteminen", "tiedottaminen"],) * 3
    ]
    thesis_store.import_responses("seuranta", later)
    return thesis_store


def test_compare_shows_both_sizes_and_changes(two_rounds):
    result = run_cli(two_rounds, "compare", "thesis", "seuranta", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["old"], data["new"], data["old_n"], data["new_n"]) == ("thesis", "seuranta", 11, 8)
    assert data["same_questionnaire"] is True and data["warnings"] == []
    items = {it["id"]: it for it in data["items"]}
    assert set(items) == set(ITEMS)
    assert items["kanavat"]["first_choice_share_old"] == pytest.approx(5 / 11)
    assert items["kanavat"]["first_choice_share_new"] == pytest.approx(3 / 8)
    assert items["kanavat"]["first_choice_share_change"] == pytest.approx(3 / 8 - 5 / 11)
    assert items["ymmarrys"]["first_choice_share_change"] == pytest.approx(5 / 8 - 3 / 11)
    assert items["tiedottaminen"]["mean_rank_new"] == pytest.approx(5.0)
    # Consensus orders: kanavat first before, ymmarrys first now -> tau below 1.
    assert data["tau"] is not None and data["tau"] < 1

    text = run_cli(two_rounds, "compare", "thesis", "seuranta", "--lang", "fi").stdout
    assert "thesis (n = 11) → seuranta (n = 8)" in text
    assert "VAROITUS" not in text
    row = next(line for line in text.splitlines() if line.startswith("Yhteydenpitokanavat"))
    # 5/11 = 45.5 % -> 3/8 = 37.5 %: the change shown is that of the shown percentages (the
    # exact -7.95 points, shown as -8, would not add up with the row).
    assert re.search(r"5 / 11 = 45 % \(21–72 %\)\s+3 / 8 = 38 % \(14–69 %\)\s+-7 %-yks\.", row)
    assert items["kanavat"]["first_choice_share_change"] == pytest.approx(3 / 8 - 5 / 11)  # exact in JSON
    assert "Kendallin tau" in text and one_line(explain("tau", "fi")) in text
    assert "uusina" in text and "teams-kanava" in text.lower()


def test_compare_warns_when_questionnaires_differ(thesis_store, kela):
    variant = variant_questionnaire(kela)
    thesis_store.create_round("muutettu", variant, state="closed", follows="thesis")
    order = ["digi", "kanavat", "henkilot", "tiedottaminen", "tunteminen"]
    thesis_store.import_responses(
        "muutettu", [{"language": "en", "answers": {"q7": "Chat"}, "ranking": order[i:] + order[:i]} for i in range(6)]
    )
    result = run_cli(thesis_store, "compare", "thesis", "muutettu", "--lang", "en")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "WARNING: the rounds' questionnaires differ" in out
    assert "thesis (n = 11) → muutettu (n = 6)" in out
    assert "Not matched (ranked items): ymmarrys, digi" in out
    assert "Not matched (questions): q5, q7" in out
    assert "Channels and tools for keeping in contact" in out  # matched items are still compared
    data = json.loads(run_cli(thesis_store, "compare", "thesis", "muutettu", "--json").stdout)
    assert data["same_questionnaire"] is False
    assert data["unmatched_items"] == ["ymmarrys", "digi"]
    assert {it["id"] for it in data["items"]} == {"tiedottaminen", "tunteminen", "kanavat", "henkilot"}


@pytest.mark.parametrize("small_is_old", [True, False])
def test_compare_shows_no_figure_for_a_round_below_minimum(thesis_store, kela, small_is_old):
    thesis_store.create_round("pieni", kela, state="closed", min_group=5)
    thesis_store.import_responses("pieni", thesis_records()[:4])
    args = ("pieni", "thesis") if small_is_old else ("thesis", "pieni")
    for extra in ((), ("--json",)):
        result = run_cli(thesis_store, "compare", *args, *extra)
        assert result.exit_code != 0
        assert result.stdout == ""
        assert "'pieni' has 4 responses" in result.stderr
        assert statistic_free(result.output)


def _handle(store, slug: str, question: str) -> str:
    out = run_cli(store, "tag", slug, "list", "--question", question).stdout
    handles = re.findall(r"^([0-9a-f]{8,}:" + question + r")\b", out, flags=re.M)
    assert handles
    return handles[0]


def _codes(store, slug: str) -> dict[str, dict[str, int]]:
    data = json.loads(run_cli(store, "report", slug, "--format", "json").stdout)
    return {t["id"]: dict(t["codes"]) for t in data["themes"] if t["codes"]}


def test_code_add_remove_updates_summary(thesis_store):
    listing = run_cli(thesis_store, "tag", "thesis", "list", "--question", "q3")
    assert listing.exit_code == 0
    handles = re.findall(r"^([0-9a-f]{8}:q3)$", listing.stdout, flags=re.M)
    assert len(handles) == 11 == len(set(handles))
    first, second = handles[0], handles[1]
    assert run_cli(thesis_store, "tag", "thesis", "add", first, "pikaviestin").exit_code == 0
    assert run_cli(thesis_store, "tag", "thesis", "add", second, "pikaviestin").exit_code == 0
    assert run_cli(thesis_store, "tag", "thesis", "add", second, "  video   puhelut ").exit_code == 0
    assert _codes(thesis_store, "thesis") == {"kanavat": {"pikaviestin": 2, "video puhelut": 1}}
    summary = run_cli(thesis_store, "tag", "thesis", "summary").stdout
    assert "Yhteydenpitokanavat ja välineet" in summary
    assert re.search(r"^\s+2\s+pikaviestin\s+e\.g\. \"Pikaviestin ja yhteinen", summary, flags=re.M)
    # The listing shows the codes next to the handle.
    assert f"{second}  [pikaviestin, video puhelut]" in run_cli(thesis_store, "tag", "thesis", "list").stdout

    assert run_cli(thesis_store, "tag", "thesis", "remove", first, "pikaviestin").exit_code == 0
    assert _codes(thesis_store, "thesis") == {"kanavat": {"pikaviestin": 1, "video puhelut": 1}}
    missing = run_cli(thesis_store, "tag", "thesis", "remove", first, "pikaviestin")
    assert missing.exit_code != 0 and "has no tag" in missing.stderr
    assert run_cli(thesis_store, "tag", "thesis", "remove", second, "video puhelut").exit_code == 0
    assert run_cli(thesis_store, "tag", "thesis", "remove", second, "pikaviestin").exit_code == 0
    assert _codes(thesis_store, "thesis") == {}
    assert "No tags yet" in run_cli(thesis_store, "tag", "thesis", "summary").stdout


def test_code_handles_are_checked_against_the_round(thesis_store, kela):
    thesis_store.create_round("toinen", kela, state="closed")
    thesis_store.import_responses("toinen", thesis_records())
    other = _handle(thesis_store, "toinen", "q3")
    result = run_cli(thesis_store, "tag", "thesis", "add", other, "vieras")
    assert result.exit_code != 0 and "no answer" in result.stderr
    bad = run_cli(thesis_store, "tag", "thesis", "add", "q3", "x")
    assert bad.exit_code != 0 and "not an answer handle" in bad.stderr
    assert _codes(thesis_store, "thesis") == {}


def test_code_list_is_sanitised(store, kela):
    records = thesis_records()
    records[0]["answers"]["q3"] = "vaarallinen \x1b]52;c;ZXZpbA==\x07 teksti \x1b[2J[@click=app.quit]x[/]"
    store.create_round("r", kela, state="closed")
    store.import_responses("r", records)
    out = run_cli(store, "tag", "r", "list", "--question", "q3").stdout
    assert "\x1b" not in out and "\x07" not in out
    assert "vaarallinen  teksti [@click=app.quit]x[/]" in out


def test_coding_refuses_below_minimum_group(store, kela):
    store.create_round("pieni", kela, state="closed", min_group=5)
    store.import_responses("pieni", thesis_records()[:3])
    rid = "0123456789abcdef"  # nothing is released, so no answer has a handle to find
    for args in (("list",), ("summary",), ("add", f"{rid[:8]}:q3", "x"), ("remove", f"{rid[:8]}:q3", "x")):
        result = run_cli(store, "tag", "pieni", *args)
        assert result.exit_code != 0, args
        assert result.stdout == ""
        assert "3 responses" in result.stderr
        assert statistic_free(result.output)
    assert store.answer_codes("pieni") == []


def test_compare_refuses_a_round_with_itself_and_notes_a_reversed_pair(two_rounds):
    same = run_cli(two_rounds, "compare", "thesis", "thesis")
    assert same.exit_code == 2 and "two different rounds" in same.stderr
    reversed_pair = run_cli(two_rounds, "compare", "seuranta", "thesis", "--lang", "en")
    assert reversed_pair.exit_code == 0
    assert "note: seuranta follows up thesis, so the changes shown run backwards in time" in reversed_pair.stdout


def test_compare_header_says_how_many_ranked_when_fewer_than_answered(store, kela):
    from survey_tui.questionnaire import from_dict

    data = kela.to_dict()
    data["ranking"]["require_all"] = False
    q = from_dict(data)
    full = ["kanavat", "ymmarrys", "henkilot", "tunteminen", "tiedottaminen"]
    for slug in ("vanha", "uusi"):
        store.create_round(slug, q, state="closed", follows="vanha" if slug == "uusi" else None)
        store.import_responses(
            slug, [{"language": "en", "answers": {"q3": "x"}, "ranking": full}] * 5
            + [{"language": "en", "answers": {"q3": "y"}, "ranking": []}],
        )
    text = run_cli(store, "compare", "vanha", "uusi", "--lang", "en").stdout
    assert "vanha (n = 6, ranked 5) → uusi (n = 6, ranked 5)" in text
