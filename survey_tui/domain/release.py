"""Where a round's results stand (counts only): what the store says after a release."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Release:
    """Where a round's results stand: counts only, safe to show at any time."""

    slug: str
    accepting: bool
    released: int  # responses the results show
    held: int  # responses not yet released (round open, or fewer than min_group since the last release)
    releases: int
    imported: int  # of all responses, how many came by `responses import`
    min_group: int
    seed: int = 0  # for orders that must be the same in every view of one release (not the key)

    @property
    def total(self) -> int:
        return self.released + self.held
