"""`survey-tui serve`: the respondent app in web browsers (textual-serve's page, our server).

Each browser session starts its own `survey-tui answer` process, so every session
is an independent, anonymous respondent. The server binds to loopback unless told
otherwise: put it behind a TLS reverse proxy to reach people on other machines.
Sessions, their limits and how they end: survey_tui/serve/ and docs/serve.md.
"""

from __future__ import annotations

import ipaddress
import shlex
import sys
from pathlib import Path

import click

from survey_tui.cli.common import get_store, say
from survey_tui.i18n import LANGUAGES
from survey_tui.serve.server import DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_SESSIONS, ServeConfig, origin_of, run

# The nginx example; the sentences before and after it are the catalog's (proxy_before,
# proxy_after in the "cli" part).
PROXY_HELP = """\
    server {{
        listen 443 ssl;
        server_name survey.example.org;
        ssl_certificate     /etc/ssl/survey.crt;
        ssl_certificate_key /etc/ssl/survey.key;
        access_log off;   # no respondent IP addresses in logs
        location / {{
            proxy_pass http://{host}:{port};
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection "upgrade";
            proxy_read_timeout 1h;
        }}
    }}"""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _is_site_url(url: str) -> bool:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and bool(origin_of(url))


def survey_command() -> list[str]:
    """How to start survey-tui again: the console script beside this Python, or -m."""
    script = Path(sys.executable).parent / "survey-tui"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "survey_tui"]


def answer_argv(db: str, round_slug: str | None, lang: str | None) -> list[str]:
    """The command each session runs (as a list: no shell between the server and the app)."""
    argv = survey_command() + ["--db", db, "answer"]
    if round_slug:
        argv += ["--round", round_slug]
    if lang:
        argv += ["--lang", lang]
    return argv


def answer_command(db: str, round_slug: str | None, lang: str | None) -> str:
    return shlex.join(answer_argv(db, round_slug, lang))


def private_templates() -> Path:
    """A folder with textual-serve's page template as served (no third-party font, a <title>)."""
    import atexit
    import shutil
    import tempfile

    from survey_tui.serve.page import private_template_text, textual_serve_dir

    target = Path(tempfile.mkdtemp(prefix="survey-tui-serve-"))
    atexit.register(shutil.rmtree, target, True)
    for path in (textual_serve_dir() / "templates").iterdir():
        (target / path.name).write_text(private_template_text(path.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def page_title(store, round_slug: str | None, lang: str | None) -> str:
    """The questionnaire's title for the page (the served round, or the only open one)."""
    if round_slug is None:
        rounds = store.accepting_rounds()
        if len(rounds) != 1:
            return "Kysely / Survey" if lang is None else ("Kysely" if lang == "fi" else "Survey")
        rnd = rounds[0]
    else:
        rnd = store.get_round(round_slug)
    q = rnd.questionnaire
    return q.text(q.title, lang if lang in q.languages else q.languages[0])


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to bind.")
@click.option("--round", "round_slug", metavar="SLUG", help="The round to answer (default: the open one).")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None, help="Interface language.")
@click.option("--public", is_flag=True, help="Allow binding to a non-loopback address (plain HTTP!).")
@click.option("--public-url", metavar="URL", help="The address respondents use, e.g. https://survey.example.org.")
@click.option(
    "--max-sessions",
    default=DEFAULT_MAX_SESSIONS,
    show_default=True,
    type=click.IntRange(1, 1000),
    help="Sessions at once; more get a 'busy, try again soon' page (each is a process of ~85 MB).",
)
@click.option(
    "--idle-timeout",
    default=int(DEFAULT_IDLE_TIMEOUT // 60),
    show_default=True,
    type=click.FloatRange(0, 24 * 60),
    metavar="MINUTES",
    help="Close a session with no typing for this long (the draft is kept); 0 = never.",
)
@click.pass_context
def serve(
    ctx: click.Context, host: str, port: int, round_slug, lang, public: bool, public_url, max_sessions, idle_timeout
) -> None:
    """Serve the respondent app to web browsers (one anonymous respondent per session).

    \b
    Examples:
      survey-tui --db /srv/survey/survey.db serve --round spring-2025
      survey-tui serve --port 8080 --public-url https://survey.example.org
    """
    from survey_tui.cli.common import default_database as default_db_path

    if not is_loopback(host) and not public:
        raise click.UsageError(say("serve_refuse_public", host=host))
    if public_url is not None and not _is_site_url(public_url):
        raise click.BadParameter(say("serve_full_address"), param_hint="--public-url")
    store = get_store(ctx)
    if round_slug:
        store.get_round(round_slug)  # a clear error now rather than in every browser
    db = str(Path(ctx.find_root().obj.get("db_path") or default_db_path()).expanduser().resolve())
    config = ServeConfig(
        argv=answer_argv(db, round_slug, lang),
        host=host,
        port=port,
        public_url=public_url,
        title=page_title(store, round_slug, lang),
        lang=lang,
        max_sessions=max_sessions,
        idle_timeout=idle_timeout * 60,
    )
    store.close()
    url = public_url or f"http://{host}:{port}"
    click.echo(say("serving", url=url))
    click.echo(say("proxy_before") + "\n\n" + PROXY_HELP.format(host=host, port=port) + "\n\n" + say("proxy_after"))
    click.echo(say("serve_limits", max_sessions=max_sessions, minutes=f"{idle_timeout:g}"))
    click.echo(say("serve_stop"))
    sys.stdout.flush()
    run(config, loopback=is_loopback(host))
