"""The dashboard's recipients screen: status per recipient, planned reminders, a preview."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable, Static, TextArea

from dash_data import make


async def test_recipients_status_planned_and_preview(dash_store, tmp_path):
    rfile = tmp_path / "r.csv"
    rfile.write_text("label,email,language\nAnna,anna@example.org,fi\nBen,ben@example.org,en\n", "utf-8")
    dash_store.create_round("winter", dash_store.get_round("spring").questionnaire, state="open",
                            closes=dt.date.today() + dt.timedelta(days=9))
    from survey_tui import invitations as inv

    inv.add_recipients(dash_store, "winter", str(rfile))
    book = dash_store.recipients()
    mailing = book.new_mailing("winter", "invite", inv.now_text())
    book.record(mailing.id, "Anna", "sent", inv.now_text())
    book.record(mailing.id, "Ben", "refused", inv.now_text(), "550 no")
    book.new_mailing("winter", "final", inv.now_text(), planned_for="2099-01-01T07:00:00+00:00")

    app = make(dash_store)
    async with app.run_test(size=(100, 40)) as pilot:
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("winter"))
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        screen = app.screen
        assert screen.sub_title == "Invitations · winter"
        rows = screen.query_one("#recipients", DataTable)
        assert [str(c) for c in rows.get_row("Anna")] == ["Anna", "anna@example.org", "fi", "sent", "-", "-"]
        assert [str(c) for c in rows.get_row("Ben")][3] == "refused"
        assert "Planned: final reminder at 2099-01-01T07:00:00+00:00" in str(screen.query_one("#planned", Static).render())
        preview = screen.query_one("#preview", TextArea).text
        assert preview.startswith("To: anna@example.org\nSubject: Kutsu: ") and "XXXXX-XXXXX" in preview
        rows.move_cursor(row=1)
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        preview = screen.query_one("#preview", TextArea).text
        assert preview.startswith("To: ben@example.org\nSubject: Last reminder: ")
        assert "already answered" in preview
    assert dash_store.list_codes("winter") == []  # a preview makes no code
