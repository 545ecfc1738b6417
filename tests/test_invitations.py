"""Invitations and reminders against a real SMTP server on loopback (aiosmtpd)."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import re
import socket
import ssl
import stat
import threading

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from click.testing import CliRunner

from survey_tui.cli.main import cli
from survey_tui.errors import CodeRejected, InvalidInput
from survey_tui.store import Store

RANKING = ["kanavat", "tiedottaminen", "tunteminen", "henkilot", "ymmarrys"]
ANSWERS = {"q1a": "vastaus", "q3": "Teams"}
CODE_RE = re.compile(r"\b[A-Z2-9]{5}-[A-Z2-9]{5}\b")
SENDER = "survey@example.org"


class Handler:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []
        self.refuse: set[str] = set()
        self.invalid: set[str] = set()
        self.hang_up: set[str] = set()
        self.logins: list[tuple[str, bytes, bytes]] = []
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 no such mailbox here"
        if address in self.invalid:
            return "553 5.1.3 bad address syntax"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if set(envelope.rcpt_tos) & self.hang_up:
            server.transport.close()  # the connection breaks in the middle of this message
            return "421 4.3.0 going away"
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), envelope.original_content or envelope.content))
        return "250 OK"

    def parsed(self) -> dict[str, email.message.EmailMessage]:
        """Last message per recipient address, parsed by the standard library."""
        out = {}
        for rcpts, raw in self.messages:
            msg = email.message_from_bytes(raw, policy=email.policy.default)
            for rcpt in rcpts:
                out[rcpt] = msg
        return out

    def take(self):
        with self.lock:
            got, self.messages = self.parsed(), []
        return got


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    handler = Handler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield handler, f"127.0.0.1:{controller.port}"
    controller.stop()


def body(msg) -> str:
    return msg.get_body(preferencelist=("plain",)).get_content()


def code_in(msg) -> str | None:
    found = CODE_RE.findall(body(msg))
    assert len(set(found)) <= 1
    return found[0] if found else None


PEOPLE = [(f"Person {i:02d}", f"person{i:02d}@example.org", "fi" if i % 2 else "en") for i in range(1, 12)]


@pytest.fixture
def env(tmp_path, kela):
    db = tmp_path / "survey.db"
    with Store(db) as s:
        s.create_round("kevat", kela, state="open", closes=dt.date.today() + dt.timedelta(days=14))
    rfile = tmp_path / "recipients.csv"
    rfile.write_text("label,email,language\n" + "".join(f"{a},{b},{c}\n" for a, b, c in PEOPLE), "utf-8")
    runner = CliRunner()

    def run(*args, code=0):
        result = runner.invoke(cli, ["--db", str(db), *map(str, args)], catch_exceptions=False)
        assert "Traceback" not in result.output
        if code is not None:
            assert result.exit_code == code, result.output
        return result

    return db, rfile, run


def submit(db, code):
    with Store(db) as s:
        s.submit("kevat", ANSWERS, RANKING, "fi", code=code)


def test_invite_remind_and_final_reminder_end_to_end(env, smtp_server):
    db, rfile, run = env
    server, hostport = smtp_server
    out = run("codes", "add", "kevat", "--recipients", rfile)
    assert "11 recipient(s)" in out.output
    mail = ["--smtp", hostport, "--smtp-security", "none", "--from", SENDER]

    out = run("invite", "kevat", *mail)
    assert "11 sent, 0 refused" in out.output
    got = server.take()
    assert set(got) == {b for _, b, _ in PEOPLE}
    with Store(db) as s:
        q = s.get_round("kevat").questionnaire
        intro = {lang: q.text(q.intro, lang).strip() for lang in ("fi", "en")}
    codes = {}
    for label, address, lang in PEOPLE:
        msg = got[address]
        assert msg["To"] == address and msg["From"] == SENDER
        assert msg["Content-Language"] == lang
        assert ("Kutsu" if lang == "fi" else "Invitation") in msg["Subject"]
        assert body(msg).startswith(intro[lang].splitlines()[0])  # the intro is the cover letter
        assert f"survey-tui answer --round kevat --code {code_in(msg)}" in body(msg)
        codes[address] = code_in(msg)
    assert len(set(codes.values())) == 11

    # Running invite again sends nothing: everyone has been reached.
    assert "Nothing to send" in run("invite", "kevat", *mail).output
    assert server.take() == {}

    # Four answer; each code works exactly once.
    answered = [p[1] for p in PEOPLE[:4]]
    for address in answered:
        submit(db, codes[address])
        with pytest.raises(CodeRejected):
            submit(db, codes[address])

    # A reminder: only the seven unanswered, each with a fresh code replacing the old one.
    out = run("remind", "kevat", *mail)
    assert "7 sent" in out.output
    got = server.take()
    assert set(got) == {p[1] for p in PEOPLE[4:]}
    fresh = {}
    for address, msg in got.items():
        fresh[address] = code_in(msg)
        assert fresh[address] != codes[address]
        assert "no longer works" in body(msg) or "ei enää toimi" in body(msg)
    for address in fresh:  # the replaced codes are refused
        with pytest.raises(CodeRejected):
            submit(db, codes[address])
    submit(db, fresh[PEOPLE[4][1]])

    # Final reminder: all 11, one wording; no code for the five who answered.
    out = run("remind", "kevat", "--everyone", *mail)
    assert "11 sent" in out.output
    got = server.take()
    assert set(got) == {p[1] for p in PEOPLE}
    done = set(answered) | {PEOPLE[4][1]}
    final_codes = {}
    for address, msg in got.items():
        text = body(msg)
        assert "already answered" in text or "olet jo vastannut" in text
        assert "You have not answered" not in text and "Et ole vielä vastannut" not in text
        if address in done:
            assert code_in(msg) is None
        else:
            final_codes[address] = code_in(msg)
            assert final_codes[address] not in (codes[address], fresh[address])
    assert set(final_codes) == {p[1] for p in PEOPLE[5:]}
    for address, code in final_codes.items():
        with pytest.raises(CodeRejected):
            submit(db, fresh[address])
        submit(db, code)
        with pytest.raises(CodeRejected):
            submit(db, code)
    with Store(db) as s:
        assert s.count_responses("kevat") == 11


def test_refused_addresses_are_marked_failed_and_retried_alone(env, smtp_server):
    db, rfile, run = env
    server, hostport = smtp_server
    run("codes", "add", "kevat", "--recipients", rfile)
    mail = ["--smtp", hostport, "--smtp-security", "none", "--from", SENDER]
    server.refuse = {"person03@example.org", "person07@example.org"}
    out = run("invite", "kevat", *mail, code=3)
    assert "9 sent, 2 refused" in out.output
    assert re.search(r"refused\s+Person 03 <person03@example.org>\s+550", out.output)
    assert "survey-tui invite kevat" in out.output
    assert len(server.take()) == 9
    server.refuse = set()
    out = run("invite", "kevat", *mail)
    assert "2 sent" in out.output
    got = server.take()
    assert set(got) == {"person03@example.org", "person07@example.org"}
    for msg in got.values():
        submit(db, code_in(msg))

    # A reminder with one refusal and one address the server calls invalid, then --retry
    # reaches only those two.
    server.refuse, server.invalid = {"person05@example.org"}, {"person06@example.org"}
    out = run("remind", "kevat", *mail, "--json", code=3)
    assert '"refused": 1' in out.output and '"invalid": 1' in out.output
    assert len(server.take()) == 7
    server.refuse = server.invalid = set()
    out = run("remind", "kevat", *mail, "--retry")
    assert "2 sent" in out.output
    assert set(server.take()) == {"person05@example.org", "person06@example.org"}
    assert "Nothing to send" in run("remind", "kevat", *mail, "--retry").output
    out = run("invite", "kevat", "--status")
    assert "Person 05 <person05@example.org>  invite: sent  reminder: sent" in out.output
    assert "Person 03 <person03@example.org>  invite: sent  reminder: -" in out.output


def _self_signed(tmp_path):
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


def test_starttls_and_auth_login(env, tmp_path, monkeypatch):
    db, rfile, run = env
    cert, key = _self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    handler = Handler()

    def authenticator(server, session, envelope, mechanism, auth_data):
        handler.logins.append((mechanism, auth_data.login, auth_data.password))
        ok = auth_data.login == b"coord" and auth_data.password == b"s3cret pass"
        return AuthResult(success=ok, handled=False)

    controller = Controller(
        handler, hostname="127.0.0.1", port=free_port(), tls_context=context, require_starttls=True,
        authenticator=authenticator, auth_require_tls=True, auth_exclude_mechanism=["PLAIN"],
    )
    controller.start()
    try:
        run("codes", "add", "kevat", "--recipients", rfile)
        mail = ["--smtp", f"127.0.0.1:{controller.port}", "--from", SENDER, "--cafile", cert]
        monkeypatch.setenv("SURVEY_TUI_SMTP_USER", "coord")
        monkeypatch.setenv("SURVEY_TUI_SMTP_PASSWORD", "wrong")
        out = run("invite", "kevat", *mail, code=1)
        assert out.output.startswith("Error: the mail server refused the login of 'coord': 535")
        assert handler.messages == []
        monkeypatch.setenv("SURVEY_TUI_SMTP_PASSWORD", "s3cret pass")
        out = run("invite", "kevat", *mail)  # STARTTLS is the default on a port other than 465
        assert "11 sent" in out.output
        assert {m for m, _l, _p in handler.logins} == {"LOGIN"}
        assert len(handler.take()) == 11
        # Without trusting the test certificate the server is not believed.
        out = run("remind", "kevat", "--smtp", f"127.0.0.1:{controller.port}", "--from", SENDER, code=1)
        assert "Error: cannot talk to the mail server" in out.output and "CERTIFICATE_VERIFY_FAILED" in out.output
    finally:
        controller.stop()
    with Store(db) as s:  # the password is nowhere in the database
        s.close()
    assert b"s3cret" not in db.read_bytes()


def test_dry_run_writes_parseable_owner_only_files_and_changes_nothing(env, tmp_path):
    db, rfile, run = env
    run("codes", "add", "kevat", "--recipients", rfile)
    outbox = tmp_path / "outbox"
    out = run("invite", "kevat", "--dry-run", outbox, "--ssh", "ssh survey@host.example.org")
    assert "11 written" in out.output and re.search(r"^written\s+Person 01 <person01@example.org>", out.output, re.M)
    files = sorted(outbox.glob("*.eml"))
    assert len(files) == 11
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert msg["To"].endswith("@example.org")
        assert "ssh survey@host.example.org" in body(msg)
        assert "XXXXX-XXXXX" in body(msg)
    with Store(db) as s:
        assert s.list_codes("kevat") == []  # no code made, nothing logged
        assert s.recipients().mailings("kevat") == []


def test_hostile_text_cannot_add_headers(env, tmp_path, kela):
    from survey_tui import invitations as inv

    db, _rfile, _run = env
    with Store(db) as s:
        rnd = s.get_round("kevat")
    msg = inv.build_message(rnd, kind="invite", to="a@example.org", sender=SENDER, language="en",
                            code="ABCDE-FGHJK", how=inv.HowToAnswer(url="https://x.example.org/\r\nBcc: evil@example.org"))
    parsed = email.message_from_bytes(msg.as_bytes(), policy=email.policy.default)
    assert parsed["Bcc"] is None
    with pytest.raises(InvalidInput):
        inv.build_message(rnd, kind="invite", to="a@example.org\r\nBcc: evil@example.org", sender=SENDER,
                          language="en", code=None, how=inv.HowToAnswer())


@pytest.mark.parametrize(
    ("content", "problems"),
    [
        ("label,email\nAnna,anna@example.org\nBertta,bertta.example.org\nCecilia,cecilia@@example.org\n",
         ["line 3: 'bertta.example.org' is not an e-mail address", "line 4: 'cecilia@@example.org' is not"]),
        ("label,email\nAnna,anna@example.org\nanna,other@example.org\n",
         ["line 3: duplicate label 'anna' (first on line 2)"]),
        ("label,language\nAnna,fi\n", ["line 1: missing column 'email'"]),
        ("name,address\nAnna,anna@example.org\n", ["missing column 'label'", "missing column 'email'"]),
        ("label,email,language\nAnna,anna@example.org,se\nBertta,b@example.org,de\n",
         ["line 2: language 'se' is not one the questionnaire has", "line 3: language 'de'"]),
    ],
)
def test_bad_recipient_files_store_nothing(env, tmp_path, content, problems):
    db, _rfile, run = env
    bad = tmp_path / "bad.csv"
    bad.write_text(content, "utf-8")
    out = run("codes", "add", "kevat", "--recipients", bad, code=2)
    lines = out.output.strip().splitlines()
    assert len(lines) == len(problems)
    for line, problem in zip(lines, problems):
        assert line.startswith(f"Error: {bad}: ") and problem in line
    with Store(db) as s:
        assert s.recipients().list("kevat") == []
        assert s.get_round("kevat").access == "open"


def test_label_clash_with_existing_codes_stores_nothing(env, tmp_path):
    db, rfile, run = env
    with Store(db) as s:
        s.add_codes("kevat", labels=["Person 05"])
    out = run("codes", "add", "kevat", "--recipients", rfile, code=2)
    assert "Error: the round already has a recipient or code labelled 'Person 05'" in out.output
    with Store(db) as s:
        assert s.recipients().list("kevat") == []


def test_forget_deletes_addresses_codes_and_log(env, smtp_server, tmp_path):
    db, rfile, run = env
    server, hostport = smtp_server
    run("codes", "add", "kevat", "--recipients", rfile)
    run("invite", "kevat", "--smtp", hostport, "--smtp-security", "none", "--from", SENDER)
    out = run("codes", "forget", "kevat", "--yes", code=2)
    assert "still takes answers" in out.output
    run("round", "close", "kevat", "--yes")
    out = run("codes", "forget", "kevat", "--yes")
    assert "11 code(s), 11 address(es) and 11 send log line(s) deleted" in out.output
    with Store(db) as s:
        s.close()
    raw = db.read_bytes()
    assert b"person01@example.org" not in raw


def test_planned_reminder_is_sent_by_tick_once(env, smtp_server):
    from survey_tui import invitations as inv

    db, rfile, run = env
    server, hostport = smtp_server
    run("codes", "add", "kevat", "--recipients", rfile)
    mail = ["--smtp", hostport, "--smtp-security", "none", "--from", SENDER]
    run("invite", "kevat", *mail)
    server.take()
    at = (dt.datetime.now() + dt.timedelta(hours=1)).replace(microsecond=0).isoformat()
    out = run("remind", "kevat", "--everyone", "--at", at)
    assert "Planned: final reminder" in out.output
    assert "Nothing due" in run("tick", *mail).output
    out = run("remind", "kevat", "--at", "2001-01-01T09:00", code=2)
    assert "is not in the future" in out.output
    with Store(db) as s:  # an hour later
        later = lambda: dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=2)  # noqa: E731
        make = lambda: inv.SmtpTransport(inv.SmtpSettings.parse(hostport, "none"))  # noqa: E731
        summaries = inv.run_due(s, make, sender=SENDER, clock=later)
        assert [x.counts()["sent"] for x in summaries] == [11]
        assert inv.run_due(s, make, sender=SENDER, clock=later) == []
    assert len(server.take()) == 11


def test_implicit_tls_rate_limit_and_status(env, tmp_path):
    from survey_tui import invitations as inv

    db, rfile, run = env
    cert, key = _self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    handler = Handler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), ssl_context=context)
    controller.start()
    try:
        run("codes", "add", "kevat", "--recipients", rfile)
        waits: list[float] = []
        settings = inv.SmtpSettings.parse(f"127.0.0.1:{controller.port}", "tls", cafile=str(cert))
        with Store(db) as s:
            summary = inv.deliver(s, "kevat", "invite", inv.SmtpTransport(settings), sender=SENDER,
                                  rate=60, sleep=waits.append)
        assert summary.counts()["sent"] == 11
        # 60 a minute: each message after the first waits for the rest of its second.
        assert len(waits) == 10 and all(0.5 < w <= 1.0 for w in waits)
        assert len(handler.take()) == 11
    finally:
        controller.stop()
    out = run("invite", "kevat", "--status")
    assert "Person 01 <person01@example.org>  invite: sent  reminder: -  final: -" in out.output


def test_unreachable_server_and_past_round_send_nothing(env):
    db, rfile, run = env
    run("codes", "add", "kevat", "--recipients", rfile)
    out = run("invite", "kevat", "--smtp", f"127.0.0.1:{free_port()}", "--smtp-security", "none", "--from", SENDER,
              code=1)
    assert out.output.startswith("Error: cannot talk to the mail server 127.0.0.1:")
    assert len(out.output.strip().splitlines()) == 1
    out = run("invite", "kevat", "--smtp", "no-port-here", "--from", SENDER, code=2)
    assert "Error: --smtp 'no-port-here': use HOST:PORT" in out.output
    out = run("invite", "kevat", "--smtp", "127.0.0.1:25", code=2)
    assert "Error: no sender: give --from ADDRESS" in out.output
    with Store(db) as s:
        assert s.recipients().mailings("kevat") == [] and s.list_codes("kevat") == []
        s.edit_round("kevat", closes=dt.date.today() - dt.timedelta(days=1))
    out = run("remind", "kevat", "--everyone", "--smtp", "127.0.0.1:25", "--from", SENDER, code=2)
    assert "nobody could answer, so nothing was sent" in out.output


def test_own_letter_per_language(env, tmp_path):
    db, rfile, run = env
    run("codes", "add", "kevat", "--recipients", rfile)
    (tmp_path / "fi.txt").write_text("Subject: Kysely $title\nHei!\n\n$code\n\n$how\nSumma $$5\n", "utf-8")
    (tmp_path / "en.txt").write_text("Dear colleague,\n$intro\n$code\n", "utf-8")
    (tmp_path / "bad.txt").write_text("Hello $name\n", "utf-8")
    (tmp_path / "nocode.txt").write_text("Hello $title\n", "utf-8")
    outbox = tmp_path / "outbox"
    run("invite", "kevat", "--dry-run", outbox, "--template", f"fi={tmp_path / 'fi.txt'}",
        "--template", f"en={tmp_path / 'en.txt'}")
    seen = set()
    for path in outbox.glob("*.eml"):
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        text = body(msg)
        assert "XXXXX-XXXXX" in text
        if msg["Content-Language"] == "fi":
            assert msg["Subject"].startswith("Kysely ") and "Summa $5" in text and "survey-tui answer" in text
        else:
            assert text.startswith("Dear colleague,") and msg["Subject"].startswith("Invitation: ")
        seen.add(msg["Content-Language"])
    assert seen == {"fi", "en"}
    out = run("invite", "kevat", "--dry-run", outbox, "--template", tmp_path / "bad.txt",
              "--template", f"se={tmp_path / 'fi.txt'}", "--template", tmp_path / "nocode.txt", code=2)
    lines = out.output.strip().splitlines()
    assert len(lines) == 3
    assert "unknown field $name" in lines[0] and "no letter language 'se'" in lines[1]
    assert "must hold $code" in lines[2]


def test_the_rules_import_no_interface_library():
    import subprocess
    import sys

    code = "import sys, survey_tui.invitations, survey_tui.store.recipients\n" \
           "print(' '.join(m for m in ('click', 'textual', 'questionary') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_a_broken_connection_marks_one_failed_and_the_run_goes_on(env, smtp_server):
    db, rfile, run = env
    server, hostport = smtp_server
    run("codes", "add", "kevat", "--recipients", rfile)
    mail = ["--smtp", hostport, "--smtp-security", "none", "--from", SENDER]
    server.hang_up = {"person04@example.org"}
    out = run("invite", "kevat", *mail, code=3)
    assert "10 sent, 0 refused, 0 invalid, 1 failed" in out.output
    assert re.search(r"failed\s+Person 04 <person04@example.org>", out.output)
    assert len(server.take()) == 10
    server.hang_up = set()
    run("invite", "kevat", *mail)
    assert set(server.take()) == {"person04@example.org"}


def test_login_from_an_owner_only_config_file(tmp_path):
    from survey_tui import invitations as inv

    ini = tmp_path / "smtp.ini"
    ini.write_text("[smtp]\nuser = coord\npassword = from-file\n", "utf-8")
    ini.chmod(0o644)
    with pytest.raises(InvalidInput, match="others can read it; chmod 600"):
        inv.smtp_login_from({}, str(ini))
    ini.chmod(0o600)
    assert inv.smtp_login_from({}, str(ini)) == ("coord", "from-file")
    env = {"SURVEY_TUI_SMTP_USER": "u", "SURVEY_TUI_SMTP_PASSWORD": "p"}
    assert inv.smtp_login_from(env, str(ini)) == ("u", "p")  # the environment wins
    assert inv.smtp_login_from({}, None) == (None, None)


def test_planned_times_accept_relative_days_as_round_dates_do():
    import datetime as dt

    from survey_tui.errors import InvalidInput
    from survey_tui.invitations.schedule import parse_when

    now = dt.datetime(2026, 12, 2, 12, 0, tzinfo=dt.timezone.utc)
    week = dt.datetime.fromisoformat(parse_when("+7d 09:00", now))
    local = week.astimezone()  # 09:00 on the machine's clock, a week from today
    assert (local.date() - dt.date.today()).days == 7 and (local.hour, local.minute) == (9, 0)
    assert parse_when("2030-03-09T09:00+00:00", now) == "2030-03-09T09:00:00+00:00"
    for bad in ("+7d", "someday 09:00", "-1d 09:00", "+7d 25:00"):
        with pytest.raises(InvalidInput):
            parse_when(bad, now)
