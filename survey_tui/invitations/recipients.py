"""The recipients file: CSV of label, email and optional language, checked whole before anything is stored."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from survey_tui.errors import InvalidInput, message
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
        return message("inv_addr_none")
    if len(address) > 254:
        return message("inv_addr_too_long")
    if address.count("@") != 1:
        return message("inv_addr_no_at", address=repr(one_line(address, 80)))
    local, domain = address.split("@")
    if not local or len(local) > 64 or not _LOCAL.match(local):
        return message("inv_addr_local", address=repr(one_line(address, 80)))
    try:
        domain_ascii = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return message("inv_addr_domain", address=repr(one_line(address, 80)))
    labels = domain_ascii.split(".")
    if len(labels) < 2 or not all(_DOMAIN_LABEL.match(part) for part in labels) or labels[-1].isdigit():
        return message("inv_addr_domain", address=repr(one_line(address, 80)))
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
        raise InvalidInput(message("inv_rcpt_not_utf8", source=source, byte=exc.start + 1)) from None
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InvalidInput(message("inv_rcpt_empty", source=source)) from None
    except csv.Error as exc:
        raise InvalidInput(message("inv_rcpt_line", source=source, number=1, problem=exc)) from None
    names = [one_line(h).casefold() for h in header]
    missing = [name for name in ("label", "email") if name not in names]
    if missing:
        raise InvalidInput(
            "\n".join(message("inv_rcpt_missing_column", source=source, name=repr(name)) for name in missing)
        )
    unknown = [h for h in names if h not in ("label", "email", "language")]
    for name in unknown:
        problems.append(message("inv_rcpt_unknown_column", source=source, name=repr(one_line(name, 40))))
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
                problems.append(message("inv_rcpt_columns", source=source, number=number, got=len(record), want=len(header)))
                continue
            label = one_line(record[col["label"]])
            email = record[col["email"]].strip()
            language = one_line(record[col["language"]]).lower() if "language" in col else ""
            if not label:
                problems.append(message("inv_rcpt_empty_label", source=source, number=number))
            elif len(label) > MAX_LABEL_CHARS:
                problems.append(message("inv_rcpt_long_label", source=source, number=number, max=MAX_LABEL_CHARS))
            else:
                key = label.casefold()
                if key in seen:
                    problems.append(message("inv_rcpt_duplicate_label", source=source, number=number,
                                            label=repr(label[:60]), first=seen[key]))
                seen.setdefault(key, number)
            problem = address_problem(email)
            if problem:
                problems.append(message("inv_rcpt_line", source=source, number=number, problem=problem))
            else:
                key = email.casefold()
                if key in seen_address:
                    problems.append(message("inv_rcpt_duplicate_address", source=source, number=number,
                                            address=repr(email), first=seen_address[key]))
                seen_address.setdefault(key, number)
            if language and language not in allowed:
                problems.append(message("inv_rcpt_language", source=source, number=number,
                                        language=repr(one_line(language, 10)),
                                        allowed=", ".join(allowed) or message("inv_none")))
            rows.append(RecipientRow(label, email, language or None))
    except csv.Error as exc:
        problems.append(message("inv_rcpt_line", source=source, number=reader.line_num, problem=exc))
    if not rows and not problems:
        problems.append(message("inv_rcpt_none_found", source=source))
    if problems:
        raise InvalidInput("\n".join(problems))
    return rows


def add_recipients(store, slug: str, path: str, *, switch_access: bool = False) -> list[RecipientRow]:
    from survey_tui.errors import WouldLockOutRespondents

    rnd = store.get_round(slug)
    if rnd.state == "closed":
        raise InvalidInput(message("inv_round_closed_reopen", slug=repr(slug), name=slug))
    raw = read_bounded(path, MAX_RECIPIENTS_BYTES)
    rows = parse_recipients(raw, path, rnd.questionnaire)
    if (
        not switch_access
        and rnd.state == "open"
        and rnd.access == "open"
        and store.count_responses(slug) + store.count_drafts(slug)
    ):
        raise WouldLockOutRespondents(message("inv_would_lock_out", slug=repr(slug)))
    store.recipients().add(slug, [(r.label, r.email, r.language) for r in rows])
    return rows
