"""The dashboard's words: the "dashboard" part of the catalog, in the app's language.

DashboardApp(lang=...) holds the language (the CLI picks it: --lang or the locale). A
screen's BINDINGS name catalog keys as their descriptions; `translate_bindings` swaps
them for the texts when the screen is built, so the footer keys stay the same and only
their words follow the language.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import BindingsMap

from survey_tui import i18n


def lang_of(node) -> str:
    """The dashboard language of a screen or widget (English outside a running app)."""
    try:
        app = node.app
    except Exception:  # noqa: BLE001 - no active app (a screen built in a unit test)
        return "en"
    return getattr(app, "lang", None) or "en"


def say(lang: str | None, key: str, **kw: object) -> str:
    """The dashboard text `key` in `lang`, formatted with `kw`."""
    return i18n.text("dashboard", lang, key, **kw)


def w(node, key: str, **kw: object) -> str:
    """The dashboard text `key` in the language of `node`'s app."""
    return say(lang_of(node), key, **kw)


def translate_bindings(node, lang: str | None = None) -> None:
    """Replace each binding description of `node` that is a catalog key ("key_...") with
    its text; Textual's own bindings keep theirs."""
    lang = lang or lang_of(node)
    node._bindings = BindingsMap.from_keys({
        key: [replace(b, description=say(lang, b.description)) if b.description.startswith("key_") else b
              for b in found]
        for key, found in node._bindings.key_to_bindings.items()
    })
