"""Every interface string a respondent sees, in Finnish and English.

Questionnaire text (titles, prompts, intro) comes from the questionnaire itself; this
module holds only the interface around it: titles, buttons, key hints, errors, notices.
`t(lang, key, **kw)` formats a string; an unknown language falls back to English, so a
questionnaire in another language still gets a working interface.
"""

from __future__ import annotations

import datetime as dt
import os

LANGUAGES = ("fi", "en")
FALLBACK = "en"

STRINGS: dict[str, dict[str, str]] = {
    "fi": {
        # language names, shown as switch buttons in their own language
        "lang_name_fi": "Suomeksi",
        "lang_name_en": "In English",
        "language_label": "Kieli / Language:",
        # welcome
        "welcome_heading": "Tervetuloa",
        "anonymity_heading": "Mitä nimettömyys tarkoittaa tässä kyselyssä",
        "anonymity_text": (
            "Vastauksiisi ei tallenneta nimeäsi, käyttäjätunnustasi, vastausaikaa, "
            "tietokoneesi nimeä eikä verkko-osoitetta. Tallennetaan vain vastauksesi "
            "ja valitsemasi kieli. Jos kyselyssä käytetään kertakäyttökoodeja, koodista "
            "merkitään vain, että se on käytetty; sitä ei liitetä vastauksiisi."
        ),
        # What is promised, to whom and against whom (docs/anonymity.md "In plain words");
        # the full-screen welcome page. anonymity_text above is the line-by-line mode's.
        "promise_text": (
            "Vastaustesi mukana ei tallenneta mitään, mistä sinut voisi tunnistaa: ei nimeäsi, "
            "koodiasi, vastausaikaa, tietokonettasi eikä verkko-osoitetta. Kyselyn järjestäjä "
            "näkee tulokset vasta, kun vastausaika on päättynyt, ja vain vähintään {min_group} "
            "vastaajan ryhmistä. Keskeneräinen vastauksesi tallentuu luonnokseksi, jonka voi "
            "lukea vain jatkokoodillasi, ja voit poistaa luonnoksen, kun lopetat."
        ),
        "consent_heading": "Suostumus",
        "start_button": "Hyväksyn ja aloitan",
        "resume_code_text": "Jatkokoodisi (säilytä se, jos haluat jatkaa myöhemmin): {token}",
        "resume_heading": "Jatka aiemmin aloitettua vastausta",
        "resume_placeholder": "Jatkokoodi, esim. ABCD-EFGH-JKLM",
        "resume_button": "Jatka",
        "resume_not_found": "Tällä koodilla ei löytynyt keskeneräistä vastausta. Tarkista koodi.",
        "resume_empty": "Kirjoita ensin jatkokoodi.",
        "resumed_notice": "Keskeneräinen vastauksesi palautettiin.",
        "hints_welcome": "Tab siirry · Enter valitse · ↑↓ PgUp PgDn vieritä · Ctrl+Q tai Esc lopeta",
        # code entry
        "code_heading": "Vastauskoodi",
        "code_text": (
            "Tähän kyselyyn vastataan kertakäyttöisellä koodilla, jonka sait kutsun mukana. "
            "Koodi käytetään vasta, kun lähetät vastauksesi, eikä sitä liitetä vastauksiisi."
        ),
        "code_placeholder": "Koodi, esim. ABCDE-FGHJK",
        "code_button": "Jatka",
        "code_empty": "Kirjoita koodi ennen kuin jatkat.",
        "code_invalid": "Koodia ei tunnistettu tälle kyselylle. Tarkista kirjoitusasu ja yritä uudelleen.",
        "code_used": "Tämä koodi on jo käytetty. Jokainen koodi toimii vain kerran.",
        "code_rejected": "Koodi ei kelpaa: {detail}",
        "hints_code": "Enter jatka · Ctrl+P takaisin · Ctrl+Q lopeta",
        # theme pages
        "progress_theme": "Teema {n} / {total}",
        "progress_ranking": "Tärkeysjärjestys",
        "progress_review": "Yhteenveto",
        "required_marker": "(pakollinen)",
        "optional_marker": "(vapaaehtoinen)",
        "required_missing": "Tähän kysymykseen on vastattava ennen kuin jatkat.",
        "counter": "{count} / {limit}",
        "counter_full": "{count} / {limit} · enimmäispituus saavutettu",
        "cut_notice": "Kaikki teksti ei mahtunut: vastauksen enimmäispituus on {limit} merkkiä.",
        "back_button": "◀ Edellinen",
        "back_button_short": "◀",  # below 50 columns
        "next_button": "Seuraava ▶",
        "hints_theme": "Ctrl+N seuraava · Ctrl+P edellinen · Tab seuraava kenttä · Ctrl+Q lopeta",
        # ranking
        "ranking_heading": "Teemojen tärkeysjärjestys",
        "ranking_unconfirmed": (
            "Järjestystä ei ole vielä vahvistettu. Siirrä teemoja tai paina Enter, "
            "jos järjestys on jo mieleisesi."
        ),
        "ranking_confirmed": "Järjestys vahvistettu. Voit yhä muuttaa sitä.",
        "ranking_incomplete": "Aseta teemat tärkeysjärjestykseen ja vahvista järjestys (Enter).",
        # the same when the questionnaire ranks its own items, not its themes
        "ranking_heading_items": "Kohteiden tärkeysjärjestys",
        "ranking_unconfirmed_items": (
            "Järjestystä ei ole vielä vahvistettu. Siirrä kohteita tai paina Enter, "
            "jos järjestys on jo mieleisesi."
        ),
        "ranking_incomplete_items": "Aseta kohteet tärkeysjärjestykseen ja vahvista järjestys (Enter).",
        "ranking_moved": "{title} on nyt sijalla {pos}.",
        "hints_ranking": (
            "↑↓ valitse · Shift+↑↓ tai +/- siirrä · {keys} aseta sijalle · Enter vahvista · "
            "Ctrl+N seuraava · Ctrl+P edellinen · Ctrl+Q lopeta"
        ),
        # review
        "review_heading": "Tarkista vastauksesi",
        "review_intro": "Voit palata mille tahansa sivulle muokkaamaan vastauksiasi ennen lähettämistä.",
        "review_no_answer": "(ei vastausta)",
        "review_edit_theme": "Muokkaa teemaa {n}",
        "review_edit_ranking": "Muokkaa järjestystä",
        "review_ranking_heading": "Tärkeysjärjestys",
        "hint_to_review": "Ctrl+R yhteenvetoon",
        "to_review_button": "Yhteenvetoon ▶▶",
        "review_not_ranked": "(ei järjestetty: järjestystä ei tallenneta, ellet järjestä tai vahvista sitä)",
        "review_not_ranked_items": "(ei järjestetty: järjestystä ei tallenneta, ellet järjestä tai vahvista sitä)",
        "submit_button": "Lähetä vastaukset",
        "submit_button_short": "Lähetä",
        "submitting": "Lähetetään…",
        "submit_blocked": "Vastauksia ei voi vielä lähettää: korjaa yllä merkityt kohdat.",
        "hints_review": (
            "Tab siirry · Enter valitse · {keys} teemaan · R järjestykseen · Ctrl+S lähetä · "
            "Ctrl+P edellinen · Ctrl+Q lopeta"
        ),
        # submit errors
        "err_round_closed": (
            "Kysely ei enää ota vastaan vastauksia. Vastauksiasi ei lähetetty; ne on "
            "tallennettu luonnokseksi jatkokoodilla {token}. Ota yhteyttä kyselyn järjestäjään."
        ),
        "err_busy": (
            "Tietokanta on juuri nyt varattu, eikä vastauksiasi lähetetty. Ne ovat tallessa. "
            "Yritä hetken päästä uudelleen (Ctrl+S)."
        ),
        "err_unavailable": (
            "Vastauksia ei voitu tallentaa, koska tietokanta ei ole käytettävissä. Vastauksesi "
            "ovat yhä tässä ikkunassa; yritä uudelleen tai ota yhteyttä kyselyn järjestäjään."
        ),
        "err_code_at_submit": "Vastauskoodi ei kelpaa: {detail} Anna koodi uudelleen (painike alla).",
        "err_used_code_at_submit": (
            "Vastauskoodi ei kelpaa: {detail} Anna toinen koodi, jos sinulla on sellainen, tai ota "
            "yhteyttä kyselyn järjestäjään. Vastauksesi ovat tallessa."
        ),
        "err_invalid": "Vastauksissa on korjattavaa: {detail}",
        "err_other": "Vastauksia ei voitu lähettää: {detail}. Vastauksesi ovat tallessa.",
        "enter_code_button": "Anna koodi",
        "draft_save_failed": "Luonnosta ei voitu tallentaa juuri nyt; yritetään uudelleen.",
        # thanks
        "thanks_heading": "Kiitos!",
        "thanks_stored": (
            "Vastauksesi on tallennettu ilman tunnistetietoja: nimeä, aikaa, konetta tai "
            "verkko-osoitetta ei tallennettu. Keskeneräinen luonnos on poistettu."
        ),
        "close_button": "Sulje",
        "hints_thanks": "Enter tai Ctrl+Q sulje",
        # quit confirmation
        "quit_heading": "Lopetetaanko?",
        "quit_draft_kept": (
            "Vastauksesi on tallennettu luonnokseksi. Voit jatkaa myöhemmin jatkokoodilla\n\n"
            "    {token}\n\nKirjoita koodi aloitussivun kohtaan \"Jatka aiemmin aloitettua vastausta\" "
            "tai käytä komentoa: survey-tui answer --round {slug} --resume {token}"
        ),
        "quit_nothing_saved": "Et ole vielä aloittanut vastaamista, joten mitään ei ole tallennettu.",
        "crash_draft_kept": (
            "Kyselyohjelma pysähtyi virheeseen. Vastauksesi on tallennettu luonnokseksi: jatka "
            "myöhemmin jatkokoodilla {token} (survey-tui answer --round {slug} --resume {token})."
        ),
        "quit_confirm_button": "Lopeta",
        "quit_cancel_button": "Jatka vastaamista",
        "quit_discard_button": "Poista luonnos",
        "quit_discard_text": (
            "Jos et aio jatkaa, valitse \"Poista luonnos\": luonnos poistetaan heti, "
            "eikä sitä voi palauttaa."
        ),
        "quit_discarded": (
            "Luonnoksesi on poistettu, eikä vastauksiasi tallennettu. Jatkokoodi ei enää toimi."
        ),
        "quit_discard_failed": (
            "Luonnosta ei voitu poistaa juuri nyt, koska tietokanta ei vastannut. "
            "Yritä hetken kuluttua uudelleen."
        ),
        "hints_quit": "Tab siirry · Enter valitse · Esc jatka vastaamista",
        # round chooser
        "chooser_heading": "Valitse kysely",
        "chooser_text": "Avoinna on useita kyselyjä. Valitse se, johon haluat vastata.",
        "hints_chooser": "↑↓ valitse · Enter avaa · Ctrl+Q lopeta",
        # command line and plain mode
        "no_open_rounds": "Yhtään kyselyä ei ole nyt avoinna vastaamista varten.",
        "no_terminal_plain": "Ei päätettä: kysymykset kysytään rivi kerrallaan (--plain).",
        "round_unknown": (
            "Kyselyä nimeltä \"{slug}\" ei löytynyt. Tarkista kyselyn nimi kutsusta tai kysy "
            "kyselyn järjestäjältä."
        ),
        "round_not_opened": "Kysely ei ole vielä avoinna. Voit vastata, kun kyselyn järjestäjä avaa sen.",
        "round_closed": "Kysely on päättynyt, eikä se enää ota vastauksia.",
        "round_opens_on": "Kyselyyn voi vastata vasta {date} alkaen.",
        "round_closed_on": "Kyselyn vastausaika päättyi {date}, eikä se enää ota vastauksia.",
        "plain_resume_code": "Jatkokoodisi (säilytä se, jos haluat jatkaa myöhemmin): {token}",
        "plain_consent_question": "Hyväksytkö ja aloitetaanko?",
        "plain_not_started": "Vastaamista ei aloitettu. Mitään ei tallennettu.",
        "plain_code_question": "Vastauskoodi:",
        "plain_answer_question": "Vastauksesi (enintään {limit} merkkiä, {marker}{skip}):",
        "plain_empty_skips": ", tyhjä = ohita",
        "plain_too_long": "Vastaus on {count} merkkiä; enimmäispituus on {limit}.",
        "plain_ranking_intro": "Teemat:",
        "plain_ranking_question": (
            "Kirjoita teemojen numerot tärkeysjärjestyksessä, tärkein ensin, esim. \"{example}\":"
        ),
        "plain_ranking_bad": "Anna jokainen numero {keys} (tai teeman tunniste) täsmälleen kerran.",
        "plain_ranking_intro_items": "Kohteet:",
        "plain_ranking_question_items": (
            "Kirjoita kohteiden numerot tärkeysjärjestyksessä, tärkein ensin, esim. \"{example}\":"
        ),
        "plain_ranking_bad_items": "Anna jokainen numero {keys} (tai kohteen tunniste) täsmälleen kerran.",
        "plain_review_heading": "Yhteenveto vastauksistasi:",
        "plain_submit_question": "Lähetetäänkö vastaukset?",
        "plain_retry_question": "Yritetäänkö uudelleen?",
        "plain_not_sent": "Vastauksia ei lähetetty. Voit jatkaa jatkokoodilla {token}.",
        "plain_language_question": "Kieli / Language:",
        "plain_choose_round": "Valitse kysely:",
        "plain_start_new_question": "Aloitetaanko uusi vastaus alusta?",
        "plain_saved_answer": "Tallennettu vastauksesi: {text}",
        "plain_answer_keep_question": (
            "Vastauksesi (enintään {limit} merkkiä, {marker}; Enter = pidä tallennettu, - = tyhjennä):"
        ),
        "plain_yes": "Kyllä",
        "plain_no": "Ei",
        "plain_confirm_instruction": "({yes}/{no} tai ↑↓, sitten Enter)",
        "plain_choose_instruction": "(valitse ↑↓, sitten Enter)",
    },
    "en": {
        "lang_name_fi": "Suomeksi",
        "lang_name_en": "In English",
        "language_label": "Kieli / Language:",
        "welcome_heading": "Welcome",
        "anonymity_heading": "What anonymity means in this survey",
        "anonymity_text": (
            "Your answers are stored without your name, user name, the time you answered, "
            "your computer's name or its network address. Only your answers and the language "
            "you chose are stored. If the survey uses one-time codes, a code is only marked as "
            "used; it is never linked to your answers."
        ),
        "promise_text": (
            "Nothing that could identify you is stored with your answers: no name, code, time, "
            "computer or network address. The person running the survey sees results only after "
            "answering has closed, and only for groups of at least {min_group} respondents. Your "
            "unfinished answers are saved as a draft that can be read only with your resume code, "
            "and you can discard it when you quit."
        ),
        "consent_heading": "Consent",
        "start_button": "I agree, start",
        "resume_code_text": "Your resume code (keep it if you want to continue later): {token}",
        "resume_heading": "Continue an answer you started earlier",
        "resume_placeholder": "Resume code, e.g. ABCD-EFGH-JKLM",
        "resume_button": "Continue",
        "resume_not_found": "No unfinished answer was found with this code. Check the code.",
        "resume_empty": "Type a resume code first.",
        "resumed_notice": "Your unfinished answer was restored.",
        "hints_welcome": "Tab move · Enter choose · ↑↓ PgUp PgDn scroll · Ctrl+Q or Esc quit",
        "code_heading": "Response code",
        "code_text": (
            "This survey is answered with the one-time code you received with the invitation. "
            "The code is only used when you submit, and it is never linked to your answers."
        ),
        "code_placeholder": "Code, e.g. ABCDE-FGHJK",
        "code_button": "Continue",
        "code_empty": "Type your code before continuing.",
        "code_invalid": "This code was not recognised for this survey. Check it and try again.",
        "code_used": "This code has already been used. Each code works only once.",
        "code_rejected": "The code was not accepted: {detail}",
        "hints_code": "Enter continue · Ctrl+P back · Ctrl+Q quit",
        "progress_theme": "Theme {n} / {total}",
        "progress_ranking": "Ranking",
        "progress_review": "Review",
        "required_marker": "(required)",
        "optional_marker": "(optional)",
        "required_missing": "This question needs an answer before you continue.",
        "counter": "{count} / {limit}",
        "counter_full": "{count} / {limit} · maximum length reached",
        "cut_notice": "Not all of the text fit: an answer can be at most {limit} characters.",
        "back_button": "◀ Back",
        "back_button_short": "◀",
        "next_button": "Next ▶",
        "hints_theme": "Ctrl+N next · Ctrl+P back · Tab next field · Ctrl+Q quit",
        "ranking_heading": "Rank the themes",
        "ranking_unconfirmed": (
            "The order has not been confirmed yet. Move the themes, or press Enter if the "
            "order is already how you want it."
        ),
        "ranking_confirmed": "Order confirmed. You can still change it.",
        "ranking_incomplete": "Put the themes in order of importance and confirm the order (Enter).",
        "ranking_heading_items": "Rank the items",
        "ranking_unconfirmed_items": (
            "The order has not been confirmed yet. Move the items, or press Enter if the "
            "order is already how you want it."
        ),
        "ranking_incomplete_items": "Put the items in order of importance and confirm the order (Enter).",
        "ranking_moved": "{title} is now in position {pos}.",
        "hints_ranking": (
            "↑↓ choose · Shift+↑↓ or +/- move · {keys} put in position · Enter confirm · "
            "Ctrl+N next · Ctrl+P back · Ctrl+Q quit"
        ),
        "review_heading": "Check your answers",
        "review_intro": "You can go back to any page to edit your answers before submitting.",
        "review_no_answer": "(no answer)",
        "review_edit_theme": "Edit theme {n}",
        "review_edit_ranking": "Edit ranking",
        "review_ranking_heading": "Ranking",
        "hint_to_review": "Ctrl+R back to review",
        "to_review_button": "To review ▶▶",
        "review_not_ranked": "(not ranked: no ranking is stored unless you rank or confirm the themes)",
        "review_not_ranked_items": "(not ranked: no ranking is stored unless you rank or confirm the items)",
        "submit_button": "Submit answers",
        "submit_button_short": "Submit",
        "submitting": "Submitting…",
        "submit_blocked": "Your answers cannot be submitted yet: fix the points marked above.",
        "hints_review": (
            "Tab move · Enter choose · {keys} go to theme · R ranking · Ctrl+S submit · "
            "Ctrl+P back · Ctrl+Q quit"
        ),
        "err_round_closed": (
            "The survey no longer accepts answers. Your answers were not sent; they "
            "are saved as a draft under resume code {token}. Please contact the survey coordinator."
        ),
        "err_busy": (
            "The database is busy right now and your answers were not sent. They are kept. "
            "Please try again in a moment (Ctrl+S)."
        ),
        "err_unavailable": (
            "Your answers could not be stored because the database is unavailable. They are "
            "still here in this window; try again or contact the survey coordinator."
        ),
        "err_code_at_submit": "The response code was not accepted: {detail} Enter the code again (button below).",
        "err_used_code_at_submit": (
            "The response code was not accepted: {detail} Enter a different code if you have one, "
            "or contact the survey coordinator. Your answers are kept."
        ),
        "err_invalid": "Some answers need fixing: {detail}",
        "err_other": "Your answers could not be sent: {detail}. Your answers are kept.",
        "enter_code_button": "Enter code",
        "draft_save_failed": "The draft could not be saved just now; it will be tried again.",
        "thanks_heading": "Thank you!",
        "thanks_stored": (
            "Your answers were stored without identifying data: no name, time, machine or "
            "network address was stored. Your unfinished draft has been deleted."
        ),
        "close_button": "Close",
        "hints_thanks": "Enter or Ctrl+Q close",
        "quit_heading": "Quit?",
        "quit_draft_kept": (
            "Your answers are saved as a draft. You can continue later with the resume code\n\n"
            "    {token}\n\nType it on the welcome page under \"Continue an answer you started earlier\" "
            "or use: survey-tui answer --round {slug} --resume {token}"
        ),
        "quit_nothing_saved": "You have not started answering yet, so nothing has been saved.",
        "crash_draft_kept": (
            "The survey app stopped because of an error. Your answers are saved as a draft: continue "
            "later with resume code {token} (survey-tui answer --round {slug} --resume {token})."
        ),
        "quit_confirm_button": "Quit",
        "quit_cancel_button": "Keep answering",
        "quit_discard_button": "Discard my draft",
        "quit_discard_text": (
            "If you will not continue, choose \"Discard my draft\": the draft is deleted at once "
            "and cannot be restored."
        ),
        "quit_discarded": (
            "Your draft has been deleted and none of your answers were stored. "
            "The resume code no longer works."
        ),
        "quit_discard_failed": (
            "The draft could not be deleted just now because the database did not respond. "
            "Try again in a moment."
        ),
        "hints_quit": "Tab move · Enter choose · Esc keep answering",
        "chooser_heading": "Choose a survey",
        "chooser_text": "Several surveys are open. Choose the one you want to answer.",
        "hints_chooser": "↑↓ choose · Enter open · Ctrl+Q quit",
        "no_open_rounds": "No survey is open for answers right now.",
        "no_terminal_plain": "No terminal: the questions are asked line by line (--plain).",
        "round_unknown": (
            "No survey named \"{slug}\" was found. Check the name in your invitation or ask "
            "the survey coordinator."
        ),
        "round_not_opened": "This survey is not open yet. You can answer once the survey coordinator opens it.",
        "round_closed": "This survey has ended and no longer accepts answers.",
        "round_opens_on": "This survey opens for answers on {date}.",
        "round_closed_on": "The answering time for this survey ended on {date}; it no longer accepts answers.",
        "plain_resume_code": "Your resume code (keep it if you want to continue later): {token}",
        "plain_consent_question": "Do you agree and want to start?",
        "plain_not_started": "Not started. Nothing was stored.",
        "plain_code_question": "Response code:",
        "plain_answer_question": "Your answer (at most {limit} characters, {marker}{skip}):",
        "plain_empty_skips": ", empty = skip",
        "plain_too_long": "The answer is {count} characters; the maximum is {limit}.",
        "plain_ranking_intro": "Themes:",
        "plain_ranking_question": (
            "Type the theme numbers in order of importance, most important first, e.g. \"{example}\":"
        ),
        "plain_ranking_bad": "Give each number {keys} (or theme id) exactly once.",
        "plain_ranking_intro_items": "Items:",
        "plain_ranking_question_items": (
            "Type the item numbers in order of importance, most important first, e.g. \"{example}\":"
        ),
        "plain_ranking_bad_items": "Give each number {keys} (or item id) exactly once.",
        "plain_review_heading": "Summary of your answers:",
        "plain_submit_question": "Submit your answers?",
        "plain_retry_question": "Try again?",
        "plain_not_sent": "Your answers were not sent. You can continue with resume code {token}.",
        "plain_language_question": "Kieli / Language:",
        "plain_choose_round": "Choose a survey:",
        "plain_start_new_question": "Start a new answer from the beginning?",
        "plain_saved_answer": "Your saved answer: {text}",
        "plain_answer_keep_question": (
            "Your answer (at most {limit} characters, {marker}; Enter = keep the saved one, - = empty it):"
        ),
        "plain_yes": "Yes",
        "plain_no": "No",
        "plain_confirm_instruction": "({yes}/{no} or ↑↓, then Enter)",
        "plain_choose_instruction": "(choose with ↑↓, then Enter)",
    },
}


def t(lang: str | None, key: str, **kw: object) -> str:
    """The interface string `key` in `lang`, formatted with `kw`."""
    table = STRINGS.get(lang or "", STRINGS[FALLBACK])
    text = table.get(key)
    if text is None:
        text = STRINGS[FALLBACK][key]  # a missing key is a bug: KeyError here
    return text.format(**kw) if kw else text


def ranking_key(key: str, ranking) -> str:
    """`key`, or its "_items" wording when the ranking is of the questionnaire's own items:
    calling them themes would then be wrong."""
    if ranking is None or ranking.items_are_themes:
        return key
    return f"{key}_items"


def numbers(n: int) -> str:
    """1 to n as a hint says it: "1–5", or "1" alone (never "1–1")."""
    return "1" if n <= 1 else f"1–{n}"


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
    return f"{day.day}.{day.month}.{day.year}" if lang == "fi" else day.isoformat()


_CODE_MESSAGES = {"used": "code_used", "unknown": "code_invalid", "missing": "code_empty"}


def code_error(lang: str | None, exc: Exception) -> str:
    """A CodeRejected from the store, in the respondent's language."""
    key = _CODE_MESSAGES.get(getattr(exc, "reason", ""))
    return t(lang, key) if key else t(lang, "code_rejected", detail=str(exc))
