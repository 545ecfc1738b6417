"""The messages: built-in letters in fi/en/sv, a coordinator's templates, one cleaned EmailMessage."""

from __future__ import annotations

from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Iterable

from survey_tui.errors import InvalidInput, message
from survey_tui.inputs import read_bounded
from survey_tui.invitations.recipients import MESSAGE_LANGUAGES, address_problem, message_languages
from survey_tui.sanitize import clean_text, one_line

LETTERS = {
    "en": {
        "invite_subject": "Invitation: {title}",
        "remind_subject": "Reminder: {title}",
        "final_subject": "Last reminder: {title}",
        "greeting": "Hello,",
        "invite_lead": "You are invited to answer the survey \"{title}\".",
        "remind_lead": "This is a reminder about the survey \"{title}\". You have not answered yet, and "
        "your answer matters.",
        "final_lead": "This is a last reminder, sent to everyone invited to the survey \"{title}\". If you "
        "have already answered: thank you, and please ignore this message. If not, there is still time.",
        "closes": "The survey closes on {closes}.",
        "code": "Your one-time code: {code}",
        "fresh": "This code replaces any code sent to you earlier; the earlier one no longer works.",
        "how_cli": "To answer, run:\n\n    {command}",
        "how_ssh": "To answer, connect with:\n\n    {command}\n\nand enter your code when asked.",
        "how_url": "To answer, open {url} and enter your code when asked.",
        "anonymous": "Your answers are stored without your name, address or code; the code only makes "
        "sure each invited person answers once.",
    },
    "fi": {
        "invite_subject": "Kutsu: {title}",
        "remind_subject": "Muistutus: {title}",
        "final_subject": "Viimeinen muistutus: {title}",
        "greeting": "Hei,",
        "invite_lead": "Sinut kutsutaan vastaamaan kyselyyn \"{title}\".",
        "remind_lead": "Tämä on muistutus kyselystä \"{title}\". Et ole vielä vastannut, ja vastauksesi on tärkeä.",
        "final_lead": "Tämä on viimeinen muistutus, joka lähetetään kaikille kyselyyn \"{title}\" kutsutuille. "
        "Jos olet jo vastannut: kiitos, eikä sinun tarvitse tehdä mitään. Jos et, ehdit vielä.",
        "closes": "Kysely sulkeutuu {closes}.",
        "code": "Kertakäyttöinen koodisi: {code}",
        "fresh": "Tämä koodi korvaa aiemmin lähetetyn koodin; aiempi ei enää toimi.",
        "how_cli": "Vastaa komennolla:\n\n    {command}",
        "how_ssh": "Vastaa yhdistämällä:\n\n    {command}\n\nja anna koodisi, kun sitä kysytään.",
        "how_url": "Vastaa avaamalla {url} ja anna koodisi, kun sitä kysytään.",
        "anonymous": "Vastauksesi tallennetaan ilman nimeäsi, osoitettasi tai koodiasi; koodi vain varmistaa, "
        "että jokainen kutsuttu vastaa kerran.",
    },
    "sv": {
        "invite_subject": "Inbjudan: {title}",
        "remind_subject": "Påminnelse: {title}",
        "final_subject": "Sista påminnelsen: {title}",
        "greeting": "Hej,",
        "invite_lead": "Du är inbjuden att svara på enkäten \"{title}\".",
        "remind_lead": "Det här är en påminnelse om enkäten \"{title}\". Du har inte svarat ännu, och ditt svar "
        "är viktigt.",
        "final_lead": "Det här är en sista påminnelse till alla som bjudits in till enkäten \"{title}\". Om du "
        "redan har svarat: tack, och bortse från det här meddelandet. Om inte, finns det ännu tid.",
        "closes": "Enkäten stänger {closes}.",
        "code": "Din engångskod: {code}",
        "fresh": "Koden ersätter en kod som skickats till dig tidigare; den tidigare fungerar inte längre.",
        "how_cli": "Svara med kommandot:\n\n    {command}",
        "how_ssh": "Svara genom att ansluta med:\n\n    {command}\n\noch ange din kod när den efterfrågas.",
        "how_url": "Svara genom att öppna {url} och ange din kod när den efterfrågas.",
        "anonymous": "Dina svar sparas utan ditt namn, din adress eller din kod; koden ser bara till att "
        "varje inbjuden svarar en gång.",
    },
}


@dataclass(frozen=True)
class HowToAnswer:
    """How respondents reach the survey: an SSH command, a serve URL, or the CLI (default)."""

    ssh: str | None = None
    url: str | None = None

    def text(self, letter: dict[str, str], slug: str, code: str | None) -> str:
        if self.url:
            return letter["how_url"].format(url=one_line(self.url, 500))
        if self.ssh:
            return letter["how_ssh"].format(command=one_line(self.ssh, 500))
        command = f"survey-tui answer --round {slug}" + (f" --code {code}" if code else "")
        return letter["how_cli"].format(command=command)


def letter_language(questionnaire, language: str | None) -> str:
    if language and language in MESSAGE_LANGUAGES and language in questionnaire.languages:
        return language
    usable = message_languages(questionnaire)
    return usable[0] if usable else "en"


TEMPLATE_FIELDS = ("title", "intro", "closes", "code", "how")


@dataclass(frozen=True)
class Template:
    """A coordinator's letter: optional first line `Subject: ...`, then the body with $title,
    $intro, $closes, $code (the code line, empty for someone who answered) and $how."""

    subject: str | None
    body: str


def load_templates(specs: Iterable[str], questionnaire) -> dict[str | None, Template]:
    """`--template FILE` (every language) or `--template LANG=FILE`; refused with one line each problem."""
    from string import Template as Text

    out: dict[str | None, Template] = {}
    problems: list[str] = []
    for spec in specs:
        lang, sep, path = spec.partition("=")
        if not sep or "/" in lang or len(lang) > 3:
            lang, path = None, spec
        if lang is not None and lang not in message_languages(questionnaire):
            problems.append(message("inv_template_no_letter_language", spec=one_line(spec, 80), language=repr(lang)))
            continue
        raw = read_bounded(path, 256 * 1024)
        try:
            text = clean_text(raw.decode("utf-8-sig")).replace("\r\n", "\n")
        except UnicodeDecodeError:
            problems.append(message("inv_template_not_utf8", path=path))
            continue
        subject = None
        first, _nl, rest = text.partition("\n")
        if first.lower().startswith("subject:"):
            subject, text = one_line(first[len("subject:"):], 250), rest.lstrip("\n")
        template = Text(text)
        unknown = [name for name in template.get_identifiers() if name not in TEMPLATE_FIELDS]
        if not template.is_valid():
            problems.append(message("inv_template_lone_dollar", path=path))
        elif unknown:
            problems.append(message("inv_template_unknown_field", path=path, field=unknown[0],
                                    fields="$" + ", $".join(TEMPLATE_FIELDS)))
        elif "code" not in template.get_identifiers():
            problems.append(message("inv_template_needs_code", path=path))
        else:
            out[lang] = Template(subject, text)
    if problems:
        raise InvalidInput("\n".join(problems))
    return out


def build_message(
    rnd, *, kind: str, to: str, sender: str, language: str | None, code: str | None, how: HowToAnswer,
    templates: dict[str | None, Template] | None = None,
) -> EmailMessage:
    """One message, all its text cleaned; headers on one line each."""
    from string import Template as Text

    q = rnd.questionnaire
    lang = letter_language(q, language)
    letter = LETTERS[lang]
    title = one_line(q.text(q.title, lang), 200)
    intro = clean_text(q.text(q.intro, lang)).strip()
    closes = letter["closes"].format(closes=rnd.closes.isoformat()) if rnd.closes else ""
    code_line = (letter["code"].format(code=code) + ("\n" + letter["fresh"] if kind != "invite" else "")) if code else ""
    how_text = how.text(letter, rnd.slug, code) if (code or kind != "final" or how.url or how.ssh) else ""
    template = (templates or {}).get(lang) or (templates or {}).get(None)
    if template is not None:
        body = Text(template.body).substitute(title=title, intro=intro, closes=closes, code=code_line, how=how_text)
        subject = template.subject or letter[f"{kind}_subject"].format(title=title)
    else:
        if kind == "invite" and intro:
            parts = [intro]  # the questionnaire's intro is the cover letter, with its own greeting
        else:
            parts = [letter["greeting"], letter[f"{kind}_lead"].format(title=title)]
        parts += [part for part in (closes, code_line, how_text) if part]
        parts.append(letter["anonymous"])
        body = "\n\n".join(parts)
        subject = letter[f"{kind}_subject"].format(title=title)
    msg = EmailMessage()
    msg["Subject"] = one_line(subject, 250)
    msg["From"] = _header_address(sender)
    msg["To"] = _header_address(to)
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain=_header_address(sender).split("@")[-1])
    msg.set_content(body.rstrip("\n") + "\n")  # (clears Content-* headers: language after it)
    msg["Content-Language"] = lang
    return msg


def _header_address(address: str) -> str:
    flat = one_line(address, 254)
    problem = address_problem(flat)
    if problem:
        raise InvalidInput(problem)
    local, domain = flat.split("@")
    return str(Address(username=local, domain=domain))
