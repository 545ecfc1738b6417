"""Every user-facing string, in Finnish, Swedish and English: one gettext catalog per language.

The texts live in survey_tui/locale/<lang>/LC_MESSAGES/survey_tui.po; the code looks them up
by symbolic key, never by English text. A catalog has parts, one msgctxt each (PARTS): "ui"
(what a respondent sees; `t`, `nt`), "report" (reports, charts, exports;
survey_tui.report_strings), "explain" (one line per statistic; survey_tui.analysis.explain),
"dashboard", "cli" and "errors". Each part is compiled to its own survey_tui-<part>.mo beside
the .po, which is what runs, so a lookup parses only its part. See docs/decisions.md,
"Strings and languages".

Questionnaire text (titles, prompts, intro) comes from the questionnaire itself; this
module holds only the text around it. `t(lang, key, **kw)` formats a string with
str.format; an unknown language falls back to English, and so does a key that a language
lacks (tests/test_catalog.py fails on that), so a questionnaire in another language still
gets a working interface. Only stdlib gettext runs here, and only on the first lookup.
"""

from __future__ import annotations

import datetime as dt
import os

# The one place the interface languages are listed (the --lang options, guess_lang and the
# language switch use it); each has survey_tui/locale/<code>/LC_MESSAGES/survey_tui.po.
LANGUAGES = ("fi", "sv", "en")
# Each language is offered in its own words, whatever the interface language, so these
# are not in the catalogs (and choosing a language does not load every catalog).
LANGUAGE_NAMES = {"fi": "Suomeksi", "sv": "På svenska", "en": "In English"}
FALLBACK = "en"
DOMAIN = "survey_tui"
LOCALE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale")

# Strings that count something have plural forms (msgid_plural, Plural-Forms); the form is
# chosen by the value of this placeholder, so `t` picks it without the caller saying so.
COUNTED: dict[tuple[str, str], str] = {
    ("ui", "cut_notice"): "limit",
    ("ui", "plain_answer_question"): "limit",
    ("ui", "plain_answer_keep_question"): "limit",
    ("ui", "plain_too_long"): "count",
    ("report", "imported_note"): "imported",
    ("report", "held_note"): "held",
    ("report", "ranked_by"): "n",
    ("report", "ranking_withheld"): "ranked",
    ("dashboard", "close_question"): "n",
    ("dashboard", "drafts_deleted"): "n",
    ("dashboard", "view_responses_no_ranking"): "n",
    ("dashboard", "view_withheld"): "n",
    ("dashboard", "view_first_choices"): "n",
    ("dashboard", "view_held"): "n",
    ("dashboard", "codes_unlabelled_unused"): "n",
    ("dashboard", "codes_added"): "n",
    ("dashboard", "themes_answers"): "n",
    ("dashboard", "themes_held"): "n",
    ("dashboard", "inv_summary"): "n",
    ("cli", "codes_issued"): "n",
    ("cli", "responses"): "n",
    ("cli", "close_drafts"): "n",
    ("cli", "delete_codes_stop"): "n",
    ("cli", "recipients_added"): "n",
    ("cli", "codes_summary"): "n",
    ("cli", "unlabelled"): "n",
    ("cli", "unused_unlabelled"): "n",
    ("cli", "tag_answers"): "n",
    ("cli", "exported"): "n",
    ("cli", "more_problems"): "n",
    ("cli", "import_problems"): "n",
    ("cli", "import_dry_run"): "n",
    ("cli", "imported"): "n",
    ("cli", "recipients_in_round"): "n",
}

# The parts of the catalogs (msgctxt). Each is compiled to its own .mo beside the .po, so a
# lookup parses only its part: the respondent's start-up reads "ui" (14 KB), not all six (90 KB).
PARTS = ("ui", "report", "explain", "dashboard", "cli", "errors")

_catalogs: dict[tuple[str, str], object] = {}


def catalog(lang: str | None, part: str = "ui"):
    """The gettext translations of one part in `lang` (English for an unknown language),
    English behind it."""
    code = lang if lang in LANGUAGES else FALLBACK
    found = _catalogs.get((code, part))
    if found is None:
        found = _catalogs[(code, part)] = _load(code, part)
    return found


def mo_path(code: str, part: str) -> str:
    """Where one part of a language's catalog is compiled (tests/test_catalog.py writes it)."""
    return os.path.join(LOCALE_DIR, code, "LC_MESSAGES", f"{DOMAIN}-{part}.mo")


def _load(code: str, part: str):
    import gettext  # here, not at import: it pulls in re and locale, and start-up stays light

    class Missing(gettext.NullTranslations):
        """Behind English: a key no catalog has is a bug, so it raises KeyError."""

        def pgettext(self, context, message):
            raise KeyError(f"{context}:{message}")

        def npgettext(self, context, msgid1, msgid2, n):
            raise KeyError(f"{context}:{msgid1}")

    class English(gettext.NullTranslations):
        """English behind another language, read only should a key be missing there (the
        catalog tests keep every language complete), so one catalog is parsed, not two."""

        def pgettext(self, context, message):
            return catalog(FALLBACK, part).pgettext(context, message)

        def npgettext(self, context, msgid1, msgid2, n):
            return catalog(FALLBACK, part).npgettext(context, msgid1, msgid2, n)

    with open(mo_path(code, part), "rb") as fp:
        found = gettext.GNUTranslations(fp)
    found.add_fallback(English() if code != FALLBACK else Missing())
    return found


def lookup(part: str, lang: str | None, key: str, kw: dict) -> str:
    """The unformatted text of `key` in catalog part `part`, its plural form chosen by the
    counted placeholder when the key counts something."""
    counted = COUNTED.get((part, key))
    if counted is not None and counted in kw:
        return catalog(lang, part).npgettext(part, key, key, int(kw[counted]))
    return catalog(lang, part).pgettext(part, key)


def t(lang: str | None, key: str, **kw: object) -> str:
    """The interface string `key` in `lang`, formatted with `kw`."""
    text = lookup("ui", lang, key, kw)
    return text.format(**kw) if kw else text


def nt(lang: str | None, key: str, n: int, **kw: object) -> str:
    """The interface string `key` in the plural form for `n` (ngettext), formatted with
    `kw` and n."""
    return catalog(lang, "ui").npgettext("ui", key, key, int(n)).format(n=n, **kw)


def ranking_key(key: str, ranking) -> str:
    """`key`, or its "_items" wording when the ranking is of the questionnaire's own items:
    calling them themes would then be wrong."""
    if ranking is None or ranking.items_are_themes:
        return key
    return f"{key}_items"


def numbers(n: int) -> str:
    """1 to n as a hint says it: "1–5", or "1" alone (never "1–1")."""
    return "1" if n <= 1 else f"1–{n}"


def text(part: str, lang: str | None, key: str, **kw: object) -> str:
    """The string `key` of catalog part `part` ("dashboard", "cli", ...) in `lang`, formatted
    with `kw`; a counted key (COUNTED) takes the plural form of its count."""
    found = lookup(part, lang, key, kw)
    return found.format(**kw) if kw else found


def locale_lang(environ: dict[str, str] | None = None, default: str = FALLBACK) -> str:
    """The coordinator's language from the locale, by POSIX precedence: the first of LC_ALL,
    LC_MESSAGES and LANG that is set (and not empty) decides, and only it; its language is
    used when it is one of LANGUAGES, else `default` (so LC_ALL=C means English even with
    LANG=fi_FI.UTF-8). LANGUAGE, a GNU extension, is not read here."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            code = value.split(".")[0].split("@")[0].split("_")[0].lower()
            return code if code in LANGUAGES else default
    return default


def guess_lang(available: tuple[str, ...] | list[str]) -> str:
    """The respondent's language from the locale, if the questionnaire has it."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        for part in value.split(":"):
            code = part[:2].lower()
            if code and code in available:
                return code
    return available[0] if available else LANGUAGES[0]


def round_unavailable(lang: str | None, rnd, today: dt.date | None = None) -> str | None:
    """Why a round takes no answers, for a respondent (None when it does).

    The store's reasons are for coordinators, in English and naming the round's slug; this
    words the same decision (Round.unavailable) in the respondent's language.
    """
    reason = rnd.unavailable(today)
    if reason is None:
        return None
    key, day = reason
    return t(lang, f"round_{key}", date=_date(lang, day) if day else "")


def _date(lang: str | None, day: dt.date) -> str:
    # Finland's way for Finnish and for Swedish as Kela writes it (FPA: 1.3.2025).
    return f"{day.day}.{day.month}.{day.year}" if lang in ("fi", "sv") else day.isoformat()


_CODE_MESSAGES = {"used": "code_used", "unknown": "code_invalid", "missing": "code_empty"}


def code_error(lang: str | None, exc: Exception) -> str:
    """A CodeRejected from the store, in the respondent's language."""
    key = _CODE_MESSAGES.get(getattr(exc, "reason", ""))
    return t(lang, key) if key else t(lang, "code_rejected", detail=str(exc))


# The coordinator's language for messages that lower layers raise (SurveyError texts): set
# once by the interface that knows it (the CLI's --lang or locale, the dashboard's lang);
# otherwise the locale decides. One coordinator per process, so a plain global serves.
_coordinator: str | None = None


def set_coordinator_lang(lang: str | None) -> None:
    global _coordinator
    _coordinator = lang if lang in LANGUAGES else None


def coordinator_lang() -> str:
    return _coordinator or locale_lang()
