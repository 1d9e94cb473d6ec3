"""What contributors read about one field: its type, its form, dates, recurrence, links, stories."""

FIELD_MESSAGES = {  # fields, in general
    "missing": "this field is required; add a line '{name}: ...'",
    "alt_missing": (
        "a picture needs its alternative text: add 'alt:' with one sentence saying what it shows, for people "
        "who cannot see it"
    ),
    "unknown_field_suggest": "unknown field; did you mean '{suggestion}'?",
    "unknown_field": "unknown field; the fields allowed here are: {allowed}",
    "vocabulary": "expected one of: {allowed} — found: '{found}'{suggestion}",
    "did_you_mean": "; did you mean '{suggestion}'?",
    "expected_text": "expected text, found {found}; write the text on the same line, between quotes if needed",
    "expected_list": "expected a list, written [first, second] or one '- item' per line, found {found}",
    "expected_fields": "expected fields indented below this one (name: value), found {found}",
    "expected_bool": "expected true or false, found {found}",
    "expected_integer": "expected a whole number, found {found}",
    "expected_number": "expected a number (with a dot for decimals: 5.50), found {found}",
    "number_too_small": "expected a number of at least {limit}, found {found}",
    "number_not_above": "expected a number greater than {limit}, found {found}",
    "number_too_large": "expected a number of at most {limit}, found {found}",
    "too_many_decimals": "at most {limit} decimals, found {found}",
    "character_refused_in_field": (
        "this text holds an invisible character that is not text ({character}, character {position}) and that "
        "no page, feed or calendar can show; delete it (retype the text: it often comes with a copy from a "
        "word processor or a PDF)"
    ),
    "text_one_line": (
        "this field is one line of text, but it goes to a new line after '{before}'; write it on one line (a "
        "longer text goes in the description)"
    ),
    "direction_control": (
        "this text holds an invisible character ({character}) that reverses the order in which the letters "
        "after it are shown; delete it (retype the text): each text is already shown in its own direction"
    ),
    "date_out_of_range": "'{found}' is too far in the past or the future; write a year between {first} and {last}",
    "text_empty": "this field is empty; write something or remove the line",
    "list_empty": "this list is empty; give at least one value",
    "text_too_long": "this text is too long ({length} characters, at most {limit}); shorten it",
    "bad_form": "'{found}' is not written in the expected form ({hint})",
    "bad_value": "this value is not accepted here: {found}",
    # dates, times, durations
    "datetime_format": (
        "'{found}' is not a date and time; write it as 2026-12-05 20:30 (year-month-day hour:minute), or "
        "2026-12-05 for a whole day"
    ),
    "date_format": "'{found}' is not a date; write it as 2026-12-05 (year-month-day)",
    "date_impossible": "the date '{found}' does not exist; check the day and the month (written year-month-day)",
    "time_impossible": "the time in '{found}' does not exist; hours go from 0 to 23 and minutes from 00 to 59",
    "event_duration_format": "'{found}' is not a duration; write it as 2h, 1h30 or 90 min",
    "track_duration_format": "'{found}' is not a duration; write minutes and seconds between quotes, e.g. \"3:45\"",
    "end_before_start": "the end ({end}) does not come after the start ({start}); check the dates and times",
    "end_kind_mismatch": (
        "start and end must both have a time (2026-12-05 20:30), or both be dates only for whole days (2026-12-05)"
    ),
    "end_and_duration": "give either 'end' or 'duration', not both; remove one of them",
    "timezone_unknown": "'{found}' is not a time zone; write it as Continent/City, e.g. Europe/Paris",
    # recurrence and status
    "recurrence_and_rrule": "give either 'recurrence' or 'rrule', not both; keep the one you are sure of",
    "recurrence_until_and_count": "give either 'until' (a last date) or 'count' (a number of times), not both",
    "recurrence_week_of_month": (
        "'week_of_month' only works with frequency: monthly and a weekday (e.g. the 1st Saturday)"
    ),
    "until_before_start": "the repetition ends ({until}) before the event starts; check 'until' and 'start'",
    "exceptions_without_recurrence": (
        "exceptions and extra dates only apply to a repeating event; add 'recurrence' or remove this field"
    ),
    "except_not_occurrence": (
        "by its rule the event does not take place on {found}, so there is nothing to cancel that day; check "
        "the date (year-month-day) or the rule"
    ),
    "occurrences_without_recurrence": (
        "'occurrences' changes single dates of a repeating event, and this event does not repeat; change its own "
        "start, status or place instead"
    ),
    "occurrence_not_in_series": (
        "the event does not take place on {found} (neither by its rule nor as an extra date), so that date cannot "
        "change; write a date of the series (year-month-day)"
    ),
    "occurrence_excepted": (
        "{found} is in 'except': the event does not take place that day; remove it from 'except' to change that "
        "date, or remove this change"
    ),
    "occurrence_twice": "{found} is changed twice in 'occurrences'; write all the changes of that date in one item",
    "occurrence_unchanged": (
        "the item for {found} changes nothing; give its status (e.g. cancelled), a new start, an end, a place or "
        "a note, or remove it"
    ),
    "occurrence_kind_mismatch": (
        "the new start or end of {found} must be written like the event's start: with a time (2027-01-21 18:00) "
        "for an event with a time, a date only (2027-01-21) for a whole-day event"
    ),
    "rule_without_occurrence": "this rule gives no date at all after the start; check its last date or its count",
    "rrule_too_frequent": (
        "'{found}' repeats more often than once a day; an agenda lists days: use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY"
    ),
    "rrule_invalid": (
        "'{found}' is not a valid iCalendar RRULE (e.g. FREQ=WEEKLY;BYDAY=WE;UNTIL=20270630); or use the "
        "simpler 'recurrence' field"
    ),
    "weekday_unknown": "'{found}' is not a day of the week; write monday, tuesday... (or lundi, mardi...)",
    "previous_start_missing": (
        "a rescheduled event needs the date first announced; add 'previous_start: 2026-12-05 20:30'"
    ),
    "online_link_missing": "an event moved online needs its link; add 'online: https://...'",
    "where_missing": "say where it happens: 'place' (a place or a name and address), or 'online' (a link), or both",
    "place_incomplete": "give a place's slug (place: mediatheque), or its name and its address (street and city)",
    "price_amounts_missing": (
        "a paid event needs its prices; add 'amounts' with at least one 'amount', or choose another kind of price"
    ),
    "booking_empty": "say how to book: a url, an email or a phone number",
    # links, names, codes
    "web_link_scheme": "'{found}' is not a web link; it must start with https:// (or http://)",
    "link_scheme": "'{found}' is not a link kiosque accepts; it must start with https://, http:// or mailto:",
    "link_spaces": "a link cannot contain spaces: '{found}'; copy it again from the browser's address bar",
    "email_format": "'{found}' is not an e-mail address (name@example.org)",
    "phone_format": "'{found}' is not a phone number; write digits, spaces and an optional + (e.g. +33 1 23 45 67 89)",
    "media_path": "'{found}' must be a web address (https://...) or a path inside content/, like images/poster.jpg",
    "media_path_character": (
        "'{found}' holds {character}, which the address of a file of the site cannot hold; rename the file "
        "with letters, digits and dashes (images/poster-concert.jpg) and write its new name here"
    ),
    "picture_left_out": (
        "the picture content/{found} is not published (the message about it, or about the link on its way, says "
        "why): the page is published without it until a genuine picture takes its place"
    ),
    "media_unpublished": (
        "the file content/{found} is not published (the message about it, or about the link on its way, says "
        "why); put a genuine picture or recording in its place"
    ),
    "media_name_decomposed": (
        "the file content/{found} is there, but its name is saved with its accents apart from their letters "
        "(as some computers do), so the page could not find it; rename the file with plain letters, digits "
        "and dashes and write its new name here"
    ),
    "media_missing": "there is no file content/{found}; add the file, or correct the path",
    "calendar_form": (
        "'{found}' is not a calendar kiosque can read; write an address starting with https:// (or http://), a "
        "webcal:// address, or the path of a .ics file inside the repository, from its root and without '..' "
        "(e.g. partners/mediatheque.ics)"
    ),
    "calendar_credentials": (
        "this address holds a user name or a password, which would be published with the site's files; ask the "
        "partner for the public address of their calendar"
    ),
    "source_price_paid": (
        "a paid price needs its amounts, which differ from one event to the next; choose another kind of price, or "
        "remove 'price'"
    ),
    "source_hash_format": (
        "'{found}' is not a fingerprint as make import writes it (16 characters among 0-9 and a-f); leave the "
        "'source' block as make import wrote it"
    ),
    "slug_format": (
        "'{found}' is not a slug; use lowercase letters without accents, digits and dashes (e.g. cafe-la-fabrique)"
    ),
    "language_unknown": "'{found}' is not a language code; write a code such as fr, en, ar, es",
    "credit_email": "write a public name here, never an e-mail address: it is published on the site",
    "coordinates_swapped": (
        "lat {lat} and lon {lon} look swapped (the point falls outside the site's area); exchange the two numbers"
    ),
    "coordinates_outside": (
        "lat {lat}, lon {lon} is far outside the site's area; copy the coordinates again from openstreetmap.org"
    ),
    # stories
    "consent_missing": "a story is published only once its teller has agreed; set 'consent: true' after asking them",
    "transcript_missing": (
        "a story with a recording needs its transcript (everything said, written out) for people who cannot "
        "hear it; add 'transcript:'"
    ),
    "teller_missing": "say who tells the story ('teller: a public name'), or set 'anonymous: true'",
    "closed_since_missing": (
        "a closed playlist needs the day it closed, so that its tracks stay and new ones are refused; add "
        "'closed_since: 2026-06-30'"
    ),
    "anonymous_with_name": (
        "an anonymous story cannot carry a name; remove 'teller', 'collected_by' and 'translated_by', or set "
        "'anonymous: false'"
    ),
}
