"""Invitations and reminders by e-mail: the rules, without click or Textual.

- Recipients come from a CSV file (label, email, optional language), checked whole before
  anything is stored: every problem is reported, one line each.
- Each message carries a one-time code made at send time; only its hash is kept. A reminder
  carries a fresh code that replaces the unused old one in one transaction (the old one stops
  working). The final reminder (`everyone`) goes to all recipients with one wording for all;
  those who answered get no code.
- The send log keeps what was sent to whom and when, and the server's verdict; nothing about
  answers. A re-run sends only to those not yet sent to (the failed ones).
- All text that goes into a message, headers included, is cleaned (survey_tui.sanitize);
  headers are folded onto one line so nothing can add a header.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import smtplib
import ssl
import time
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Callable, Iterable

from survey_tui.inputs import read_bounded
from survey_tui.errors import InvalidInput, NotFound, SurveyError
from survey_tui.sanitize import clean_text, one_line

MESSAGE_LANGUAGES = ("fi", "en", "sv")
MAX_RECIPIENTS_BYTES = 5 * 1024 * 1024
MAX_LABEL_CHARS = 200
PLACEHOLDER_CODE = "XXXXX-XXXXX"


class DeliveryError(SurveyError):
    """The mail server cannot be reached or refuses the sender or login."""


# --------------------------------------------------------------------------- recipients file

_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_DOMAIN_LABEL = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")


def address_problem(address: str) -> str | None:
    """Why `address` is not a deliverable mailbox (None: it looks fine)."""
    if not address:
        return "no e-mail address"
    if len(address) > 254:
        return "e-mail address longer than 254 characters"
    if address.count("@") != 1:
        return f"{one_line(address, 80)!r} is not an e-mail address (needs one @)"
    local, domain = address.split("@")
    if not local or len(local) > 64 or not _LOCAL.match(local):
        return f"{one_line(address, 80)!r} is not an e-mail address (the part before @)"
    try:
        domain_ascii = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return f"{one_line(address, 80)!r} is not an e-mail address (the domain)"
    labels = domain_ascii.split(".")
    if len(labels) < 2 or not all(_DOMAIN_LABEL.match(part) for part in labels) or labels[-1].isdigit():
        return f"{one_line(address, 80)!r} is not an e-mail address (the domain)"
    return None


@dataclass(frozen=True)
class RecipientRow:
    label: str
    email: str
    language: str | None


def message_languages(questionnaire) -> tuple[str, ...]:
    """Languages a message can be written in: the questionnaire's, where we have a letter."""
    return tuple(lang for lang in questionnaire.languages if lang in MESSAGE_LANGUAGES)


def parse_recipients(raw: bytes, source: str, questionnaire) -> list[RecipientRow]:
    """Recipients from CSV (header: label, email, optional language); all problems at once."""
    problems: list[str] = []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{source}: not UTF-8 text (byte {exc.start + 1})") from None
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InvalidInput(f"{source}: empty file (expected a header line: label,email,language)") from None
    except csv.Error as exc:
        raise InvalidInput(f"{source}: line 1: {exc}") from None
    names = [one_line(h).casefold() for h in header]
    missing = [name for name in ("label", "email") if name not in names]
    if missing:
        raise InvalidInput(
            "\n".join(f"{source}: line 1: missing column {name!r} (columns: label, email, language)" for name in missing)
        )
    unknown = [h for h in names if h not in ("label", "email", "language")]
    for name in unknown:
        problems.append(f"{source}: line 1: unknown column {one_line(name, 40)!r} (columns: label, email, language)")
    col = {name: names.index(name) for name in ("label", "email", "language") if name in names}
    allowed = message_languages(questionnaire)
    rows: list[RecipientRow] = []
    seen: dict[str, int] = {}
    seen_address: dict[str, int] = {}
    try:
        for record in reader:
            number = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if len(record) < len(header):
                problems.append(f"{source}: line {number}: {len(record)} column(s), the header has {len(header)}")
                continue
            label = one_line(record[col["label"]])
            email = record[col["email"]].strip()
            language = one_line(record[col["language"]]).lower() if "language" in col else ""
            if not label:
                problems.append(f"{source}: line {number}: empty label")
            elif len(label) > MAX_LABEL_CHARS:
                problems.append(f"{source}: line {number}: label longer than {MAX_LABEL_CHARS} characters")
            else:
                key = label.casefold()
                if key in seen:
                    problems.append(
                        f"{source}: line {number}: duplicate label {label[:60]!r} (first on line {seen[key]})"
                    )
                seen.setdefault(key, number)
            problem = address_problem(email)
            if problem:
                problems.append(f"{source}: line {number}: {problem}")
            else:
                key = email.casefold()
                if key in seen_address:
                    problems.append(
                        f"{source}: line {number}: address {email!r} is given twice (first on line {seen_address[key]})"
                    )
                seen_address.setdefault(key, number)
            if language and language not in allowed:
                problems.append(
                    f"{source}: line {number}: language {one_line(language, 10)!r} is not one the questionnaire "
                    f"has a message in (use {', '.join(allowed) or 'none'})"
                )
            rows.append(RecipientRow(label, email, language or None))
    except csv.Error as exc:
        problems.append(f"{source}: line {reader.line_num}: {exc}")
    if not rows and not problems:
        problems.append(f"{source}: no recipients found (one line per recipient after the header)")
    if problems:
        raise InvalidInput("\n".join(problems))
    return rows


def add_recipients(store, slug: str, path: str, *, switch_access: bool = False) -> list[RecipientRow]:
    from survey_tui.errors import WouldLockOutRespondents

    rnd = store.get_round(slug)
    if rnd.state == "closed":
        raise InvalidInput(f"round {slug!r} is closed; reopen it first with 'survey-tui round open {slug}'")
    raw = read_bounded(path, MAX_RECIPIENTS_BYTES)
    rows = parse_recipients(raw, path, rnd.questionnaire)
    if (
        not switch_access
        and rnd.state == "open"
        and rnd.access == "open"
        and store.count_responses(slug) + store.count_drafts(slug)
    ):
        raise WouldLockOutRespondents(
            f"round {slug!r} is open to anyone and people have answered or started; with codes "
            "only code holders could submit. Add --switch-to-codes to do it anyway."
        )
    store.recipients().add(slug, [(r.label, r.email, r.language) for r in rows])
    return rows


# --------------------------------------------------------------------------- messages

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
            problems.append(f"--template {one_line(spec, 80)}: the questionnaire has no letter language {lang!r}")
            continue
        raw = read_bounded(path, 256 * 1024)
        try:
            text = clean_text(raw.decode("utf-8-sig")).replace("\r\n", "\n")
        except UnicodeDecodeError:
            problems.append(f"{path}: not UTF-8 text")
            continue
        subject = None
        first, _nl, rest = text.partition("\n")
        if first.lower().startswith("subject:"):
            subject, text = one_line(first[len("subject:"):], 250), rest.lstrip("\n")
        template = Text(text)
        unknown = [name for name in template.get_identifiers() if name not in TEMPLATE_FIELDS]
        if not template.is_valid():
            problems.append(f"{path}: a lone $ (write $$ for a dollar sign)")
        elif unknown:
            problems.append(f"{path}: unknown field ${unknown[0]} (fields: ${', $'.join(TEMPLATE_FIELDS)})")
        elif "code" not in template.get_identifiers():
            problems.append(f"{path}: the letter must hold $code, or recipients get no code")
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


# --------------------------------------------------------------------------- transports


@dataclass
class SmtpSettings:
    host: str
    port: int
    security: str = "starttls"  # starttls | tls | none
    user: str | None = None
    password: str | None = None
    cafile: str | None = None
    timeout: float = 30.0

    @classmethod
    def parse(cls, hostport: str, security: str | None = None, **kw) -> SmtpSettings:
        host, sep, port_text = hostport.rpartition(":")
        if not sep or not host or not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise InvalidInput(f"--smtp {one_line(hostport, 80)!r}: use HOST:PORT, e.g. mail.example.org:587")
        port = int(port_text)
        security = security or ("tls" if port == 465 else "starttls")
        if security not in ("starttls", "tls", "none"):
            raise InvalidInput(f"unknown SMTP security {security!r} (use starttls, tls or none)")
        return cls(host.strip("[]"), port, security, **kw)


def smtp_login_from(environ: dict[str, str], config_file: str | None = None) -> tuple[str | None, str | None]:
    """SMTP login from SURVEY_TUI_SMTP_USER / _PASSWORD, or a [smtp] section of a config file."""
    user, password = environ.get("SURVEY_TUI_SMTP_USER"), environ.get("SURVEY_TUI_SMTP_PASSWORD")
    if config_file and not (user and password):
        import configparser

        parser = configparser.ConfigParser(interpolation=None)
        try:
            mode = os.stat(config_file).st_mode
            with open(config_file, encoding="utf-8") as fh:
                parser.read_file(fh)
        except (OSError, configparser.Error, UnicodeDecodeError) as exc:
            raise InvalidInput(f"{config_file}: cannot read the SMTP settings: {exc}") from None
        if mode & 0o077:
            raise InvalidInput(f"{config_file}: holds a password but others can read it; chmod 600 it")
        section = parser["smtp"] if parser.has_section("smtp") else {}
        user = user or section.get("user")
        password = password or section.get("password")
    return user, password


class SmtpTransport:
    """One SMTP session for a delivery run; send() says what the server did with one message."""

    def __init__(self, settings: SmtpSettings):
        self.settings = settings
        self.smtp: smtplib.SMTP | None = None

    def _context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.settings.cafile)

    def open(self) -> None:
        s = self.settings
        try:
            if s.security == "tls":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=self._context())
            else:
                smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
                smtp.ehlo()
                if s.security == "starttls":
                    smtp.starttls(context=self._context())
                    smtp.ehlo()
            if s.user:
                smtp.login(s.user, s.password or "")
        except smtplib.SMTPAuthenticationError as exc:
            raise DeliveryError(f"the mail server refused the login of {one_line(s.user or '', 80)!r}: "
                                f"{exc.smtp_code} {_text(exc.smtp_error)}") from None
        except smtplib.SMTPNotSupportedError:
            raise DeliveryError(f"{s.host}:{s.port} offers no STARTTLS; use --smtp-security tls or none") from None
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryError(f"cannot talk to the mail server {s.host}:{s.port}: {_text(exc)}") from None
        self.smtp = smtp

    def send(self, msg: EmailMessage) -> tuple[str, str]:
        assert self.smtp is not None
        try:
            self.smtp.send_message(msg)
        except smtplib.SMTPRecipientsRefused as exc:
            code, reply = next(iter(exc.recipients.values()))
            status = "invalid" if code in (501, 553) else ("failed" if 400 <= code < 500 else "refused")
            return status, f"{code} {_text(reply)}"
        except smtplib.SMTPSenderRefused as exc:
            raise DeliveryError(f"the mail server refused the sender: {exc.smtp_code} {_text(exc.smtp_error)}") from None
        except smtplib.SMTPResponseException as exc:
            self._reset()
            status = "failed" if 400 <= exc.smtp_code < 500 else "refused"  # 4xx: try again later
            return status, f"{exc.smtp_code} {_text(exc.smtp_error)}"
        except (OSError, smtplib.SMTPException) as exc:
            self.close()
            self.open()  # one new session; if that fails the run stops with one line
            return "failed", _text(exc)
        return "sent", ""

    def _reset(self) -> None:
        try:
            self.smtp.rset()  # type: ignore[union-attr]
        except (OSError, smtplib.SMTPException):
            self.close()
            self.open()

    def close(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (OSError, smtplib.SMTPException):
                self.smtp.close()
            self.smtp = None


class DryRunTransport:
    """Writes each message as DIR/<n>-<label>.eml (owner-only) and sends nothing."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.count = 0

    def open(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)

    def send(self, msg: EmailMessage, name: str = "") -> tuple[str, str]:
        self.count += 1
        safe = re.sub(r"[^A-Za-z0-9._-]+", "_", name)[:60] or "recipient"
        path = self.folder / f"{self.count:04d}-{safe}.eml"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(msg.as_bytes())
        os.chmod(path, 0o600)
        return "sent", str(path)

    def close(self) -> None:
        pass


def _text(value: object) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return one_line(str(value), 200)


# --------------------------------------------------------------------------- delivery


@dataclass
class Result:
    label: str
    email: str
    status: str  # sent | refused | invalid | failed | answered (final reminder: no code) | skipped
    detail: str = ""
    code_given: bool = False


@dataclass
class Summary:
    round: str
    kind: str
    mailing: str | None
    results: list[Result] = field(default_factory=list)
    dry_run: bool = False

    def counts(self) -> dict[str, int]:
        out = {status: 0 for status in ("sent", "refused", "invalid", "failed")}
        for r in self.results:
            out[r.status] = out.get(r.status, 0) + 1
        return out

    @property
    def failed(self) -> list[Result]:
        return [r for r in self.results if r.status in ("refused", "invalid", "failed")]

    def to_dict(self) -> dict:
        return {
            "round": self.round,
            "kind": self.kind,
            "dry_run": self.dry_run,
            "counts": self.counts(),
            "recipients": [{"label": r.label, "email": r.email, "status": r.status, "detail": r.detail} for r in self.results],
        }


def now_text(clock: Callable[[], dt.datetime] | None = None) -> str:
    moment = clock() if clock else dt.datetime.now(dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc).replace(microsecond=0).isoformat()


def deliver(
    store,
    slug: str,
    kind: str,
    transport,
    *,
    sender: str,
    how: HowToAnswer = HowToAnswer(),
    retry: bool = False,
    rate: float | None = None,
    progress: Callable[[Result], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], dt.datetime] | None = None,
    mailing=None,
    dry_run: bool = False,
    on_targets: Callable[[int], None] | None = None,
    templates: dict | None = None,
) -> Summary:
    """Send one mailing (invite, remind or final) of a round; see the module docstring.

    invite: every recipient not yet sent an invitation (a re-run is the retry).
    remind: recipients whose code is unused; `retry` sends, within the latest reminder, only to
    those it has not reached (refused, invalid, failed, or not tried when the run stopped).
    final: every recipient; `retry` likewise.
    """
    from survey_tui.store import _code_hash, new_code

    if kind not in ("invite", "remind", "final"):
        raise ValueError(kind)
    rnd = store.get_round(slug)
    book = store.recipients()
    everyone = book.list(slug)
    if not everyone:
        raise NotFound(f"round {slug!r} has no recipients; add them with 'survey-tui codes add {slug} --recipients FILE'")
    gone = rnd.unavailable()
    if gone and gone[0] in ("closed", "closed_on") and not dry_run:
        raise InvalidInput(f"{rnd.why_not_accepting()}; nobody could answer, so nothing was sent")
    _header_address(sender)  # a broken sender is one line before anything is sent
    done: dict[str, dict[str, str]] = {}
    if mailing is None and not dry_run:
        earlier = [m for m in book.mailings(slug) if m.kind == kind and m.state == "done"]
        if kind == "invite" and earlier:
            mailing = earlier[-1]
        elif retry:
            if not earlier:
                raise NotFound(f"round {slug!r} has no {'reminder' if kind == 'remind' else 'final reminder'} to retry")
            mailing = earlier[-1]
    if mailing is not None:
        done = book.sends(mailing.id)
    targets = []
    for r in everyone:
        previous = done.get(r.label)
        if previous and previous["status"] == "sent":
            continue  # already reached in this mailing
        if kind == "remind" and r.answered:
            continue
        targets.append(r)
    summary = Summary(slug, kind, None, dry_run=dry_run)
    if on_targets:
        on_targets(len(targets))
    if not targets:
        return summary
    salt = store._code_salt(slug)
    interval = 60.0 / rate if rate else 0.0
    transport.open()  # a server that cannot be reached leaves no empty mailing behind
    try:
        if mailing is None and not dry_run:
            mailing = book.new_mailing(slug, kind, now_text(clock))
        summary.mailing = mailing.id if mailing else None
        last = None
        for r in targets:
            problem = address_problem(r.email)
            if problem:
                result = Result(r.label, r.email, "invalid", problem)
            else:
                code = None
                if dry_run:
                    code = None if (kind == "final" and r.answered) else PLACEHOLDER_CODE
                elif not (kind == "final" and r.answered):
                    code = new_code()
                    if not book.issue_code(slug, r.label, _code_hash(slug, code, salt)):
                        code = None  # answered since the list was read
                        if kind != "final":
                            summary.results.append(Result(r.label, r.email, "skipped", "answered meanwhile"))
                            continue
                msg = build_message(rnd, kind=kind, to=r.email, sender=sender, language=r.language, code=code, how=how,
                                    templates=templates)
                if interval and last is not None:
                    wait = interval - (time.monotonic() - last)
                    if wait > 0:
                        sleep(wait)
                last = time.monotonic()
                if isinstance(transport, DryRunTransport):
                    status, detail = transport.send(msg, r.label)
                else:
                    status, detail = transport.send(msg)
                result = Result(r.label, r.email, status, detail, code_given=bool(code))
            if mailing is not None:
                book.record(mailing.id, r.label, result.status, now_text(clock), result.detail)
            summary.results.append(result)
            if progress:
                progress(result)
    finally:
        transport.close()
    return summary


# --------------------------------------------------------------------------- scheduling


def parse_when(text: str, now: dt.datetime | None = None) -> str:
    """An ISO date-time (local time when no zone is given) as UTC text; must be in the future."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"--at {one_line(text, 40)!r} is not a date and time (use e.g. 2026-03-09T09:00)") from None
    if moment.tzinfo is None:
        moment = moment.astimezone()  # the machine's local time
    now = now or dt.datetime.now(dt.timezone.utc)
    if moment <= now:
        raise InvalidInput(f"--at {one_line(text, 40)!r} is not in the future")
    return moment.astimezone(dt.timezone.utc).replace(microsecond=0).isoformat()


def plan(store, slug: str, kind: str, at: str) -> object:
    store.get_round(slug)
    if not store.recipients().list(slug):
        raise NotFound(f"round {slug!r} has no recipients; add them with 'survey-tui codes add {slug} --recipients FILE'")
    return store.recipients().new_mailing(slug, kind, now_text(), planned_for=at)


def due(store, clock: Callable[[], dt.datetime] | None = None) -> list:
    return store.recipients().due(now_text(clock))


def run_due(store, make_transport: Callable[[], object], *, sender: str, how: HowToAnswer = HowToAnswer(),
            rate: float | None = None, clock=None, progress=None, sleep=time.sleep,
            templates: list[str] | tuple[str, ...] = ()) -> list[Summary]:
    """Send every planned mailing that is due, then mark it done (tick)."""
    out = []
    for mailing in due(store, clock):
        rnd = store.get_round(mailing.round)
        gone = rnd.unavailable()
        if gone and gone[0] in ("closed", "closed_on"):
            store.recipients().mark_done(mailing.id)
            out.append(Summary(mailing.round, mailing.kind, mailing.id))
            continue
        letters = load_templates(templates, rnd.questionnaire) if templates else None
        summary = deliver(store, mailing.round, mailing.kind, make_transport(), sender=sender, how=how,
                          rate=rate, clock=clock, progress=progress, sleep=sleep, mailing=mailing, templates=letters)
        store.recipients().mark_done(mailing.id)
        out.append(summary)
    return out


def recipients_overview(store, slug: str) -> Iterable[dict]:
    """Per recipient: label, address, language and the latest status of each kind of mailing."""
    book = store.recipients()
    mailings = [m for m in book.mailings(slug) if m.state == "done"]
    sends = {m.id: book.sends(m.id) for m in mailings}
    for r in book.list(slug):
        row = {"label": r.label, "email": r.email, "language": r.language or ""}
        for kind in ("invite", "remind", "final"):
            last = ""
            for m in mailings:
                if m.kind == kind and r.label in sends[m.id]:
                    last = sends[m.id][r.label]["status"]
            row[kind] = last
        yield row
