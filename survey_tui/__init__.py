"""survey-tui: anonymous terminal surveys with follow-up rounds."""

__version__ = "0.1.0"
