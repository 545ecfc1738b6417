"""The commented template `survey-tui questionnaire new FILE` writes, and the JSON Schema.

The template has every field of the format (questionnaires/README.md), each with a comment,
and a short example of each question kind (long, short, single, multiple, scale, number)
and of a condition (show_if).
It is a valid questionnaire as written: its texts are fill-in placeholders in square
brackets ([Title of the survey]), so `questionnaire validate` lists each one as a warning
and `round open` refuses it until they are all replaced with real text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from survey_tui.questionnaire.validation import ID_RE, LANG_RE

SCHEMA_FILE = Path(__file__).resolve().parent / "schema.json"
INTRO = (
    "[What this survey is for and how the answers are used.]\n"
    "Answering is voluntary and anonymous.\n"
    "Questions: [coordinator's contact details]\n"
)


def schema() -> dict[str, Any]:
    """The JSON Schema of a questionnaire file (draft 2020-12): the shape only;
    `questionnaire validate` checks the rest (every language present, unique ids)."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def id_for(path: str | Path) -> str:
    """A questionnaire id from a file name: `Team Feedback.yaml` -> `team-feedback`."""
    stem = re.sub(r"[^a-z0-9_-]+", "-", Path(path).stem.lower()).strip("-_")[:64]
    return stem if ID_RE.match(stem) else "my-survey"


def _text(langs: tuple[str, ...], text: str, indent: int, block: bool = False) -> str:
    pad = " " * indent
    lines = []
    for lang in langs:
        if block:
            body = "\n".join(f"{pad}  {line}" if line else "" for line in text.splitlines())
            lines.append(f"{pad}{lang}: |\n{body}")
        else:
            lines.append(f"{pad}{lang}: {json.dumps(text, ensure_ascii=False)}")
    return "\n".join(lines)


def template(qid: str = "my-survey", languages: tuple[str, ...] = ("en",), schema_ref: str | None = None) -> str:
    """The commented template; `languages` must be valid codes (2-3 lowercase letters)."""
    langs = tuple(dict.fromkeys(languages))
    if not langs or not all(LANG_RE.match(lang) for lang in langs):
        raise ValueError("languages: 2-3 lowercase letters each, such as fi, sv, en")
    if not ID_RE.match(qid):
        raise ValueError(f"invalid id {qid!r}")
    ref = schema_ref or str(SCHEMA_FILE)
    t = lambda text, indent, block=False: _text(langs, text, indent, block)  # noqa: E731
    return f"""\
# yaml-language-server: $schema={ref}
#
# A survey-tui questionnaire (the format: questionnaires/README.md in the source).
# Replace every text in [square brackets] with the real text; then check the file:
#   survey-tui questionnaire validate THIS-FILE.yaml
# `validate` lists each [placeholder] still left as a warning, and `survey-tui round open`
# refuses a questionnaire that has one. Every text has an entry per language listed in
# `languages`. Quote texts that contain ": " or "#", or use a block (|) as intro does.

# The questionnaire's id: 1-64 of a-z, 0-9, _ and -, unique among your questionnaires.
id: {qid}
# Increase it (quoted) when you change the file; rounds already made keep their copy.
version: "1"
# The questionnaire's languages, in the order the respondent can switch between them.
# The interface (buttons, reports) comes in fi, sv and en; any other gets English.
languages: [{", ".join(langs)}]
# Shown at the top of every page and in reports. At most 300 characters.
title:
{t("[Title of the survey]", 2)}
# The first screen: what the survey is for, that answering is voluntary and anonymous,
# and whom to ask. At most 20000 characters.
intro:
{t(INTRO, 2, block=True)}
# What the respondent agrees to before starting. At most 20000 characters.
consent:
{t("I understand that answering is voluntary and anonymous, and I agree to take part. [Edit if needed.]", 2)}
# The thank-you text after the answers are submitted. At most 20000 characters.
closing:
{t("Thank you for your answers! [Edit if needed.]", 2)}
# 1-30 themes, each with 0-20 questions. Theme and question ids are compared across
# rounds: keep them when you fix wording; give a changed question a new id.
themes:
  - id: theme-one              # unique among the themes
    title:                     # at most 300 characters
{t("[First theme]", 6)}
    context:                   # background shown before the questions; may be ""
{t("[Background for the first theme, or leave it empty.]", 6)}
    questions:
      - id: q1                 # unique across the whole questionnaire
        prompt:                # at most 2000 characters
{t("[First question?]", 10)}
        kind: long             # long: several lines (the default); short: one line
        required: false        # true: it must be answered before submitting
        max_length: 4000       # 1-100000 characters; default 4000 (long), 300 (short)
      - id: q2
        prompt:
{t("[A question with a one-line answer?]", 10)}
        kind: short
        required: false
        max_length: 300
  - id: theme-two
    title:
{t("[Second theme]", 6)}
    context:
{t("", 6)}
    questions:
      - id: q3
        prompt:
{t("[Second theme's question?]", 10)}
      # Closed questions: single, multiple, scale and number (questionnaires/README.md).
      - id: adopted
        prompt:
{t("[Has your team adopted this practice?]", 10)}
        kind: single           # one of the options
        required: false
        options:               # 2-50 options; exports and imports use their ids
          - id: "yes"          # quote yes, no, on and off: YAML reads them as true/false
            title:
{t("[Yes]", 14)}
          - id: partly
            title:
{t("[Partly]", 14)}
          - id: "no"
            title:
{t("[No]", 14)}
        other: false           # true: a short text of the respondent's own instead of an option
        shuffle: false         # true: the options in a random order for each respondent (never stored)
      - id: stopped
        prompt:
{t("[What has stopped it?]", 10)}
        kind: short
        show_if:               # shown only when an earlier single or multiple answer is one of `in`
          question: adopted    # (a theme can have show_if too, naming a question of an earlier theme)
          in:
            - "no"
      - id: works
        prompt:
{t("[How well does the cooperation work today?]", 10)}
        kind: scale            # a whole number from min to max (at most 21 points)
        min: 1
        max: 5
        labels:                # both end points need a label; points between may have one
          1:
{t("[Very badly]", 12)}
          5:
{t("[Very well]", 12)}
        dont_know: true        # adds "can't say", stored apart from the points
      - id: channels
        prompt:
{t("[Which channels does your team use?]", 10)}
        kind: multiple         # any number of the options
        options:
          - id: phone
            title:
{t("[Phone]", 14)}
          - id: email
            title:
{t("[E-mail]", 14)}
          - id: meetings
            title:
{t("[Meetings]", 14)}
        other: true            # the other text counts as one more choice toward min and max
        min: 1                 # optional: how many choices at least and at most
        max: 3
      - id: staff
        prompt:
{t("[How many people work in your team?]", 10)}
        kind: number           # a number; min and max are optional bounds
        min: 0
        max: 1000
        decimals: 0            # 0: whole numbers only; 1-6: that many decimals allowed
# Optional: leave the whole `ranking` out if there is no ranking question. The respondent
# puts the items in order, most important first.
ranking:
  id: priorities               # an id no question uses
  prompt:                      # at most 2000 characters
{t("[Put the themes in order of importance, most important first.]", 4)}
  # `themes` ranks the themes themselves, with their titles; or give 2-30 own items:
  #   items:
  #     - {{id: speed, title: {{{langs[0]}: "Faster replies"}}}}
  #     - {{id: contacts, title: {{{langs[0]}: "Up-to-date contact lists"}}}}
  items: themes
  require_all: true            # true: every item must be ranked before submitting
  shuffle: false               # true: the items first shown in a random order for each respondent
"""
