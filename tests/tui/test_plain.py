"""Plain mode (--plain) with scripted answers: same validation and submit path."""

from __future__ import annotations

from stored import stored_responses
from survey_tui.plain import LinePrompter, parse_ranking, run_plain

TOKEN = "PLAI-NTOK-EN00"


class Script(LinePrompter):
    """Feeds prepared lines and records everything written."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = list(lines)
        self.out: list[str] = []
        super().__init__(read=self._next, write=self.out.append)

    def _next(self, prompt: str) -> str:
        self.out.append(prompt)
        if not self.lines:
            raise EOFError
        return self.lines.pop(0)

    @property
    def text(self) -> str:
        return "\n".join(self.out)


def test_plain_mode_stores_a_correct_response(store, open_round):
    answers = ["Yhteiset koulutuspäivät, äöå", "", "Selkeä palveluopas", "", "Tapaamiset", "Pikaviestin", "", "Yhteinen näkemys"]
    io = Script(["k", *answers, "3 1 2 5", "3 1 2 5 4", "k"])
    assert run_plain(store, "r1", lang="fi", prompter=io, token=TOKEN) == 0
    [rec] = stored_responses(store, "r1")
    assert rec["language"] == "fi"
    assert rec["answers"] == {
        "q1a": "Yhteiset koulutuspäivät, äöå",
        "q1c": "Selkeä palveluopas",
        "q2b": "Tapaamiset",
        "q3": "Pikaviestin",
        "q5": "Yhteinen näkemys",
    }
    assert rec["ranking"] == ["kanavat", "tiedottaminen", "tunteminen", "ymmarrys", "henkilot"]
    assert "Anna jokainen numero 1–5" in io.text  # the incomplete order was asked again
    assert TOKEN in io.text and "ilman tunnistetietoja" in io.text
    assert store.count_drafts("r1") == 0


def test_plain_mode_validates_length_required_and_codes(store, small_q):
    store.create_round("s", small_q, state="open")
    [(code, _)] = store.add_codes("s", count=1)
    io = Script(
        [
            "y",  # consent
            "NOPE-NOPE",  # wrong code, asked again
            code,
            "",  # required: refused
            "x" * 51,  # too long: refused
            "Shared view",
            "",
            "",
            "",
            "c a b",  # ranking by item ids
            "y",
        ]
    )
    assert run_plain(store, "s", lang="en", prompter=io, token=TOKEN) == 0
    assert "not recognised" in io.text
    assert "needs an answer" in io.text
    assert "The answer is 51 characters; the maximum is 50." in io.text
    [rec] = stored_responses(store, "s")
    assert rec["answers"] == {"qa": "Shared view"}
    assert rec["ranking"] == ["c", "a", "b"]


def test_plain_mode_end_of_input_keeps_a_draft(store, open_round):
    io = Script(["k", "Kesken jäi ö"])  # then the script ends
    assert run_plain(store, "r1", lang="fi", prompter=io, token=TOKEN) == 1
    assert store.count_responses("r1") == 0
    # Saved after each theme, and on the way out.
    assert store.load_draft("r1", TOKEN)["answers"] == {"q1a": "Kesken jäi ö"}
    assert TOKEN in io.text
    resumed = Script(["k", "", "", "", "", "", "", "", "", "1 2 3 4 5", "k"])
    assert run_plain(store, "r1", lang="fi", resume=TOKEN, prompter=resumed) == 0
    [rec] = stored_responses(store, "r1")
    assert rec["answers"] == {"q1a": "Kesken jäi ö"}  # the empty line kept the draft answer
    assert store.count_drafts("r1") == 0


def test_plain_mode_closed_round_at_submit(store, open_round):
    lines = ["k", "vastaus", *[""] * 7, "1 2 3 4 5"]

    class CloseFirst(Script):
        def confirm(self, message, lang):
            if "Lähetetäänkö" in message:
                store.set_state("r1", "closed")
            return super().confirm(message, lang)

    io = CloseFirst([*lines, "k", "e"])
    assert run_plain(store, "r1", lang="fi", prompter=io, token=TOKEN) == 1
    assert "ei enää ota vastaan" in io.text
    assert store.load_draft("r1", TOKEN)["answers"] == {"q1a": "vastaus"}


def test_parse_ranking_accepts_numbers_and_ids():
    ids = ["a", "b", "c"]
    assert parse_ranking("3 1 2", ids, True) == ["c", "a", "b"]
    assert parse_ranking("b,c;a", ids, True) == ["b", "c", "a"]
    assert parse_ranking("1 1 2", ids, True) is None
    assert parse_ranking("1 2", ids, True) is None
    assert parse_ranking("1 2", ids, False) == ["a", "b"]
    assert parse_ranking("4 1 2", ids, True) is None


def test_plain_output_breaks_lines_between_words(capsys, monkeypatch):
    import os

    from survey_tui.plain import LinePrompter

    monkeypatch.setattr("shutil.get_terminal_size", lambda fallback=None: os.terminal_size((41, 24)))
    LinePrompter(read=lambda _p: "").say("Kyselyyn vastaaminen on vapaaehtoista ja vastaukset käsitellään nimettöminä.\n\nSeuraava kappale.")
    lines = capsys.readouterr().out.splitlines()
    assert all(len(line) <= 40 for line in lines)
    assert "Kyselyyn vastaaminen on vapaaehtoista ja" in lines[0]
    assert lines[-2:] == ["", "Seuraava kappale."]


def test_plain_unknown_resume_code_asks_before_starting_anew(store, open_round):
    io = Script(["e"])  # "start a new answer?" no
    assert run_plain(store, "r1", lang="fi", resume="NOPE-NOPE-NOPE", prompter=io, token=TOKEN) == 1
    assert "Tällä koodilla ei löytynyt keskeneräistä vastausta" in io.text
    assert "Aloitetaanko uusi vastaus alusta? [k/e]" in io.text
    assert store.count_drafts("r1") == 0 and store.count_responses("r1") == 0
    io = Script(["k", "k"])  # yes, start anew; then the consent question comes as usual
    assert run_plain(store, "r1", lang="fi", resume="NOPE-NOPE-NOPE", prompter=io, token=TOKEN) == 1
    assert "Hyväksytkö ja aloitetaanko? [k/e]" in io.text


def test_plain_resume_shows_the_saved_answer_and_can_empty_it(store, small_q):
    store.create_round("s", small_q, state="open")
    store.save_draft("s", TOKEN, {"answers": {"qa": "Vanha vastaus", "qb": "Poistettava"}, "page": "theme:0"})
    io = Script(["y", "", "-", "", "", "a b c", "y"])  # keep qa, empty qb
    assert run_plain(store, "s", lang="en", resume=TOKEN, prompter=io, token="OTHE-RTOK-EN00") == 0
    assert "Your saved answer: Vanha vastaus" in io.text and "Your saved answer: Poistettava" in io.text
    assert "Enter = keep the saved one, - = empty it" in io.text
    [rec] = stored_responses(store, "s")
    assert rec["answers"] == {"qa": "Vanha vastaus"}


def test_plain_resume_cannot_empty_a_required_answer(store, small_q):
    store.create_round("s", small_q, state="open")
    store.save_draft("s", TOKEN, {"answers": {"qa": "Vanha"}, "page": "theme:0"})
    io = Script(["y", "-", "Uusi", "", "", "", "a b c", "y"])
    assert run_plain(store, "s", lang="en", resume=TOKEN, prompter=io, token="OTHE-RTOK-EN00") == 0
    assert "needs an answer" in io.text
    [rec] = stored_responses(store, "s")
    assert rec["answers"] == {"qa": "Uusi"}


HOSTILE = "a\x1b[31mb\x07c\x9b2Jd\x11e\x7f\x85f\tg\r\nh\ri \u202eשלום\u200b"


def test_plain_mode_stores_typed_control_bytes_cleaned(store, small_q):
    store.create_round("s", small_q, state="open")
    io = Script(["y", HOSTILE, "", "", "", "a b c", "y"])
    assert run_plain(store, "s", lang="en", prompter=io, token=TOKEN) == 0
    [rec] = stored_responses(store, "s")
    # ESC, BEL, 8-bit CSI, DC1, DEL and NEL gone; tab, line breaks, bidi and zero-width kept.
    assert rec["answers"] == {"qa": "a[31mbc2Jdef\tg\nh\ni \u202eשלום\u200b"}


def test_plain_and_full_screen_drop_the_same_characters():
    from survey_tui.sanitize import clean_input
    from survey_tui.tui.paste_guard import PasteFilter

    every = "".join(chr(c) for c in range(0xA0)) + "\u200b\u202e\ufeffä"
    pasted = PasteFilter()(f"\x1b[200~{every}\x1b[201~")[len("\x1b[200~") : -len("\x1b[201~")]
    # The text area turns the pasted CR into a line break; the rest is what it stores.
    assert clean_input(every) == pasted.replace("\r", "\n")
    assert clean_input("x\r\ny") == "x\ny"


def test_a_required_question_does_not_offer_to_be_skipped(store, small_q):
    store.create_round("s", small_q, state="open")
    io = Script(["y", "Vastaus", ""])  # consent, the required question, then the optional one
    run_plain(store, "s", lang="en", prompter=io, token=TOKEN)
    required = next(line for line in io.out if line.startswith("Your answer") and "characters, required" in line)
    optional = next(line for line in io.out if line.startswith("Your answer") and "characters, optional" in line)
    assert "empty = skip" not in required and "empty = skip" in optional


# ---------------------------------------------------------------- issue 16: line by line for screen readers


def test_an_answer_of_several_lines_keeps_its_empty_lines(store, small_q):
    store.create_round("s", small_q, state="open")
    io = Script(["y", ".", "First paragraph.", "", "Second, after an empty line.", ".", "", "", "", "a b c", "y"])
    assert run_plain(store, "s", lang="en", prompter=io, token=TOKEN) == 0
    [rec] = stored_responses(store, "s")
    assert rec["answers"] == {"qa": "First paragraph.\n\nSecond, after an empty line."}
    prompt = next(line for line in io.out if line.startswith("Your answer ("))
    assert prompt.endswith("; full stop (.) alone = several lines): ")  # said in the prompt
    assert "end it with a line containing only a full stop (.)" in io.text  # and how to end, once opened


def test_the_prompts_say_how_to_write_several_lines_in_each_language(store, open_round, small_q):
    for lang, hint in (("fi", "pelkkä piste (.) = useita rivejä"), ("sv", "bara en punkt (.) = flera rader")):
        io = Script(["k" if lang == "fi" else "j", ".", "rivi"])  # input ends inside the answer
        assert run_plain(store, "r1", lang=lang, prompter=io, token=TOKEN) == 1
        assert hint in io.text
        assert ("Tyhjät rivit säilyvät." if lang == "fi" else "Tomma rader behålls.") in io.text
    store.create_round("s", small_q, state="open")
    store.save_draft("s", "SAVE-DTOK-EN00", {"answers": {"qa": "Vanha"}, "page": "theme:0"})
    io = Script(["y"])
    run_plain(store, "s", lang="en", resume="SAVE-DTOK-EN00", prompter=io, token="OTHE-RTOK-EN00")
    assert "full stop (.) alone = several lines; Enter = keep the saved one, - = empty it" in io.text


def test_several_lines_are_bounded_and_a_too_long_answer_is_asked_again(store, small_q):
    store.create_round("s", small_q, state="open")  # qa: at most 50 characters
    io = Script(["y", ".", *["x" * 40] * 2000, ".", "Short one", "", "", "", "a b c", "y"])
    assert run_plain(store, "s", lang="en", prompter=io, token=TOKEN) == 0
    assert f"The answer is {2000 * 41 - 1} characters; the maximum is 50." in io.text
    [rec] = stored_responses(store, "s")
    assert rec["answers"] == {"qa": "Short one"}
    # What is held of a long answer stays within its limit; the rest is only counted.
    lines = iter(["y" * 100] * 500 + ["."])
    kept, total = LinePrompter(read=lambda _p: next(lines))._lines(1000)
    assert len(kept) <= 1001 + 100 and total == 500 * 101 - 1


def test_swedish_yes_no_is_j_and_n_and_an_unclear_answer_is_asked_again():
    for answers, expected in ((["j"], True), (["Ja"], True), (["nej"], False), (["n"], False), (["kanske", "j"], True)):
        io = Script(answers)
        assert io.confirm("Skicka svaren?", "sv") is expected
        assert io.out[0] == "Skicka svaren? [j/n] "
    assert "Svara j (ja) eller n (nej)." in io.text  # "kanske" (maybe) is not a yes
    io = Script(["ehkä", "e"])
    assert io.confirm("Lähetetäänkö vastaukset?", "fi") is False
    assert "Vastaa k (kyllä) tai e (ei)." in io.text  # "ehkä" is not an "e" for no
    assert Script(["yes"]).confirm("Submit?", "en") is True


def test_a_refused_ranking_is_typed_again_from_nothing(store, open_round):
    io = Script(["k", *[""] * 8, "3 1", "3 1 2 5 4", "k"])
    assert run_plain(store, "r1", lang="fi", prompter=io, token=TOKEN) == 0
    refused = io.out.index(next(line for line in io.out if line.startswith("Anna jokainen numero 1–5")))
    assert io.out[refused].endswith("Kirjoita koko järjestys uudelleen.")
    assert io.out[refused + 1].startswith("Kirjoita teemojen numerot")  # the question again, its line empty
    [rec] = stored_responses(store, "r1")
    assert rec["ranking"] == ["kanavat", "tiedottaminen", "tunteminen", "ymmarrys", "henkilot"]


def test_headings_and_choices_are_plain_lines(store, open_round):
    io = Script(["9", "2", "n"])  # a choice that is not offered, Swedish, then no consent
    assert run_plain(store, "r1", prompter=io, token=TOKEN) == 1
    assert not any(set(line) <= set("=-_*~ ") and line.strip() for line in io.out)  # no underline lines
    assert "1. Suomeksi" in io.out and "2. På svenska" in io.out and "3. In English" in io.out
    assert "Kirjoita numero 1–3." in io.out  # the language not chosen yet: the questionnaire's first
    assert "Godkänner du och vill du börja? [j/n] " in io.out
