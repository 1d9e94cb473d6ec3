"""Word pools for synthetic content: French with its accents, a little English, so that slugs, sorting
and escaping meet what a real neighbourhood writes."""

from __future__ import annotations

import random

EVENT_KINDS = {
    "concert": ["Concert", "Soirée chanson", "Bal folk", "Récital"],
    "show": ["Spectacle", "Théâtre d'objets", "Cirque sous chapiteau"],
    "film": ["Projection", "Ciné-débat", "Court-métrages"],
    "exhibition": ["Exposition", "Vernissage", "Accrochage"],
    "reading": ["Lecture", "Heure du conte", "Lecture musicale"],
    "talk": ["Conférence", "Rencontre", "Café-débat"],
    "workshop": ["Atelier", "Initiation", "Stage"],
    "walk": ["Balade", "Visite guidée", "Randonnée urbaine"],
    "open-mic": ["Scène ouverte", "Micro libre"],
    "games": ["Soirée jeux", "Tournoi d'échecs", "Après-midi jeux"],
    "market": ["Marché", "Troc de plantes", "Vide-grenier"],
    "festival": ["Festival", "Fête de quartier"],
    "repair-cafe": ["Repair café", "Atelier vélo"],
    "party": ["Fête", "Guinguette", "Réveillon solidaire"],
    "radio": ["Émission en public", "Podcast en direct"],
}
TOPICS = [
    "des Lilas",
    "de la Fonderie",
    "au kiosque",
    "des Teinturiers",
    "à la médiathèque",
    "du jardin partagé",
    "des Tilleuls",
    "de l'été",
    "d'automne",
    "en famille",
    "pour les tout-petits",
    "à la belle étoile",
    "des voisines et voisins",
    "du fleuve",
    "de la soie",
    "des cuisines du monde",
    "à deux voix",
]
NAMES = [
    "Amélie",
    "Benoît",
    "Chloé",
    "Dédé",
    "Élodie",
    "François",
    "Gaëlle",
    "Hélène",
    "Inès",
    "Jérôme",
    "Kévin",
    "Léa",
    "Maïwenn",
    "Noël",
    "Océane",
    "Pénélope",
    "Raphaël",
    "Sébastien",
    "Thérèse",
    "Zoé",
    "Samia",
    "Malik",
]
SURNAMES = ["Lefèvre", "Müller", "Benaïssa", "Nguyễn", "Gómez", "Dupré", "Côté", "Ørsted", "Mbappé", "Fernández"]
WORDS = [
    "réparation",
    "chanson",
    "mémoire",
    "théâtre",
    "écriture",
    "goûter",
    "poésie",
    "numérique",
    "vélo",
    "jardinage",
    "cuisine",
    "danse",
    "forêt",
    "éducation populaire",
    "fête",
    "jeunesse",
    "récit",
    "musique",
    "cinéma",
    "bricolage",
]
SENTENCES = [
    "On se retrouve autour d'un café, d'un thé à la menthe ou d'un sirop maison.",
    "L'entrée est libre, les enfants sont les bienvenus et l'équipe répond à toutes les questions.",
    "Pensez à apporter vos outils, vos idées et votre bonne humeur : on s'occupe du reste.",
    "Après la séance, un goûter est partagé avec les habitantes et les habitants du quartier.",
    "La salle est au rez-de-chaussée, une boucle magnétique est installée près de la scène.",
    "Les bénévoles de l'association préparent cette soirée depuis le printemps dernier.",
    "Chacun repart avec une petite fiche pour refaire chez soi ce qu'il a appris.",
    "Le programme détaillé est affiché à l'accueil du centre social et à la médiathèque.",
    "En cas de pluie, tout se passe à l'intérieur, au chaud, sous la verrière.",
    "Une traduction en langue des signes est prévue pour la première partie.",
    "Ce n'est pas un cours : on cherche ensemble, on se trompe, on recommence.",
    "Les musiciennes jouent sans micro, au milieu du public, comme dans une cuisine.",
]
ARTISTS = [
    "Barbara",
    "Georges Brassens",
    "Cesária Évora",
    "Rachid Taha",
    "Édith Piaf",
    "Manu Chao",
    "Fairuz",
    "Youssou N'Dour",
    "Mercedes Sosa",
    "Serge Gainsbourg",
    "Björk",
    "Ibrahim Ferrer",
    "Angélique Kidjo",
]
SONG_WORDS = [
    "La vie",
    "Le temps",
    "Ma rue",
    "Ton sourire",
    "Les copains",
    "Sodade",
    "Rosa",
    "L'été",
    "Nos nuits",
    "La fête",
    "Le fleuve",
    "Amour",
    "Les étoiles",
]
PLATFORMS = [
    "https://musique.example.org/library/tracks/",
    "https://archive.example.org/details/",
    "https://video.example.org/w/",
]


def sentence_text(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(SENTENCES) for _ in range(count))


def markdown_body(rng: random.Random) -> str:
    """A description as contributors write them: a few paragraphs, some emphasis, sometimes a list or a link."""
    paragraphs = [sentence_text(rng, rng.randint(2, 4)) for _ in range(rng.randint(1, 3))]
    paragraphs[0] = paragraphs[0].replace("goûter", "**goûter**", 1)
    if rng.random() < 0.3:
        paragraphs.append("\n".join(f"- {rng.choice(WORDS).capitalize()}" for _ in range(3)))
    if rng.random() < 0.3:
        paragraphs.append(
            f"Plus d'informations sur [le site de l'association](https://asso-{rng.randint(1, 99)}.example.org)."
        )
    return "\n\n".join(paragraphs) + "\n"


def person(rng: random.Random) -> str:
    return f"{rng.choice(NAMES)} {rng.choice(SURNAMES)}"
