"""The string catalog: one gettext catalog per language, complete, consistent and shipped.

survey_tui/locale/<lang>/LC_MESSAGES/survey_tui.po is the source; the .mo files beside it, one
per part (survey_tui-<part>.mo: the part's entries of the .po, compiled with Babel as `pybabel
compile` would), are what runs and are committed, so they must be the .po compiled. After
editing a .po (or adding a key to en.po, fi.po and sv.po), regenerate the template and every
.mo with

    python tests/test_catalog.py

(the template is made from en.po because msgid is a key, not text extracted from the code).
A new language: `pybabel init -i survey_tui/locale/survey_tui.pot -d survey_tui/locale
-D survey_tui -l xx`, translate, add it to i18n.LANGUAGES and to LANGS below.
"""

from __future__ import annotations

import io
import string
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "survey_tui" / "locale"
POT = LOCALE / "survey_tui.pot"
LANGS = ("fi", "sv", "en")
PARTS = ("ui", "report", "explain", "dashboard", "cli", "errors")

# Strings that are the same in Swedish and English by nature: symbols and numbers, and a
# proper name. (Each language's own name is i18n.LANGUAGE_NAMES, not in the catalogs.)
SAME_IN_SV_AND_EN = {
    ("ui", "back_button_short"),  # "◀"
    ("ui", "counter"),  # "{count} / {limit}"
    ("report", "borda"),  # the Borda count, named after Jean-Charles de Borda
    ("dashboard", "col_borda"),  # the same, as a column header
}


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "survey_tui.po"


def read(path: Path, lang: str | None = None):
    from babel.messages.pofile import read_po

    with open(path, "rb") as f:
        return read_po(f, locale=lang, domain="survey_tui")


def compile_mo(lang: str, part: str) -> bytes:
    """What `pybabel compile` writes for this language's .po, with only one part's entries."""
    from babel.messages.mofile import write_mo

    cat = read(po_path(lang), lang)
    for m in list(cat)[1:]:
        if m.context != part:
            cat.delete(m.id, context=m.context)
    buf = io.BytesIO()
    write_mo(buf, cat, use_fuzzy=False)
    return buf.getvalue()


def mo_path(lang: str, part: str) -> Path:
    from survey_tui import i18n

    return Path(i18n.mo_path(lang, part))


def template_text() -> bytes:
    """survey_tui.pot as made from en.po: every msgctxt/msgid, no translations, the English
    text as a comment for the translator (the msgid is only a key)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    en = read(po_path("en"), "en")
    pot = Catalog(
        domain="survey_tui", project=en.project, version=en.version,
        copyright_holder="survey-tui contributors", msgid_bugs_address=en.msgid_bugs_address,
        creation_date=en.creation_date, fuzzy=False,
        header_comment=(
            "# Template of survey-tui's strings, made from en.po by\n"
            "# `python tests/test_catalog.py`: msgctxt = part, msgid = key,\n"
            "# the English text in a comment. A new language:\n"
            "# pybabel init -i survey_tui/locale/survey_tui.pot\n"
            "#   -d survey_tui/locale -D survey_tui -l xx"
        ),
    )
    for m in list(en)[1:]:
        if m.pluralizable:
            one, other = (s.replace("\n", "\\n") for s in m.string)
            pot.add(m.id, ("", ""), context=m.context, auto_comments=[f"en (one): {one}", f"en (other): {other}"])
        else:
            pot.add(m.id, "", context=m.context, auto_comments=["en: " + m.string.replace("\n", "\\n")])
    buf = io.BytesIO()
    write_po(buf, pot, width=76, sort_output=False)
    return buf.getvalue()


def entries(lang: str) -> dict[tuple[str, str], tuple[str, ...]]:
    """(msgctxt, msgid) -> its msgstr forms (one for a plain entry)."""
    out = {}
    for m in list(read(po_path(lang), lang))[1:]:
        key = (m.context, m.id[0] if m.pluralizable else m.id)
        out[key] = tuple(m.string) if m.pluralizable else (m.string,)
    return out


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


# --------------------------------------------------------------------------- the files


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("part", PARTS)
def test_committed_mo_is_the_po_compiled(lang, part):
    mo = mo_path(lang, part)
    assert mo.read_bytes() == compile_mo(lang, part), f"{mo} is stale: run python tests/test_catalog.py"


def test_each_language_has_a_compiled_file_per_part_and_no_other():
    from survey_tui import i18n

    assert i18n.PARTS == PARTS
    for lang in LANGS:
        found = sorted(p.name for p in po_path(lang).parent.glob("*.mo"))
        assert found == sorted(f"survey_tui-{part}.mo" for part in PARTS)


def test_template_is_made_from_en_po():
    assert POT.read_bytes() == template_text(), f"{POT} is stale: run python tests/test_catalog.py"


def test_the_languages_are_listed_once():
    from survey_tui import i18n

    assert i18n.LANGUAGES == LANGS
    assert sorted(p.name for p in LOCALE.iterdir() if p.is_dir() and not p.name.startswith("_")) == sorted(LANGS)


@pytest.mark.parametrize("lang", LANGS)
def test_headers_name_the_language_and_its_plural_forms(lang):
    cat = read(po_path(lang), lang)
    headers = dict(cat.mime_headers)
    assert headers["Language"] == lang
    assert headers["Plural-Forms"] == "nplurals=2; plural=(n != 1);"  # fi, sv and en alike
    assert "charset=utf-8" in headers["Content-Type"]
    assert not cat.fuzzy and not [m.id for m in cat if m.fuzzy]


# --------------------------------------------------------------------------- completeness


def test_every_key_exists_in_every_language():
    en = entries("en")
    assert {ctx for ctx, _ in en} == set(PARTS)
    template = {(m.context, m.id[0] if m.pluralizable else m.id) for m in list(read(POT))[1:]}
    assert template == set(en)
    for lang in LANGS:
        got = entries(lang)
        assert sorted(set(en) - set(got)) == [], f"missing in {lang}.po"
        assert sorted(set(got) - set(en)) == [], f"in {lang}.po but not in en.po"
        assert [key for key, forms in got.items() if not all(forms)] == [], f"untranslated in {lang}.po"


def test_placeholders_match_across_languages():
    en = entries("en")
    for lang in LANGS:
        for key, forms in entries(lang).items():
            want = fields(en[key][-1])
            for form in forms:
                assert fields(form) == want, (lang, key, form)


def test_plural_entries_have_every_form_and_are_the_counted_ones():
    from survey_tui.i18n import COUNTED

    for lang in LANGS:
        cat = read(po_path(lang), lang)
        plural = {(m.context, m.id[0]): m for m in list(cat)[1:] if m.pluralizable}
        assert set(plural) == set(COUNTED), lang
        for key, m in plural.items():
            assert len(m.string) == cat.num_plurals == 2, (lang, key)
            assert COUNTED[key] in fields(m.string[1]), (lang, key)


def test_explanation_keys_are_the_catalogs():
    from survey_tui.analysis.explain import EXPLAIN, KEYS

    assert set(KEYS) == {k for ctx, k in entries("en") if ctx == "explain"}
    assert set(EXPLAIN) == set(KEYS) and set(EXPLAIN["tau"]) == set(LANGS)


# --------------------------------------------------------------------------- lookups


def test_t_formats_falls_back_and_raises_on_an_unknown_key():
    from survey_tui.i18n import t

    assert t("fi", "welcome_heading") == "Tervetuloa"
    assert t("sv", "welcome_heading") == "Välkommen"
    assert t("en", "welcome_heading") == "Welcome"
    assert t("de", "welcome_heading") == t(None, "welcome_heading") == "Welcome"
    hostile = "{token}\x1b[2J{0}"
    assert t("sv", "code_rejected", detail=hostile) == f"Koden godkändes inte: {hostile}"
    with pytest.raises(KeyError):
        t("fi", "no_such_key")


def test_a_key_missing_from_a_language_falls_back_to_english(monkeypatch):
    from babel.messages.mofile import write_mo
    from gettext import GNUTranslations

    from survey_tui import i18n

    cat = read(po_path("sv"), "sv")
    cat.delete("welcome_heading", context="ui")
    buf = io.BytesIO()
    write_mo(buf, cat)
    buf.seek(0)
    partial = GNUTranslations(buf)
    partial.add_fallback(i18n.catalog("en", "ui"))
    monkeypatch.setitem(i18n._catalogs, ("sv", "ui"), partial)
    assert i18n.t("sv", "welcome_heading") == "Welcome"
    assert i18n.t("sv", "consent_heading") == "Samtycke"


def test_counted_strings_take_the_plural_form_of_their_count():
    from survey_tui import i18n, report_strings

    assert report_strings.t("en", "held_note", held=1, min=5).startswith("1 later response is held back: it")
    assert report_strings.t("en", "held_note", held=2, min=5).startswith("2 later responses are held back")
    assert report_strings.t("fi", "held_note", held=1, min=5).startswith("1 myöhemmin saapunut vastaus odottaa")
    assert report_strings.t("fi", "held_note", held=3, min=5).startswith("3 myöhemmin saapunutta vastausta")
    assert report_strings.t("sv", "held_note", held=1, min=5).startswith("1 senare inkommet svar väntar")
    assert report_strings.t("sv", "held_note", held=4, min=5).startswith("4 senare inkomna svar väntar")
    assert i18n.t("en", "cut_notice", limit=1).endswith("at most 1 character.")
    assert i18n.t("en", "cut_notice", limit=300).endswith("at most 300 characters.")
    assert i18n.t("fi", "cut_notice", limit=1).endswith("enimmäispituus on 1 merkki.")
    assert i18n.t("fi", "cut_notice", limit=9).endswith("enimmäispituus on 9 merkkiä.")
    # nt: the same choice with the count given apart, as ngettext takes it
    assert i18n.nt("en", "plain_too_long", 1, count=1, limit=0) == "The answer is 1 character; the maximum is 0."
    assert i18n.nt("sv", "plain_too_long", 7, count=7, limit=5) == "Svaret är 7 tecken; maximal längd är 5."
    assert report_strings.t("en", "ranked_by", ranked=1, n=1) == "ranked by 1 of 1 respondent"
    assert report_strings.t("en", "ranked_by", ranked=3, n=8) == "ranked by 3 of 8 respondents"


# --------------------------------------------------------------------------- Swedish


def _sample(text: str) -> dict[str, object]:
    return {name: 7 for name in fields(text)}


def test_swedish_interface_has_no_english_text():
    """Every string a Swedish respondent (and a Swedish report) gets, built as the code builds
    it, differs from the English one unless it is the same by nature (SAME_IN_SV_AND_EN)."""
    import datetime as dt

    from survey_tui import i18n, report_strings
    from survey_tui.analysis.explain import explain

    en = entries("en")
    same = []
    for (part, key), forms in en.items():
        kw = _sample(forms[-1])
        for n in (1, 7) if (part, key) in i18n.COUNTED else (7,):
            if (part, key) in i18n.COUNTED:
                kw[i18n.COUNTED[part, key]] = n
            if part == "ui":
                pair = i18n.t("sv", key, **kw), i18n.t("en", key, **kw)
            elif part == "report":
                pair = report_strings.t("sv", key, **kw), report_strings.t("en", key, **kw)
            elif part in ("dashboard", "cli", "errors"):
                pair = i18n.text(part, "sv", key, **kw), i18n.text(part, "en", key, **kw)
            else:
                pair = explain(key, "sv"), explain(key, "en")
            if pair[0] == pair[1]:
                same.append((part, key))
    assert sorted(set(same)) == sorted(SAME_IN_SV_AND_EN)

    class Round:
        def __init__(self, reason):
            self.reason = reason

        def unavailable(self, today=None):
            return self.reason

    for reason in (("closed_on", dt.date(2025, 3, 1)), ("opens_on", dt.date(2025, 3, 1)), ("closed", None)):
        sv = i18n.round_unavailable("sv", Round(reason))
        assert sv != i18n.round_unavailable("en", Round(reason))
    assert "1.3.2025" in i18n.round_unavailable("sv", Round(("closed_on", dt.date(2025, 3, 1))))
    assert report_strings.number(0.5, "sv") == "0,50" and report_strings.percent(0.29, "sv") == "29 %"


def test_shipped_questionnaire_is_in_swedish_too():
    from survey_tui.questionnaire import load_shipped

    q = load_shipped("kela-sosiaalitoimi")
    assert "sv" in q.languages
    texts = [q.title, q.intro, q.consent, q.closing, q.ranking.prompt]
    for theme in q.themes:
        texts += [theme.title, theme.context] + [question.prompt for question in theme.questions]
    for text in texts:
        sv, en, fi = q.text(text, "sv"), q.text(text, "en"), q.text(text, "fi")
        assert (sv == en == fi == "") or (sv and sv != en and sv != fi), (sv, en)
    assert "FPA" in q.text(q.title, "sv") and "socialväsendet" in q.text(q.title, "sv")


# --------------------------------------------------------------------------- start-up and the wheel


def test_importing_i18n_loads_no_catalog_and_no_gettext():
    code = "import sys, survey_tui.i18n as i; print('gettext' in sys.modules, i._catalogs)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["False", "{}"]


def test_an_installed_wheel_ships_the_catalogs(tmp_path):
    from hatchling.builders.wheel import WheelBuilder

    wheel = Path(next(iter(WheelBuilder(str(ROOT)).build(directory=str(tmp_path / "dist"), versions=["standard"]))))
    names = set(zipfile.ZipFile(wheel).namelist())
    for lang in LANGS:
        for part in PARTS:
            assert f"survey_tui/locale/{lang}/LC_MESSAGES/survey_tui-{part}.mo" in names
        assert f"survey_tui/locale/{lang}/LC_MESSAGES/survey_tui.po" in names
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--target", str(target),
                    str(wheel)], check=True, capture_output=True)
    code = ("import survey_tui.i18n as i, survey_tui.report_strings as r; "
            "print(i.__file__); print(i.t('sv', 'welcome_heading'), r.t('fi', 'report_title'))")
    out = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(target)!r}); {code}"],
                         capture_output=True, text=True, check=True, cwd=tmp_path)
    where, text = out.stdout.splitlines()
    assert where.startswith(str(target)) and text == "Välkommen Tulokset"


if __name__ == "__main__":
    POT.write_bytes(template_text())
    for code in LANGS:
        for stale in po_path(code).parent.glob("*.mo"):
            stale.unlink()  # a part that is gone, or the one-file catalog of before
        for part in PARTS:
            mo_path(code, part).write_bytes(compile_mo(code, part))
            print(f"wrote {mo_path(code, part).relative_to(ROOT)}")
    print(f"wrote {POT.relative_to(ROOT)}")
