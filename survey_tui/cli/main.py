"""The `survey-tui` click group.

Subcommands are imported only when they run, so `survey-tui answer` does not pay for
the analysis, export or dashboard modules at start-up.
"""

from __future__ import annotations

from survey_tui import startup

startup.relax()  # before the imports below: see survey_tui/startup.py

import importlib  # noqa: E402
import importlib.util  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

import click  # noqa: E402

from survey_tui import __version__  # noqa: E402
from survey_tui.errors import SurveyError, os_reason  # noqa: E402
from survey_tui.i18n import LANGUAGES  # noqa: E402

# name -> "module:attribute"; each module is owned by one area of the code.
COMMANDS = {
    "answer": "survey_tui.cli.answer_cmd:answer",
    "demo": "survey_tui.cli.answer_cmd:demo",
    "questionnaire": "survey_tui.cli.questionnaire_cmd:questionnaire",
    "round": "survey_tui.cli.round_cmd:round_group",
    "codes": "survey_tui.cli.codes_cmd:codes",
    "status": "survey_tui.cli.status_cmd:status",
    "responses": "survey_tui.cli.responses_cmd:responses",
    "locate": "survey_tui.cli.locate_cmd:locate",
    "report": "survey_tui.cli.report_cmd:report",
    "poster": "survey_tui.cli.poster_cmd:poster",
    "export": "survey_tui.cli.export_cmd:export",
    "compare": "survey_tui.cli.compare_cmd:compare",
    "tag": "survey_tui.cli.tag_cmd:tag",
    "coding": "survey_tui.cli.coding_cmd:coding",
    "dashboard": "survey_tui.cli.dashboard_cmd:dashboard",
    "serve": "survey_tui.cli.serve_cmd:serve",
    "invite": "survey_tui.cli.invite_cmd:invite",
    "remind": "survey_tui.cli.invite_cmd:remind",
    "tick": "survey_tui.cli.invite_cmd:tick",
}

# Old names that still work (scripts written before the rename), not listed in --help.
ALIASES = {"code": "tag"}

# Commands that exist only with an optional part installed (survey_tui/extras.py).
NEEDS_EXTRA = {"serve": "serve"}


def _needs_extra(name: str, extra: str) -> click.Command:
    """A stand-in command that says which extra to install (and its --help says so too)."""

    def run() -> None:
        from survey_tui.extras import require

        require(extra)

    return click.Command(name, callback=run, help=f"Needs the optional part: pip install 'survey-tui[{extra}]'.",
                         context_settings={"ignore_unknown_options": True, "allow_extra_args": True})


HELP = {
    "answer": "Answer a survey round in the terminal (respondents).",
    "demo": "Create a demo round of the shipped questionnaire and answer it.",
    "questionnaire": "List, show, validate, start and import (XLSForm) questionnaire files.",
    "round": "Create, list, edit, open, close and delete survey rounds.",
    "codes": "Issue one-time codes and list who still needs a reminder.",
    "status": "Responses, codes used and response rate of a round.",
    "responses": "Import responses collected elsewhere.",
    "locate": "Print the paths in use (database, questionnaires, results).",
    "report": "Ranking statistics and theme summaries of a round.",
    "poster": "The one-page A4 poster of a round's practices (PDF, SVG, HTML).",
    "export": "Export a round to CSV files and chart images.",
    "compare": "Compare a follow-up round with an earlier round.",
    "tag": "Put tags (short labels) on answers, for content analysis.",
    "coding": "Content analysis: codebook, codes per coder, suggestions, agreement, practices.",
    "dashboard": "Coordinator dashboard (Textual).",
    "serve": "Serve the respondent app to web browsers.",
    "invite": "Mail each recipient an invitation with a one-time code.",
    "remind": "Mail reminders with fresh codes, now or planned.",
    "tick": "Send the planned reminders that are due (cron, systemd timer).",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self._available())

    def _available(self) -> dict[str, str]:
        out = {}
        for name, target in COMMANDS.items():
            module = target.split(":")[0]
            if importlib.util.find_spec(module) is not None:
                out[name] = target
        return out

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in NEEDS_EXTRA:
            from survey_tui.extras import missing

            if missing(NEEDS_EXTRA[name]):
                return _needs_extra(name, NEEDS_EXTRA[name])
        if name in ALIASES:
            from survey_tui.cli.common import say

            click.echo(say("alias_note", old=name, new=ALIASES[name]), err=True)
            name = ALIASES[name]
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                return None
            raise
        return getattr(module, attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Short help from the table above, so --help does not import every command.
        rows = [(name, HELP.get(name, "")) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except SurveyError as exc:
            from survey_tui.cli.common import say

            for line in str(exc).splitlines() or ["error"]:
                click.echo(say("error_line", line=line), err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:
            # Output piped into `head` and the like: stop quietly, as other commands do.
            sys.stderr = sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - the interpreter closes it at exit
            ctx.exit(1)
        except OSError as exc:
            # A folder that cannot be written, a file that vanished, a full disk: one line, no traceback.
            from survey_tui.sanitize import one_line

            from survey_tui.cli.common import say

            where = f"{one_line(os.fsdecode(exc.filename), 200)}: " if exc.filename else ""
            click.echo(say("error_line", line=f"{where}{os_reason(exc)}"), err=True)
            ctx.exit(1)


EXIT_CODES = """\b
Exit status:
  0    done
  1    could not be done: no such round, results not shown yet (sealed or below the
       minimum group), the database unavailable, an answer not stored
  2    refused input: a bad option, file or value, or a step that needs --yes,
       --force, --switch-to-codes or --allow-placeholders
  3    some invitations or reminders could not be sent (the others were)
  130  interrupted (Ctrl-C)

\b
Shell completion (round names, questionnaire ids), e.g. for bash:
  eval "$(_SURVEY_TUI_COMPLETE=bash_source survey-tui)"
(zsh_source, fish_source for zsh and fish.)"""


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    envvar="SURVEY_TUI_DB",
    help="SQLite database file. Default: the user data directory (see 'survey-tui locate').",
)
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default=None,
    help="Language of the coordinator's messages and the dashboard. "
    "Default: the locale (LC_ALL, LC_MESSAGES, LANG), else English.",
)
@click.version_option(__version__, prog_name="survey-tui")
@click.pass_context
def cli(ctx: click.Context, db_path: str | None, lang: str | None) -> None:
    """Anonymous surveys in the terminal, with follow-up rounds and clear results.

    Respondents answer with 'survey-tui answer'; coordinators create rounds,
    hand out one-time codes, follow the response rate and read the results.
    """
    ctx.ensure_object(dict)
    ctx.obj["db_path"] = db_path
    ctx.obj["lang"] = lang
    from survey_tui.cli.common import coordinator_lang
    from survey_tui.i18n import set_coordinator_lang

    set_coordinator_lang(coordinator_lang(ctx))  # errors raised below speak it too


def hoist_db(args: list[str]) -> list[str]:
    """`survey-tui report R --db F` as `survey-tui --db F report R`: --db belongs to the root
    group, but people (and sqlite-utils users) put it after the subcommand too."""
    out, moved, i = [], [], 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            out += args[i:]
            break
        if arg == "--db" and i + 1 < len(args):
            moved += args[i:i + 2]
            i += 2
            continue
        if arg.startswith("--db="):
            moved.append(arg)
        else:
            out.append(arg)
        i += 1
    return moved + out


def main() -> None:
    from survey_tui.store.files import private_by_default

    private_by_default()  # before anything is written (docs/anonymity.md)
    try:
        cli.main(args=hoist_db(sys.argv[1:]), prog_name="survey-tui")
    except KeyboardInterrupt:
        from survey_tui.cli.common import say

        click.echo(say("interrupted"), err=True)
        sys.exit(130)
