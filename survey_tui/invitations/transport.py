"""Transports: one SMTP session for a delivery run, or a dry run that writes .eml files."""

from __future__ import annotations

import os
import re
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from survey_tui.errors import InvalidInput, SurveyError, message
from survey_tui.sanitize import one_line


class DeliveryError(SurveyError):
    """The mail server cannot be reached or refuses the sender or login."""


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
            raise InvalidInput(message("inv_smtp_hostport", hostport=repr(one_line(hostport, 80))))
        port = int(port_text)
        security = security or ("tls" if port == 465 else "starttls")
        if security not in ("starttls", "tls", "none"):
            raise InvalidInput(message("inv_smtp_security", security=repr(security)))
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
            raise InvalidInput(message("inv_smtp_config_unreadable", file=config_file, problem=exc)) from None
        if mode & 0o077:
            raise InvalidInput(message("inv_smtp_config_readable", file=config_file))
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
            raise DeliveryError(message("inv_smtp_login_refused", user=repr(one_line(s.user or '', 80)),
                                        code=exc.smtp_code, reply=_text(exc.smtp_error))) from None
        except smtplib.SMTPNotSupportedError:
            raise DeliveryError(message("inv_smtp_no_starttls", host=s.host, port=s.port)) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryError(message("inv_smtp_unreachable", host=s.host, port=s.port, problem=_text(exc))) from None
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
            raise DeliveryError(message("inv_smtp_sender_refused", code=exc.smtp_code, reply=_text(exc.smtp_error))) from None
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
