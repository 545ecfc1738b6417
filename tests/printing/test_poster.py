"""`survey-tui poster`: the thesis's Liite 5 on one A4 page, checked as a reader would."""

from __future__ import annotations

import html
import json
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest

from printing_data import (ARTIFACTS, FIRST, POSTER_TITLE, PRACTICES, code_round, is_a4, needs, pdf_pages,
                           run_cli, thesis_round)
from survey_tui.poster_model import PosterData, PosterTheme

SV_TITLE = "Samarbetets väggtavla: åtgärder för FPA och socialväsendet"


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.fixture
def coded(store, kela):
    slug = thesis_round(store, kela)
    code_round(store, slug)
    return slug


def test_poster_pdf_is_one_a4_page_with_every_practice_and_the_letters_intact(store, coded, tmp_path):
    out = tmp_path / "poster.pdf"
    result = run_cli(store, "poster", coded, "--title", POSTER_TITLE, "--out", str(out))
    assert result.exit_code == 0, result.output
    pages, sizes, texts = pdf_pages(out.read_bytes())
    assert pages == 1 and is_a4(sizes[0]), (pages, sizes)
    text = flat(texts[0])
    assert POSTER_TITLE in text
    for practices in PRACTICES.values():
        for practice in practices:
            assert practice in text, practice
    # Theme titles, the priority chart and n in the questionnaire's language (Finnish).
    assert "Yhteydenpitokanavat ja välineet" in text and "Tärkein teema" in text and "11 vastausta" in text
    assert "5 / 11 = 45 %" in text  # kanavat: five of eleven put it first
    # ä and ö survive as themselves (no replacement characters, no decomposed letters).
    assert "ä" in text and "ö" in text and "\ufffd" not in text


def test_poster_in_swedish_keeps_a_ring_and_says_n_in_swedish(store, coded, tmp_path):
    out = tmp_path / "affisch.pdf"
    result = run_cli(store, "poster", coded, "--lang", "sv", "--title", SV_TITLE, "--out", str(out))
    assert result.exit_code == 0, result.output
    pages, sizes, texts = pdf_pages(out.read_bytes())
    text = flat(texts[0])
    assert pages == 1 and is_a4(sizes[0])
    assert SV_TITLE in text and "å" in text and "ä" in text and "ö" in text
    assert "Kanaler och verktyg för att hålla kontakt" in text and "11 svar" in text and "Omgång kevat" in text


def test_no_count_below_the_minimum_group_is_printed(store, coded, tmp_path):
    out = tmp_path / "poster.pdf"
    assert run_cli(store, "poster", coded, "--out", str(out)).exit_code == 0
    text = flat(pdf_pages(out.read_bytes())[2][0])
    small = [count for count in FIRST.values() if count < 5]
    assert small, "the data must have small first-choice counts for this test to mean anything"
    for count in small:
        assert f"{count} / 11" not in text
    assert text.count("< 5 / 11") == len(small)


def test_the_pdf_page_as_an_image_is_kept_under_artifacts(store, coded, tmp_path):
    pdftoppm = needs("pdftoppm", "poppler-utils renders the PDF page to PNG")
    out = tmp_path / "poster.pdf"
    assert run_cli(store, "poster", coded, "--title", POSTER_TITLE, "--out", str(out)).exit_code == 0
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run([pdftoppm, "-png", "-r", "80", "-singlefile", str(out), str(ARTIFACTS / "poster")], check=True,
                   timeout=60)
    from PIL import Image

    with Image.open(ARTIFACTS / "poster.png") as image:
        width, height = image.size
        # A4 proportions, and ink on the page (not a blank render).
        assert abs(width / height - 210 / 297) < 0.01
        assert image.convert("L").getextrema()[0] < 100


def test_svg_and_html_posters_are_self_contained_and_hold_every_practice(store, coded, tmp_path):
    for fmt in ("svg", "html"):
        out = tmp_path / f"poster.{fmt}"
        assert run_cli(store, "poster", coded, "--format", fmt, "--out", str(out)).exit_code == 0
        body = out.read_text("utf-8")
        # The page's text as a reader sees it: the <text> lines in order (a practice may wrap).
        shown = flat(" ".join(html.unescape(line) for line in re.findall(r"<text[^>]*>(.*?)</text>", body)))
        for practices in PRACTICES.values():
            for practice in practices:
                assert practice in shown
        links = re.findall(r"""(?:src|href)\s*=\s*["']?([^"' >]+)""", body) + re.findall(r"url\(([^)]*)\)", body)
        assert links and all(link.startswith("data:") for link in links), links
    svg = ET.parse(tmp_path / "poster.svg").getroot()
    assert svg.get("width") == "210mm" and svg.get("height") == "297mm"


def test_html_poster_prints_on_one_a4_page_in_chromium(store, coded, tmp_path):
    chromium = needs("chromium", "headless chromium prints the HTML poster")
    page_file = tmp_path / "poster.html"
    assert run_cli(store, "poster", coded, "--format", "html", "--out", str(page_file)).exit_code == 0
    printed = tmp_path / "printed.pdf"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={printed}", page_file.as_uri()], check=True, capture_output=True, timeout=120)
    pages, sizes, texts = pdf_pages(printed.read_bytes())
    assert pages == 1 and is_a4(sizes[0]), (pages, sizes)
    for practice in PRACTICES["ymmarrys"]:
        assert practice in flat(texts[0])


def test_a_round_below_its_minimum_group_gets_one_line_and_no_file(store, kela, tmp_path):
    store.create_round("pieni", kela, state="open", min_group=5)
    store.import_responses("pieni", [{"language": "fi", "answers": {"q3": "Teams"}, "ranking": list(FIRST)}] * 3)
    store.set_state("pieni", "closed")
    out = tmp_path / "poster.pdf"
    result = run_cli(store, "poster", "pieni", "--out", str(out))
    assert result.exit_code != 0 and not out.exists()
    lines = result.output.strip().splitlines()
    # The sealing rule's own line (services/sealing.py), as every results view says it.
    assert len(lines) == 1 and lines[0].startswith("Error:") and "minimum group" in lines[0]
    assert "Traceback" not in result.output


def test_a_round_without_practices_says_so_in_one_line(store, kela, tmp_path):
    slug = thesis_round(store, kela)
    out = tmp_path / "poster.svg"
    result = run_cli(store, "poster", slug, "--format", "svg", "--out", str(out))
    assert result.exit_code != 0 and not out.exists()
    assert result.output.count("\n") == 1 and "no practices" in result.output


def hostile_poster(**kw) -> PosterData:
    themes = (PosterTheme('<script>alert("x")</script> & \u202eRTL', ('Käytäntö "lainausmerkein" <b>', "עברית ja suomi")),)
    return PosterData(title="Otsikko <svg onload=alert(1)> 'ja' \"", lang="fi", themes=themes,
                      first_choices=(("Teema <i>", 6), ("Toinen", 1)), n=7, ranked=7, rate=None, min_group=5, **kw)


def test_rendering_escapes_hostile_text_in_every_format():
    from survey_tui.poster_render import render

    data = hostile_poster()
    svg = render(data, "svg")
    root = ET.fromstring(svg.split("\n", 1)[1])  # well-formed: nothing broke out of its element
    texts = " ".join("".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text"))
    assert '<script>alert("x")</script>' in texts and "Käytäntö \"lainausmerkein\" <b>" in texts
    assert not [el for el in root.iter() if el.tag.split("}")[-1] in ("script", "b", "i", "foreignObject")]
    assert "\u202e" not in svg  # the bidi override is cleaned away, the Hebrew text stays
    assert "עברית" in texts
    page = render(data, "html")
    assert "<script>" not in page and "<svg onload" not in page and "&lt;script&gt;" in page
    text = flat(pdf_pages(render(data, "pdf"))[2][0])
    assert "Käytäntö \"lainausmerkein\" <b>" in text and "1 / 7" not in text and "6 / 7" in text


def test_too_many_practices_for_one_page_is_refused_in_one_line():
    from survey_tui.poster_layout import PosterTooLong, poster_layout

    many = tuple(PosterTheme(f"Teema {i}", tuple(f"Toimintatapa {i}.{j} " + "sana " * 30 for j in range(12)))
                 for i in range(6))
    data = PosterData("Liian pitkä", "fi", many, (), 11, 0, None, 5)
    with pytest.raises(PosterTooLong) as caught:
        poster_layout(data)
    assert "\n" not in str(caught.value) and "72" in str(caught.value)


def test_a_fuller_poster_is_set_smaller_but_stays_on_one_page():
    from survey_tui.poster_render import render

    themes = tuple(PosterTheme(f"Teema {i}", tuple(f"Toimintatapa {i}.{j} ja sen perustelu" for j in range(5)))
                   for i in range(6))
    data = PosterData("Täysi juliste", "fi", themes, (("A", 6), ("B", 5)), 11, 11, 0.9, 5)
    pages, sizes, texts = pdf_pages(render(data, "pdf"))
    assert pages == 1 and is_a4(sizes[0])
    assert all(f"Toimintatapa {i}.{j}" in texts[0] for i in range(6) for j in range(5))
    assert "vastausprosentti 90 %" in flat(texts[0])


def test_a_character_the_font_lacks_prints_as_a_replacement_not_as_nothing():
    from survey_tui.poster_render import render

    themes = (PosterTheme("Teema", ("Hymy 🙂 ja kanji 漢 jäävät näkyviin",)),)
    data = PosterData("Otsikko", "fi", themes, (), 5, 0, None, 5)
    text = flat(pdf_pages(render(data, "pdf"))[2][0])
    assert "Hymy \ufffd ja kanji \ufffd jäävät näkyviin" in text


def test_a_hidden_count_is_drawn_as_a_dashed_bar_to_the_most_it_can_be():
    from survey_tui.svg_chart import Bar, Rect, layout

    chart = layout([Bar("A", 8, "8 / 10"), Bar("B", 2, "< 5 / 10", hidden=True)], maximum=8, width=400, floor=5)
    filled, dashed = [s for s in chart.shapes if isinstance(s, Rect)]
    assert not filled.dashed and dashed.dashed
    assert dashed.w == pytest.approx(filled.w * 4 / 8)  # min_group - 1 = 4, not the hidden 2


def test_the_response_rate_is_the_rounds_status_rate(store, kela, tmp_path):
    from printing_data import coded_answers_round

    slug = coded_answers_round(store, kela, issued=12)
    code_round(store, slug)
    status = json.loads(run_cli(store, "status", slug, "--json").output)
    assert (status["codes_used"], status["codes_issued"]) == (11, 12)
    out = tmp_path / "poster.pdf"
    assert run_cli(store, "poster", slug, "--out", str(out)).exit_code == 0
    assert "11 vastausta · vastausprosentti 92 %" in flat(pdf_pages(out.read_bytes())[2][0])


def test_a_round_still_taking_answers_is_sealed_for_the_poster_and_the_report(store, kela, tmp_path):
    store.create_round("auki", kela, state="open", min_group=5)
    store.import_responses("auki", [{"language": "fi", "answers": {"q3": "Teams"}, "ranking": list(FIRST)}] * 6)
    for args in (("poster", "auki"), ("report", "auki", "--format", "html"), ("report", "auki", "--format", "pdf")):
        out = tmp_path / "out.file"
        result = run_cli(store, *args, "--out", str(out))
        assert result.exit_code != 0 and not out.exists()
        assert result.output.count("\n") == 1 and "sealed" in result.output


def test_json_says_what_the_poster_shows_with_small_counts_hidden(store, coded):
    data = json.loads(run_cli(store, "poster", coded, "--json").output)
    assert [t["practices"] for t in data["themes"]] == list(PRACTICES.values())
    firsts = {f["first_choice"] for f in data["first_choices"]}
    assert firsts == {5, "<5"} and data["n"] == 11 and data["response_rate"] is None
