"""The codebook of a round: categories per theme with their codes and counts, and its edits.

Counts come from services.coding.overview (below the minimum group they read "fewer than
N": Count.shown). Add, rename, merge, split, move, memos and theme narratives are
services.codebook's (and services.coding.split_code's); a refusal is the service's one
line, shown as it is, and nothing changed. Undo takes back the last change.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Static, Tree

from survey_tui.errors import SurveyError
from survey_tui.sanitize import one_line
from survey_tui.services import codebook as books
from survey_tui.services import coding
from survey_tui.tui.dashboard.coding import undone_line
from survey_tui.tui.dashboard.coding_prompt import CodingPrompt
from survey_tui.tui.dashboard.loading import in_worker
from survey_tui.tui.dashboard.coding_frame import WorkbenchScreen
from survey_tui.tui.dashboard.words import w

BUTTONS = (("add", "cw_button_add"), ("rename", "cw_button_rename"), ("merge", "cw_button_merge"),
           ("split", "cw_button_split"), ("move", "cw_button_move"), ("memo", "cw_button_memo"),
           ("undo", "cw_button_undo"))


def names(text: str) -> list[str]:
    """Names separated by commas; blanks dropped."""
    return [" ".join(part.split()) for part in text.split(",") if part.strip()]


class CodebookScreen(WorkbenchScreen):
    BUTTONS = BUTTONS
    BINDINGS = [
        Binding("a", "add", "key_cw_add", show=False),
        Binding("r", "rename", "key_cw_rename", show=False),
        Binding("g", "merge", "key_cw_merge", show=False),
        Binding("s", "split", "key_cw_split", show=False),
        Binding("v", "move", "key_cw_move", show=False),
        Binding("o", "memo", "key_cw_memo", show=False),
        Binding("u", "undo", "key_cw_undo", show=False),
        Binding("k", "add_sub", "key_cw_sub_category"),
        Binding("t", "narrative", "key_cw_narrative"),
        Binding("escape", "app.pop_screen", "key_back"),
    ]

    def __init__(self, slug: str) -> None:
        super().__init__()
        self.slug = slug
        self.view: coding.Overview | None = None
        self.lines: list[tuple] = []  # (kind, name or theme id) per tree line, every node expanded

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="cw-body"):
            yield Static(w(self, "cw_book_reading"), id="cb-head", markup=False)
            with Horizontal(id="cb-main"):
                tree: Tree = Tree("", id="cb-tree")
                tree.show_root = False
                yield tree
                with VerticalScroll(id="cb-side"):
                    yield Static("", id="cb-detail", markup=False)
            yield from self.compose_actions()
        yield from self.compose_footer()

    async def on_mount(self) -> None:
        self.fit()
        self.sub_title = w(self, "cw_book_sub_title", slug=self.slug)
        await self.reload()
        self.query_one("#cb-tree", Tree).focus()

    # ------------------------------------------------------------------ data

    async def reload(self, select: tuple | None = None) -> None:
        keep = select or self.selected()
        try:
            self.view = await in_worker(self, coding.overview, self.app.store, self.slug, self.app.lang)
        except SurveyError as exc:
            self.refused(exc)
            return
        view = self.view
        head = w(self, "cw_book_head", categories=len(view.book.categories), codes=len(view.book.codes))
        if view.reason:
            head += "\n" + w(self, "cw_book_counts_hidden", reason=view.reason)
        self.query_one("#cb-head", Static).update(head)
        tree = self.query_one("#cb-tree", Tree)
        tree.clear()
        self.lines = []
        for theme_id, title in view.themes:
            node = tree.root.add(Text(one_line(title, 50), style="bold"),
                                 data=("theme", theme_id), expand=True)
            self.lines.append(("theme", theme_id))
            for cat in view.book.children(None, theme_id):
                self._add_category(node, cat)
        target = keep if keep in self.lines else (self.lines[0] if self.lines else None)
        if target is not None:
            tree.move_cursor_to_line(self.lines.index(target))
        # The tree's cursor node is the old tree's until it next refreshes (a renamed or merged
        # name would be looked up and not found), so the detail is of the line just chosen.
        self._show_detail(target)

    def _add_category(self, parent, cat) -> None:
        book = self.view.book
        label = Text(one_line(cat.name, 60))
        if self.view.counts:
            label.append(f"  [{self.view.counts[cat.name].shown(self.app.lang)}]", style="dim")
        node = parent.add(label, data=("category", cat.name), expand=True)
        self.lines.append(("category", cat.name))
        for code in book.codes_of(cat.id):
            node.add_leaf(Text(f"• {one_line(code.name, 60)}", style="italic"), data=("code", code.name))
            self.lines.append(("code", code.name))
        for child in book.children(cat.id):
            self._add_category(node, child)

    def selected(self) -> tuple | None:
        node = self.query_one("#cb-tree", Tree).cursor_node
        return node.data if node is not None else None

    def _theme_of(self, item: tuple) -> str:
        book = self.view.book
        kind, name = item
        if kind == "theme":
            return name
        cat = book.category(name) if kind == "category" else book.by_id(book.code(name).category_id)
        return cat.theme_id

    def _show_detail(self, item: tuple | None = None) -> None:
        item = item if item is not None else self.selected()
        detail = self.query_one("#cb-detail", Static)
        if item not in self.lines or self.view is None:  # None, or a line of the tree before a reload
            detail.update(w(self, "cw_book_empty"))
            return
        book, (kind, name) = self.view.book, item
        if kind == "theme":
            narrative = book.narratives.get(name, "")
            detail.update(f"{name}\n" + w(self, "cw_book_theme_detail", narrative=one_line(narrative, 1000) or "-"))
            return
        found = book.category(name) if kind == "category" else book.code(name)
        lines = [w(self, f"cw_book_{kind}_detail", name=one_line(found.name, 60))]
        if kind == "category":
            lines.append(w(self, "cw_book_path", path=one_line(book.path(found.id), 200)))
            if self.view.counts:
                lines.append(w(self, "cw_book_answers", count=self.view.counts[found.name].shown(self.app.lang)))
        else:
            lines.append(w(self, "cw_book_in_category", category=one_line(book.by_id(found.category_id).name, 60)))
        lines.append(w(self, "cw_book_memo", memo=one_line(found.memo, 1000) or "-"))
        detail.update("\n".join(lines))

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        self._show_detail(event.node.data)

    async def change(self, fn, *args, select: tuple | None = None, done: str | None = None) -> bool:
        """A use case in a worker; its refusal shown as its one line (nothing changed)."""
        try:
            await in_worker(self, fn, self.app.store, self.slug, *args)
        except SurveyError as exc:
            self.refused(exc)
            return False
        self.clear_refusal()
        await self.reload(select)
        if done:
            self.notify(done, markup=False)
        return True

    def ask(self, title: str, then, choices=(), *, value: str = "", only_choices: bool = False, note: str = "") -> None:
        async def answered(text: str | None) -> None:
            if text:
                await then(text)

        self.app.push_screen(CodingPrompt(title, list(choices), value=value, only_choices=only_choices, note=note),
                             answered)

    def _need(self, *kinds: str) -> tuple | None:
        item = self.selected()
        if item is None or item[0] not in kinds:
            self.notify(w(self, f"cw_book_select_{'_'.join(kinds)}"), severity="warning")
            return None
        return item

    def _category_names(self) -> list[str]:
        return [c.name for c in self.view.book.categories]

    def _code_names(self) -> list[str]:
        return [c.name for c in self.view.book.codes]

    # ------------------------------------------------------------------ actions

    def action_add(self) -> None:
        item = self._need("theme", "category", "code")
        if item is None:
            return
        kind, name = item
        if kind == "theme":
            self.ask(w(self, "cw_book_add_category_title", theme=name),
                     lambda new: self.change(books.add_category, new, name, select=("category", new)))
            return
        book = self.view.book
        category = name if kind == "category" else book.by_id(book.code(name).category_id).name
        self.ask(w(self, "cw_book_add_code_title", category=category),
                 lambda new: self.change(books.add_code, new, category, select=("code", new)))

    def action_add_sub(self) -> None:
        item = self._need("category")
        if item is not None:
            self.ask(w(self, "cw_book_add_sub_title", parent=item[1]),
                     lambda new: self.change(books.add_category, new, None, item[1], select=("category", new)))

    def action_rename(self) -> None:
        item = self._need("category", "code")
        if item is not None:
            kind, name = item
            self.ask(w(self, "cw_book_rename_title", name=name),
                     lambda new: self.change(books.rename, kind, name, new, select=(kind, new)), value=name)

    def action_merge(self) -> None:
        item = self._need("category", "code")
        if item is None:
            return
        kind, name = item
        choices = self._code_names() if kind == "code" else self._category_names()
        self.ask(w(self, "cw_book_merge_title", name=name),
                 lambda target: self.change(books.merge, kind, name, target, select=(kind, target),
                                            done=w(self, "cw_book_merged", source=name, target=target)),
                 choices, only_choices=True, note=w(self, "cw_book_merge_note"))

    def action_split(self) -> None:
        item = self._need("category", "code")
        if item is None:
            return
        kind, name = item
        if kind == "category":
            codes = [c.name for c in self.view.book.codes_of(self.view.book.category(name).id)]

            async def named(new: str) -> None:
                self.ask(w(self, "cw_book_split_codes_title", name=name, new=new),
                         lambda listed: self.change(books.split_category, name, new, names(listed),
                                                    select=("category", new)),
                         codes, note=w(self, "cw_book_split_list_note"))
        else:
            async def named(new: str) -> None:
                try:
                    view = await in_worker(self, coding.answers, self.app.store, self.slug)
                except SurveyError as exc:
                    self.refused(exc)
                    return
                carrying = sorted({a.handle for a in view.answers if name in a.codes})
                self.ask(w(self, "cw_book_split_answers_title", name=name, new=new),
                         lambda listed: self.change(coding.split_code, name, new, names(listed), select=("code", new)),
                         carrying, note=w(self, "cw_book_split_list_note"))

        self.ask(w(self, "cw_book_split_title", name=name), named)

    def action_move(self) -> None:
        item = self._need("category", "code")
        if item is None:
            return
        kind, name = item
        if kind == "code":
            self.ask(w(self, "cw_book_move_code_title", name=name),
                     lambda target: self.change(books.move_code, name, target, select=item),
                     self._category_names(), only_choices=True)
            return
        top = w(self, "cw_book_top_level")
        self.ask(w(self, "cw_book_move_category_title", name=name),
                 lambda target: self.change(books.move_category, name, None if target == top else target, select=item),
                 [top] + [c for c in self._category_names() if c != name], only_choices=True)

    def action_memo(self) -> None:
        item = self._need("category", "code")
        if item is None:
            return
        kind, name = item
        found = self.view.book.category(name) if kind == "category" else self.view.book.code(name)
        self.ask(w(self, "cw_book_memo_title", name=name),
                 lambda memo: self.change(books.set_memo, kind, name, memo, select=item), value=found.memo)

    def action_narrative(self) -> None:
        item = self.selected()
        if item is None:
            self.notify(w(self, "cw_book_select_theme"), severity="warning")
            return
        theme_id = self._theme_of(item)
        self.ask(w(self, "cw_book_narrative_title", theme=theme_id),
                 lambda text: self.change(books.set_narrative, theme_id, text, select=("theme", theme_id)),
                 value=self.view.book.narratives.get(theme_id, ""))

    async def action_undo(self) -> None:
        try:
            action = await in_worker(self, books.undo, self.app.store, self.slug)
        except SurveyError as exc:
            self.refused(exc)
            return
        self.clear_refusal()
        await self.reload()
        self.notify(undone_line(self, action), markup=False)
