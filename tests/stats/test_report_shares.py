"""Reports show every share with its count and interval (text, Markdown, JSON), closed
questions included, in fi, sv and en; one formatter for all of them; chart images."""

from __future__ import annotations

import json

import pytest
from stats_data import ELEVEN, followup
from test_compare_chance import OLD_FIRST, rankings

from survey_tui.analysis.proportions import share
from survey_tui.share_format import change_text, share_text


@pytest.fixture
def round_store(store, kela):
    store.create_round("f1", followup(kela), state="closed")
    store.import_responses("f1", [{"language": "fi", "answers": a, "ranking": r}
                                  for a, r in zip(ELEVEN, rankings(OLD_FIRST))])
    return store


def run(store, *args):
    from click.testing import CliRunner

    from survey_tui.cli.main import cli

    result = CliRunner().invoke(cli, ["--db", store.path, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("lang,full,short", [
    ("en", "5 / 11 = 45% (95% CI 21–72%)", "5 / 11 = 45% (21–72%)"),
    ("fi", "5 / 11 = 45 % (95 %:n lv. 21–72 %)", "5 / 11 = 45 % (21–72 %)"),
    ("sv", "5 / 11 = 45 % (95 % KI 21–72 %)", "5 / 11 = 45 % (21–72 %)"),
])
def test_one_formatter(lang, full, short):
    assert share_text(share(5, 11), lang) == full
    assert share_text(share(5, 11), lang, short=True) == short
    assert share_text(share(0, 0), lang) == "–"


def test_change_text():
    from survey_tui.analysis.proportions import newcombe

    assert change_text(*newcombe(7, 11, 5, 11), "en") == "+18 pp (95% CI -21 … +50)"
    assert change_text(*newcombe(5, 11, 5, 11), "en").startswith("0 pp (95% CI -")


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_text_report_shows_counts_and_intervals(round_store, lang):
    out = run(round_store, "report", "f1", "--lang", lang)
    yes = share_text(share(5, 11), lang)
    assert yes in out  # single: 5 of 11 said yes
    assert share_text(share(7, 11), lang) in out  # multiple: chat, of the 11 who answered
    assert share_text(share(5, 9), lang) in out  # scale: top box of the 9 who gave a point
    assert share_text(share(2, 11), lang) in out  # can't say, of all 11
    assert share_text(share(5, 11), lang, short=True) in out  # the ranking's first choices too
    words = {"fi": "vähemmän kuin vähimmäisryhmä 5", "sv": "färre än minimigruppen 5", "en": "fewer than the minimum group of 5"}
    assert f"4 {words[lang]}" in out.replace("vastasi, ", "").replace("svarade, ", "").replace("answered, ", "")
    # The closed answers are figures, not a list of option ids.
    assert '["phone"' not in out and "- yes" not in out


def test_markdown_report_shows_counts_and_intervals(round_store):
    out = run(round_store, "report", "f1", "--format", "markdown", "--lang", "en")
    assert "| Yes | 5 / 11 = 45% (95% CI 21–72%) |" in out
    assert "| 5 – Well | 2 / 9 = 22% (95% CI 6–55%) |" in out
    assert "- Top box (4–5): 5 / 9 = 56% (95% CI 27–81%)" in out
    assert "| 5 / 11 = 45% (21–72%) |" in out  # ranking first choices


def test_json_fields_k_n_share_low_high(round_store):
    data = json.loads(run(round_store, "report", "f1", "--json", "--lang", "en"))
    closed = {c["id"]: c for c in data["closed"]}
    assert list(closed) == ["adopted", "channels", "works", "staff"]
    yes = closed["adopted"]["options"][0]
    assert yes == {"id": "yes", "other": False, "title": "Yes", "k": 5, "n": 11, "share": 0.4545, "low": 0.2127,
                   "high": 0.7199}
    assert closed["adopted"]["prompt"] == "Adopted?"
    assert closed["staff"] == {"id": "staff", "kind": "number", "answered": 4, "shown": False, "prompt": "How many?"}
    kanavat = next(i for i in data["ranking"]["items"] if i["id"] == "kanavat")
    assert kanavat["first_choice_interval"] == {"k": 5, "n": 11, "share": 0.4545, "low": 0.2127, "high": 0.7199}


def test_a_round_below_the_minimum_group_per_question_hides_figures(store, kela):
    # 6 responses pass the round's minimum group of 5, but only 4 answered 'adopted'.
    store.create_round("f2", followup(kela), state="closed")
    records = [{"language": "en", "answers": {"adopted": "yes"} if i < 4 else {}, "ranking": r}
               for i, r in enumerate(rankings(OLD_FIRST)[:6])]
    store.import_responses("f2", records)
    data = json.loads(run(store, "report", "f2", "--json"))
    adopted = next(c for c in data["closed"] if c["id"] == "adopted")
    assert adopted == {"id": "adopted", "kind": "single", "answered": 4, "shown": False, "prompt": "Onko käytössä?"}
    out = run(store, "report", "f2", "--lang", "en")
    assert "4 answered, fewer than the minimum group of 5: no figures are shown." in out
    assert "4 / 4" not in out


def test_closed_chart_images(round_store, tmp_path):
    from survey_tui import charts
    from survey_tui.services.results import report

    rep = report(round_store, "f1", "en", answers=False)
    bars = {qid: (labels, counts) for qid, labels, counts, _title in charts.closed_bars(rep)}
    assert set(bars) == {"adopted", "channels", "works"}  # 'staff' is below the minimum group
    assert bars["adopted"] == (["Yes", "Partly", "No", "Other (own words)"], [5, 3, 2, 1])
    assert bars["works"][1] == [1, 1, 2, 3, 2]
    files = charts.write_closed_charts(rep, tmp_path)
    assert sorted(p.name for p in files) == sorted(f"closed_{q}.{ext}" for q in bars for ext in ("png", "svg"))
    svg = (tmp_path / "closed_adopted.svg").read_text("utf-8")
    assert "Adopted? (n = 11)" in svg and "Other (own words)" in svg


def test_markdown_report_with_out_links_the_closed_charts_it_wrote(round_store, tmp_path):
    from click.testing import CliRunner

    from survey_tui.cli.main import cli

    target = tmp_path / "report" / "f1.md"
    result = CliRunner().invoke(cli, ["--db", round_store.path, "report", "f1", "--format", "markdown",
                                      "--lang", "en", "--out", str(target)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    text = target.read_text("utf-8")
    for qid in ("adopted", "channels", "works"):
        assert (target.parent / f"closed_{qid}.png").is_file()
        assert f"(closed_{qid}.png)" in text
    assert not (target.parent / "closed_staff.png").exists()  # below the minimum group: no chart
    assert "(first_choice.png)" in text


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_each_explanation_once_per_report(round_store, fmt):
    from survey_tui.report_strings import t

    out = run(round_store, "report", "f1", "--format", fmt, "--lang", "en")
    closed_part = out[out.index("Adopted?"):]
    assert closed_part.count(t("en", "closed_interval_note")) == 1
    assert closed_part.count(t("en", "closed_scale_note").replace('"', "")[:30]) <= 1


def test_keywords_of_the_full_report_come_from_free_text_only(store, kela):
    # The closed answers' stored values (option ids such as 'phone', 'partly') are no words;
    # the full report and the JSON one count the same keywords.
    store.create_round("f3", followup(kela), state="closed")
    store.import_responses("f3", [{"language": "en", "answers": {**a, "q3": "A shared chat channel helps a lot."},
                                   "ranking": r} for a, r in zip(ELEVEN, rankings(OLD_FIRST))])
    round_store = store
    out = run(round_store, "report", "f3", "--lang", "en")
    line = next(line for line in out.splitlines() if line.strip().startswith("Frequent words") and "(" in line)
    assert "phone" not in line and "partly" not in line
    data = json.loads(run(round_store, "report", "f3", "--json", "--lang", "en"))
    kanavat = next(t for t in data["themes"] if t["id"] == "kanavat")
    assert [w for w, _c in kanavat["keywords"]] == [w.split(" (")[0] for w in line.split(": ", 1)[1].split(", ")]
