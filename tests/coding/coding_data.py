"""A round shaped like the thesis (11 respondents, the five themes) for the coding tests.

Imported by name (tests/coding is on sys.path, like tests/services' helpers)."""

from __future__ import annotations

# Eleven respondents' answers to q1a (tiedottaminen), q2a (tunteminen), q3 (kanavat),
# q4 (henkilot), q5 (ymmarrys), worded like the ideas of the thesis's chapter 7.2.
THESIS_ANSWERS = [
    {"q1a": "Tiimipalavereissa voisi kertoa kuntayhteistyöstä.", "q2a": "Työkierto sosiaalitoimessa auttaisi.",
     "q3": "Teams-pikaviestin olisi nopein kanava.", "q4": "Nimetyt yhteyshenkilöt molemmille puolille.",
     "q5": "Yhteinen taulukko palveluista selkeyttäisi."},
    {"q1a": "Infotilaisuuksia kunnille säännöllisesti.", "q2a": "Vierailut puolin ja toisin.",
     "q3": "Pikaviestin Teamsissa.", "q4": "Jokaiseen kuntaan oma yhteyshenkilö.",
     "q5": "Palvelutaulukko intraan."},
    {"q1a": "Intranetiin oma työtila yhteistyölle.", "q2a": "Työkiertoa Kelan ja kunnan välillä.",
     "q3": "Teams ja puhelin.", "q4": "Yhteyshenkilöiden nimet ja yhteystiedot listaan.",
     "q5": "Taulukko erityispalveluista ja niiden eroista."},
    {"q1a": "Tiimipalaveriin tietoisku yhteistyöstä.", "q2a": "Kasvokkain tapaamiset kunnan kanssa.",
     "q3": "Pikaviestintä on matalan kynnyksen kanava.", "q4": "Nimetty yhteyshenkilö sosiaalitoimessa.",
     "q5": "Yhteinen palvelutaulukko Kelan palveluista."},
    {"q1a": "Säännöllinen tiedottaminen kuntiin.", "q2a": "Vierailu sosiaalitoimeen kerran kuussa.",
     "q3": "Teams-kanava yhteistyölle.", "q4": "Yhteyshenkilöt kummassakin organisaatiossa.",
     "q5": "Palvelujen erot selkeäksi taulukoksi."},
    {"q1a": "Markkinointia Kelan sisällä.", "q2a": "Työkierto lisäisi tuntemista.",
     "q3": "Pikaviestin ja videopalaverit.", "q4": "Oma yhteyshenkilö helpottaisi.",
     "q5": "Taulukko, jossa palvelut ja yhteystiedot."},
    {"q1a": "Tiimipalavereissa esimerkkitapauksia.", "q2a": "Yhteiset palaverit etänä.",
     "q3": "Teams-viestit ovat nopeita.", "q4": "Nimetyt yhteyshenkilöt ja varahenkilöt.",
     "q5": "Palvelutaulukko jaettavaksi kuntiin."},
    {"q1a": "Infotilaisuus uusille työntekijöille.", "q2a": "Virkistystoimintaa yhdessä.",
     "q3": "Puhelin ja sähköposti.", "q4": "Yhteyshenkilö jokaiselle tiimille.",
     "q5": "Huoneentaulu palveluista."},
    {"q1a": "Tietoa intranetiin kootusti.", "q2a": "Vierailut Kelan toimistolle.",
     "q3": "Pikaviestinohjelma kasvokuvalla.", "q4": "Yhteyshenkilöiden lista intraan.",
     "q5": "Taulukko palveluista ja esimerkkitilanteista."},
    {"q1a": "Tiedottaminen tiimipalavereissa.", "q2a": "Työkierto toiseen organisaatioon.",
     "q3": "Teams.", "q4": "Nimetyt henkilöt yhteydenpitoon.",
     "q5": "Yhteinen taulukko palveluista."},
    {"q1a": "Infotilaisuudet sosiaalitoimelle.", "q2a": "Tutustumiskäynnit.",
     "q3": "Pikaviestin.", "q4": "Yhteyshenkilöt tutuiksi.",
     "q5": "Palvelutaulukko."},
]


def thesis_round(store, kela, slug="kevat", follows=None, min_group=5):
    """A closed, released round of the eleven answers above; returns the slug."""
    items = [item.id for item in kela.ranking.items]
    store.create_round(slug, kela, state="open", min_group=min_group, follows=follows)
    store.import_responses(slug, [{"language": "fi", "answers": dict(a), "ranking": items} for a in THESIS_ANSWERS])
    store.set_state(slug, "closed")
    store.release(slug)
    return slug


def handles(store, slug, qid):
    """Answer handles of one question, with the text: {text: handle}."""
    from survey_tui.services import tags

    found = tags.answers(store, slug, qid)
    return {row["text"]: found.handle(row) for row in found.rows}
