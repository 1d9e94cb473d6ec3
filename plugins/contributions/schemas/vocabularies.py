"""Default vocabularies: the words contributors choose from, each with its label per language.

A site replaces any of them in `pelicanconf.py` (KIOSQUE_CATEGORIES, ...). The keys are what
contributors write in their files; the labels are what readers see.
"""

CATEGORIES = {
    "concert": {"fr": "Concert", "en": "Concert"},
    "show": {"fr": "Spectacle", "en": "Show"},
    "film": {"fr": "Cinéma", "en": "Film"},
    "exhibition": {"fr": "Exposition", "en": "Exhibition"},
    "reading": {"fr": "Lecture", "en": "Reading"},
    "talk": {"fr": "Conférence, rencontre", "en": "Talk"},
    "workshop": {"fr": "Atelier", "en": "Workshop"},
    "walk": {"fr": "Balade", "en": "Walk"},
    "open-mic": {"fr": "Scène ouverte", "en": "Open mic"},
    "games": {"fr": "Jeux", "en": "Games"},
    "market": {"fr": "Marché", "en": "Market"},
    "festival": {"fr": "Festival", "en": "Festival"},
    "repair-cafe": {"fr": "Repair café", "en": "Repair café"},
    "party": {"fr": "Fête", "en": "Party"},
    "radio": {"fr": "Radio, podcast", "en": "Radio, podcast"},
}

AUDIENCES = {
    "all-ages": {"fr": "Tout public", "en": "All ages"},
    "children": {"fr": "Enfants", "en": "Children"},
    "teens": {"fr": "Adolescents", "en": "Teenagers"},
    "adults": {"fr": "Adultes", "en": "Adults"},
    "seniors": {"fr": "Seniors", "en": "Seniors"},
    "families": {"fr": "Familles", "en": "Families"},
}

ACCESSIBILITY = {
    "wheelchair": {"fr": "Accessible en fauteuil roulant", "en": "Wheelchair accessible"},
    "hearing-loop": {"fr": "Boucle magnétique", "en": "Hearing loop"},
    "sign-language": {"fr": "Traduit en langue des signes (LSF)", "en": "Sign language interpretation"},
    "subtitles": {"fr": "Sous-titré", "en": "Subtitles"},
    "audio-description": {"fr": "Audiodescription", "en": "Audio description"},
    "easy-to-read": {"fr": "Facile à lire et à comprendre (FALC)", "en": "Easy to read"},
    "relaxed-performance": {"fr": "Séance adaptée (relax)", "en": "Relaxed performance"},
    "large-print": {"fr": "Documents en gros caractères", "en": "Large print"},
}

PRICE_KINDS = {
    "free": {"fr": "Gratuit", "en": "Free"},
    "pay-what-you-can": {"fr": "Prix libre", "en": "Pay what you can"},
    "hat": {"fr": "Au chapeau", "en": "Pass the hat"},
    "paid": {"fr": "Payant", "en": "Paid"},
}

LICENCES = {
    "CC-BY-SA-4.0": {
        "fr": "Creative Commons Attribution – Partage dans les mêmes conditions 4.0",
        "en": "Creative Commons Attribution-ShareAlike 4.0",
        "url": "https://creativecommons.org/licenses/by-sa/4.0/",
        "terms": {
            "fr": "Vous pouvez partager et adapter ce récit, y compris à des fins commerciales, en créditant {credit} et en partageant votre version sous la même licence.",
            "en": "You may share and adapt this story, even commercially, crediting {credit} and sharing your version under the same licence.",
        },
    },
    "CC-BY-4.0": {
        "fr": "Creative Commons Attribution 4.0",
        "en": "Creative Commons Attribution 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
        "terms": {
            "fr": "Vous pouvez partager et adapter ce récit, y compris à des fins commerciales, en créditant {credit}.",
            "en": "You may share and adapt this story, even commercially, crediting {credit}.",
        },
    },
    "CC-BY-NC-SA-4.0": {
        "fr": "Creative Commons Attribution – Pas d’utilisation commerciale – Partage dans les mêmes conditions 4.0",
        "en": "Creative Commons Attribution-NonCommercial-ShareAlike 4.0",
        "url": "https://creativecommons.org/licenses/by-nc-sa/4.0/",
        "terms": {
            "fr": "Vous pouvez partager et adapter ce récit, sans usage commercial, en créditant {credit} et en partageant votre version sous la même licence.",
            "en": "You may share and adapt this story for non-commercial purposes, crediting {credit} and sharing your version under the same licence.",
        },
    },
    "CC0-1.0": {
        "fr": "Domaine public (CC0 1.0)",
        "en": "Public domain (CC0 1.0)",
        "url": "https://creativecommons.org/publicdomain/zero/1.0/",
        "terms": {
            "fr": "Ce récit est dans le domaine public : vous pouvez l'utiliser librement, sans rien demander.",
            "en": "This story is in the public domain: you may use it freely, without asking.",
        },
    },
}

# Event statuses are part of the calendar standards (iCal STATUS, schema.org eventStatus): not a setting.
STATUSES = {
    "scheduled": {"fr": "Programmé", "en": "Scheduled"},
    "cancelled": {"fr": "Annulé", "en": "Cancelled"},
    "postponed": {"fr": "Reporté (date à venir)", "en": "Postponed"},
    "rescheduled": {"fr": "Déplacé à une nouvelle date", "en": "Rescheduled"},
    "moved-online": {"fr": "Passé en ligne", "en": "Moved online"},
    "full": {"fr": "Complet", "en": "Full"},
}

# setting name -> default; the vocabulary's name in schemas is the setting name without the prefix, lowercased.
SETTINGS = {
    "KIOSQUE_CATEGORIES": CATEGORIES,
    "KIOSQUE_AUDIENCES": AUDIENCES,
    "KIOSQUE_ACCESSIBILITY": ACCESSIBILITY,
    "KIOSQUE_PRICE_KINDS": PRICE_KINDS,
    "KIOSQUE_LICENCES": LICENCES,
}


def from_settings(settings: dict) -> dict[str, dict]:
    """The vocabularies in force for a site: its settings where given, the defaults elsewhere."""
    vocabularies = {
        name.removeprefix("KIOSQUE_").lower(): dict(settings.get(name) or default) for name, default in SETTINGS.items()
    }
    vocabularies["statuses"] = STATUSES
    return vocabularies
