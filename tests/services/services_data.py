"""Responses for the use-case tests (imported by name: tests/services is on sys.path)."""

from __future__ import annotations


def answered(store, slug, n, kela, ranking=None):
    items = [item.id for item in kela.ranking.items]
    store.import_responses(slug, [
        {"language": "fi", "answers": {"q1a": f"vastaus {i}"}, "ranking": ranking or items} for i in range(n)
    ])
