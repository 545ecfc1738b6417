"""One plain-language line per statistic, in Finnish and English, shown where it appears."""

from __future__ import annotations

EXPLAIN: dict[str, dict[str, str]] = {
    "n": {
        "fi": "n = vastaajien määrä, jotka järjestivät teemat (tyhjät järjestykset eivät ole mukana).",
        "en": "n = number of respondents who ranked the themes (empty rankings are not counted).",
    },
    "first_choice": {
        "fi": "Ensimmäiset valinnat: kuinka moni asetti teeman tärkeimmäksi.",
        "en": "First choices: how many respondents put the theme first.",
    },
    "first_choice_share": {
        "fi": "Osuus: ensimmäisten valintojen määrä jaettuna vastaajien määrällä n.",
        "en": "Share: first choices divided by the number of respondents n.",
    },
    "positions": {
        "fi": "Sijajakauma: kuinka moni asetti teeman sijalle 1, 2, 3 ja niin edelleen.",
        "en": "Position distribution: how many put the theme at position 1, 2, 3 and so on.",
    },
    "mean_rank": {
        "fi": "Keskimääräinen sija: 1 = tärkein; mitä pienempi luku, sitä tärkeämpänä teemaa pidettiin.",
        "en": "Mean rank: 1 = most important; the lower the number, the more important the theme was rated.",
    },
    "borda": {
        "fi": "Borda-pisteet: jokainen vastaaja antaa sijalle p pisteitä k - p (tärkein k - 1, viimeinen 0); suurempi on tärkeämpi.",
        "en": "Borda score: each respondent gives k - p points for position p (first k - 1, last 0); higher is more important.",
    },
    "pairwise": {
        "fi": "Parivertailu: rivin ja sarakkeen kohdalla on, kuinka moni piti rivin teemaa sarakkeen teemaa tärkeämpänä.",
        "en": "Pairwise table: the cell at row a, column b is how many respondents ranked a above b.",
    },
    "consensus": {
        "fi": "Yhteinen järjestys (Schulze): teema on toisen edellä, jos sitä pidettiin tärkeämpänä vahvimpien parivertailuketjujen kautta; tasapelit ratkaisee Borda, sitten lomakkeen järjestys.",
        "en": "Consensus order (Schulze): a theme is above another when it wins through the strongest chain of pairwise majorities; ties go by Borda score, then questionnaire order.",
    },
    "kendall_w": {
        "fi": "Yksimielisyys (Kendallin W, 0–1): 1 = kaikki järjestivät teemat samoin, 0 = järjestykset eivät ole lainkaan samansuuntaisia; lasketaan vain täydellisistä järjestyksistä.",
        "en": "Agreement (Kendall's W, 0 to 1): 1 = everyone ranked the themes the same way, 0 = no agreement at all; computed only when every ranking is complete.",
    },
    "partial": {
        "fi": "Osittaiset järjestykset: järjestämättä jäänyt teema ei saa sijaa eikä Borda-pisteitä, jää kaikkien järjestettyjen alle parivertailussa, ja sen keskimääräinen sija lasketaan vain sen järjestäneistä.",
        "en": "Partial rankings: an unranked theme gets no position and no Borda points, counts below every ranked theme in the pairwise table, and its mean rank is taken only over those who ranked it.",
    },
    "tau": {
        "fi": "Kendallin tau kierrosten yhteisten järjestysten välillä: 1 = sama järjestys, 0 = ei yhteyttä, -1 = täysin käänteinen.",
        "en": "Kendall's tau between the rounds' consensus orders: 1 = same order, 0 = unrelated, -1 = fully reversed.",
    },
    "min_group": {
        "fi": "Alle vähimmäisryhmäkoon ei näytetä lukuja eikä vastauksia, jotta yksittäistä vastaajaa ei voi tunnistaa.",
        "en": "Below the minimum group size no figures or answers are shown, so that no single respondent can be recognised.",
    },
}


def explain(key: str, lang: str) -> str:
    """The explanation of `key` in `lang` (English when the language has none); KeyError if unknown."""
    texts = EXPLAIN[key]
    return texts.get(lang) or texts["en"]
