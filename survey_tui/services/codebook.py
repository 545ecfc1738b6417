"""The codebook of a round (content analysis): categories under themes, codes under categories.

The rules live here: names (1-60 characters, unique in the round), a category's theme is a
theme of the round's questionnaire and a sub-category's is its parent's, no cycle of
categories, no merge of a code or category into itself; rename, merge and split keep every
assignment; undo puts back the state before the last change (one step). A follow-up round's
codebook starts as a copy of the round it follows (`ensure`, on first use). Each refusal is
one translated sentence and changes nothing.

Editing the codebook itself shows no answer, so it works before results are released; what
touches answers (split by answers, counts) passes the sealing rule (services/coding.py).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from survey_tui.errors import InvalidInput, NotFound, message

MAX_NAME = 60
MAX_MEMO = 2000


def clean_name(name: str) -> str:
    """A name as it will be shown: one line, escape sequences and invisible characters out."""
    from survey_tui.sanitize import one_line

    name = one_line(str(name))
    if not name or len(name) > MAX_NAME:
        raise InvalidInput(message("cod_name_length", limit=MAX_NAME))
    return name


def clean_memo(memo: str) -> str:
    from survey_tui.sanitize import clean_text

    memo = clean_text(str(memo)).strip()
    if len(memo) > MAX_MEMO:
        raise InvalidInput(message("cod_memo_length", limit=MAX_MEMO))
    return memo


@dataclass(frozen=True)
class Category:
    id: int
    theme_id: str
    parent_id: int | None
    name: str
    memo: str


@dataclass(frozen=True)
class Code:
    id: int
    category_id: int
    name: str
    memo: str


@dataclass(frozen=True)
class Codebook:
    """A round's codebook: categories (in the order made), codes, narratives by theme id."""

    slug: str
    categories: tuple[Category, ...]
    codes: tuple[Code, ...]
    narratives: dict = field(default_factory=dict)

    def category(self, name: str) -> Category:
        found = next((c for c in self.categories if c.name == name), None) or next(
            (c for c in self.categories if c.name.casefold() == name.casefold()), None)
        if found is None:
            raise NotFound(message("cod_no_category", name=repr(name[:MAX_NAME]), slug=repr(self.slug)))
        return found

    def code(self, name: str) -> Code:
        found = next((c for c in self.codes if c.name == name), None) or next(
            (c for c in self.codes if c.name.casefold() == name.casefold()), None)
        if found is None:
            raise NotFound(message("cod_no_code", name=repr(name[:MAX_NAME]), slug=repr(self.slug)))
        return found

    def by_id(self, category_id: int) -> Category:
        return next(c for c in self.categories if c.id == category_id)

    def children(self, category_id: int | None, theme_id: str | None = None) -> list[Category]:
        return [c for c in self.categories if c.parent_id == category_id
                and (theme_id is None or c.theme_id == theme_id)]

    def codes_of(self, category_id: int) -> list[Code]:
        return [c for c in self.codes if c.category_id == category_id]

    def within(self, category_id: int) -> set[int]:
        """The category and every sub-category below it (ids)."""
        out, todo = set(), [category_id]
        while todo:
            cid = todo.pop()
            if cid not in out:
                out.add(cid)
                todo += [c.id for c in self.categories if c.parent_id == cid]
        return out

    def code_ids_within(self, category_id: int) -> set[int]:
        cats = self.within(category_id)
        return {c.id for c in self.codes if c.category_id in cats}

    def path(self, category_id: int) -> str:
        """"Parent / child" names of a category."""
        names, cat = [], self.by_id(category_id)
        while True:
            names.append(cat.name)
            if cat.parent_id is None:
                return " / ".join(reversed(names))
            cat = self.by_id(cat.parent_id)


def ensure(store, slug: str) -> None:
    """A follow-up round starts from the codebook of the round it follows (copied once)."""
    rnd = store.get_round(slug)
    if not rnd.follows or store.codebook_started(slug):
        return  # a round that follows none starts empty (every change marks it started)
    ensure(store, rnd.follows)
    store.copy_codebook(slug, rnd.follows)


def load(store, slug: str) -> Codebook:
    ensure(store, slug)
    return Codebook(
        slug,
        tuple(Category(**c) for c in store.coding_categories(slug)),
        tuple(Code(**c) for c in store.coding_codes(slug)),
        store.coding_narratives(slug),
    )


def _theme(store, slug: str, theme_id: str) -> str:
    themes = [t.id for t in store.get_round(slug).questionnaire.themes]
    if theme_id not in themes:
        raise NotFound(message("cod_no_theme", theme=repr(str(theme_id)[:40]), slug=repr(slug), themes=", ".join(themes)))
    return theme_id


def _free(book: Codebook, name: str, kind: str, except_id: int | None = None) -> None:
    items = book.codes if kind == "code" else book.categories
    if any(c.name.casefold() == name.casefold() and c.id != except_id for c in items):
        raise InvalidInput(message(f"cod_{kind}_taken", name=repr(name), slug=repr(book.slug)))


def _integrity(exc: sqlite3.IntegrityError, book: Codebook, name: str, kind: str):
    return InvalidInput(message(f"cod_{kind}_taken", name=repr(name), slug=repr(book.slug)))


def add_category(store, slug: str, name: str, theme_id: str | None = None, parent: str | None = None,
                 memo: str = "") -> Category:
    """A category of a theme, or a sub-category of `parent` (then in the parent's theme)."""
    book = load(store, slug)
    name, memo = clean_name(name), clean_memo(memo)
    parent_cat = book.category(parent) if parent else None
    if parent_cat is not None:
        if theme_id and theme_id != parent_cat.theme_id:
            raise InvalidInput(message("cod_theme_mismatch", name=repr(name), parent=repr(parent_cat.name)))
        theme_id = parent_cat.theme_id
    if not theme_id:
        raise InvalidInput(message("cod_theme_needed"))
    _theme(store, slug, theme_id)
    _free(book, name, "category")
    try:
        cid = store.add_category(slug, theme_id, name, parent_cat.id if parent_cat else None, memo)
    except sqlite3.IntegrityError as exc:
        raise _integrity(exc, book, name, "category") from None
    return Category(cid, theme_id, parent_cat.id if parent_cat else None, name, memo)


def add_code(store, slug: str, name: str, category: str, memo: str = "") -> Code:
    book = load(store, slug)
    name, memo = clean_name(name), clean_memo(memo)
    cat = book.category(category)
    _free(book, name, "code")
    try:
        cid = store.add_code(slug, cat.id, name, memo)
    except sqlite3.IntegrityError as exc:
        raise _integrity(exc, book, name, "code") from None
    return Code(cid, cat.id, name, memo)


def rename(store, slug: str, kind: str, old: str, new: str) -> str:
    """Rename a code or a category (kind "code" / "category"); its assignments stay."""
    book = load(store, slug)
    item = book.code(old) if kind == "code" else book.category(old)
    new = clean_name(new)
    _free(book, new, kind, except_id=item.id)
    if kind == "code":
        store.update_code(slug, item.id, "rename_code", name=new)
    else:
        store.update_category(slug, item.id, "rename_category", name=new)
    return new


def set_memo(store, slug: str, kind: str, name: str, memo: str) -> None:
    book = load(store, slug)
    memo = clean_memo(memo)
    if kind == "code":
        store.update_code(slug, book.code(name).id, "memo", memo=memo)
    else:
        store.update_category(slug, book.category(name).id, "memo", memo=memo)


def set_narrative(store, slug: str, theme_id: str, text: str) -> None:
    """The short narrative of a theme ("" removes it)."""
    ensure(store, slug)
    _theme(store, slug, theme_id)
    store.set_narrative(slug, theme_id, clean_memo(text))


def move_code(store, slug: str, name: str, category: str) -> None:
    book = load(store, slug)
    store.update_code(slug, book.code(name).id, "move_code", category_id=book.category(category).id)


def move_category(store, slug: str, name: str, parent: str | None) -> None:
    """Put a category under `parent` (None: top level of its theme); refuses a cycle."""
    book = load(store, slug)
    cat = book.category(name)
    if parent is None:
        store.update_category(slug, cat.id, "move_category", parent_id=None)
        return
    target = book.category(parent)
    if target.id in book.within(cat.id):
        raise InvalidInput(message("cod_cycle", name=repr(cat.name), parent=repr(target.name)))
    if target.theme_id != cat.theme_id:
        raise InvalidInput(message("cod_theme_mismatch", name=repr(cat.name), parent=repr(target.name)))
    store.update_category(slug, cat.id, "move_category", parent_id=target.id)


def merge(store, slug: str, kind: str, source: str, target: str) -> None:
    """Merge code (or category) `source` into `target`: its assignments (codes, sub-categories,
    practice links) go to `target` and `source` goes. Refuses merging one into itself."""
    book = load(store, slug)
    if kind == "code":
        src, dst = book.code(source), book.code(target)
        if src.id == dst.id:
            raise InvalidInput(message("cod_merge_self", name=repr(src.name)))
        store.merge_codes(slug, src.id, dst.id)
        return
    src, dst = book.category(source), book.category(target)
    if src.id == dst.id:
        raise InvalidInput(message("cod_merge_self", name=repr(src.name)))
    if dst.id in book.within(src.id):  # the target is below the source: merging would loop
        raise InvalidInput(message("cod_cycle", name=repr(dst.name), parent=repr(src.name)))
    if src.theme_id != dst.theme_id:
        raise InvalidInput(message("cod_theme_mismatch", name=repr(src.name), parent=repr(dst.name)))
    store.merge_categories(slug, src.id, dst.id)


def split_category(store, slug: str, name: str, new: str, codes: list[str]) -> Category:
    """A new category beside `name` (same theme and parent) taking the codes listed."""
    book = load(store, slug)
    cat = book.category(name)
    new = clean_name(new)
    moving = [book.code(c) for c in codes]
    if not moving:
        raise InvalidInput(message("cod_split_nothing"))
    for code in moving:
        if code.category_id != cat.id:
            raise InvalidInput(message("cod_code_not_in_category", code=repr(code.name), name=repr(cat.name)))
    _free(book, new, "category")
    cid = store.split_category(slug, cat.id, new, [c.id for c in moving])
    return Category(cid, cat.theme_id, cat.parent_id, new, "")


def undo(store, slug: str) -> str:
    """Undo the last change of the round's coding; the action undone (e.g. "merge_codes")."""
    store.get_round(slug)
    action = store.undo_coding(slug)
    if action is None:
        raise NotFound(message("cod_nothing_to_undo", slug=repr(slug)))
    return action
