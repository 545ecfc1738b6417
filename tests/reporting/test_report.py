"""`survey-tui report`: JSON, text and Markdown on a thesis-shaped round; refusal below the minimum."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from reporting_data import EXPECTED_ORDER, FIRST_CHOICES, HOSTILE, run_cli, statistic_free, thesis_records

from survey_tui import charts
from survey_tui.analysis.explain import explain
from survey_tui.export import export_round
from survey_tui.sanitize import one_line
from survey_tui.summary import BelowMinimumGroup, build_report


def test_json_reproduces_thesis_first_choices(thesis_store, kela):
    result = run_cli(thesis_store, "report", "thesis", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["round"] == "thesis"
    assert data["n"] == 11
    items = data["ranking"]["items"]
    assert [it["id"] for it in items] == [t.id for t in kela.themes]  # questionnaire order
    assert {it["id"]: it["first_choice"] for it in items} == FIRST_CHOICES
    for it in items:
        assert set(it) >= {"id", "title", "first_choice", "first_choice_share", "positions", "mean_rank", "borda"}
        assert len(it["positions"]) == 5 and sum(it["positions"]) == 11
        assert it["first_choice_share"] == pytest.approx(FIRST_CHOICES[it["id"]] / 11, abs=1e-4)
        assert it["positions"][0] == it["first_choice"]
    assert items[2]["title"] == "Yhteydenpitokanavat ja välineet"
    # Borda: each respondent hands out 4+3+2+1+0 = 10 points.
    assert sum(it["borda"] for it in items) == 110
    assert sorted(data["ranking"]["consensus"]) == sorted(FIRST_CHOICES)
    assert data["ranking"]["consensus"][0] == "kanavat"
    assert 0 <= data["ranking"]["kendall_w"] <= 1
    themes = {t["id"]: t for t in data["themes"]}
    assert list(themes) == [t.id for t in kela.themes]
    q3 = themes["kanavat"]["questions"][0]
    assert q3 == {"id": "q3", "answered": 11, "blank": 0}
    assert themes["henkilot"]["questions"][0] == {"id": "q4", "answered": 5, "blank": 6}
    assert ["pikaviestin", 11] in themes["kanavat"]["keywords"] or any(
        c == 11 for _, c in themes["kanavat"]["keywords"]
    )
    assert all(set(t) >= {"id", "title", "questions", "keywords", "codes"} for t in data["themes"])


def test_json_streaming_and_full_summaries_agree(thesis_store):
    """The JSON (counts only, streamed) and the text report (answers kept) count the same."""
    thesis_store.release("thesis")
    thesis_store.add_answer_code("thesis", thesis_store.answers("thesis", "q3")[0]["response_id"], "q3", "chat")
    streamed = build_report(thesis_store, "thesis", answers=False).to_dict()
    full = build_report(thesis_store, "thesis", answers=True).to_dict()
    assert streamed == full


def test_text_report_lists_first_choices_most_to_least(thesis_store):
    result = run_cli(thesis_store, "report", "thesis", "--lang", "fi")
    assert result.exit_code == 0, result.output
    out = result.stdout
    rep = build_report(thesis_store, "thesis", answers=False)
    labels = [charts.terminal_label(rep.item_title(i)) for i in EXPECTED_ORDER]
    chart_start = out.index("Tärkeimmäksi asetetut teemat")
    chart = out[chart_start : out.index("Sijojen jakauma")]
    rows = [line for line in chart.splitlines() if "┤" in line]
    assert [line.split("┤")[0].strip() for line in rows] == labels
    # Bars get shorter down the chart (5, 3, 2, 1, 0 blocks' worth).
    lengths = [line.count("█") for line in rows]
    assert lengths == sorted(lengths, reverse=True) and lengths[-1] == 0
    # The table above the chart has the same order and counts.
    titles = [one_line(rep.item_title(item), 40) for item in EXPECTED_ORDER]
    table_rows = [line for line in out[:chart_start].splitlines() if any(line.startswith(x) for x in titles)]
    assert len(table_rows) == 5
    # No row numbers: they would read as an order of importance, which the consensus order is.
    assert not any(re.match(r"^\d\s", line) for line in out[:chart_start].splitlines())
    for line, item in zip(table_rows, EXPECTED_ORDER):
        assert one_line(rep.item_title(item), 40) in line
        k = FIRST_CHOICES[item]  # the share with its count and interval
        assert re.search(rf"\s{k}\s+{k} / 11 = \d+ % \(\d+–\d+ %\)", line)
    # Every figure comes with its explanation.
    for key in ("n", "first_choice", "first_choice_share", "positions", "mean_rank", "borda", "consensus", "kendall_w"):
        assert one_line(explain(key, "fi")) in out, key
    assert "\x1b" not in out


def test_english_report(thesis_store):
    result = run_cli(thesis_store, "report", "thesis", "--lang", "en")
    assert result.exit_code == 0
    assert "Channels and tools for keeping in contact" in result.stdout
    assert one_line(explain("borda", "en")) in result.stdout


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_below_minimum_group_refuses_without_figures(store, kela, fmt):
    store.create_round("pieni", kela, state="closed", min_group=5)
    store.import_responses("pieni", thesis_records()[:4])
    result = run_cli(store, "report", "pieni", "--format", fmt)
    assert result.exit_code != 0
    assert result.stdout == ""
    assert "4 responses" in result.stderr and "5" in result.stderr
    assert statistic_free(result.output)
    with pytest.raises(BelowMinimumGroup):
        build_report(store, "pieni")


def test_empty_round_refuses(store, kela):
    store.create_round("tyhja", kela, state="closed")
    result = run_cli(store, "report", "tyhja")
    assert result.exit_code != 0 and "0 responses" in result.stderr


def _hostile_store(store, kela):
    records = thesis_records()
    for i, text in enumerate(HOSTILE):
        records[i]["answers"]["q1a"] = text
    records[0]["answers"]["q2a"] = "Työkierto \u202eesrever\u202c ja \u200bnäkymätön"
    store.create_round("vihamielinen", kela, state="closed")
    store.import_responses("vihamielinen", records)
    store.release("vihamielinen")
    store.add_answer_code("vihamielinen", store.answers("vihamielinen", "q1a")[0]["response_id"], "q1a", "<b>koodi</b> [x](y)")
    return store


def test_text_report_shows_hostile_answers_literally(store, kela):
    _hostile_store(store, kela)
    out = run_cli(store, "report", "vihamielinen").stdout
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    assert "\u202e" not in out and "\u200b" not in out
    assert "[@click=app.quit]lopeta[/] ja [b]lihava[/b]" in out  # markup is shown, not run
    assert "<script>alert(1)</script>" in out
    assert "Selkeä punainen ohje" in out  # the escape sequences are gone, the words stay
    assert "[2J" not in out and "52;c;" not in out


def _render_html(markdown: str) -> str:
    from markdown_it import MarkdownIt

    # gfm-like: tables, strikethrough and linkify (bare URLs, www. and e-mail become links).
    return MarkdownIt("gfm-like", {"html": True}).render(markdown)


def test_markdown_escapes_hostile_answers(store, kela, tmp_path):
    _hostile_store(store, kela)
    out_file = tmp_path / "raportti" / "r.md"
    result = run_cli(store, "report", "vihamielinen", "--format", "markdown", "--out", str(out_file))
    assert result.exit_code == 0, result.output
    md = out_file.read_text("utf-8")
    assert "\x1b" not in md and "\x07" not in md and "\u202e" not in md
    html = _render_html(md)
    # Only the two chart images, and they are ours, next to the file.
    assert re.findall(r"<img [^>]*>", html) == [
        m for m in re.findall(r"<img [^>]*>", html) if 'src="first_choice.png"' in m or 'src="positions.png"' in m
    ]
    assert len(re.findall(r"<img ", html)) == 2
    assert "<a " not in html  # no link at all, not even autolinks
    assert "<script" not in html and "<b>" not in html and "<h1>otsikko" not in html
    assert "<code>" not in html and "<strong>lihava" not in html and "<em>kursiivi" not in html
    assert "<del>" not in html and "<blockquote>\n<p>lainaus" not in html
    # The hostile text is still there, as text.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "[@click=app.quit]lopeta[/]" in html
    assert "![kuva](https://evil.example/x.png)" in html
    assert "&amp;amp;" in html  # an entity in an answer is shown, not decoded
    for key in ("n", "first_choice", "mean_rank", "borda", "kendall_w", "consensus"):
        assert explain(key, "fi").split(":")[0] in html
    assert (out_file.parent / "first_choice.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert (out_file.parent / "positions.svg").exists()


def test_markdown_to_stdout_links_export_images_once_they_exist(thesis_store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = run_cli(thesis_store, "report", "thesis", "--format", "markdown", "--lang", "en")
    assert before.exit_code == 0
    assert "![" not in before.stdout and "first_choice.png" not in before.stdout  # nothing to link yet
    assert "survey-tui export thesis" in before.stderr
    assert before.stdout.startswith("# Themes for developing cooperation")
    assert run_cli(thesis_store, "export", "thesis", "--charts").exit_code == 0  # images only with --charts
    after = run_cli(thesis_store, "report", "thesis", "--format", "markdown", "--lang", "en")
    assert "](results/thesis/first_choice.png)" in after.stdout
    assert (tmp_path / "results" / "thesis" / "first_choice.png").is_file()


def _questionnaire(kela, **ranking):
    from survey_tui.questionnaire import from_dict

    data = kela.to_dict()
    if ranking.get("none"):
        data.pop("ranking")
    else:
        data["ranking"]["require_all"] = False
    return from_dict(data)


def test_partial_rankings_are_explained(store, kela, tmp_path):
    q = _questionnaire(kela, require_all=False)
    store.create_round("osittain", q, state="closed")
    store.import_responses(
        "osittain",
        [{"language": "fi", "answers": {"q3": "Chat"}, "ranking": ["kanavat", "henkilot"]}] * 3
        + [{"language": "fi", "answers": {"q3": "Puhelin"}, "ranking": ["ymmarrys"]}] * 2
        + [{"language": "fi", "answers": {"q3": "Ei järjestystä"}, "ranking": []}],
    )
    data = json.loads(run_cli(store, "report", "osittain", "--format", "json").stdout)
    assert data["n"] == 6 and data["ranking"]["n"] == 5  # the empty ranking is not counted
    assert data["ranking"]["complete"] is False and data["ranking"]["kendall_w"] is None
    items = {it["id"]: it for it in data["ranking"]["items"]}
    assert items["kanavat"]["first_choice"] == 3 and items["henkilot"]["positions"][:2] == [0, 3]
    assert items["tiedottaminen"]["mean_rank"] is None
    text = run_cli(store, "report", "osittain").stdout
    assert one_line(explain("partial", "fi")) in text
    assert "järjestyksen antoi 5 / 6 vastaajaa" in text
    export_round(store, "osittain", tmp_path, charts=False)
    rows = list(csv.reader(io.StringIO((tmp_path / "responses.csv").read_text("utf-8"), newline="")))
    assert sum(1 for r in rows[1:] if r[-5:] == [""] * 5) == 1


def test_questionnaire_without_ranking(store, kela, tmp_path):
    store.create_round("vapaa", _questionnaire(kela, none=True), state="closed")
    store.import_responses("vapaa", [{"language": "fi", "answers": {"q3": f"Vastaus {i}"}} for i in range(5)])
    data = json.loads(run_cli(store, "report", "vapaa", "--format", "json").stdout)
    assert data["ranking"] is None and data["n"] == 5
    assert run_cli(store, "report", "vapaa").exit_code == 0
    assert run_cli(store, "report", "vapaa", "--format", "markdown").exit_code == 0
    result = export_round(store, "vapaa", tmp_path)
    assert {p.name for p in result.files} == {"round.csv", "responses.csv", "answers.csv", "keywords.csv", "codes.csv",
                                              "codebook.csv"}
    assert next(csv.reader(io.StringIO((tmp_path / "responses.csv").read_text("utf-8"), newline="")))[-1] == "q5"


def test_report_inside_a_callers_snapshot(thesis_store):
    """A caller (the dashboard) may already hold a read snapshot: the report reads within it."""
    with thesis_store.snapshot():
        thesis_store.count_responses("thesis")
        rep = build_report(thesis_store, "thesis", answers=False)
    assert rep.n == 11


def test_ranking_of_fewer_rankers_than_the_minimum_group_is_withheld(store, kela, tmp_path):
    q = _questionnaire(kela, require_all=False)
    for slug in ("harva", "harva2"):
        store.create_round(slug, q, state="closed")
        store.import_responses(
            slug,
            [{"language": "fi", "answers": {"q3": "Chat"}, "ranking": ["henkilot", "kanavat"]}]
            + [{"language": "fi", "answers": {"q3": f"Vastaus {i}"}, "ranking": []} for i in range(5)],
        )
    data = json.loads(run_cli(store, "report", "harva", "--format", "json").stdout)
    assert data["n"] == 6 and data["ranking"] is None and data["ranking_withheld"] == 1
    for fmt in ("text", "markdown"):
        out = run_cli(store, "report", "harva", "--format", fmt).stdout.replace("\\", "")
        assert "antoi 1 vastaaja, vähemmän kuin pienin raportoitava ryhmä (5)" in out  # one: singular
        assert "100" not in out and "Borda" not in out  # no figure of the single ranker
    compared = json.loads(run_cli(store, "compare", "harva", "harva2", "--json").stdout)
    assert compared["items"] == [] and compared["tau"] is None
    result = export_round(store, "harva", tmp_path, charts=False)
    assert "ranking.csv" not in {p.name for p in result.files}


def test_compare_and_export_say_why_a_withheld_ranking_is_not_compared(store, kela, tmp_path):
    store.create_round("kevat", kela, state="closed")
    store.import_responses("kevat", thesis_records())
    optional = _questionnaire(kela, require_all=False)
    store.create_round("syksy", optional, state="closed", follows="kevat")
    store.import_responses(
        "syksy",
        [{"language": "fi", "answers": {"q3": "Chat"}, "ranking": ["henkilot", "kanavat"]}]
        + [{"language": "fi", "answers": {"q3": f"Vastaus {i}"}, "ranking": []} for i in range(5)],
    )
    text = run_cli(store, "compare", "kevat", "syksy", "--lang", "fi").stdout.replace("\\\\", "")
    assert "syksy: Tärkeysjärjestystä ei näytetä: sen antoi 1 vastaaja," in text
    assert "vain vanhalla" not in text and "Ei verrattavissa (järjestettävät)" not in text
    data = json.loads(run_cli(store, "compare", "kevat", "syksy", "--json").stdout)
    assert data["items"] == [] and data.get("unmatched_items", []) == []
    result = export_round(store, "syksy", tmp_path, charts=False)
    assert any("syksy" in w and "1" in w and "comparison" in w for w in result.warnings), result.warnings
    assert not any("without a ranking question" in w for w in result.warnings)


def test_the_pairwise_table_that_the_report_explains_is_printed(thesis_store):
    from survey_tui.summary import build_report

    rep = build_report(thesis_store, "thesis", "en", answers=False)
    stats = rep.ranking
    first, second = stats.consensus[0], stats.consensus[1]
    idx = {it.id: i for i, it in enumerate(stats.items)}
    above = stats.pairwise[idx[first]][idx[second]]
    text = run_cli(thesis_store, "report", "thesis", "--lang", "en").stdout
    row = next(line for line in text.splitlines() if line.startswith("1. ") and "–" in line)
    assert row.split()[-5:] == ["–", str(above)] + row.split()[-3:]
    assert [c for c in row.split()[-5:]] == ["–"] + [str(stats.pairwise[idx[first]][idx[o]]) for o in stats.consensus[1:]]
    md = run_cli(thesis_store, "report", "thesis", "--lang", "en", "--format", "markdown").stdout
    assert "| | 1 | 2 | 3 | 4 | 5 |" in md
