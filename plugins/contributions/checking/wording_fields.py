"""What contributors read about one field: its type, its form, dates, recurrence, links, stories."""

FIELD_MESSAGES = {  # fields, in general
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
    "character_refused_in_field": {
        "en": "this text holds an invisible character that is not text ({character}, character {position}) and that no page, feed or calendar can show; "
        "delete it (retype the text: it often comes with a copy from a word processor or a PDF)",
        "fr": "ce texte contient un caractère invisible qui n'est pas du texte ({character}, caractère {position}) et qu'aucune page, aucun flux ni agenda ne peut montrer ; "
        "supprimez-le (retapez le texte : il vient souvent d'un copier-coller depuis un traitement de texte ou un PDF)",
    },
    "text_one_line": {
        "en": "this field is one line of text, but it goes to a new line after '{before}'; write it on one line (a longer text goes in the description)",
        "fr": "ce champ tient sur une ligne, mais il passe à la ligne après '{before}' ; écrivez-le sur une seule ligne (un texte plus long va dans la description)",
    },
    "direction_control": {
        "en": "this text holds an invisible character ({character}) that reverses the order in which the letters after it are shown; "
        "delete it (retype the text): each text is already shown in its own direction",
        "fr": "ce texte contient un caractère invisible ({character}) qui inverse l'ordre d'affichage des lettres qui le suivent ; "
        "supprimez-le (retapez le texte) : chaque texte s'affiche déjà dans son propre sens",
    },
    "date_out_of_range": {
        "en": "'{found}' is too far in the past or the future; write a year between {first} and {last}",
        "fr": "'{found}' est trop loin dans le passé ou l'avenir ; écrivez une année entre {first} et {last}",
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
    "rrule_too_frequent": {
        "en": "'{found}' repeats more often than once a day; an agenda lists days: use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY",
        "fr": "'{found}' se répète plus d'une fois par jour ; un agenda liste des jours : utilisez FREQ=DAILY, WEEKLY, MONTHLY ou YEARLY",
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
        "en": "give a place's slug (place: mediatheque), or its name and its address (street and city)",
        "fr": "donnez l'identifiant d'un lieu (place: mediatheque), ou son nom et son adresse (rue et ville)",
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
    "media_path_character": {
        "en": "'{found}' holds {character}, which the address of a file of the site cannot hold; rename the file with letters, digits and dashes (images/poster-concert.jpg) and write its new name here",
        "fr": "'{found}' contient {character}, que l'adresse d'un fichier du site ne peut pas contenir ; renommez le fichier avec des lettres, des chiffres et des tirets (images/affiche-concert.jpg) et écrivez ici son nouveau nom",
    },
    "media_unpublished": {
        "en": "the file content/{found} is not published (the message about it, or about the link on its way, says why); put a genuine picture or recording in its place",
        "fr": "le fichier content/{found} n'est pas publié (le message à son sujet, ou au sujet du lien sur son chemin, dit pourquoi) ; mettez à sa place une vraie image ou un vrai enregistrement",
    },
    "media_name_decomposed": {
        "en": "the file content/{found} is there, but its name is saved with its accents apart from their letters (as some computers do), so the page could not find it; rename the file with plain letters, digits and dashes and write its new name here",
        "fr": "le fichier content/{found} est bien là, mais son nom est enregistré avec les accents séparés de leurs lettres (comme certains ordinateurs le font), donc la page ne le trouverait pas ; renommez le fichier avec des lettres sans accents, des chiffres et des tirets et écrivez ici son nouveau nom",
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
    "closed_since_missing": {
        "en": "a closed playlist needs the day it closed, so that its tracks stay and new ones are refused; add 'closed_since: 2026-06-30'",
        "fr": "une playlist fermée doit dire le jour de sa fermeture, pour garder ses morceaux et refuser les nouveaux ; ajoutez 'closed_since: 2026-06-30'",
    },
    "anonymous_with_name": {
        "en": "an anonymous story cannot carry a name; remove 'teller', 'collected_by' and 'translated_by', or set 'anonymous: false'",
        "fr": "un récit anonyme ne peut pas porter de nom ; supprimez 'teller', 'collected_by' et 'translated_by', ou mettez 'anonymous: false'",
    },
}
