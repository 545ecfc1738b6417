"""What the round view and the theme browser both use, so neither imports the other."""

from __future__ import annotations


def dashboard_lang(questionnaire) -> str:
    """The dashboard speaks English: English titles when the questionnaire has them."""
    return "en" if "en" in questionnaire.languages else questionnaire.languages[0]


def results_state(app, slug: str):
    """(Release, None) or (None, why no results are shown): summary's one rule, at the app's date."""
    from survey_tui.services.sealing import results_or_reason

    return results_or_reason(app.store, slug, app.today())
