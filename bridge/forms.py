"""The forms, derived from the contribution schemas: which widget, which allowed values, whether a field is
required and what it means all come from the published JSON Schema of each kind; this module only lays the
fields out for people (sections in the order they think, native date and time inputs, repetition in plain
words), turns what was posted back into the fields of a file (`read_form`), and a file back into a form
(`form_values`, its exact inverse, so that a correction starts from the file as it is)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from starlette.datastructures import MultiDict

from contributions import KINDS, WEEKDAYS, Problem, Site, document, json_schema, resolve

from .wording import HELP, LABELS, N_

ANOTHER_PLACE = ("place.name", "place.address.street", "place.address.postal_code", "place.address.city")
BOOKING = ("booking.url", "booking.email", "booking.phone", "booking.required")
# Each form in sections, in the order people think: (section, folded unless it holds something, field names).
# A name is a dotted path into the file's fields, except the composed ones below (start.date, repeat...).
SECTIONS = {
    "event": [
        (
            "what",
            False,
            ["title", "categories", "body", "organizer.name", "organizer.url", "performers", "tags", "language"],
        ),
        ("when", False, ["start.date", "start.time", "end.date", "end.time", "duration"]),
        (
            "repeat",
            True,
            ["repeat", "repeat.interval", "repeat.weekdays", "repeat.week_of_month", "repeat.weekday"]
            + ["repeat.until", "repeat.count", "except", "extra"],
        ),
        ("where", False, ["place", *ANOTHER_PLACE, "online"]),
        ("whom", True, ["audience"]),
        ("price", True, ["price.kind", "price.amounts", "price.note", *BOOKING]),
        ("access", True, ["accessibility"]),
        ("picture", True, ["image", "image.src", "image.alt", "image.credit"]),
        ("you", False, ["credit", "contact"]),
    ],
    "track": [
        ("what", False, ["title", "artist", "album", "year", "duration", "links", "audio"]),
        ("why", False, ["note"]),
        ("you", False, ["added_by", "contact"]),
    ],
    "story": [
        ("what", False, ["title", "body", "transcript", "language"]),
        ("who", False, ["teller", "anonymous", "collected_by"]),
        ("where", True, ["place", "period", "date"]),
        ("picture", True, ["audio", "image", "image.src", "image.alt", "image.credit"]),
        ("consent", False, ["licence", "consent"]),
        ("you", False, ["contact"]),
    ],
}
SECTION_TITLES = {
    "what": N_("What"),
    "when": N_("When"),
    "repeat": N_("Does it repeat?"),
    "where": N_("Where"),
    "whom": N_("For whom"),
    "price": N_("Price and booking"),
    "access": N_("Accessibility"),
    "picture": N_("Picture and recording"),
    "you": N_("About you"),
    "why": N_("Why this one"),
    "who": N_("Who tells it"),
    "consent": N_("Licence and consent"),
}
UPLOADS = {"event": ("image",), "track": (), "story": ("audio", "image")}
EXTRA = ("body", "contact")  # not fields of the file: its Markdown text, and the moderators' contact
ROWS = {  # lists of small records: (column, widget) each, one row a line of inputs
    "extra": (("date", "date"), ("time", "time")),
    "price.amounts": (("label", "text"), ("amount", "text")),
    "links": (("url", "url"), ("label", "text")),
}
EMPTY_ROWS = 2  # rows offered beyond those filled: a further one after a preview, without JavaScript
MAX_ROWS = 40
DAYS = [
    ("monday", N_("Monday")),
    ("tuesday", N_("Tuesday")),
    ("wednesday", N_("Wednesday")),
    ("thursday", N_("Thursday")),
    ("friday", N_("Friday")),
    ("saturday", N_("Saturday")),
    ("sunday", N_("Sunday")),
]
NTH = [("1", N_("first")), ("2", N_("second")), ("3", N_("third")), ("4", N_("fourth")), ("-1", N_("last"))]
REPEATS = [("", N_("It does not repeat")), ("weekly", N_("Every week")), ("monthly", N_("Every month"))]
FORM_LABELS = {
    **LABELS,
    "start.date": N_("Day"),
    "start.time": N_("Starting time"),
    "end.date": N_("Last day, when it lasts several days"),
    "end.time": N_("Ending time"),
    "duration": N_("Duration"),
    "repeat": N_("Repetition"),
    "repeat.interval": N_("Every how many weeks"),
    "repeat.weekdays": N_("On these days"),
    "repeat.week_of_month": N_("On the"),
    "repeat.weekday": N_("Day of the week"),
    "repeat.until": N_("Until"),
    "repeat.count": N_("Or a number of times"),
    "except": N_("Dates excepted"),
    "extra": N_("Dates added"),
    "extra.date": N_("Day"),
    "extra.time": N_("Time"),
    "organizer.name": N_("Organizer"),
    "organizer.url": N_("Organizer's web site"),
    "performers": N_("Artists, speakers, hosts"),
    "tags": N_("Keywords"),
    "price.amounts": N_("Prices"),
    "price.amounts.label": N_("Who pays it"),
    "price.amounts.amount": N_("Amount"),
    "price.note": N_("About the price"),
    "booking.email": N_("Booking e-mail address"),
    "booking.phone": N_("Booking phone number"),
    "booking.required": N_("People must book"),
    "image.src": N_("Current picture"),
    "image.credit": N_("Who took the picture"),
    "links": N_("Where to listen to it"),
    "links.url": N_("Address"),
    "links.label": N_("Platform"),
    "audio": N_("Recording"),
    "translated_by": N_("Translated by"),
    "date": N_("Collected on"),
}
FORM_HELP = {
    **HELP,
    "place": N_("Start typing and choose a place of the site; for another place, open “Another place” below."),
    "performers": N_("One per line."),
    "tags": N_("One per line."),
    # the schema speaks of `start` and `end` as one text; the form asks for a day and a time apart
    "start.date": N_("The day it takes place, or its first day."),
    "start.time": N_("Leave it empty for an event that lasts the whole day."),
    "end.date": N_("Only for an event over several days."),
    "end.time": N_("When it ends, if you know."),
    "duration": N_("Instead of an ending time, how long it lasts: 2h, 1h30, 90 min."),
    "repeat": N_("Leave the first day above; the dates repeat from it."),
    "repeat.interval": N_("2 for every other week."),
    "repeat.weekdays": N_("For an event every week."),
    "repeat.week_of_month": N_("For an event every month: the first Saturday, the last Friday…"),
    "repeat.weekday": N_("For an event every month."),
    "repeat.count": N_("Instead of a last date."),
    "except": N_("Days when it does not take place."),
    "extra": N_("Days when it also takes place; without a time, at the usual time."),
}
# The schema field each form field stands for (its description, allowed values, required-ness, its problems).
SCHEMA_PATHS = {
    "start.date": "start",
    "start.time": "start",
    "end.date": "end",
    "end.time": "end",
    "repeat": "recurrence.frequency",
    "repeat.interval": "recurrence.interval",
    "repeat.weekdays": "recurrence.weekdays",
    "repeat.week_of_month": "recurrence.week_of_month",
    "repeat.weekday": "recurrence.weekdays",
    "repeat.until": "recurrence.until",
    "repeat.count": "recurrence.count",
}
WIDGETS = {
    "start.date": "date",
    "start.time": "time",
    "end.date": "date",
    "end.time": "time",
    "repeat": "radio",
    "repeat.until": "date",
    "repeat.week_of_month": "select",
    "repeat.weekday": "select",
    "repeat.weekdays": "checkboxes",
    "except": "dates",
    "performers": "lines",
    "tags": "lines",
    "booking.email": "email",
    "booking.phone": "tel",
    "image.src": "hidden",
    "date": "date",
    "body": "textarea",
    "contact": "email",
    **dict.fromkeys(ROWS, "rows"),
}
OWN_CHOICES = {"repeat": REPEATS, "repeat.weekdays": DAYS, "repeat.weekday": DAYS, "repeat.week_of_month": NTH}
_DATE = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]+(\d{1,2})(?:(?::|h)(\d{2})?(?::(\d{2}))?)?)?\s*")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")


@dataclass
class FormField:
    name: str
    label: str
    help: str  # the schema's description (translated by the theme's catalogue) or the bridge's own words
    widget: str  # text, textarea, select, radio, checkboxes, checkbox, file, url, number, email, tel, date,
    #              time, dates (a list of days), lines (one item a line), rows (ROWS), place, hidden
    required: bool = False
    choices: list[tuple[str, str]] = field(default_factory=list)
    schema_help: bool = True
    default: object = None
    section: str = ""
    folded: bool = False  # its section is folded unless it holds a value or a problem
    path: str = ""  # the schema field it stands for
    own_choices: bool = False  # choices in the bridge's words (translated in the page), not the schema's
    columns: tuple = ()  # for rows: (column, widget, label)
    inside: str = ""  # "another-place": shown in a folded part of its section


def plain_path(name: str) -> str:
    """`price.amounts.0.amount` as the schemas document it: `price.amounts.amount`."""
    return ".".join(part for part in name.split(".") if not part.isdigit())


def schema_path(name: str) -> str:
    return SCHEMA_PATHS.get(name, plain_path(name))


def covered(kind: str) -> set[str]:
    """The top-level fields of a file that the form of `kind` shows (the others are kept untouched)."""
    names = {schema_path(name).split(".")[0] for _, _, names in SECTIONS[kind] for name in names}
    return names - set(EXTRA) - ({"audio"} if "audio" in UPLOADS[kind] else set())


def form_fields(kind_name: str, site: Site, places: list[tuple[str, str]] = ()) -> list[FormField]:
    schema = json_schema(KINDS[kind_name], site)
    docs = {doc.name: doc for doc in next(d for d in document(site) if d.kind.name == kind_name).fields}
    fields = []
    for section, folded, names in SECTIONS[kind_name]:
        for name in names:
            fields.append(_field(kind_name, name, section, folded, schema, docs, places))
    return fields


def _field(kind_name, name, section, folded, schema, docs, places) -> FormField:
    label = FORM_LABELS[name]
    if name in EXTRA:
        return FormField(name, label, FORM_HELP[name], WIDGETS[name], schema_help=False, section=section, path=name)
    path = schema_path(name)
    doc = docs[path]
    node = _node(schema, path)
    own = OWN_CHOICES.get(name)
    form_field = FormField(
        name,
        label,
        doc.description,
        WIDGETS.get(name) or _widget(node),
        required="." not in path and doc.required and name != "start.time",
        choices=list(own) if own else [(value, text or value) for value, text in doc.allowed],
        default=doc.default,
        section=section,
        folded=folded,
        path=path,
        own_choices=bool(own),
        columns=tuple((column, widget, FORM_LABELS[f"{name}.{column}"]) for column, widget in ROWS.get(name, ())),
        inside="another-place" if kind_name == "event" and name in ANOTHER_PLACE else "",
    )
    if name in UPLOADS[kind_name]:
        form_field.widget, form_field.help, form_field.schema_help = "file", FORM_HELP[name], False
    elif kind_name == "event" and name == "place":
        form_field.widget, form_field.choices = "place", list(places)
        form_field.help, form_field.schema_help = FORM_HELP["place"], False
    elif name in FORM_HELP and name not in ("image", "audio", "place"):
        form_field.help, form_field.schema_help = FORM_HELP[name], False
    return form_field


def _node(schema: dict, name: str) -> dict:
    node = schema
    for part in name.split("."):
        node = resolve(schema, node)
        node = node["items"] if part.isdigit() else node.get("properties", {}).get(part, {})
    return resolve(schema, node)


def _widget(node: dict) -> str:
    if node.get("type") == "array" and "enum" in resolve({}, node.get("items", {})):
        return "checkboxes"
    if "enum" in node:
        return "select"
    if node.get("type") == "boolean" or node.get("const") is True:
        return "checkbox"
    if node.get("type") == "integer":
        return "number"
    if node.get("format") == "uri":
        return "url"
    if node.get("maxLength", 0) > 300:
        return "textarea"
    return "text"


# Reading a posted form


def read_form(fields: list[FormField], form) -> tuple[dict, str, str]:
    """(the file's fields, its Markdown text, the contact address) from a posted form (a Starlette FormData)."""
    data: dict = {}
    for form_field in fields:
        if form_field.widget == "file" or form_field.name in EXTRA or _composed(form_field):
            continue
        value = _read(form_field, form)
        if value not in ("", [], None):
            _set(data, form_field.name.split("."), value)
    names = {form_field.name: form_field for form_field in fields}
    if "start.date" in names:
        _read_when(data, form)
    if "place" in names and names["place"].widget == "place":
        _read_place(data, form, names["place"].choices)
    body, contact = (_text(form, name) for name in EXTRA)
    return data, body, contact


def _composed(form_field: FormField) -> bool:
    return form_field.path.split(".")[0] in ("start", "end", "recurrence", "except", "extra") or (
        form_field.widget == "place"
    )


def _text(form, name: str) -> str:
    raw = form.get(name)
    return raw.strip().replace("\r\n", "\n") if isinstance(raw, str) else ""


def _texts(form, name: str) -> list[str]:
    return [item.strip() for item in form.getlist(name) if isinstance(item, str)]


def _read(form_field: FormField, form):
    widget = form_field.widget
    if widget == "checkboxes":
        return [item for item in _texts(form, form_field.name) if item]
    if widget == "checkbox":
        return True if form.get(form_field.name) in ("on", "true", "yes") else None
    if widget == "lines":
        return [line.strip() for line in _text(form, form_field.name).split("\n") if line.strip()]
    if widget == "rows":
        return _read_rows(form_field, form)
    value = _text(form, form_field.name)
    if widget == "number" and re.fullmatch(r"\d{1,9}", value):
        return int(value)
    return value


def _read_rows(form_field: FormField, form) -> list[dict]:
    columns = [column for column, *_ in form_field.columns]
    found = [_texts(form, f"{form_field.name}.{column}")[:MAX_ROWS] for column in columns]
    rows = []
    for index in range(max(map(len, found), default=0)):
        row = {column: items[index] for column, items in zip(columns, found, strict=True) if index < len(items)}
        row = {column: value for column, value in row.items() if value}
        if row:
            rows.append(_amount(row) if form_field.name == "price.amounts" else row)
    return rows


def _amount(row: dict) -> dict:
    """8 and 5,50 as numbers, as people write prices in a file (anything else is left for the check to explain)."""
    text = row.get("amount", "")
    if re.fullmatch(r"\d{1,6}", text):
        row["amount"] = int(text)
    elif re.fullmatch(r"\d{1,6}[.,]\d{1,2}", text):
        row["amount"] = float(text.replace(",", "."))
    return row


def _moment(day: str, time: str) -> str:
    """A date and a time as a file writes them: `2026-12-05 20:30`, or the date alone."""
    match = _TIME.fullmatch(time)
    if match:
        time = f"{int(match[1]):02}:{match[2]}" + (f":{match[3]}" if match[3] and match[3] != "00" else "")
    return f"{day} {time}".strip()


def _read_when(data: dict, form) -> None:
    """start, end, and the repetition in plain words (`recurrence`, `except`, `extra`)."""
    day = _text(form, "start.date")
    if day or _text(form, "start.time"):
        data["start"] = _moment(day, _text(form, "start.time"))
    end_day, end_time = _text(form, "end.date"), _text(form, "end.time")
    if end_day or end_time:
        data["end"] = _moment(end_day or (day if end_time else ""), end_time)
    repeat = _text(form, "repeat")
    if repeat in ("weekly", "monthly"):
        recurrence: dict = {"frequency": repeat}
        if repeat == "weekly":
            interval = _text(form, "repeat.interval")
            if interval not in ("", "1"):
                recurrence["interval"] = int(interval) if interval.isdigit() else interval
            days = [item for item in _texts(form, "repeat.weekdays") if item]
        else:
            days = [item for item in [_text(form, "repeat.weekday")] if item]
            nth = _text(form, "repeat.week_of_month")
            if nth:
                recurrence["week_of_month"] = int(nth) if re.fullmatch(r"-?\d", nth) else nth
        if days:
            recurrence["weekdays"] = days
        until, count = _text(form, "repeat.until"), _text(form, "repeat.count")
        if until:
            recurrence["until"] = until
        if count:
            recurrence["count"] = int(count) if re.fullmatch(r"\d{1,4}", count) else count
        data["recurrence"] = recurrence
    excepted = [item for item in _texts(form, "except")[:MAX_ROWS] if item]
    if excepted:
        data["except"] = excepted
    days, times = _texts(form, "extra.date")[:MAX_ROWS], _texts(form, "extra.time")[:MAX_ROWS]
    added = [_moment(day, time) for day, time in zip(days, times + [""] * len(days), strict=False) if day or time]
    if added:
        data["extra"] = added


def _read_place(data: dict, form, places: list[tuple[str, str]]) -> None:
    """A place of the site chosen by its name (or slug), else the other place written below it."""
    typed = _text(form, "place")
    slug = next((slug for slug, name in places if typed.lower() in (slug, name.lower())), None) if typed else None
    other = data.pop("place", None)
    if slug:
        data["place"] = slug
    elif other:
        data["place"] = {"name": typed, **other} if typed and "name" not in other else other
    elif typed:
        data["place"] = typed  # no place of that name: the check says so beside the field


def _set(data, path: list[str], value) -> None:
    """Set a dotted path; a value already given in its short form (`place: a-slug`) wins over its details."""
    head, rest = path[0], path[1:]
    key = int(head) if head.isdigit() else head
    if not rest:
        if isinstance(data, list):
            data.append(value)
        else:
            data[key] = value
        return
    container = [] if rest[0].isdigit() else {}
    if isinstance(data, list):
        if key >= len(data):
            data.append(container)
        child = data[key]
    else:
        child = data.setdefault(key, container)
    if isinstance(child, (dict, list)):
        _set(child, rest, value)


def in_their_order(fields: list[FormField], data: dict, before: dict) -> dict:
    """`data` with the ticked choices in the order the file had them (then the new ones): boxes are posted
    in the order of the list, and a correction that changes nothing of them must not reorder them."""
    data = dict(data)
    for form_field in fields:
        name = form_field.name
        if form_field.widget == "checkboxes" and "." not in name and isinstance(data.get(name), list):
            old = [str(item) for item in _listed(before.get(name))]
            data[name] = [item for item in old if item in data[name]] + [i for i in data[name] if i not in old]
    return data


# A file back into a form


def form_values(kind: str, fields: list[FormField], data: dict, body: str = "") -> MultiDict:
    """The form filled in from a file's fields (as read from the file: dates as written), so that
    `read_form` gives the same fields back (the same meaning: `price: hat` comes back `price: {kind: hat}`)."""
    data = _long_forms(kind, data)
    items: list[tuple[str, str]] = []
    for form_field in fields:
        name = form_field.name
        if name == "body":
            items.append((name, body or ""))
        elif name in EXTRA or form_field.widget == "file":
            continue
        elif form_field.widget == "place":
            place = data.get("place") or {}
            names = dict(form_field.choices)
            items.append((name, names.get(place.get("slug"), place.get("slug")) or place.get("name") or ""))
        elif _composed(form_field):
            items += _when_values(name, data)
        elif form_field.widget == "rows":
            for row in _get(data, name) or []:
                for column, *_ in form_field.columns:
                    items.append((f"{name}.{column}", _written(row.get(column) if isinstance(row, dict) else None)))
        else:
            value = _get(data, name)
            if form_field.widget in ("checkboxes",):
                items += [(name, _written(item)) for item in _listed(value)]
            elif form_field.widget == "lines":
                items.append((name, "\n".join(_written(item) for item in _listed(value))))
            elif form_field.widget == "checkbox":
                items += [(name, "on")] if value is True else []
            elif value is not None:
                items.append((name, _written(value)))
    return MultiDict(items)


def _long_forms(kind: str, data: dict) -> dict:
    """The shorthands of a file in their long form, the one the form's fields are paths into."""
    data = dict(data)
    shorthands = {
        "organizer": lambda value: {"name": value},
        "image": lambda value: {"src": value},
        "price": _price,
        **({"place": lambda value: {"slug": _written(value)}} if kind == "event" else {}),  # a story's is text
    }
    for name, expand in shorthands.items():
        if data.get(name) is not None and not isinstance(data[name], dict):
            data[name] = expand(data[name])
    if "links" in data:
        data["links"] = [item if isinstance(item, dict) else {"url": item} for item in _listed(data["links"])]
    return data


def _price(value) -> dict:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return {"kind": "free"} if value == 0 else {"kind": "paid", "amounts": [{"amount": value}]}
    text = _written(value)
    if re.fullmatch(r"\d+(?:[.,]\d{1,2})?", text):
        return _price(float(text.replace(",", ".")))
    return {"kind": text}


def _get(data, name: str):
    for part in name.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def _listed(value) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def _written(value) -> str:
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _day_and_time(value) -> tuple[str, str]:
    """`2026-12-05 20:30` as the values of a date input and a time input (anything else as written)."""
    match = _DATE.fullmatch(_written(value))
    if not match:
        return _written(value), ""
    day = f"{match[1]}-{int(match[2]):02}-{int(match[3]):02}"
    if match[4] is None:
        return day, ""
    return day, f"{int(match[4]):02}:{match[5] or '00'}" + (f":{match[6]}" if match[6] and match[6] != "00" else "")


def _when_values(name: str, data: dict) -> list[tuple[str, str]]:
    start_day, start_time = _day_and_time(data.get("start", ""))
    recurrence = data.get("recurrence") if isinstance(data.get("recurrence"), dict) else {}
    frequency = _written(recurrence.get("frequency"))
    days = [_weekday(day) for day in _listed(recurrence.get("weekdays"))]
    if name in ("start.date", "start.time"):
        return [(name, start_day if name == "start.date" else start_time)]
    if name in ("end.date", "end.time"):
        if data.get("end") is None:
            return []
        end_day, end_time = _day_and_time(data["end"])
        same_day = end_time and end_day == start_day
        return [(name, ("" if same_day else end_day) if name == "end.date" else end_time)]
    if name == "except":
        return [(name, _day_and_time(day)[0]) for day in _listed(data.get("except"))]
    if name == "extra":
        return [
            pair for day in _listed(data.get("extra")) for pair in zip(("extra.date", "extra.time"), _day_and_time(day))
        ]
    value = {
        "repeat": frequency,
        "repeat.interval": _written(recurrence.get("interval")) if frequency == "weekly" else "",
        "repeat.week_of_month": _written(recurrence.get("week_of_month")) if frequency == "monthly" else "",
        "repeat.weekday": days[0] if frequency == "monthly" and days else "",
        "repeat.until": _day_and_time(recurrence["until"])[0] if recurrence.get("until") else "",
        "repeat.count": _written(recurrence.get("count")),
    }.get(name)
    if name == "repeat.weekdays":
        return [(name, day) for day in days] if frequency == "weekly" else []
    return [(name, value)] if value else []


def _weekday(value) -> str:
    """monday..sunday, whichever way the file names the day (lundi, MO, 0)."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6:
        return DAYS[value][0]
    number = WEEKDAYS.get(_written(value).strip().lower())
    return DAYS[number][0] if number is not None else _written(value)


@dataclass
class Section:
    name: str
    title: str
    folded: bool
    open: bool  # a folded section holding a value or a problem is shown open
    fields: list[FormField]
    rows: dict[str, int]  # how many lines each list of the section offers
    another_open: bool = False  # "another place" holds something


def sections(fields: list[FormField], values, beside: dict) -> list[Section]:
    """The form's fields in their sections, each told whether it holds something (to be shown unfolded)."""

    def posted(form_field: FormField) -> list[str]:
        names = [f"{form_field.name}.{column}" for column, *_ in form_field.columns] or [form_field.name]
        return [value for name in names for value in (values.getlist(name) if values else []) if isinstance(value, str)]

    found: list[Section] = []
    for form_field in fields:
        if not found or found[-1].name != form_field.section:
            title = SECTION_TITLES[form_field.section]
            found.append(Section(form_field.section, title, form_field.folded, not form_field.folded, [], {}))
        section = found[-1]
        section.fields.append(form_field)
        held = any(value.strip() for value in posted(form_field)) or form_field.name in beside
        if held and form_field.widget != "hidden":
            section.open = True
            section.another_open = section.another_open or bool(form_field.inside)
        if form_field.widget in ("rows", "dates"):
            names = [f"{form_field.name}.{column}" for column, *_ in form_field.columns] or [form_field.name]
            lines = list(zip(*(values.getlist(name) if values else [] for name in names), strict=False))
            filled = sum(1 for line in lines if any(isinstance(value, str) and value.strip() for value in line))
            section.rows[form_field.name] = min(MAX_ROWS, max(len(lines), filled + EMPTY_ROWS))
    return found


def place_beside(problems: list[Problem], fields: list[FormField]) -> tuple[dict[str, list[str]], list[str]]:
    """Each problem beside the form field it is about ({field name: messages}), and those about no field."""
    beside: dict[str, list[str]] = {}
    general: list[str] = []
    names = [(f.path or plain_path(f.name), f.name) for f in fields if f.widget != "hidden"]
    for problem in problems:
        wanted = plain_path(problem.field)
        own = [name for plain, name in names if wanted and (plain == wanted or wanted.startswith(plain + "."))]
        inner = [name for plain, name in names if wanted and plain.startswith(wanted + ".")]
        if own or inner:  # the most precise field about it, else the first of its details
            target = max(own, key=lambda name: len(schema_path(name))) if own else inner[0]
            beside.setdefault(target, []).append(problem.message)
        else:
            general.append(problem.message)
    return beside, general
