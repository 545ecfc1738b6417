"""Radio buttons and checkboxes whose label wraps onto more lines instead of being cut.

Textual's ToggleButton is always one line tall (get_content_height returns 1) and cuts its
label with "…"; an option's title is the questionnaire's own text and must be read whole.
With `text-wrap: wrap` (theme_page.tcss) these take the height the wrapped label needs.
"""

from __future__ import annotations

from textual.widgets import Checkbox, RadioButton


class _WrapHeight:
    def get_content_height(self, container, viewport, width: int) -> int:
        return max(1, self.render().get_height(self.styles, width))


class WrappingRadioButton(_WrapHeight, RadioButton):
    pass


class WrappingCheckbox(_WrapHeight, Checkbox):
    pass
