"""The page a browser loads (textual-serve's template, made private) and the busy page."""

from __future__ import annotations

import html
import re
from functools import lru_cache

from survey_tui.i18n import LANGUAGES
from survey_tui.sanitize import one_line
from survey_tui.tui import compat

TITLE_LIMIT = 120

LOCAL_FONT = """<style>
      @font-face {
        font-family: "Roboto Mono";
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf");
      }
    </style>"""


# The stock page leaves the keyboard with the page, not the terminal: the first Enter did
# nothing until the respondent clicked. Give the terminal's input element the focus as soon
# as the app has drawn (the page marks that with the -first-byte class), and again whenever
# the window gets the focus back.
FOCUS_SCRIPT = """<script>
      (function () {
        function focusTerminal() {
          var input = document.querySelector("#terminal .xterm-helper-textarea");
          if (input && document.activeElement !== input) input.focus({ preventScroll: true });
          return !!input;
        }
        function drawn() { return document.body.classList.contains("-first-byte"); }
        new MutationObserver(function (changes, observer) {
          if (drawn() && focusTerminal()) observer.disconnect();
        }).observe(document.body, { attributes: true, attributeFilter: ["class"] });
        window.addEventListener("focus", function () { if (drawn()) focusTerminal(); });
      })();
    </script>"""


textual_serve_dir = compat.textual_serve_dir  # its templates/ and static/ (see compat)


def private_template_text(text: str) -> str:
    """The stock page without the Google Fonts link (every respondent's browser would
    contact a third party, handing it their address; the same font ships in the static
    folder), with a <title>, and with FOCUS_SCRIPT."""
    text = re.sub(r"<link[^>]*fonts\.googleapis\.com[^>]*>", LOCAL_FONT, text, flags=re.S)
    if "<title>" not in text:
        text = text.replace("<head>", "<head>\n    <title>{{ page_title }}</title>", 1)
    return text.replace("</body>", FOCUS_SCRIPT + "\n  </body>", 1)


@lru_cache(maxsize=1)
def _template():
    import jinja2

    source = (compat.serve_templates_dir() / compat.SERVE_TEMPLATE).read_text(encoding="utf-8")
    env = jinja2.Environment(autoescape=True, undefined=jinja2.ChainableUndefined)
    return env.from_string(private_template_text(source))


def clean_title(title: str) -> str:
    """A questionnaire title as page text: no control or bidi characters, one line, bounded.
    (HTML escaping is the template's: autoescape.)"""
    return one_line(title or "", TITLE_LIMIT) or "Survey"


def index_html(*, title: str, websocket_url: str, static_url: str, font_size: int = 16) -> str:
    title = clean_title(title)
    return _template().render(
        page_title=title,
        application={"name": title},
        app_websocket_url=websocket_url,
        font_size=font_size,
        config={"static": {"url": static_url}},
        ping_url="",
    )


BUSY = {
    "en": ("The survey is busy", "Too many people are answering right now. Please try again in a minute or two."),
    "fi": ("Kysely on ruuhkainen", "Juuri nyt vastaajia on liikaa. Yritä uudelleen minuutin tai kahden kuluttua."),
}


def busy_html(title: str, lang: str | None) -> str:
    """The 503 page: what happened and what to do, in the survey's language (both if unknown)."""
    langs = [lang] if lang in BUSY else [code for code in LANGUAGES if code in BUSY]
    body = "\n".join(
        f'  <section lang="{code}"><h1>{html.escape(BUSY[code][0])}</h1><p>{html.escape(BUSY[code][1])}</p></section>'
        for code in langs
    )
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n  <meta charset=\"utf-8\">\n"
        '  <meta http-equiv="refresh" content="60">\n'
        f"  <title>{html.escape(clean_title(title))}</title>\n"
        "  <style>body{font-family:sans-serif;max-width:40em;margin:3em auto;padding:0 1em;"
        "background:#0c181f;color:#eee}</style>\n"
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
