"""The recipients file: CSV of label, email and optional language, checked whole before anything is stored."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from survey_tui.errors import InvalidInput
from survey_tui.inputs import read_bounded
from survey_tui.sanitize import one_line

MESSAGE_LANGUAGES = ("fi", "en", "sv")
MAX_RECIPIENTS_BYTES = 5 * 1024 * 1024
MAX_LABEL_CHARS = 200

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
