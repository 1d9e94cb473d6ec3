"""Every sentence a contributor may read, in English and French.

Messages say what was expected, what was found and how to fix it, in plain words: no type names,
no tracebacks. `{placeholders}` are filled from the error's context.
"""

from __future__ import annotations

import difflib
import unicodedata
from typing import Any

MESSAGES: dict[str, dict[str, str]] = {
    # the file itself
    "file_too_large": {
        "en": "the file weighs {size_kb} KB, more than the {limit_kb} KB allowed; put pictures and recordings in their own files",
        "fr": "le fichier pèse {size_kb} Ko, plus que les {limit_kb} Ko permis ; mettez images et enregistrements dans des fichiers à part",
    },
    "not_utf8": {
        "en": "the file is not saved as UTF-8 text; open it in a text editor and save it again choosing the UTF-8 encoding",
        "fr": "le fichier n'est pas enregistré en texte UTF-8 ; ouvrez-le dans un éditeur de texte et réenregistrez-le en choisissant l'encodage UTF-8",
    },
    "file_empty": {
        "en": "the file is empty; copy the example of its kind from the contribute page and fill it in",
        "fr": "le fichier est vide ; copiez l'exemple de son type depuis la page « Contribuer » et complétez-le",
    },
    "front_matter_missing": {
        "en": "the file must start with a line '---', then the fields, then another '---' line, then the description",
        "fr": "le fichier doit commencer par une ligne '---', puis les champs, puis une autre ligne '---', puis la description",
    },
    "front_matter_unclosed": {
        "en": "the block of fields opened by '---' on line 1 is never closed; add a line '---' after the last field",
        "fr": "le bloc de champs ouvert par '---' à la ligne 1 n'est jamais fermé ; ajoutez une ligne '---' après le dernier champ",
    },
    "yaml_syntax": {
        "en": "the fields cannot be read here{problem}; check the indentation, and put text containing ':' or '#' between quotes",
        "fr": "les champs ne peuvent pas être lus ici{problem} ; vérifiez l'indentation, et mettez entre guillemets un texte contenant ':' ou '#'",
    },
    "yaml_problem_colon": {"en": " (a ': ' that does not start a field)", "fr": " (un « : » qui ne commence pas un champ)"},
    "yaml_problem_tab": {"en": " (a tab: indent with spaces)", "fr": " (une tabulation : indentez avec des espaces)"},
    "yaml_problem_indent": {
        "en": " (the indentation does not match the lines above)",
        "fr": " (l'indentation ne correspond pas aux lignes du dessus)",
    },
    "yaml_problem_unclosed": {
        "en": " (a quote or a bracket is opened and never closed)",
        "fr": " (un guillemet ou un crochet est ouvert sans être fermé)",
    },
    "yaml_problem_nesting": {
        "en": " (too many levels of brackets or indentation)",
        "fr": " (trop de niveaux de crochets ou d'indentation)",
    },
    "yaml_problem_quote_single": {
        "en": " (an apostrophe inside a text between ' quotes: put the text between \" quotes instead)",
        "fr": " (une apostrophe dans un texte entre guillemets ' : mettez plutôt le texte entre guillemets \")",
    },
    "yaml_problem_quote_double": {
        "en": " (a \" inside a text between \" quotes: put the text between ' quotes instead)",
        "fr": " (un \" dans un texte entre guillemets \" : mettez plutôt le texte entre guillemets ')",
    },
    "yaml_problem_tag": {
        "en": " (a '!' that starts a YAML tag)",
        "fr": " (un « ! » qui commence une étiquette YAML)",
    },
    "yaml_alias": {
        "en": "anchors and aliases (&name, *name) are not accepted; write the value out in full",
        "fr": "les ancres et alias (&nom, *nom) ne sont pas acceptés ; écrivez la valeur en entier",
    },
    "not_a_mapping": {
        "en": "expected fields written as 'name: value', one per line",
        "fr": "les champs doivent être écrits sous la forme 'nom: valeur', un par ligne",
    },
    "duplicate_field": {
        "en": "this field is written twice (lines {first} and {second}); keep only one",
        "fr": "ce champ est écrit deux fois (lignes {first} et {second}) ; n'en gardez qu'un",
    },
    "comment_cut": {
        "en": "the text after '#' is dropped ('{dropped}'), as '#' starts a comment; put the whole value between quotes",
        "fr": "le texte après '#' est perdu ('{dropped}'), car '#' commence un commentaire ; mettez toute la valeur entre guillemets",
    },
    "file_name": {
        "en": "the name '{found}' becomes part of a web address: rename it '{suggestion}' (lowercase letters without accents, digits and dashes)",
        "fr": "le nom '{found}' fait partie d'une adresse web : renommez-le '{suggestion}' (minuscules sans accent, chiffres et tirets)",
    },
    "misplaced": {
        "en": "this file is outside the contribution folders, so it is not published; move it to content/events/YEAR/, content/places/, content/playlists/NAME/ or content/stories/NAME/{suggestion}",
        "fr": "ce fichier est hors des dossiers de contributions, il n'est donc pas publié ; déplacez-le dans content/events/ANNÉE/, content/places/, content/playlists/NOM/ ou content/stories/NOM/{suggestion}",
    },
    "media_outside": {
        "en": "pictures and recordings go in content/{folders}: '{found}' is not published from there; move the file and correct the path",
        "fr": "images et enregistrements vont dans content/{folders} : '{found}' n'est pas publié depuis là ; déplacez le fichier et corrigez le chemin",
    },
    "image_remote": {
        "en": "a picture must be a file of the site (images/...), not a web address: loading it from another site would let that site follow readers; download it into content/images/",
        "fr": "une image doit être un fichier du site (images/...), pas une adresse web : la charger depuis un autre site permettrait à ce site de suivre les lecteurs ; téléchargez-la dans content/images/",
    },
    "file_unexpected": {
        "en": "kiosque does not know what to do with this file; {expected}",
        "fr": "kiosque ne sait pas quoi faire de ce fichier ; {expected}",
    },
    "file_unreadable": {
        "en": "this file cannot be read (a link to a missing file, or no permission to read it); replace it with a plain text file",
        "fr": "ce fichier ne peut pas être lu (un lien vers un fichier absent, ou pas le droit de le lire) ; remplacez-le par un simple fichier texte",
    },
    "file_not_found": {
        "en": "there is no such file; check the path",
        "fr": "ce fichier n'existe pas ; vérifiez le chemin",
    },
    "not_a_contribution": {
        "en": "this file is not a contribution: contributions live in content/events, content/places, content/playlists and content/stories",
        "fr": "ce fichier n'est pas une contribution : les contributions sont dans content/events, content/places, content/playlists et content/stories",
    },
    "expected_event_file": {
        "en": "an event is a .md file in content/events/YEAR/",
        "fr": "un événement est un fichier .md dans content/events/ANNÉE/",
    },
    "expected_place_file": {
        "en": "a place is a .yaml file in content/places/",
        "fr": "un lieu est un fichier .yaml dans content/places/",
    },
    "expected_playlist_file": {
        "en": "a playlist is a folder content/playlists/NAME/ with an index.md and one .yaml file per track",
        "fr": "une playlist est un dossier content/playlists/NOM/ avec un index.md et un fichier .yaml par morceau",
    },
    "expected_story_file": {
        "en": "a story collection is a folder content/stories/NAME/ with an index.md and one .md file per story",
        "fr": "une collection de récits est un dossier content/stories/NOM/ avec un index.md et un fichier .md par récit",
    },
    # fields, in general
    "missing": {
        "en": "this field is required; add a line '{name}: ...'",
        "fr": "ce champ est obligatoire ; ajoutez une ligne '{name}: ...'",
    },
    "alt_missing": {
        "en": "a picture needs its alternative text: add 'alt:' with one sentence saying what it shows, for people who cannot see it",
        "fr": "une image doit avoir son texte alternatif : ajoutez 'alt:' avec une phrase qui dit ce qu'elle montre, pour les personnes qui ne la voient pas",
    },
    "unknown_field_suggest": {
        "en": "unknown field; did you mean '{suggestion}'?",
        "fr": "champ inconnu ; vouliez-vous dire '{suggestion}' ?",
    },
    "unknown_field": {
        "en": "unknown field; the fields allowed here are: {allowed}",
        "fr": "champ inconnu ; les champs possibles ici sont : {allowed}",
    },
    "vocabulary": {
        "en": "expected one of: {allowed} — found: '{found}'{suggestion}",
        "fr": "valeurs possibles : {allowed} — trouvé : '{found}'{suggestion}",
    },
    "did_you_mean": {"en": "; did you mean '{suggestion}'?", "fr": " ; vouliez-vous dire '{suggestion}' ?"},
    "expected_text": {
        "en": "expected text, found {found}; write the text on the same line, between quotes if needed",
        "fr": "un texte est attendu, trouvé {found} ; écrivez le texte sur la même ligne, entre guillemets si besoin",
    },
    "expected_list": {
        "en": "expected a list, written [first, second] or one '- item' per line, found {found}",
        "fr": "une liste est attendue, écrite [premier, second] ou un '- élément' par ligne, trouvé {found}",
    },
    "expected_fields": {
        "en": "expected fields indented below this one (name: value), found {found}",
        "fr": "des champs indentés sous celui-ci (nom: valeur) sont attendus, trouvé {found}",
    },
    "expected_bool": {
        "en": "expected true or false, found {found}",
        "fr": "true ou false est attendu (true pour oui, false pour non), trouvé {found}",
    },
    "expected_integer": {
        "en": "expected a whole number, found {found}",
        "fr": "un nombre entier est attendu, trouvé {found}",
    },
    "expected_number": {
        "en": "expected a number (with a dot for decimals: 5.50), found {found}",
        "fr": "un nombre est attendu (avec un point pour les décimales : 5.50), trouvé {found}",
    },
    "number_too_small": {
        "en": "expected a number of at least {limit}, found {found}",
        "fr": "un nombre d'au moins {limit} est attendu, trouvé {found}",
    },
    "number_too_large": {
        "en": "expected a number of at most {limit}, found {found}",
        "fr": "un nombre d'au plus {limit} est attendu, trouvé {found}",
    },
    "too_many_decimals": {
        "en": "at most {limit} decimals, found {found}",
        "fr": "au plus {limit} décimales, trouvé {found}",
    },
    "text_empty": {
        "en": "this field is empty; write something or remove the line",
        "fr": "ce champ est vide ; écrivez quelque chose ou supprimez la ligne",
    },
    "list_empty": {
        "en": "this list is empty; give at least one value",
        "fr": "cette liste est vide ; donnez au moins une valeur",
    },
    "text_too_long": {
        "en": "this text is too long ({length} characters, at most {limit}); shorten it",
        "fr": "ce texte est trop long ({length} caractères, au plus {limit}) ; raccourcissez-le",
    },
    "bad_form": {
        "en": "'{found}' is not written in the expected form ({hint})",
        "fr": "'{found}' n'est pas écrit sous la forme attendue ({hint})",
    },
    "bad_value": {
        "en": "this value is not accepted here: {found}",
        "fr": "cette valeur n'est pas acceptée ici : {found}",
    },
    # dates, times, durations
    "datetime_format": {
        "en": "'{found}' is not a date and time; write it as 2026-12-05 20:30 (year-month-day hour:minute), or 2026-12-05 for a whole day",
        "fr": "'{found}' n'est pas une date et une heure ; écrivez-la 2026-12-05 20:30 (année-mois-jour heure:minute), ou 2026-12-05 pour toute la journée",
    },
    "date_format": {
        "en": "'{found}' is not a date; write it as 2026-12-05 (year-month-day)",
        "fr": "'{found}' n'est pas une date ; écrivez-la 2026-12-05 (année-mois-jour)",
    },
    "date_impossible": {
        "en": "the date '{found}' does not exist; check the day and the month (written year-month-day)",
        "fr": "la date '{found}' n'existe pas ; vérifiez le jour et le mois (écrits année-mois-jour)",
    },
    "time_impossible": {
        "en": "the time in '{found}' does not exist; hours go from 0 to 23 and minutes from 00 to 59",
        "fr": "l'heure dans '{found}' n'existe pas ; les heures vont de 0 à 23 et les minutes de 00 à 59",
    },
    "event_duration_format": {
        "en": "'{found}' is not a duration; write it as 2h, 1h30 or 90 min",
        "fr": "'{found}' n'est pas une durée ; écrivez-la 2h, 1h30 ou 90 min",
    },
    "track_duration_format": {
        "en": "'{found}' is not a duration; write minutes and seconds between quotes, e.g. \"3:45\"",
        "fr": "'{found}' n'est pas une durée ; écrivez minutes et secondes entre guillemets, par exemple \"3:45\"",
    },
    "end_before_start": {
        "en": "the end ({end}) does not come after the start ({start}); check the dates and times",
        "fr": "la fin ({end}) ne vient pas après le début ({start}) ; vérifiez les dates et les heures",
    },
    "end_kind_mismatch": {
        "en": "start and end must both have a time (2026-12-05 20:30), or both be dates only for whole days (2026-12-05)",
        "fr": "le début et la fin doivent avoir tous deux une heure (2026-12-05 20:30), ou être tous deux de simples dates pour des journées entières (2026-12-05)",
    },
    "end_and_duration": {
        "en": "give either 'end' or 'duration', not both; remove one of them",
        "fr": "donnez soit 'end' (fin), soit 'duration' (durée), pas les deux ; supprimez l'un des deux",
    },
    "timezone_unknown": {
        "en": "'{found}' is not a time zone; write it as Continent/City, e.g. Europe/Paris",
        "fr": "'{found}' n'est pas un fuseau horaire ; écrivez-le Continent/Ville, par exemple Europe/Paris",
    },
    # recurrence and status
    "recurrence_and_rrule": {
        "en": "give either 'recurrence' or 'rrule', not both; keep the one you are sure of",
        "fr": "donnez soit 'recurrence', soit 'rrule', pas les deux ; gardez celui dont vous êtes sûr",
    },
    "recurrence_until_and_count": {
        "en": "give either 'until' (a last date) or 'count' (a number of times), not both",
        "fr": "donnez soit 'until' (une dernière date), soit 'count' (un nombre de fois), pas les deux",
    },
    "recurrence_week_of_month": {
        "en": "'week_of_month' only works with frequency: monthly and a weekday (e.g. the 1st Saturday)",
        "fr": "'week_of_month' ne marche qu'avec frequency: monthly et un jour de la semaine (par exemple le 1er samedi)",
    },
    "until_before_start": {
        "en": "the repetition ends ({until}) before the event starts; check 'until' and 'start'",
        "fr": "la répétition s'arrête ({until}) avant le début de l'événement ; vérifiez 'until' et 'start'",
    },
    "exceptions_without_recurrence": {
        "en": "exceptions and extra dates only apply to a repeating event; add 'recurrence' or remove this field",
        "fr": "les exceptions et dates en plus ne valent que pour un événement qui se répète ; ajoutez 'recurrence' ou supprimez ce champ",
    },
    "except_not_occurrence": {
        "en": "by its rule the event does not take place on {found}, so there is nothing to cancel that day; check the date (year-month-day) or the rule",
        "fr": "d'après sa règle, l'événement n'a pas lieu le {found} : il n'y a rien à annuler ce jour-là ; vérifiez la date (année-mois-jour) ou la règle",
    },
    "rule_without_occurrence": {
        "en": "this rule gives no date at all after the start; check its last date or its count",
        "fr": "cette règle ne donne aucune date après le début ; vérifiez sa dernière date ou son nombre de fois",
    },
    "rrule_invalid": {
        "en": "'{found}' is not a valid iCalendar RRULE (e.g. FREQ=WEEKLY;BYDAY=WE;UNTIL=20270630); or use the simpler 'recurrence' field",
        "fr": "'{found}' n'est pas une RRULE iCalendar valide (par exemple FREQ=WEEKLY;BYDAY=WE;UNTIL=20270630) ; ou utilisez le champ plus simple 'recurrence'",
    },
    "weekday_unknown": {
        "en": "'{found}' is not a day of the week; write monday, tuesday... (or lundi, mardi...)",
        "fr": "'{found}' n'est pas un jour de la semaine ; écrivez lundi, mardi... (ou monday, tuesday...)",
    },
    "previous_start_missing": {
        "en": "a rescheduled event needs the date first announced; add 'previous_start: 2026-12-05 20:30'",
        "fr": "un événement déplacé doit garder la date annoncée d'abord ; ajoutez 'previous_start: 2026-12-05 20:30'",
    },
    "online_link_missing": {
        "en": "an event moved online needs its link; add 'online: https://...'",
        "fr": "un événement passé en ligne doit donner son lien ; ajoutez 'online: https://...'",
    },
    "where_missing": {
        "en": "say where it happens: 'place' (a place or a name and address), or 'online' (a link), or both",
        "fr": "dites où cela se passe : 'place' (un lieu, ou un nom et une adresse), ou 'online' (un lien), ou les deux",
    },
    "place_incomplete": {
        "en": "give a place's slug (place: mediatheque) or its name and address",
        "fr": "donnez l'identifiant d'un lieu (place: mediatheque) ou son nom et son adresse",
    },
    "price_amounts_missing": {
        "en": "a paid event needs its prices; add 'amounts' with at least one 'amount', or choose another kind of price",
        "fr": "un événement payant doit donner ses prix ; ajoutez 'amounts' avec au moins un 'amount', ou choisissez un autre type de prix",
    },
    "booking_empty": {
        "en": "say how to book: a url, an email or a phone number",
        "fr": "dites comment réserver : une adresse web (url), un e-mail (email) ou un téléphone (phone)",
    },
    # links, names, codes
    "web_link_scheme": {
        "en": "'{found}' is not a web link; it must start with https:// (or http://)",
        "fr": "'{found}' n'est pas un lien web ; il doit commencer par https:// (ou http://)",
    },
    "link_scheme": {
        "en": "'{found}' is not a link kiosque accepts; it must start with https://, http:// or mailto:",
        "fr": "'{found}' n'est pas un lien accepté ; il doit commencer par https://, http:// ou mailto:",
    },
    "link_spaces": {
        "en": "a link cannot contain spaces: '{found}'; copy it again from the browser's address bar",
        "fr": "un lien ne peut pas contenir d'espace : '{found}' ; recopiez-le depuis la barre d'adresse du navigateur",
    },
    "email_format": {
        "en": "'{found}' is not an e-mail address (name@example.org)",
        "fr": "'{found}' n'est pas une adresse e-mail (nom@exemple.org)",
    },
    "phone_format": {
        "en": "'{found}' is not a phone number; write digits, spaces and an optional + (e.g. +33 1 23 45 67 89)",
        "fr": "'{found}' n'est pas un numéro de téléphone ; écrivez des chiffres, des espaces et éventuellement un + (par exemple 01 23 45 67 89)",
    },
    "media_path": {
        "en": "'{found}' must be a web address (https://...) or a path inside content/, like images/poster.jpg",
        "fr": "'{found}' doit être une adresse web (https://...) ou un chemin dans content/, comme images/affiche.jpg",
    },
    "media_missing": {
        "en": "there is no file content/{found}; add the file, or correct the path",
        "fr": "le fichier content/{found} n'existe pas ; ajoutez le fichier, ou corrigez le chemin",
    },
    "slug_format": {
        "en": "'{found}' is not a slug; use lowercase letters without accents, digits and dashes (e.g. cafe-la-fabrique)",
        "fr": "'{found}' n'est pas un identifiant ; utilisez des minuscules sans accent, des chiffres et des tirets (par exemple cafe-la-fabrique)",
    },
    "language_unknown": {
        "en": "'{found}' is not a language code; write a code such as fr, en, ar, es",
        "fr": "'{found}' n'est pas un code de langue ; écrivez un code comme fr, en, ar, es",
    },
    "credit_email": {
        "en": "write a public name here, never an e-mail address: it is published on the site",
        "fr": "écrivez ici un nom public, jamais une adresse e-mail : il est publié sur le site",
    },
    "coordinates_swapped": {
        "en": "lat {lat} and lon {lon} look swapped (the point falls outside the site's area); exchange the two numbers",
        "fr": "lat {lat} et lon {lon} semblent inversées (le point tombe hors de la zone du site) ; échangez les deux nombres",
    },
    "coordinates_outside": {
        "en": "lat {lat}, lon {lon} is far outside the site's area; copy the coordinates again from openstreetmap.org",
        "fr": "lat {lat}, lon {lon} est loin de la zone du site ; recopiez les coordonnées depuis openstreetmap.org",
    },
    # stories
    "consent_missing": {
        "en": "a story is published only once its teller has agreed; set 'consent: true' after asking them",
        "fr": "un récit n'est publié qu'avec l'accord de la personne qui le raconte ; mettez 'consent: true' après le lui avoir demandé",
    },
    "transcript_missing": {
        "en": "a story with a recording needs its transcript (everything said, written out) for people who cannot hear it; add 'transcript:'",
        "fr": "un récit enregistré doit avoir sa transcription (tout ce qui est dit, écrit) pour les personnes qui ne l'entendent pas ; ajoutez 'transcript:'",
    },
    "teller_missing": {
        "en": "say who tells the story ('teller: a public name'), or set 'anonymous: true'",
        "fr": "dites qui raconte ('teller: un nom public'), ou mettez 'anonymous: true'",
    },
    "anonymous_with_name": {
        "en": "an anonymous story cannot carry a name; remove 'teller', 'collected_by' and 'translated_by', or set 'anonymous: false'",
        "fr": "un récit anonyme ne peut pas porter de nom ; supprimez 'teller', 'collected_by' et 'translated_by', ou mettez 'anonymous: false'",
    },
    # links between files
    "place_unknown": {
        "en": "there is no place '{found}' in content/places/; create content/places/{found}.yaml, or give a name and address{suggestion}",
        "fr": "il n'y a pas de lieu '{found}' dans content/places/ ; créez content/places/{found}.yaml, ou donnez un nom et une adresse{suggestion}",
    },
    "place_broken": {
        "en": "the place '{found}' has problems of its own (content/places/{found}.yaml); fix that file first",
        "fr": "le lieu '{found}' a lui-même des problèmes (content/places/{found}.yaml) ; corrigez d'abord ce fichier",
    },
    "playlist_unknown": {
        "en": "this track's folder has no playlist: add content/playlists/{found}/index.md, or move the track to an existing playlist",
        "fr": "le dossier de ce morceau n'a pas de playlist : ajoutez content/playlists/{found}/index.md, ou déplacez le morceau dans une playlist existante",
    },
    "playlist_broken": {
        "en": "the playlist '{found}' has problems of its own (content/playlists/{found}/index.md); fix that file first",
        "fr": "la playlist '{found}' a elle-même des problèmes (content/playlists/{found}/index.md) ; corrigez d'abord ce fichier",
    },
    "collection_unknown": {
        "en": "this story's folder has no collection: add content/stories/{found}/index.md, or move the story to an existing collection",
        "fr": "le dossier de ce récit n'a pas de collection : ajoutez content/stories/{found}/index.md, ou déplacez le récit dans une collection existante",
    },
    "collection_broken": {
        "en": "the collection '{found}' has problems of its own (content/stories/{found}/index.md); fix that file first",
        "fr": "la collection '{found}' a elle-même des problèmes (content/stories/{found}/index.md) ; corrigez d'abord ce fichier",
    },
    "translation_unknown": {
        "en": "there is no {kind} '{found}' to translate; give the file name (without .md) of the original{suggestion}",
        "fr": "il n'y a pas de {kind} '{found}' à traduire ; donnez le nom du fichier original (sans .md){suggestion}",
    },
    "translation_same_language": {
        "en": "a translation must be in another language than its original ('{found}' is also in {other_language}); set 'language'",
        "fr": "une traduction doit être dans une autre langue que l'original ('{found}' est aussi en {other_language}) ; précisez 'language'",
    },
    "story_language_unlisted": {
        "en": "this story is told in '{found}', which its collection does not list ({allowed}); add '{found}' to 'languages' in content/stories/{collection}/index.md, or correct 'language'",
        "fr": "ce récit est raconté en '{found}', langue que sa collection ne cite pas ({allowed}) ; ajoutez '{found}' à 'languages' dans content/stories/{collection}/index.md, ou corrigez 'language'",
    },
    "slug_duplicate": {
        "en": "another file has the same name: {other}; rename one of them",
        "fr": "un autre fichier porte le même nom : {other} ; renommez l'un des deux",
    },
    # the summary
    "summary_problems": {
        "en": "{problems} problem(s) in {files} file(s), out of {checked} checked",
        "fr": "{problems} problème(s) dans {files} fichier(s), sur {checked} vérifié(s)",
    },
    "summary_ok": {
        "en": "{checked} file(s) checked, no problem found",
        "fr": "{checked} fichier(s) vérifié(s), aucun problème",
    },
    "kind_event": {"en": "event", "fr": "événement"},
    "kind_story": {"en": "story", "fr": "récit"},
}

FOUND_KINDS = {
    "none": {"en": "nothing", "fr": "rien"},
    "list": {"en": "a list", "fr": "une liste"},
    "fields": {"en": "indented fields", "fr": "des champs indentés"},
    "bool": {"en": "true/false", "fr": "true/false"},
}


def render(code: str, language: str, **context: Any) -> str:
    """The message `code` in `language` (English when the site's language has no translation)."""
    texts = MESSAGES[code]
    return texts.get(language, texts["en"]).format(**context)


def describe_value(value: Any, language: str) -> str:
    """How a found value is named in a message: quoted when short, by its shape otherwise."""
    if value is None:
        key = "none"
    elif isinstance(value, bool):
        return "true" if value else "false"
    elif isinstance(value, (list, tuple)):
        key = "list"
    elif isinstance(value, dict):
        key = "fields"
    else:
        try:
            text = str(value)
        except ValueError:  # an integer too long to print
            text = "9" * 60 + "..."
        return f"'{text[:57]}...'" if len(text) > 60 else f"'{text}'"
    return FOUND_KINDS[key].get(language, FOUND_KINDS[key]["en"])


def _plain(text: Any) -> str:
    """Lowercase without accents, for comparing what was written with what was meant."""
    return "".join(c for c in unicodedata.normalize("NFKD", str(text).lower()) if not unicodedata.combining(c))


def closest(found: Any, allowed, labels: dict | None = None) -> str | None:
    """The allowed word nearest to what was written, if one is near enough to be a typo; with `labels`
    ({word: [labels...]}), a label written instead of its word ('gratuit' for 'free') counts too."""
    plain = {_plain(word): word for word in allowed}
    matches = difflib.get_close_matches(_plain(found), list(plain), n=1, cutoff=0.6)
    if matches:
        return plain[matches[0]]
    if labels:
        by_label = {_plain(label): word for word, names in labels.items() for label in names}
        matches = difflib.get_close_matches(_plain(found), list(by_label), n=1, cutoff=0.75)
        if matches:
            return by_label[matches[0]]
        inside = [word for label, word in by_label.items() if len(_plain(found)) >= 4 and _plain(found) in label]
        if len(set(inside)) == 1:
            return inside[0]
    return None


def suggestion(found: Any, allowed, language: str, labels: dict | None = None) -> str:
    """'; did you mean ...?' when a close word exists, else nothing."""
    near = closest(found, allowed, labels)
    return render("did_you_mean", language, suggestion=near) if near else ""
