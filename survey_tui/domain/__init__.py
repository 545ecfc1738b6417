"""The domain: what is neither SQL nor interface (rounds, respondent sessions)."""
