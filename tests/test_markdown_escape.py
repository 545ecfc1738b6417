"""The Markdown report escapes only what Markdown would read: `spring-2026` and `2,33`
stay as they are, and hostile text still renders as exactly its own characters.

Rendered with markdown-it in its gfm-like preset (tables, strikethrough and linkify:
bare URLs, `www.` and e-mail addresses become links) with raw HTML enabled, the most
permissive common renderer.
"""

from __future__ import annotations

import collections
import html
import re

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from survey_tui.cli.main import cli
from survey_tui.report_markdown import escape, escape_block
from survey_tui.sanitize import one_line

markdown_it = pytest.importorskip("markdown_it")
MD = markdown_it.MarkdownIt("gfm-like", {"html": True})


def text_html(s: str) -> str:
    """How markdown-it writes plain text into HTML."""
    return html.escape(s, quote=True).replace("&#x27;", "'")


@pytest.mark.parametrize("text", [
    "spring-2026", "2,33", "66,7 %", "Kela ja kunta: yhteistyö (2021).", "snake_case_name", "a - b", "v1.2",
    "kysymys? vastaus!", "e.g. paper forms", "A & B", "1 + 1 = 2", "50/50", "x > y", "10 # of them",
])
def test_ordinary_punctuation_is_left_as_it_is(text):
    assert escape(text) == text


@pytest.mark.parametrize("text,escaped", [
    ("# otsikko", "\\# otsikko"),
    ("> lainaus", "\\> lainaus"),
    ("- lista", "\\- lista"),
    ("+ lista", "\\+ lista"),
    ("1. numero", "1\\. numero"),
    ("2) numero", "2\\) numero"),
    ("---", "\\---"),
    ("===", "\\==="),
    ("**lihava** _kursiivi_", "\\*\\*lihava\\*\\* \\_kursiivi\\_"),
    ("`koodi`", "\\`koodi\\`"),
    ("~~pois~~", "\\~\\~pois\\~\\~"),
    ("[linkki](https://evil.example)", "\\[linkki\\](https\\://evil\\.example)"),
    ("<b>html</b>", "&lt;b>html&lt;/b>"),
    ("&amp; &#x3C;", "\\&amp; \\&#x3C;"),
    ("www.evil.example posti@evil.example", "www\\.evil\\.example posti\\@evil\\.example"),
    ("//evil.example k^.fi", "\\//evil\\.example k^\\.fi"),
    ("Otsikko #", "Otsikko \\#"),
    ("C:\\temp\\", "C:\\\\temp\\\\"),
])
def test_markdown_syntax_is_escaped_where_it_would_be_read(text, escaped):
    assert escape(text) == escaped


def test_pipes_are_escaped_in_table_cells_and_answers_only():
    assert escape("a | b") == "a | b"
    assert escape("a | b", cell=True) == "a \\| b"
    assert escape_block("| a | b |\n|---|---|") == ["\\| a \\| b \\|\\", "\\|---\\|---\\|"]


# Characters Markdown gives a meaning to somewhere, and words linkify looks for.
_BITS = st.sampled_from(
    list("ab1 #>-+*=_`~[]()<>&;|:/.@!\\'\"%^$\n") + ["www", "http", "mailto", "&amp;", "&#35;", "x.com", "1.", "2)", "fi", "e.g", "com", "co", "//", "https:", "?", ",", "{",
                                                   "---", "===", "|---|", ":-", "ä", "  "]
)
_TEXTS = st.lists(_BITS, min_size=1, max_size=16).map("".join)


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_any_text_renders_as_exactly_its_characters_in_every_context(raw):
    line = one_line(raw)
    if line:
        for prefix, wrap in (("", "<p>{}</p>"), ("- ", "<ul>\n<li>{}</li>\n</ul>"), ("# ", "<h1>{}</h1>"),
                             ("> ", "<blockquote>\n<p>{}</p>\n</blockquote>")):
            assert MD.render(prefix + escape(line)).strip() == wrap.format(text_html(line))
        table = MD.render("| a | b |\n|:---|---:|\n| " + escape(line, cell=True) + " | 1 |\n")
        assert f'<td style="text-align:left">{text_html(line)}</td>' in table and table.count("<td") == 2
    block = escape_block(raw)
    if block:
        lines = [one for one in (" ".join(part.split()) for part in raw.split("\n")) if one]
        expected = "<blockquote>\n<p>" + "<br />\n".join(text_html(one) for one in lines) + "</p>\n</blockquote>"
        assert MD.render("\n".join("> " + one for one in block)).strip() == expected


# --------------------------------------------------------------------------- the whole report

HOSTILE = [
    "# otsikko\n## alaotsikko\nteksti\n===\nlisää\n---",
    "> lainaus\n- lista\n+ plus\n* tähti\n1. numero\n2) toinen",
    "| taulu | x |\n|---|---|\n| solu | y |",
    ":---|---:\nrivi",
    "<script>alert(1)</script> <img src=x onerror=alert(1)> <!-- kommentti --> <https://evil.example>",
    "![kuva](https://evil.example/x.png) [linkki](javascript:alert(1)) [viite]: https://evil.example",
    "https://evil.example www.evil.example posti@evil.example kela.fi mailto:posti@evil.example",
    "**lihava** __myös__ _kursiivi_ `koodi` ~~yliviivattu~~ &amp; &#x3C; \\",
    "```\nkoodilohko\n```\n~~~\ntoinen\n~~~",
    "[^1] alaviite\n\n[^1]: https://evil.example",
    "spring-2026 2,33 Kela & kunta",
]


def _round(tmp_path, answers: list[str]):
    from survey_tui.questionnaire import load_shipped
    from survey_tui.store import Store

    kela = load_shipped("kela-sosiaalitoimi")
    items = [item.id for item in kela.ranking.items]
    db = tmp_path / f"s{len(list(tmp_path.iterdir()))}.db"
    with Store(db) as store:
        store.create_round("spring-2026", kela, state="closed", min_group=5)
        store.import_responses("spring-2026", [
            {"language": "fi", "answers": {"q1a": text, "q5": text}, "ranking": items[i % 5:] + items[:i % 5]}
            for i, text in enumerate(answers)
        ])
        store.release("spring-2026")
    result = CliRunner().invoke(cli, ["--db", str(db), "report", "spring-2026", "--format", "markdown", "--lang", "fi"])
    assert result.exit_code == 0, result.output
    return result.stdout


def _tags(rendered: str) -> collections.Counter:
    return collections.Counter(re.findall(r"<([a-z][a-z0-9]*)[\s>/]", rendered))


def test_the_report_reads_spring_2026_and_2_33_unescaped(tmp_path):
    md = _round(tmp_path, HOSTILE)
    assert "spring-2026" in md and "spring\\-2026" not in md
    assert re.search(r"\b\d,\d\d\b", md), "a Finnish decimal such as 2,33 in the tables"
    assert "\\," not in md and "\\%" not in md and "\\(" not in md
    assert "spring-2026 2,33 Kela & kunta" in md


def test_hostile_answers_add_no_heading_link_html_table_or_list(tmp_path):
    hostile = MD.render(_round(tmp_path, HOSTILE))
    # The same report with harmless answers of the same shape (line for line) is the yardstick:
    # hostile answers may add text, nothing else.
    plain = MD.render(_round(tmp_path, ["\n".join("x" if part.strip() else "" for part in text.split("\n")) for text in HOSTILE]))
    assert _tags(hostile) == _tags(plain)
    assert "<a " not in hostile and "<script" not in hostile and "<!--" not in hostile
    assert "<h1>otsikko" not in hostile and "<td>solu" not in hostile and "<li>lista" not in hostile
    # and every hostile character is there, as text
    for text in ("# otsikko", "| taulu | x |", "[linkki](javascript:alert(1))", "https://evil.example",
                 "posti@evil.example", "**lihava** __myös__ _kursiivi_ `koodi` ~~yliviivattu~~"):
        assert text_html(text) in hostile, text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile and "&amp;amp;" in hostile
