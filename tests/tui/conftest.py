"""Fixtures for the respondent app tests (async tests run under pytest-asyncio, asyncio_mode = "auto")."""

from __future__ import annotations

import pytest

from survey_tui.questionnaire import from_dict


@pytest.fixture
def small_q():
    """Two themes, one required question, a three-item ranking."""
    return from_dict(
        {
            "id": "small",
            "languages": ["fi", "en"],
            "title": {"fi": "Pieni kysely", "en": "Small survey"},
            "intro": {"fi": "Johdanto.", "en": "Intro."},
            "closing": {"fi": "Kiitos.", "en": "Thanks."},
            "themes": [
                {
                    "id": "a",
                    "title": {"fi": "Teema A", "en": "Theme A"},
                    "questions": [
                        {"id": "qa", "prompt": {"fi": "Pakollinen kysymys?", "en": "Required question?"}, "required": True, "max_length": 50},
                        {"id": "qb", "prompt": {"fi": "Vapaaehtoinen?", "en": "Optional?"}, "max_length": 50},
                    ],
                },
                {
                    "id": "b",
                    "title": {"fi": "Teema B", "en": "Theme B"},
                    "questions": [{"id": "qc", "prompt": {"fi": "Kolmas?", "en": "Third?"}}],
                },
                {
                    "id": "c",
                    "title": {"fi": "Teema C", "en": "Theme C"},
                    "questions": [{"id": "qd", "prompt": {"fi": "Neljäs?", "en": "Fourth?"}}],
                },
            ],
            "ranking": {"prompt": {"fi": "Järjestä.", "en": "Rank."}, "items": "themes"},
        }
    )
