"""A file back into its form and the form back into the file: a correction starts from the file as it is,
and sending the form unchanged changes nothing; the repetition in plain words is the schema's `recurrence`."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest
from conftest import REPO
from starlette.datastructures import MultiDict

from bridge.compose import render
from bridge.forms import covered, form_fields, form_values, in_their_order, read_form
from contributions import KINDS, Site, read_site_settings, read_source, validate_file

SITE = Site.from_settings(read_site_settings(REPO / "pelicanconf.py"))
CONTENT = REPO / "content"
PLACES = [("cafe-la-fabrique", "Café La Fabrique"), ("centre-social-les-tilleuls", "Centre social Les Tilleuls")]
SAMPLES = [
    (kind, path)
    for kind, pattern in (("event", "events/*/*.md"), ("track", "playlists/*/*.yaml"), ("story", "stories/*/*.md"))
    for path in sorted(CONTENT.glob(pattern))
    if path.name != "index.md"
]


def _meaning(kind: str, relative: PurePosixPath, data: dict, body: str):
    """What the check reads in a file holding these fields: the model's values, shorthands expanded."""
    raw = render(KINDS[kind].markdown, data, body)
    found, problems = validate_file(CONTENT / relative, str(relative), relative, KINDS[kind], SITE, raw=raw)
    assert found is not None, problems
    return found.data.model_dump(by_alias=True), found.body


@pytest.mark.parametrize("kind, path", SAMPLES, ids=[path.stem for _, path in SAMPLES])
def test_every_sample_comes_back_from_its_form_unchanged(kind, path):
    source = read_source(path.read_bytes(), KINDS[kind].markdown, 10**6)
    fields = form_fields(kind, SITE, PLACES)
    data, body, _ = read_form(fields, _as_a_browser_posts(fields, form_values(kind, fields, source.data, source.body)))
    data = in_their_order(fields, data, source.data)
    relative = PurePosixPath(path.relative_to(CONTENT).as_posix())
    kept = {name: value for name, value in source.data.items() if name not in covered(kind)}
    before, before_body = _meaning(kind, relative, source.data, source.body)
    after, after_body = _meaning(kind, relative, {**data, **kept}, body)
    assert after == before and after_body == before_body


def _as_a_browser_posts(fields, values: MultiDict) -> MultiDict:
    """Ticked boxes come in the order of the page, not of the file."""
    boxes = {field.name: [value for value, _ in field.choices] for field in fields if field.widget == "checkboxes"}
    items = [(name, value) for name, value in values.multi_items() if name not in boxes]
    for name, order in boxes.items():
        ticked = values.getlist(name)
        items += [(name, value) for value in order if value in ticked]
        items += [(name, value) for value in ticked if value not in order]
    return MultiDict(items)


def test_the_forms_cover_what_people_write_and_leave_the_experts_fields_alone():
    assert {"start", "end", "recurrence", "except", "extra", "place", "price", "booking", "image"} <= covered("event")
    assert not {"rrule", "status", "previous_start", "timezone", "translation_of"} & covered("event")
    assert "audio" not in covered("story") and "audio" in covered("track")  # a story's recording is a file


def _read(**posted) -> dict:
    fields = form_fields("event", SITE, PLACES)
    items = [
        (name, value) for name, values in posted.items() for value in (values if isinstance(values, list) else [values])
    ]
    return read_form(fields, MultiDict([(name.replace("__", "."), value) for name, value in items]))[0]


def test_every_week_on_two_days_until_a_date_with_exceptions_and_an_added_date():
    data = _read(
        start__date="2027-01-06",
        start__time="18:00",
        end__time="19:30",
        repeat="weekly",
        repeat__interval="1",
        repeat__weekdays=["wednesday", "saturday"],
        repeat__until="2027-03-31",
        repeat__week_of_month="2",  # of the monthly line, not chosen: ignored
        **{"except": ["2027-02-17", "", "2027-02-20"]},
        extra__date=["2027-04-02", ""],
        extra__time=["20:00", ""],
        place="Café La Fabrique",
    )
    assert data["start"] == "2027-01-06 18:00" and data["end"] == "2027-01-06 19:30"
    assert data["recurrence"] == {"frequency": "weekly", "weekdays": ["wednesday", "saturday"], "until": "2027-03-31"}
    assert data["except"] == ["2027-02-17", "2027-02-20"] and data["extra"] == ["2027-04-02 20:00"]
    assert data["place"] == "cafe-la-fabrique"  # the name shown in the list, the slug in the file


def test_every_month_on_the_last_friday_and_every_other_week():
    monthly = _read(start__date="2027-01-29", repeat="monthly", repeat__week_of_month="-1", repeat__weekday="friday")
    assert monthly["recurrence"] == {"frequency": "monthly", "week_of_month": -1, "weekdays": ["friday"]}
    every_other = _read(start__date="2027-01-29", repeat="weekly", repeat__interval="2", repeat__count="5")
    assert every_other["recurrence"] == {"frequency": "weekly", "interval": 2, "count": 5}
    assert "recurrence" not in _read(start__date="2027-01-29", repeat="", repeat__weekdays=["monday"])


def test_a_place_not_in_the_list_is_written_with_its_address():
    data = _read(place="", place__name="Salle des fêtes", place__address__street="1 rue A", place__address__city="Lyon")
    assert data["place"] == {"name": "Salle des fêtes", "address": {"street": "1 rue A", "city": "Lyon"}}


def test_a_file_fills_the_form_with_native_values():
    text = (CONTENT / "events/2026/repair-cafe-des-tilleuls.md").read_bytes()
    source = read_source(text, True, 10**6)
    values = form_values("event", form_fields("event", SITE, PLACES), source.data, source.body)
    assert values["start.date"] == "2026-10-03" and values["start.time"] == "14:00"
    assert values["end.date"] == "" and values["end.time"] == "17:30"  # the same day: its time only
    assert values["repeat"] == "monthly" and values["repeat.week_of_month"] == "1"
    assert values["repeat.weekday"] == "saturday" and values["repeat.until"] == "2027-06-30"
    assert values.getlist("except") == ["2027-01-02"]
    assert values.getlist("extra.date") == ["2027-01-09"] and values.getlist("extra.time") == ["14:00"]
    assert values["place"] == "Centre social Les Tilleuls"
    assert values["price.kind"] == "pay-what-you-can" and values["organizer.name"] == "Les Bricoleurs des Tilleuls"
    assert Path(values["body"].splitlines()[0]).name.startswith("Un grille-pain")
