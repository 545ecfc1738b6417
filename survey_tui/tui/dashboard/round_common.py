"""What the round view and the theme browser both use, so neither imports the other."""

from __future__ import annotations


def dashboard_lang(questionnaire, lang: str = "en") -> str:
    """The questionnaire's texts in the dashboard's language when it has them, else in
    English, else in its first language."""
    for code in (lang, "en"):
        if code in questionnaire.languages:
            return code
    return questionnaire.languages[0]


def results_state(app, slug: str):
    """(Release, None) or (None, why no results are shown): summary's one rule, at the app's date."""
    from survey_tui.services.sealing import results_or_reason

    return results_or_reason(app.store, slug, app.today())
