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

COLUMNS = ("Label", "Address", "Lang", "Invite", "Reminder", "Final")


class InvitationsScreen(Screen):
    DEFAULT_CSS = """
    #invitations { padding: 0 1; }
    #recipients { height: 1fr; }
    #preview { height: 1fr; }
    """
    BINDINGS = [
        Binding("p", "preview('invite')", "Invitation"),
        Binding("r", "preview('remind')", "Reminder"),
        Binding("f", "preview('final')", "Final"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, slug: str) -> None:
        super().__init__()
        self.slug = slug
        self.kind = "invite"
        self.rows: list[dict] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="invitations"):
            yield Static("", id="invitations-summary", markup=False)
            yield DataTable(id="recipients", cursor_type="row", zebra_stripes=True)
            yield Static("", id="planned", markup=False)
            yield Label("Preview (placeholder code; nothing is sent from here)", classes="heading")
            yield TextArea("", read_only=True, id="preview", show_line_numbers=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        from survey_tui import invitations as inv

        self.sub_title = f"Invitations · {self.slug}"
        store = self.app.store
        self.rows = list(inv.recipients_overview(store, self.slug))
        table = self.query_one("#recipients", DataTable)
        table.add_columns(*COLUMNS)
        for row in self.rows:
            table.add_row(
                one_line(row["label"], 40), one_line(row["email"], 60), row["language"] or "-",
                row["invite"] or "-", row["remind"] or "-", row["final"] or "-", key=row["label"],
            )
        sent = sum(1 for row in self.rows if row["invite"] == "sent")
        self.query_one("#invitations-summary", Static).update(
            f"Round {self.slug}: {len(self.rows)} recipient(s), {sent} invited"
            if self.rows else
            f"Round {self.slug} has no recipients: survey-tui codes add {self.slug} --recipients FILE"
        )
        planned = [m for m in store.recipients().mailings(self.slug) if m.state == "planned"]
        self.query_one("#planned", Static).update(
            "\n".join(
                f"Planned: {'final reminder' if m.kind == 'final' else 'reminder'} at {m.planned_for}" for m in planned
            ) or "No planned reminders."
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
