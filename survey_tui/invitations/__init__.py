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

The package, one module each (every name stays importable from survey_tui.invitations):
- recipients.py: the recipients CSV file, address checks, adding recipients to a round;
- letters.py: the built-in letters, coordinators' templates, building one message;
- transport.py: the SMTP session and the dry run;
- delivery.py: sending one mailing, its results and summary;
- schedule.py: planned mailings, `tick`, and each recipient's latest status.
"""

from __future__ import annotations

from survey_tui.invitations.delivery import PLACEHOLDER_CODE, Result, Summary, deliver, now_text
from survey_tui.invitations.letters import (
    LETTERS,
    TEMPLATE_FIELDS,
    HowToAnswer,
    Template,
    _header_address,
    build_message,
    letter_language,
    load_templates,
)
from survey_tui.invitations.recipients import (
    _DOMAIN_LABEL,
    _LOCAL,
    MAX_LABEL_CHARS,
    MAX_RECIPIENTS_BYTES,
    MESSAGE_LANGUAGES,
    RecipientRow,
    add_recipients,
    address_problem,
    message_languages,
    parse_recipients,
)
from survey_tui.invitations.schedule import due, parse_when, plan, recipients_overview, run_due
from survey_tui.invitations.transport import (
    DeliveryError,
    DryRunTransport,
    SmtpSettings,
    SmtpTransport,
    _text,
    smtp_login_from,
)

__all__ = [
    "LETTERS", "MAX_LABEL_CHARS", "MAX_RECIPIENTS_BYTES", "MESSAGE_LANGUAGES", "PLACEHOLDER_CODE", "TEMPLATE_FIELDS",
    "DeliveryError", "DryRunTransport", "HowToAnswer", "RecipientRow", "Result", "SmtpSettings", "SmtpTransport",
    "Summary", "Template", "add_recipients", "address_problem", "build_message", "deliver", "due",
    "letter_language", "load_templates", "message_languages", "now_text", "parse_recipients", "parse_when",
    "plan", "recipients_overview", "run_due", "smtp_login_from",
    "_DOMAIN_LABEL", "_LOCAL", "_header_address", "_text",
]
