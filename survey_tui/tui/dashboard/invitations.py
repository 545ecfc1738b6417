"""Recipients of a round: their invitation and reminder status, planned reminders, and a
preview of each message before anything is sent (read-only; sending is `survey-tui invite`).

The preview shows the letter with a placeholder code: nothing is made, stored or sent.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Static, TextArea

from survey_tui.sanitize import one_line
from survey_tui.tui.dashboard.loading import in_worker
from survey_tui.tui.dashboard.words import translate_bindings, w

# Catalog keys of the column headers.
COLUMNS = ("inv_col_label", "inv_col_address", "inv_col_lang", "inv_col_invite", "inv_col_reminder", "inv_col_final")


class InvitationsScreen(Screen):
    DEFAULT_CSS = """
    #invitations { padding: 0 1; }
    #recipients { height: 1fr; }
    #preview { height: 1fr; }
    """
    BINDINGS = [
        Binding("p", "preview('invite')", "key_invitation"),
        Binding("r", "preview('remind')", "key_reminder"),
        Binding("f", "preview('final')", "key_final"),
        Binding("escape", "app.pop_screen", "key_back"),
    ]

    def __init__(self, slug: str) -> None:
        super().__init__()
        translate_bindings(self)
        self.slug = slug
        self.kind = "invite"
        self.rows: list[dict] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="invitations"):
            yield Static("", id="invitations-summary", markup=False)
            yield DataTable(id="recipients", cursor_type="row", zebra_stripes=True)
            yield Static("", id="planned", markup=False)
            yield Label(w(self, "inv_preview_heading"), classes="heading")
            yield TextArea("", read_only=True, id="preview", show_line_numbers=False)
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        from survey_tui import invitations as inv

        self.sub_title = w(self, "inv_sub_title", slug=self.slug)
        store = self.app.store

        def read():
            planned = [m for m in store.recipients().mailings(self.slug) if m.state == "planned"]
            return list(inv.recipients_overview(store, self.slug)), planned

        self.rows, planned = await in_worker(self, read)
        table = self.query_one("#recipients", DataTable)
        table.add_columns(*(w(self, key) for key in COLUMNS))
        for row in self.rows:
            table.add_row(
                one_line(row["label"], 40), one_line(row["email"], 60), row["language"] or "-",
                row["invite"] or "-", row["remind"] or "-", row["final"] or "-", key=row["label"],
            )
        sent = sum(1 for row in self.rows if row["invite"] == "sent")
        self.query_one("#invitations-summary", Static).update(
            w(self, "inv_summary", slug=self.slug, n=len(self.rows), sent=sent)
            if self.rows else
            w(self, "inv_no_recipients", slug=self.slug)
        )
        self.query_one("#planned", Static).update(
            "\n".join(
                w(self, "inv_planned_final" if m.kind == "final" else "inv_planned", when=m.planned_for) for m in planned
            ) or w(self, "inv_none_planned")
        )
        self.show_preview()
        table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_preview()

    def action_preview(self, kind: str) -> None:
        self.kind = kind
        self.show_preview()

    def show_preview(self) -> None:
        from survey_tui import invitations as inv

        area = self.query_one("#preview", TextArea)
        if not self.rows:
            area.text = ""
            return
        table = self.query_one("#recipients", DataTable)
        row = self.rows[min(max(table.cursor_row, 0), len(self.rows) - 1)]
        rnd = self.app.store.get_round(self.slug)
        msg = inv.build_message(rnd, kind=self.kind, to=row["email"], sender="survey@localhost.invalid",
                                language=row["language"] or None, code=inv.PLACEHOLDER_CODE, how=inv.HowToAnswer())
        body = msg.get_body(preferencelist=("plain",)).get_content()
        area.text = f"To: {msg['To']}\nSubject: {msg['Subject']}\n\n{body}"
