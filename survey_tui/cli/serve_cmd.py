"""`survey-tui serve`: the respondent app in web browsers, through textual-serve.

Each browser session starts its own `survey-tui answer` process, so every session
is an independent, anonymous respondent. The server binds to loopback unless told
otherwise: put it behind a TLS reverse proxy to reach people on other machines.
"""

from __future__ import annotations

import ipaddress
import shlex
import sys
from pathlib import Path

import click

from survey_tui.cli.common import get_store

PROXY_HELP = """\
To reach respondents on other machines, keep this server on 127.0.0.1 and put a TLS
reverse proxy in front of it, e.g. nginx (WebSocket upgrade is required):

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
    }}

and start this command with --public-url https://survey.example.org so the page
connects back over wss://."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def survey_command() -> list[str]:
    """How to start survey-tui again: the console script beside this Python, or -m."""
    script = Path(sys.executable).parent / "survey-tui"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "survey_tui"]


def answer_command(db: str, round_slug: str | None, lang: str | None) -> str:
    argv = survey_command() + ["--db", db, "answer"]
    if round_slug:
        argv += ["--round", round_slug]
    if lang:
        argv += ["--lang", lang]
    return shlex.join(argv)


LOCAL_FONT = """<style>
      @font-face {
        font-family: "Roboto Mono";
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf");
      }
    </style>"""


def private_templates() -> Path:
    """textual-serve's page template with the Google Fonts link replaced by its bundled font.

    The stock page makes every respondent's browser contact a third party, which
    would hand out respondents' IP addresses; the same font ships in its static folder.
    """
    import re
    import tempfile

    import textual_serve

    source = Path(textual_serve.__file__).parent / "templates"
    import atexit
    import shutil

    target = Path(tempfile.mkdtemp(prefix="survey-tui-serve-"))
    atexit.register(shutil.rmtree, target, True)
    for path in source.iterdir():
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"<link[^>]*fonts\.googleapis\.com[^>]*>", LOCAL_FONT, text, flags=re.S)
        (target / path.name).write_text(text, encoding="utf-8")
    return target


def make_server(command: str, host: str, port: int, public_url: str | None):
    from textual_serve.server import Server

    class AnonymousServer(Server):
        """textual-serve without the access log: it would print respondents' IP addresses."""

        def serve(self, debug: bool = False) -> None:
            import asyncio
            import signal

            from aiohttp import web

            self.debug = debug
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            try:
                loop.add_signal_handler(signal.SIGINT, self.request_exit)
                loop.add_signal_handler(signal.SIGTERM, self.request_exit)
            except NotImplementedError:
                pass
            web.run_app(
                self._make_app(),
                host=self.host,
                port=self.port,
                handle_signals=False,
                loop=loop,
                access_log=None,
                print=lambda *args: None,
            )

    return AnonymousServer(
        command, host=host, port=port, title="Survey", public_url=public_url, templates_path=private_templates()
    )


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to bind.")
@click.option("--round", "round_slug", metavar="SLUG", help="The round to answer (default: the open one).")
@click.option("--lang", type=click.Choice(["fi", "en"]), default=None, help="Interface language.")
@click.option("--public", is_flag=True, help="Allow binding to a non-loopback address (plain HTTP!).")
@click.option("--public-url", metavar="URL", help="The address respondents use, e.g. https://survey.example.org.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, round_slug, lang, public: bool, public_url) -> None:
    """Serve the respondent app to web browsers (one anonymous respondent per session).

    \b
    Examples:
      survey-tui --db /srv/survey/survey.db serve --round spring-2025
      survey-tui serve --port 8080 --public-url https://survey.example.org
    """
    from survey_tui.store import default_db_path

    if not is_loopback(host) and not public:
        raise click.UsageError(
            f"refusing to serve on {host}: that is reachable from other machines over plain HTTP. "
            "Bind to 127.0.0.1 behind a TLS reverse proxy (see --help), or pass --public."
        )
    store = get_store(ctx)
    if round_slug:
        store.get_round(round_slug)  # a clear error now rather than in every browser
    db = str(Path(ctx.find_root().obj.get("db_path") or default_db_path()).expanduser().resolve())
    command = answer_command(db, round_slug, lang)
    url = public_url or f"http://{host}:{port}"
    click.echo(f"Serving the survey on {url} (each browser session is one anonymous respondent).")
    click.echo(PROXY_HELP.format(host=host, port=port))
    click.echo("Press Ctrl+C to stop.")
    sys.stdout.flush()
    make_server(command, host, port, public_url).serve()
