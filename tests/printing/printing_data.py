"""A round shaped like the thesis for the printing tests: 11 respondents, the five themes,
the first choices of Kuvio 4, a codebook, quotable answers and the practices of Liite 5.

Imported by name (pytest puts tests/printing on sys.path)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"

ITEMS = ["tiedottaminen", "tunteminen", "kanavat", "henkilot", "ymmarrys"]
FIRST = {"kanavat": 5, "ymmarrys": 3, "henkilot": 2, "tunteminen": 1, "tiedottaminen": 0}

Q3 = ["Teams-pikaviestin olisi nopein kanava.", "Pikaviestin Teamsissa.", "Teams ja puhelin.",
      "Pikaviestintä on matalan kynnyksen kanava.", "Teams-kanava yhteistyölle.", "Pikaviestin ja videopalaverit.",
      "Teams-viestit ovat nopeita.", "Puhelin ja sähköposti.", "Pikaviestinohjelma kasvokuvalla.", "Teams.",
      "Pikaviestin."]
Q4 = ["Nimetyt yhteyshenkilöt molemmille puolille.", "Jokaiseen kuntaan oma yhteyshenkilö.",
      "Yhteyshenkilöiden nimet listaan.", "Nimetty yhteyshenkilö sosiaalitoimessa.",
      "Yhteyshenkilöt kummassakin organisaatiossa.", "Oma yhteyshenkilö helpottaisi.",
      "Nimetyt yhteyshenkilöt ja varahenkilöt.", "Yhteyshenkilö jokaiselle tiimille.",
      "Yhteyshenkilöiden lista intraan.", "Nimetyt henkilöt yhteydenpitoon.", "Yhteyshenkilöt tutuiksi."]
Q5 = ["Yhteinen taulukko palveluista selkeyttäisi.", "Palvelutaulukko intraan.",
      "Taulukko erityispalveluista ja niiden eroista.", "Yhteinen palvelutaulukko Kelan palveluista.",
      "Palvelujen erot selkeäksi taulukoksi.", "Taulukko, jossa palvelut ja yhteystiedot.",
      "Palvelutaulukko jaettavaksi kuntiin.", "Huoneentaulu palveluista.", "Taulukko palveluista.",
      "Yhteinen taulukko palveluista.", "Palvelutaulukko."]

# Liite 5, "Kelan ja sosiaalitoimen yhteistyön huoneentaulu": theme -> practices.
PRACTICES = {
    "kanavat": ["Yhteystiedot helposti saatavilla ja ajan tasalla", "Matalan kynnyksen yhteydenpitokanavat"],
    "henkilot": ["Nimetyt yhteyshenkilöt Kelassa ja kunnassa",
                 "Kahdensuuntainen tiedonvaihtoon panostaminen tietosuoja huomioiden"],
    "ymmarrys": ["Kelan peruspalveluja täydentävien palvelujen kokoaminen yhteen paikkaan",
                 "Palvelujen erot selkeästi esitettynä", "Tärkeät yhteystiedot koottuna"],
}
POSTER_TITLE = "Kelan ja sosiaalitoimen yhteistyön huoneentaulu"


def rankings() -> list[list[str]]:
    out = []
    for first, count in FIRST.items():
        rest = [i for i in ITEMS if i != first]
        for k in range(count):
            out.append([first] + rest[k % 4:] + rest[: k % 4])
    return out


def thesis_round(store, kela, slug="kevat", min_group=5, answers=None) -> str:
    """A closed, released round of eleven responses (imported, so no code is used and the
    poster shows no response rate); `answers` update the first responses' answers."""
    store.create_round(slug, kela, state="open", min_group=min_group)
    recs = [{"language": "fi", "answers": {"q3": Q3[i], "q4": Q4[i], "q5": Q5[i]}, "ranking": r}
            for i, r in enumerate(rankings())]
    for rec, extra in zip(recs, answers or []):
        rec["answers"].update(extra)
    store.import_responses(slug, recs)
    store.set_state(slug, "closed")
    store.release(slug)
    return slug


QUOTABLE = ("Pikaviestin Teamsissa.",)
NARRATIVE = "Vastaajat toivoivat matalan kynnyksen kanavia, ennen kaikkea pikaviestintää."


def coded_answers_round(store, kela, slug="syksy", issued=12) -> str:
    """Eleven responses submitted with one-time codes out of `issued`: a response rate."""
    from survey_tui.services import access_codes

    store.create_round(slug, kela, state="open", min_group=5)
    codes = [code for code, _label in access_codes.issue(store, slug, count=issued, switch_access=True)]
    for i, ranking in enumerate(rankings()):
        store.submit(slug, {"q3": Q3[i], "q4": Q4[i], "q5": Q5[i]}, ranking, "fi", code=codes[i])
    store.set_state(slug, "closed")
    store.release(slug)
    return slug


def code_round(store, slug: str, quotable=QUOTABLE) -> None:
    """A codebook (Pikaviestintä on q3, Yhteyshenkilöt on q4, a small Puhelin category),
    the q3 answers starting with one of `quotable` marked quotable, and the practices of
    PRACTICES."""
    from survey_tui.services import codebook, coding, practices, tags

    def handles(qid):
        found = tags.answers(store, slug, qid)
        return {row["text"]: found.handle(row) for row in found.rows}

    codebook.add_category(store, slug, "Pikaviestintä", theme_id="kanavat")
    codebook.add_code(store, slug, "Teams", "Pikaviestintä")
    codebook.add_category(store, slug, "Puhelin", theme_id="kanavat")
    codebook.add_code(store, slug, "Puhelin", "Puhelin")
    codebook.add_category(store, slug, "Yhteyshenkilöt", theme_id="henkilot")
    codebook.add_code(store, slug, "Nimetty", "Yhteyshenkilöt")
    codebook.add_category(store, slug, "Palvelutaulukko", theme_id="ymmarrys")
    codebook.add_code(store, slug, "Taulukko", "Palvelutaulukko")
    for text, handle in handles("q3").items():
        if "puhelin" in text.lower():
            coding.assign(store, slug, handle, "Puhelin")
        if "teams" in text.lower() or "pikaviest" in text.lower():
            coding.assign(store, slug, handle, "Teams")
        if text.startswith(tuple(quotable)):
            coding.mark_quotable(store, slug, handle)
    for handle in handles("q4").values():
        coding.assign(store, slug, handle, "Nimetty")
    for handle in handles("q5").values():
        coding.assign(store, slug, handle, "Taulukko")
    codebook.set_narrative(store, slug, "kanavat", NARRATIVE)
    category = {"kanavat": "Pikaviestintä", "henkilot": "Yhteyshenkilöt", "ymmarrys": "Palvelutaulukko"}
    for theme, texts in PRACTICES.items():
        for text in texts:
            practices.add(store, slug, text, theme, categories=[category[theme]])


def run_cli(store, *args: str):
    from click.testing import CliRunner

    from survey_tui.cli.main import cli

    return CliRunner().invoke(cli, ["--db", str(store.path), *args], catch_exceptions=False)


def pdf_pages(data: bytes):
    """(page count, [(width, height) in points], text) read back with pypdf."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    return len(reader.pages), sizes, [p.extract_text() for p in reader.pages]


def needs(tool: str, why: str):
    """Skip (with the reason printed in the summary) when a system tool is missing."""
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed ({why}); .ci/run installs it so CI runs this")
    return shutil.which(tool)


A4 = (595.28, 841.89)  # points


def is_a4(size) -> bool:
    return abs(size[0] - A4[0]) < 0.5 and abs(size[1] - A4[1]) < 0.5
