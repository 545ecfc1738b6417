"""`survey-tui report --format html|pdf`: the printable report, read back as a reader would."""

from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser

import pytest

from printing_data import NARRATIVE, QUOTABLE, code_round, is_a4, needs, pdf_pages, rankings, run_cli, thesis_round

HOSTILE = '<script>alert("x")</script> <img src=x onerror=alert(1)> \'quote\' & \u202eevil\u202c \x1b[31mred'
SHOWN_HOSTILE = '<script>alert("x")</script> <img src=x onerror=alert(1)> \'quote\' & evil red'
ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p", "table", "thead",
                "tbody", "tr", "th", "td", "ul", "ol", "li", "figure", "svg", "rect", "text", "blockquote"}


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


class Page(HTMLParser):
    """Tags, attributes and the text a browser would show."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.text, self._skip = set(), [], [], 0

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs += attrs
        self._skip += tag in ("style", "title")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "title")

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


@pytest.fixture
def coded(store, kela):
    # Two q3 answers of the Pikaviestintä category (10 answers) are quotable, one hostile.
    slug = thesis_round(store, kela, answers=[{"q3": "Teams " + HOSTILE}])
    code_round(store, slug, quotable=QUOTABLE + ("Teams <script>",))
    return slug


def _html(store, slug, tmp_path, *args):
    out = tmp_path / "report.html"
    result = run_cli(store, "report", slug, "--format", "html", "--out", str(out), *args)
    assert result.exit_code == 0, result.output
    return out


def test_html_report_is_one_self_contained_file_with_everything_escaped(store, coded, tmp_path):
    body = _html(store, coded, tmp_path).read_text("utf-8")
    page = Page()
    page.feed(body)
    assert page.tags <= ALLOWED_TAGS, page.tags - ALLOWED_TAGS  # no script, img, link, iframe...
    # Nothing to fetch: no src or href at all, no url() in the CSS, a policy that blocks any.
    assert not [a for a in page.attrs if a[0] in ("src", "href", "onerror", "onload")]
    assert "url(" not in body and "default-src 'none'" in body
    text = flat(" ".join(page.text))
    assert SHOWN_HOSTILE in text  # the quotable hostile answer, as text
    assert "\u202e" not in body and "\x1b" not in body


def test_html_report_has_the_figures_of_the_json_report(store, coded, tmp_path):
    figures = json.loads(run_cli(store, "report", coded, "--json").output)
    page = Page()
    page.feed(_html(store, coded, tmp_path).read_text("utf-8"))
    text = flat(" ".join(page.text))
    ranking = figures["ranking"]
    for item in ranking["items"]:
        if item["first_choice"] >= 5:
            share = f"{item['first_choice']} / {ranking['n']} = {round(item['first_choice_share'] * 100)} %"
            assert share in text
        else:
            assert not re.search(rf"(?<!\d){item['first_choice']} / {ranking['n']}", text)
    w = f"{ranking['kendall_w']:.2f}".replace(".", ",")
    assert f"Yksimielisyys (Kendallin W): {w}" in text
    # The coding: categories with counts (the small one hidden), quotes only from quotable answers.
    assert "Pikaviestintä (10)" in text and "Puhelin (< 5)" in text and "Yhteyshenkilöt (11)" in text
    assert "Puhelin ja sähköposti." not in text  # not marked quotable
    assert NARRATIVE in text  # the coordinator's summary of the theme
    assert "Menetelmät" in text and "Nimettömyys" in text


def test_pdf_report_has_a4_pages_numbered_and_finnish_letters(store, coded, tmp_path):
    out = tmp_path / "report.pdf"
    result = run_cli(store, "report", coded, "--format", "pdf", "--out", str(out))
    assert result.exit_code == 0, result.output
    pages, sizes, texts = pdf_pages(out.read_bytes())
    assert pages >= 2 and all(is_a4(size) for size in sizes), sizes
    for number, text in enumerate(texts, 1):
        assert f"Sivu {number}/{pages}" in text
    whole = flat(" ".join(texts))
    assert "Yhteinen ymmärrys asiakkaan tilanteesta Kelassa ja kunnassa" in whole
    assert "Pikaviestintä (10)" in whole and SHOWN_HOSTILE in whole and "\ufffd" not in whole
    assert "5 / 11 = 45 %" in whole and "Menetelmät" in whole


def test_pdf_report_in_swedish(store, coded, tmp_path):
    out = tmp_path / "rapport.pdf"
    assert run_cli(store, "report", coded, "--format", "pdf", "--lang", "sv", "--out", str(out)).exit_code == 0
    pages, _sizes, texts = pdf_pages(out.read_bytes())
    whole = flat(" ".join(texts))
    assert f"Sida 1 av {pages}" in texts[0] and "Kanaler och verktyg för att hålla kontakt" in whole
    assert "Anonymitet" in whole and "minimigruppen" in whole


def test_a_round_below_its_minimum_group_gets_one_line(store, kela, tmp_path):
    store.create_round("pieni", kela, state="open", min_group=5)
    store.import_responses("pieni", [{"language": "fi", "answers": {"q3": "Teams"}, "ranking": r} for r in rankings()[:2]])
    store.set_state("pieni", "closed")
    for fmt in ("html", "pdf"):
        out = tmp_path / f"r.{fmt}"
        result = run_cli(store, "report", "pieni", "--format", fmt, "--out", str(out))
        assert result.exit_code != 0 and not out.exists()
        assert result.output.count("\n") == 1 and result.output.startswith("Error:")


def test_pdf_is_not_written_to_a_terminal_but_to_a_pipe(store, coded, tmp_path):
    result = run_cli(store, "report", coded, "--format", "pdf")  # CliRunner's stdout is no terminal
    assert result.exit_code == 0 and result.stdout_bytes.startswith(b"%PDF-")


def test_html_report_rendered_by_chromium_shows_the_text(store, coded, tmp_path):
    chromium = needs("chromium", "headless chromium renders the HTML report")
    html = _html(store, coded, tmp_path)
    printed = tmp_path / "printed.pdf"
    run = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                          f"--print-to-pdf={printed}", html.as_uri()], capture_output=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    pages, sizes, texts = pdf_pages(printed.read_bytes())
    assert all(is_a4(size) for size in sizes), sizes  # the page's @page rule: A4
    text = flat(" ".join(texts))
    assert "Teemojen tärkeysjärjestys" in text and "5 / 11 = 45 %" in text
    assert SHOWN_HOSTILE in text  # shown as text; the browser ran no script and loaded no image
    assert re.search(r"1 / %d" % pages, text)  # page numbers from the CSS margin box


def test_pdf_without_the_extra_is_one_line_naming_it(store, coded, tmp_path):
    import sys

    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent))
    from test_extras import run_without

    result = run_without(["fpdf"], ["--db", str(store.path), "report", coded, "--format", "pdf",
                                    "--out", str(tmp_path / "r.pdf")], tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "pip install 'survey-tui[pdf]'" in result.stderr and result.stderr.count("\n") == 1
    html = run_without(["fpdf", "fontTools", "matplotlib"], ["--db", str(store.path), "poster", coded,
                                                             "--format", "svg", "--out", str(tmp_path / "p.svg")],
                       tmp_path)
    assert html.returncode == 0, html.stderr  # SVG and HTML need no extra
    assert "Matalan kynnyksen yhteydenpitokanavat" in (tmp_path / "p.svg").read_text("utf-8")


def test_closed_questions_print_count_share_and_interval_and_hide_small_counts(store, tmp_path):
    from survey_tui.questionnaire import load_shipped

    store.create_round("seuranta", load_shipped("kela-seuranta"), state="open", min_group=5)
    adopted = ["yes"] * 6 + ["partly"] * 3 + ["no"] * 2
    works = [4] * 5 + [5] * 3 + [3, 2] + ["dont_know"]
    store.import_responses("seuranta", [
        {"language": "fi", "answers": {"p1_adopted": a, "p1_works": w}, "ranking": r}
        for a, w, r in zip(adopted, works, rankings())
    ])
    store.set_state("seuranta", "closed")
    figures = {f["id"]: f for f in json.loads(run_cli(store, "report", "seuranta", "--json").output)["closed"]}
    yes = next(o for o in figures["p1_adopted"]["options"] if o["id"] == "yes")
    assert (yes["k"], yes["n"]) == (6, 11)  # the figures the printed report must show
    page = Page()
    page.feed(_html(store, "seuranta", tmp_path).read_text("utf-8"))
    text = flat(" ".join(page.text))
    low, high = round(yes["low"] * 100), round(yes["high"] * 100)
    assert f"6 / 11 = 55 % ({low}–{high} %)" in text  # count, share and its interval
    assert "5 / 10 = 50 %" in text  # scale point 4 of the ten who gave a point
    for small in ("3 / 11", "2 / 11", "0 / 11", "3 / 10", "1 / 10"):
        assert small not in text
    assert "< 5 / 11" in text and "< 5 / 10" in text
    assert "0 vastasi" not in text and "Vastaajia alle 5: lukuja ei näytetä." in text  # p2..p6 unanswered


def test_pdf_to_a_terminal_is_refused_in_one_line(store, coded):
    import os
    import pty
    import sys

    main, terminal = pty.openpty()
    try:
        run = subprocess.run([sys.executable, "-m", "survey_tui", "--db", str(store.path), "poster", coded],
                             stdout=terminal, stderr=subprocess.PIPE, timeout=120)
        os.close(terminal)
        terminal = None
        shown = b""
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        if terminal is not None:
            os.close(terminal)
        os.close(main)
    assert run.returncode != 0 and b"%PDF" not in shown
    assert run.stderr.decode().count("\n") == 1 and "--out" in run.stderr.decode()


def test_the_pdf_reports_first_page_as_an_image_is_kept_under_artifacts(store, coded, tmp_path):
    from printing_data import ARTIFACTS

    pdftoppm = needs("pdftoppm", "poppler-utils renders the PDF page to PNG")
    out = tmp_path / "report.pdf"
    assert run_cli(store, "report", coded, "--format", "pdf", "--out", str(out)).exit_code == 0
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run([pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(out),
                    str(ARTIFACTS / "report-page1")], check=True, timeout=60)
    from PIL import Image

    with Image.open(ARTIFACTS / "report-page1.png") as image:
        assert abs(image.size[0] / image.size[1] - 210 / 297) < 0.01
        assert image.convert("L").getextrema()[0] < 100


def test_a_ranking_by_fewer_than_the_minimum_group_is_withheld_without_its_count(store, kela, tmp_path):
    from survey_tui.questionnaire import from_dict

    data = kela.to_dict()
    data["ranking"]["require_all"] = False
    store.create_round("harva", from_dict(data), state="closed", min_group=5)
    store.import_responses("harva", [{"language": "fi", "answers": {"q3": "Chat"}, "ranking": ["henkilot", "kanavat"]}]
                           + [{"language": "fi", "answers": {"q3": f"Vastaus {i}"}, "ranking": []} for i in range(5)])
    assert json.loads(run_cli(store, "report", "harva", "--json").output)["ranking_withheld"] == 1
    out = tmp_path / "harva.pdf"
    assert run_cli(store, "report", "harva", "--format", "pdf", "--out", str(out)).exit_code == 0
    text = flat(" ".join(pdf_pages(out.read_bytes())[2]))
    assert "Teemat järjesti alle 5 vastaajaa: järjestystä ei näytetä." in text
    assert "antoi 1" not in text and "Borda" not in text


def test_html_and_pdf_reports_print_each_themes_keywords_from_the_json_report(store, coded, tmp_path):
    figures = json.loads(run_cli(store, "report", coded, "--json").output)
    themes = [theme for theme in figures["themes"] if theme["keywords"]]
    assert themes  # the thesis-shaped round has words to count
    page = Page()
    page.feed(_html(store, coded, tmp_path).read_text("utf-8"))
    html_text = flat(" ".join(page.text))
    out = tmp_path / "report.pdf"
    assert run_cli(store, "report", coded, "--format", "pdf", "--out", str(out)).exit_code == 0
    pdf_text = flat(" ".join(pdf_pages(out.read_bytes())[2]))
    for theme in themes:
        for entry in theme["keywords"][:3]:
            word, count = (entry["word"], entry["count"]) if isinstance(entry, dict) else entry
            shown = f"{word} ({count})" if count >= store.get_round(coded).min_group else word
            assert shown in html_text, (shown, theme["id"])
            assert shown in pdf_text, (shown, theme["id"])
