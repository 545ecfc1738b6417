"""The respondent app: welcome, code entry, theme pages, ranking, review, thanks."""
