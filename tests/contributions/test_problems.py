"""Each kind of mistake a contributor can make gives one plain sentence naming the file, the line and
the field, in the site's language; and the rest of the site is still read."""

from __future__ import annotations

import pytest

from contributions.checking.harvest import harvest
from contributions.site import Site

EVENT = """\
---
title: Concert
start: 2026-12-05 20:30
place: mediatheque
categories: [concert]
---
Un concert.
"""
# A weekly series whose first date changes, for the cases of one date of a series (`occurrences`).
SERIES = EVENT.replace("2026-12-05 20:30", "2026-12-02 20:30").replace(
    "categories:",
    "recurrence:\n  frequency: weekly\n  weekdays: [wednesday]\n  until: 2027-01-31\nexcept: [2026-12-23]\n"
    "occurrences:\n  - date: 2026-12-09\n    status: cancelled\ncategories:",
)
TRACK = "title: T\nartist: A\nadded_by: Mo\nadded: 2026-11-02\nnote: Parce que.\n"
STORY = "---\ntitle: Le bal\nteller: Jeanine\nconsent: true\n---\nTexte.\n"

# A small valid site that every case adds one file to.
VALID = {
    "places/mediatheque.yaml": "name: Médiathèque\naddress:\n  street: 1 rue A\n  city: Lyon\n",
    "playlists/bande-son/index.md": "---\ntitle: Bande-son\n---\nTexte.\n",
    "playlists/bande-son/t.yaml": TRACK + "audio: https://radio.example.org/t.ogg\n",
    "stories/memoires/index.md": "---\ntitle: Mémoires\n---\nTexte.\n",
    "stories/memoires/le-bal.md": STORY,
    "stories/contes/index.md": "---\ntitle: Contes\nlanguages: [fr, en]\n---\nDes contes.\n",
    "playlists/fermee/index.md": "---\ntitle: Fermée\nopen: false\nclosed_since: 2026-11-15\n---\nFini.\n",
    "playlists/fermee/avant.yaml": TRACK.replace("title: T", "title: Avant"),
    "events/2026/concert.md": EVENT,
}

# case: (file under content/, its text, line, field, English message, French message)
CASES = {
    "unparseable YAML": (
        "events/2026/x.md",
        "---\ntitle: Concert: jazz\nstart: 2026-12-05 20:30\n---\n",
        2,
        "",
        "the fields cannot be read here (a ': ' that does not start a field); check the indentation, "
        "and put text containing ':' or '#' between quotes",
        "les champs ne peuvent pas être lus ici (un « : » qui ne commence pas un champ) ; vérifiez "
        "l'indentation, et mettez entre guillemets un texte contenant ':' ou '#'",
    ),
    "apostrophe inside ' quotes": (
        "events/2026/x.md",
        EVENT.replace("title: Concert", "title: 'L'heure du conte'"),
        2,
        "",
        "the fields cannot be read here (an apostrophe inside a text between ' quotes: put the text between \" "
        "quotes instead); check the indentation, and put text containing ':' or '#' between quotes",
        "les champs ne peuvent pas être lus ici (une apostrophe dans un texte entre guillemets ' : mettez plutôt "
        'le texte entre guillemets ") ; '
        "vérifiez l'indentation, et mettez entre guillemets un texte contenant ':' ou '#'",
    ),
    "web addresses in a [ ] list": (
        "playlists/bande-son/x.yaml",
        TRACK.replace("title: T", "title: U") + "links: [https://a.example.org/watch?v=x]\n",
        6,
        "",
        "the fields cannot be read here (web addresses in a [ ] list must be between quotes; or write one per line, "
        "starting with '- '); check the indentation, and put text containing ':' or '#' between quotes",
        "les champs ne peuvent pas être lus ici (des adresses web dans une liste [ ] doivent être entre guillemets ; "
        "ou écrivez-en une par ligne, commençant par « - ») ; vérifiez l'indentation, et mettez entre guillemets un "
        "texte contenant ':' ou '#'",
    ),
    "quote never closed": (
        "events/2026/x.md",
        EVENT.replace("title: Concert", 'title: "Concert au chapeau'),
        2,
        "",
        "the fields cannot be read here (a quote or a bracket is opened and never closed); check the indentation, "
        "and put text containing ':' or '#' between quotes",
        "les champs ne peuvent pas être lus ici (un guillemet ou un crochet est ouvert sans être fermé) ; vérifiez "
        "l'indentation, et mettez entre guillemets un texte contenant ':' ou '#'",
    ),
    "YAML indented with a tab": (
        "places/x.yaml",
        "name: Café\naddress:\n\tstreet: 1 rue B\n",
        3,
        "",
        "the fields cannot be read here (a tab: indent with spaces); check the indentation, "
        "and put text containing ':' or '#' between quotes",
        "les champs ne peuvent pas être lus ici (une tabulation : indentez avec des espaces) ; vérifiez "
        "l'indentation, et mettez entre guillemets un texte contenant ':' ou '#'",
    ),
    "text cut by a '#'": (
        "events/2026/x.md",
        EVENT.replace("title: Concert", "title: Concert #3 Les Cordes"),
        2,
        "title",
        "the text after '#' is dropped ('3 Les Cordes'), as '#' starts a comment; put the whole value between quotes",
        "le texte après '#' est perdu ('3 Les Cordes'), car '#' commence un commentaire ; mettez toute la valeur "
        "entre guillemets",
    ),
    "unknown field": (
        "events/2026/x.md",
        EVENT.replace("categories:", "categorie: concert\ncategories:"),
        5,
        "categorie",
        "unknown field; did you mean 'categories'?",
        "champ inconnu ; vouliez-vous dire 'categories' ?",
    ),
    "missing required field": (
        "events/2026/x.md",
        EVENT.replace("title: Concert\n", ""),
        2,
        "title",
        "this field is required; add a line 'title: ...'",
        "ce champ est obligatoire ; ajoutez une ligne 'title: ...'",
    ),
    "wrong type: a word for a number": (
        "playlists/bande-son/x.yaml",
        TRACK.replace("added_by", "year: nineteen\nadded_by"),
        3,
        "year",
        "expected a whole number, found 'nineteen'",
        "un nombre entier est attendu, trouvé 'nineteen'",
    ),
    "wrong type: fields for a text": (
        "events/2026/x.md",
        EVENT.replace("categories: [concert]", "categories: [concert]\nperformers:\n  - name: Zaz"),
        7,
        "performers",
        "expected text, found indented fields; write the text on the same line, between quotes if needed",
        "un texte est attendu, trouvé des champs indentés ; "
        "écrivez le texte sur la même ligne, entre guillemets si besoin",
    ),
    "wrong type: yes/no": (
        "playlists/autre/index.md",
        "---\ntitle: Autre\nopen: perhaps\n---\n",
        3,
        "open",
        "expected true or false, found 'perhaps'",
        "true ou false est attendu (true pour oui, false pour non), trouvé 'perhaps'",
    ),
    "consent that is not an explicit true": (
        "stories/memoires/x.md",
        STORY.replace("consent: true", "consent: yes"),
        4,
        "consent",
        "a story is published only once its teller has agreed; set 'consent: true' after asking them",
        "un récit n'est publié qu'avec l'accord de la personne qui le raconte ; mettez 'consent: true' "
        "après le lui avoir demandé",
    ),
    "consent forgotten": (
        "stories/memoires/x.md",
        STORY.replace("consent: true\n", ""),
        2,
        "consent",
        "a story is published only once its teller has agreed; set 'consent: true' after asking them",
        "un récit n'est publié qu'avec l'accord de la personne qui le raconte ; mettez 'consent: true' "
        "après le lui avoir demandé",
    ),
    "no category": (
        "events/2026/x.md",
        EVENT.replace("categories: [concert]", "categories: []"),
        5,
        "categories",
        "this list is empty; give at least one value",
        "cette liste est vide ; donnez au moins une valeur",
    ),
    "empty file": (
        "places/x.yaml",
        "\n",
        1,
        "",
        "the file is empty; copy the example of its kind from the contribute page and fill it in",
        "le fichier est vide ; copiez l'exemple de son type depuis la page « Contribuer » et complétez-le",
    ),
    "impossible date": (
        "events/2026/x.md",
        EVENT.replace("2026-12-05 20:30", "2026-02-30 20:30"),
        3,
        "start",
        "the date '2026-02-30 20:30' does not exist; check the day and the month (written year-month-day)",
        "la date '2026-02-30 20:30' n'existe pas ; vérifiez le jour et le mois (écrits année-mois-jour)",
    ),
    "impossible time": (
        "events/2026/x.md",
        EVENT.replace("2026-12-05 20:30", "2026-12-05 25:00"),
        3,
        "start",
        "the time in '2026-12-05 25:00' does not exist; hours go from 0 to 23 and minutes from 00 to 59",
        "l'heure dans '2026-12-05 25:00' n'existe pas ; les heures vont de 0 à 23 et les minutes de 00 à 59",
    ),
    "date in words": (
        "events/2026/x.md",
        EVENT.replace("2026-12-05 20:30", "5 décembre"),
        3,
        "start",
        "'5 décembre' is not a date and time; write it as 2026-12-05 20:30 (year-month-day hour:minute), "
        "or 2026-12-05 for a whole day",
        "'5 décembre' n'est pas une date et une heure ; écrivez-la 2026-12-05 20:30 (année-mois-jour "
        "heure:minute), ou 2026-12-05 pour toute la journée",
    ),
    "end before start": (
        "events/2026/x.md",
        EVENT.replace("start: 2026-12-05 20:30", "start: 2026-12-05 20:30\nend: 2026-12-05 18:00"),
        4,
        "end",
        "the end (2026-12-05 18:00) does not come after the start (2026-12-05 20:30); check the dates and times",
        "la fin (2026-12-05 18:00) ne vient pas après le début (2026-12-05 20:30) ; vérifiez les dates et les heures",
    ),
    "unknown place": (
        "events/2026/x.md",
        EVENT.replace("place: mediatheque", "place: mediateque"),
        4,
        "place",
        "there is no place 'mediateque' in content/places/; create content/places/mediateque.yaml, "
        "or give a name and address; did you mean 'mediatheque'?",
        "il n'y a pas de lieu 'mediateque' dans content/places/ ; créez content/places/mediateque.yaml, "
        "ou donnez un nom et une adresse ; vouliez-vous dire 'mediatheque' ?",
    ),
    "value outside a vocabulary": (
        "events/2026/x.md",
        EVENT.replace("[concert]", "[concer]"),
        5,
        "categories",
        "expected one of: concert, show, film, exhibition, reading, talk, workshop, walk, open-mic, games, "
        "market, festival, repair-cafe, party, radio — found: 'concer'; did you mean 'concert'?",
        "valeurs possibles : concert, show, film, exhibition, reading, talk, workshop, walk, open-mic, games, "
        "market, festival, repair-cafe, party, radio — trouvé : 'concer' ; vouliez-vous dire 'concert' ?",
    ),
    "a French label instead of its word": (
        "events/2026/x.md",
        EVENT.replace("categories:", "price: gratuit\ncategories:"),
        5,
        "price.kind",
        "expected one of: free, pay-what-you-can, hat, paid — found: 'gratuit'; did you mean 'free'?",
        "valeurs possibles : free, pay-what-you-can, hat, paid — trouvé : 'gratuit' ; vouliez-vous dire 'free' ?",
    ),
    "an accented label for a status": (
        "events/2026/x.md",
        EVENT.replace("categories:", "status: annulé\ncategories:"),
        5,
        "status",
        "expected one of: scheduled, cancelled, postponed, rescheduled, moved-online, full — found: 'annulé'; "
        "did you mean 'cancelled'?",
        "valeurs possibles : scheduled, cancelled, postponed, rescheduled, moved-online, full — trouvé : 'annulé' ; "
        "vouliez-vous dire 'cancelled' ?",
    ),
    "a place given by its name": (
        "events/2026/x.md",
        EVENT.replace("place: mediatheque", "place: Médiathèque"),
        4,
        "place",
        "there is no place 'Médiathèque' in content/places/; create content/places/Médiathèque.yaml, "
        "or give a name and address; did you mean 'mediatheque'?",
        "il n'y a pas de lieu 'Médiathèque' dans content/places/ ; créez content/places/Médiathèque.yaml, "
        "ou donnez un nom et une adresse ; vouliez-vous dire 'mediatheque' ?",
    ),
    "image without alt text": (
        "events/2026/x.md",
        EVENT.replace("categories:", "image: images/poster.jpg\ncategories:"),
        5,
        "image.alt",
        "a picture needs its alternative text: add 'alt:' with one sentence saying what it shows, "
        "for people who cannot see it",
        "une image doit avoir son texte alternatif : ajoutez 'alt:' avec une phrase qui dit ce qu'elle montre, "
        "pour les personnes qui ne la voient pas",
    ),
    "story with audio but no transcript": (
        "stories/memoires/x.md",
        STORY.replace("consent:", "audio: https://radio.example.org/bal.mp3\nconsent:"),
        4,
        "transcript",
        "a story with a recording needs its transcript (everything said, written out) for people who "
        "cannot hear it; add 'transcript:'",
        "un récit enregistré doit avoir sa transcription (tout ce qui est dit, écrit) pour les personnes "
        "qui ne l'entendent pas ; ajoutez 'transcript:'",
    ),
    "story without consent": (
        "stories/memoires/x.md",
        STORY.replace("consent: true", "consent: false"),
        4,
        "consent",
        "a story is published only once its teller has agreed; set 'consent: true' after asking them",
        "un récit n'est publié qu'avec l'accord de la personne qui le raconte ; mettez 'consent: true' "
        "après le lui avoir demandé",
    ),
    "link that is not http(s)": (
        "events/2026/x.md",
        EVENT.replace("categories:", "online: javascript:alert(1)\ncategories:"),
        5,
        "online",
        "'javascript:alert(1)' is not a web link; it must start with https:// (or http://)",
        "'javascript:alert(1)' n'est pas un lien web ; il doit commencer par https:// (ou http://)",
    ),
    "link that is not http(s) nor mailto": (
        "events/2026/x.md",
        EVENT.replace("categories:", "organizer:\n  name: Asso\n  url: ftp://asso.example.org\ncategories:"),
        7,
        "organizer.url",
        "'ftp://asso.example.org' is not a link kiosque accepts; it must start with https://, http:// or mailto:",
        "'ftp://asso.example.org' n'est pas un lien accepté ; il doit commencer par https://, http:// ou mailto:",
    ),
    "file over 1 MB": (
        "events/2026/x.md",
        EVENT + "x" * 1_000_001,
        1,
        "",
        "the file weighs 1001 KB, more than the 1000 KB allowed; put pictures and recordings in their own files",
        "le fichier pèse 1001 Ko, plus que les 1000 Ko permis ; "
        "mettez images et enregistrements dans des fichiers à part",
    ),
    "not UTF-8": (
        "events/2026/x.md",
        EVENT.replace("Un concert.", "Un café.").encode("latin-1"),
        7,
        "",
        "the file is not saved as UTF-8 text; open it in a text editor and save it again choosing the UTF-8 encoding",
        "le fichier n'est pas enregistré en texte UTF-8 ; ouvrez-le dans un éditeur de texte et réenregistrez-le "
        "en choisissant l'encodage UTF-8",
    ),
    "no front matter": (
        "events/2026/x.md",
        "title: Concert\n",
        1,
        "",
        "the file must start with a line '---', then the fields, then another '---' line, then the description",
        "le fichier doit commencer par une ligne '---', puis les champs, puis une autre ligne '---', "
        "puis la description",
    ),
    "track outside any playlist": (
        "playlists/nowhere/x.yaml",
        TRACK,
        1,
        "",
        "this track's folder has no playlist: add content/playlists/nowhere/index.md, or move the track to an "
        "existing playlist",
        "le dossier de ce morceau n'a pas de playlist : ajoutez content/playlists/nowhere/index.md, ou déplacez "
        "le morceau dans une playlist existante",
    ),
    "translation of nothing": (
        "stories/memoires/x.md",
        STORY.replace("consent:", "language: en\ntranslation_of: le-bals\nconsent:"),
        5,
        "translation_of",
        "there is no story 'le-bals' to translate; give the file name (without .md) of the original; "
        "did you mean 'le-bal'?",
        "il n'y a pas de récit 'le-bals' à traduire ; donnez le nom du fichier original (sans .md) ; "
        "vouliez-vous dire 'le-bal' ?",
    ),
    "translation in the same language": (
        "stories/memoires/x.md",
        STORY.replace("consent:", "translation_of: le-bal\nconsent:"),
        4,
        "translation_of",
        "a translation must be in another language than its original ('le-bal' is also in en); set 'language'",
        "une traduction doit être dans une autre langue que l'original ('le-bal' est aussi en fr) ; "
        "précisez 'language'",
    ),
    "story in a language its collection does not list": (
        "stories/contes/x.md",
        STORY.replace("consent:", "language: es\nconsent:"),
        4,
        "language",
        "this story is told in 'es', which its collection does not list (fr, en); add 'es' to 'languages' in "
        "content/stories/contes/index.md, or correct 'language'",
        "ce récit est raconté en 'es', langue que sa collection ne cite pas (fr, en) ; ajoutez 'es' à 'languages' "
        "dans content/stories/contes/index.md, ou corrigez 'language'",
    ),
    "exception that is not an occurrence": (
        "events/2026/x.md",
        EVENT.replace("2026-12-05 20:30", "2026-12-02 20:30").replace(
            "categories:",
            (
                "recurrence:\n  frequency: weekly\n  weekdays: [wednesday]\n  until: 2027-01-31\n"
                "except:\n  - 2026-12-09\n  - 2026-12-10\ncategories:"
            ),
        ),
        11,
        "except",
        "by its rule the event does not take place on 2026-12-10, so there is nothing to cancel that day; "
        "check the date (year-month-day) or the rule",
        "d'après sa règle, l'événement n'a pas lieu le 2026-12-10 : il n'y a rien à annuler ce jour-là ; "
        "vérifiez la date (année-mois-jour) ou la règle",
    ),
    **{
        f"one date of a series: {name}": (
            "events/2026/x.md",
            SERIES.replace("categories:", items + "categories:"),
            line,
            field,
            english,
            french,
        )
        for name, (items, line, field, english, french) in {
            "not a date of the series": (
                "  - date: 2026-12-10\n    status: cancelled\n",
                13,
                "occurrences.date",
                "the event does not take place on 2026-12-10 (neither by its rule nor as an extra date), so that date "
                "cannot change; write a date of the series (year-month-day)",
                "l'événement n'a pas lieu le 2026-12-10 (ni par sa règle, ni comme date en plus) : cette date ne peut "
                "pas changer ; écrivez une date de la série (année-mois-jour)",
            ),
            "an excepted date": (
                "  - date: 2026-12-23\n    status: cancelled\n",
                13,
                "occurrences.date",
                "2026-12-23 is in 'except': the event does not take place that day; remove it from 'except' to change "
                "that date, or remove this change",
                "le 2026-12-23 est dans 'except' : l'événement n'a pas lieu ce jour-là ; retirez-le de 'except' pour "
                "modifier cette date, ou retirez ce changement",
            ),
            "the same date twice": (
                "  - date: 2026-12-09\n    note: Salle B.\n",
                13,
                "occurrences.date",
                "2026-12-09 is changed twice in 'occurrences'; write all the changes of that date in one item",
                "le 2026-12-09 est modifié deux fois dans 'occurrences' ; écrivez tous les changements de cette date "
                "dans un seul élément",
            ),
            "a change of nothing": (
                "  - date: 2026-12-16\n",
                13,
                "occurrences",
                "the item for 2026-12-16 changes nothing; give its status (e.g. cancelled), a new start, an end, a "
                "place or a note, or remove it",
                "l'élément du 2026-12-16 ne change rien ; donnez son statut (par exemple cancelled), un nouveau début, "
                "une fin, un lieu ou une note, ou retirez-le",
            ),
            "a new start without its time": (
                "  - date: 2026-12-16\n    start: 2026-12-17\n",
                14,
                "occurrences.start",
                "the new start or end of 2026-12-16 must be written like the event's start: with a time "
                "(2027-01-21 18:00) for an event with a time, a date only (2027-01-21) for a whole-day event",
                "le nouveau début ou la nouvelle fin du 2026-12-16 s'écrit comme le début de l'événement : avec une "
                "heure (2027-01-21 18:00) pour un événement à heure fixe, une date seule (2027-01-21) pour un "
                "événement sur la journée",
            ),
            "a place that does not exist": (
                "  - date: 2026-12-16\n    place: mediateque\n",
                14,
                "occurrences.place",
                "there is no place 'mediateque' in content/places/; create content/places/mediateque.yaml, "
                "or give a name and address; did you mean 'mediatheque'?",
                "il n'y a pas de lieu 'mediateque' dans content/places/ ; créez content/places/mediateque.yaml, "
                "ou donnez un nom et une adresse ; vouliez-vous dire 'mediatheque' ?",
            ),
            "an end before its new start": (
                "  - date: 2026-12-16\n    start: 2026-12-17 20:30\n    end: 2026-12-17 19:00\n",
                15,
                "occurrences.end",
                "the end (2026-12-17 19:00) does not come after the start (2026-12-17 20:30); check the dates and "
                "times",
                "la fin (2026-12-17 19:00) ne vient pas après le début (2026-12-17 20:30) ; vérifiez les dates et "
                "les heures",
            ),
        }.items()
    },
    "one date of an event that does not repeat": (
        "events/2026/x.md",
        EVENT.replace("categories:", "occurrences:\n  - date: 2026-12-05\n    status: cancelled\ncategories:"),
        5,
        "occurrences",
        "'occurrences' changes single dates of a repeating event, and this event does not repeat; change its own "
        "start, status or place instead",
        "'occurrences' modifie des dates d'un événement qui se répète, et cet événement ne se répète pas ; modifiez "
        "plutôt son début, son statut ou son lieu",
    ),
    "repetition ending before the start": (
        "events/2026/x.md",
        EVENT.replace("categories:", "recurrence:\n  frequency: weekly\n  until: 2026-11-30\ncategories:"),
        7,
        "recurrence.until",
        "the repetition ends (2026-11-30) before the event starts; check 'until' and 'start'",
        "la répétition s'arrête (2026-11-30) avant le début de l'événement ; vérifiez 'until' et 'start'",
    ),
    "expert rule ending before the start": (
        "events/2026/x.md",
        EVENT.replace("categories:", "rrule: FREQ=WEEKLY;UNTIL=20261101\ncategories:"),
        5,
        "rrule",
        "this rule gives no date at all after the start; check its last date or its count",
        "cette règle ne donne aucune date après le début ; vérifiez sa dernière date ou son nombre de fois",
    ),
    "a rule repeating within the day": (
        "events/2026/x.md",
        EVENT.replace("categories:", "rrule: FREQ=MINUTELY\ncategories:"),
        5,
        "rrule",
        "'FREQ=MINUTELY' repeats more often than once a day; an agenda lists days: use FREQ=DAILY, WEEKLY, MONTHLY "
        "or YEARLY",
        "'FREQ=MINUTELY' se répète plus d'une fois par jour ; un agenda liste des jours : utilisez FREQ=DAILY, "
        "WEEKLY, MONTHLY ou YEARLY",
    ),
    "an inline place without its address": (
        "events/2026/x.md",
        EVENT.replace("place: mediatheque", "place: {name: Chez Nous}"),
        4,
        "place",
        "give a place's slug (place: mediatheque), or its name and its address (street and city)",
        "donnez l'identifiant d'un lieu (place: mediatheque), ou son nom et son adresse (rue et ville)",
    ),
    "expert rule that is not a rule": (
        "events/2026/x.md",
        EVENT.replace("categories:", "rrule: FREQ=SOMETIMES\ncategories:"),
        5,
        "rrule",
        "'FREQ=SOMETIMES' is not a valid iCalendar RRULE (e.g. FREQ=WEEKLY;BYDAY=WE;UNTIL=20270630); "
        "or use the simpler 'recurrence' field",
        "'FREQ=SOMETIMES' n'est pas une RRULE iCalendar valide (par exemple FREQ=WEEKLY;BYDAY=WE;UNTIL=20270630) ; "
        "ou utilisez le champ plus simple 'recurrence'",
    ),
    "the same song twice in a playlist": (
        "playlists/bande-son/u.yaml",
        TRACK.replace("title: T", "title: t ").replace("artist: A", "artist: À"),
        1,
        "title",
        "this song is already in the playlist (content/playlists/bande-son/t.yaml); choose another one, or add your "
        "note to that file",
        "ce morceau est déjà dans la playlist (content/playlists/bande-son/t.yaml) ; choisissez-en un autre, ou "
        "ajoutez votre mot dans ce fichier",
    ),
    "track added to a closed playlist": (
        "playlists/fermee/x.yaml",
        TRACK.replace("2026-11-02", "2026-11-20"),
        4,
        "added",
        "the playlist 'fermee' is closed to new tracks; choose an open playlist (see the playlists page)",
        "la playlist 'fermee' n'accepte plus de morceaux ; "
        "choisissez une playlist ouverte (voir la page des playlists)",
    ),
    "closed playlist without its closing day": (
        "playlists/autre/index.md",
        "---\ntitle: Autre\nopen: false\n---\nFini.\n",
        3,
        "closed_since",
        "a closed playlist needs the day it closed, so that its tracks stay and new ones are refused; add "
        "'closed_since: 2026-06-30'",
        "une playlist fermée doit dire le jour de sa fermeture, pour garder ses morceaux et refuser les nouveaux ; "
        "ajoutez 'closed_since: 2026-06-30'",
    ),
    "two files with one name": (
        "events/2027/concert.md",
        EVENT,
        2,
        "",
        "another file has the same name: content/events/2026/concert.md; rename one of them",
        "un autre fichier porte le même nom : content/events/2026/concert.md ; renommez l'un des deux",
    ),
    "field written twice": (
        "events/2026/x.md",
        EVENT.replace("categories:", "title: Encore\ncategories:"),
        5,
        "title",
        "this field is written twice (lines 2 and 5); keep only one",
        "ce champ est écrit deux fois (lignes 2 et 5) ; n'en gardez qu'un",
    ),
    "YAML alias": (
        "events/2026/x.md",
        EVENT.replace("categories: [concert]", "categories: &c [concert]\ntags: *c"),
        6,
        "",
        "anchors and aliases (&name, *name) are not accepted; write the value out in full",
        "les ancres et alias (&nom, *nom) ne sont pas acceptés ; écrivez la valeur en entier",
    ),
    "picture file missing": (
        "events/2026/x.md",
        EVENT.replace("categories:", "image:\n  src: images/nope.jpg\n  alt: Une affiche\ncategories:"),
        6,
        "image.src",
        "there is no file content/images/nope.jpg; add the file, or correct the path",
        "le fichier content/images/nope.jpg n'existe pas ; ajoutez le fichier, ou corrigez le chemin",
    ),
    "file name that is not an address": (
        "events/2026/Mon Concert Été.md",
        EVENT,
        1,
        "",
        "the name 'Mon Concert Été' becomes part of a web address: rename it 'mon-concert-ete' (lowercase letters "
        "without accents, digits and dashes)",
        "le nom 'Mon Concert Été' fait partie d'une adresse web : renommez-le 'mon-concert-ete' (minuscules sans "
        "accent, chiffres et tirets)",
    ),
    "file in a misspelt folder": (
        "event/2026/x.md",
        EVENT,
        1,
        "",
        "this file is outside the contribution folders, so it is not published; move it to content/events/YEAR/, "
        "content/places/, content/playlists/NAME/ or content/stories/NAME/; did you mean 'events'?",
        "ce fichier est hors des dossiers de contributions, il n'est donc pas publié ; déplacez-le dans "
        "content/events/ANNÉE/, content/places/, content/playlists/NOM/ ou content/stories/NOM/ ; "
        "vouliez-vous dire 'events' ?",
    ),
    "picture beside the event instead of in images/": (
        "events/2026/x.md",
        EVENT.replace("categories:", "image:\n  src: events/2026/affiche.jpg\n  alt: Une affiche\ncategories:"),
        6,
        "image.src",
        "pictures and recordings go in content/images/, content/media/: 'events/2026/affiche.jpg' is not published "
        "from there; move the file and correct the path",
        "images et enregistrements vont dans content/images/, content/media/ : 'events/2026/affiche.jpg' n'est pas "
        "publié depuis là ; déplacez le fichier et corrigez le chemin",
    ),
    "picture from another site": (
        "events/2026/x.md",
        EVENT.replace(
            "categories:", "image:\n  src: https://tracker.example.com/p.gif\n  alt: Une affiche\ncategories:"
        ),
        6,
        "image.src",
        "a picture must be a file of the site (images/...), not a web address: loading it from another site would "
        "let that site follow readers; download it into content/images/",
        "une image doit être un fichier du site (images/...), pas une adresse web : la charger depuis un autre site "
        "permettrait à ce site de suivre les lecteurs ; téléchargez-la dans content/images/",
    ),
    "a description built to stall the build": (
        "events/2026/x.md",
        EVENT + "[" * 10_000,
        7,
        "",
        "the description holds 10000 '[' (at most 500): in Markdown '[' starts a link; remove the extra ones",
        "la description contient 10000 '[' (au plus 500) : en Markdown '[' commence un lien ; retirez ceux en trop",
    ),
    "misplaced file": (
        "events/2026/x.txt",
        "hello",
        1,
        "",
        "kiosque does not know what to do with this file; an event is a .md file in content/events/YEAR/",
        "kiosque ne sait pas quoi faire de ce fichier ; un événement est un fichier .md dans content/events/ANNÉE/",
    ),
}


def write(root, files):
    for relative, text in files.items():
        path = root / "content" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("case", list(CASES))
def test_each_mistake_is_one_located_plain_sentence(tmp_path, case, language):
    relative, text, line, field, english, french = CASES[case]
    write(tmp_path, {**VALID, relative: text})

    result = harvest(Site(content=tmp_path / "content", language=language), shown_root=tmp_path)

    assert [(p.path, p.line, p.field, p.message) for p in result.problems] == [
        (f"content/{relative}", line, field, english if language == "en" else french)
    ]
    # nothing else is lost: every other file is still there, typed
    kept = {item.path for item in result.contributions}
    assert kept == {f"content/{name}" for name in VALID}


def test_valid_site_has_no_problem(tmp_path):
    write(tmp_path, VALID)
    result = harvest(Site(content=tmp_path / "content", language="en"), shown_root=tmp_path)
    assert result.problems == []
    assert result.checked == len(VALID)


def test_all_problems_of_a_file_are_listed_at_once(tmp_path):
    broken = EVENT.replace("[concert]", "[concer]").replace("2026-12-05 20:30", "2026-13-05 20:30")
    write(tmp_path, {**VALID, "events/2026/x.md": broken.replace("title: Concert", "titre: Concert")})
    result = harvest(Site(content=tmp_path / "content", language="en"), shown_root=tmp_path)
    assert [(p.line, p.field) for p in result.problems] == [(2, "title"), (2, "titre"), (3, "start"), (5, "categories")]


def test_a_broken_playlist_reports_its_tracks_instead_of_dropping_them_silently(tmp_path):
    write(tmp_path, {**VALID, "playlists/bande-son/index.md": "---\ntitle: Bande-son\nopen: perhaps\n---\n"})
    result = harvest(Site(content=tmp_path / "content", language="en"), shown_root=tmp_path)
    assert [(p.path, p.field) for p in result.problems] == [
        ("content/playlists/bande-son/index.md", "open"),
        ("content/playlists/bande-son/t.yaml", ""),
    ]
    assert result.problems[1].message.startswith("the playlist 'bande-son' has problems of its own")


@pytest.mark.parametrize(
    "text",
    [
        b"\x00\x01\x02",
        b"---\n- just\n- a list\n---\n",
        b"---\n!!python/object:os.system\n---\n",
        b"---\ntitle: [unclosed\n---\n",
        b"---\n" + b"a: [" * 5000 + b"\n---\n",
        "---\ntitle: 😀\u202e\n---\n".encode(),
        EVENT.replace("categories:", "timezone: Europe\ncategories:").encode(),
        EVENT.replace("categories:", "duration: 99999999999h\ncategories:").encode(),
        EVENT.replace("categories:", "duration: PT99999999999999H\ncategories:").encode(),
        EVENT.replace("categories:", "rrule: FREQ=DAILY;BYSECOND=99999999999999999999\ncategories:").encode(),
        EVENT.replace("title: Concert", "title: 0x" + "f" * 3600).encode(),
        EVENT.replace("categories: [concert]", "categories: 0x" + "f" * 3600).encode(),
        b"",
        b"---\n",
        b"---\n---\n",
        b"\n\n",
        b"---\n~: x\n---\n",
    ],
)
def test_no_content_whatsoever_escapes_as_a_traceback(tmp_path, text):
    write(tmp_path, {**VALID, "events/2026/x.md": text})
    result = harvest(Site(content=tmp_path / "content", language="en"), shown_root=tmp_path)
    assert {p.path for p in result.problems} == {"content/events/2026/x.md"}
    for problem in result.problems:
        assert "Error" not in problem.message and "Traceback" not in problem.message


@pytest.mark.parametrize("duration, hours", [("2h", 2), ("1h30", 1.5), ("90 min", 1.5), ("1:30", 1.5), ("PT2H", 2)])
def test_event_durations_as_people_write_them(tmp_path, duration, hours):
    write(tmp_path, {**VALID, "events/2026/x.md": EVENT.replace("categories:", f"duration: '{duration}'\ncategories:")})
    result = harvest(Site(content=tmp_path / "content", language="en"), shown_root=tmp_path)
    event = next(item for item in result.contributions if item.slug == "x")
    assert event.data.duration.total_seconds() == hours * 3600


def test_a_link_to_nowhere_is_reported_not_a_crash(tmp_path):
    write(tmp_path, VALID)
    (tmp_path / "content/events/2026/lien.md").symlink_to(tmp_path / "nowhere.md")
    result = harvest(Site(content=tmp_path / "content", language="en"), shown_root=tmp_path)
    assert [(p.path, p.message) for p in result.problems] == [
        (
            "content/events/2026/lien.md",
            "this file is a link (symlink) to another file: kiosque never follows links, so it is neither read nor "
            "published; replace the link by the file itself",
        )
    ]


def test_what_french_writers_naturally_write_is_understood(tmp_path):
    write(
        tmp_path,
        {
            **VALID,
            "events/2026/a.md": EVENT.replace("categories: [concert]", "categories: concert, show\nprice: 5,50"),
            "events/2026/b.md": EVENT.replace(
                "categories:", "price:\n  kind: paid\n  amounts:\n    - amount: 12,5\ncategories:"
            ),
        },
    )
    result = harvest(Site(content=tmp_path / "content", language="fr"), shown_root=tmp_path)
    assert result.problems == []
    events = {item.slug: item.data for item in result.contributions if item.kind.name == "event"}
    assert events["a"].categories == ["concert", "show"]
    assert (events["a"].price.kind, str(events["a"].price.amounts[0].amount)) == ("paid", "5.5")
    assert str(events["b"].price.amounts[0].amount) == "12.5"


def test_what_publishing_removes_is_a_note_and_the_file_is_kept(tmp_path):
    body = (
        'Venez !\n<script>alert(1)</script>\n<img src="x" onerror="alert(2)">\n\n![affiche](https://a.example/p.png)\n'
    )
    write(tmp_path, {**VALID, "events/2026/x.md": EVENT.replace("Un concert.\n", body)})
    result = harvest(Site(content=tmp_path / "content", language="en"), shown_root=tmp_path)
    assert result.problems == []
    assert "content/events/2026/x.md" in {item.path for item in result.contributions}
    assert [(n.line, n.message.split("holds ")[1].split(", which")[0]) for n in result.notes] == [
        (8, "a script (<script>)"),
        (9, "a picture (<img>)"),
        (9, "an HTML event attribute (on...=)"),
        (11, "a picture written ![...](...)"),
    ]
    assert result.notes[0].message == (
        "note: the description holds a script (<script>), which is removed when the page is published; "
        "put a picture in 'image' and a video as a plain link"
    )


def test_an_inline_place_that_is_a_known_place_gets_a_note(tmp_path):
    inline = EVENT.replace(
        "place: mediatheque", "place:\n  name: Mediatheque\n  address: {street: 9 rue Z, city: Lyon}"
    )
    write(tmp_path, {**VALID, "events/2026/x.md": inline})
    result = harvest(Site(content=tmp_path / "content", language="en"), shown_root=tmp_path)
    assert result.problems == []
    assert [(n.path, n.line, n.field, n.message) for n in result.notes] == [
        (
            "content/events/2026/x.md",
            4,
            "place",
            "note: 'Mediatheque' looks like the place content/places/mediatheque.yaml; write 'place: mediatheque' to "
            "link the event to its page and map",
        )
    ]


@pytest.mark.usefixtures("speed_machinery")  # a test of the speed machinery: on in both runs of make test
def test_the_known_place_note_is_kept_between_checks_and_follows_the_places(tmp_path, monkeypatch):
    import contributions.checking.crossref as crossref
    from contributions import contributions_store

    compared = []
    original = crossref._known_place
    monkeypatch.setattr(crossref, "_known_place", lambda *args: compared.append(args[0]) or original(*args))
    inline = EVENT.replace(
        "place: mediatheque", "place:\n  name: Mediatheque\n  address: {street: 9 rue Z, city: Lyon}"
    )
    write(tmp_path, {**VALID, "events/2026/x.md": inline})
    settings = {"CACHE_PATH": str(tmp_path / "cache"), "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}

    def check():
        site = Site(content=tmp_path / "content", language="en")
        store = contributions_store(settings, site)
        result = harvest(site, shown_root=tmp_path, store=store)
        store.save()
        return [(n.path, n.field, n.message.split(";")[0]) for n in result.notes]

    note = [
        (
            "content/events/2026/x.md",
            "place",
            "note: 'Mediatheque' looks like the place content/places/mediatheque.yaml",
        )
    ]
    assert check() == note and compared == ["Mediatheque"]
    compared.clear()
    assert check() == note and compared == []  # the same files: the comparison is not made again
    renamed = "name: Salle des fêtes\naddress:\n  street: 1 rue A\n  city: Lyon\n"
    (tmp_path / "content/places/mediatheque.yaml").write_text(renamed, encoding="utf-8")
    assert check() == [] and compared == ["Mediatheque"]  # a place changed: compared again, no longer alike


def test_a_note_is_given_once_when_other_files_are_checked_again(tmp_path):
    """A file pointing to an unknown place makes the checks between files run a second time."""
    inline = EVENT.replace(
        "place: mediatheque", "place:\n  name: Mediatheque\n  address: {street: 9 rue Z, city: Lyon}"
    )
    write(
        tmp_path,
        {
            **VALID,
            "events/2026/x.md": inline,
            "events/2026/y.md": EVENT.replace("place: mediatheque", "place: nowhere"),
        },
    )
    result = harvest(Site(content=tmp_path / "content", language="en"), shown_root=tmp_path)
    assert [p.path for p in result.problems] == ["content/events/2026/y.md"]
    assert [(n.path, n.field) for n in result.notes] == [("content/events/2026/x.md", "place")]
