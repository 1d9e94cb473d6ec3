"""`activitypub/events.json`, what the fediverse runtime sends followers: what a follower's server relies on
(times with the right offset, the place, the status in words, a series as its next date, nothing hostile,
no e-mail address), read from a small site built with a fixed today, and the same file with the speed
machinery off or on a rebuild."""

from __future__ import annotations

import html
import json

import pytest
from conftest import build, write_files

SITEURL = "https://agenda.example.org"
PLACES = {
    "places/salle.yaml": """\
        name: Salle des fêtes
        address: {street: 1 rue Haute, postal_code: '69007', city: Lyon}
        coordinates: {lat: 45.75, lon: 4.84}
        email: contact-salle@example.org
        """,
    "places/annexe.yaml": "name: L'Annexe\naddress: {street: 3 rue Basse, postal_code: '69007', city: Lyon}\n",
}
EVENTS = {
    # the last Saturday of winter time, and the first of summer time (the clocks change on 28 March 2027)
    "events/2027/hiver.md": """\
        ---
        title: Concert d'hiver
        start: 2027-03-27 20:30
        end: 2027-03-27 23:00
        place: salle
        categories: [concert]
        tags: [Journées du patrimoine, jazz]
        booking: {url: "https://billets.example.org/hiver", email: reservations@example.org, required: true}
        organizer: {name: Les Amis du Jazz, url: "mailto:amis-du-jazz@example.org"}
        price: {kind: paid, amounts: [{label: plein tarif, amount: 8}, {label: réduit, amount: "5,50"}]}
        ---
        Du jazz pour finir l'hiver.
        """,
    "events/2027/printemps.md": """\
        ---
        title: Concert de printemps
        start: 2027-03-28 20:30
        place: salle
        categories: [concert]
        ---
        Du jazz pour fêter le printemps.
        """,
    "events/2026/visio.md": """\
        ---
        title: Atelier en ligne
        start: 2026-12-10 18:00
        duration: 1h
        online: https://visio.example.org/atelier
        categories: [workshop]
        ---
        On se retrouve en visio.
        """,
    "events/2026/bal.md": """\
        ---
        title: Bal annulé
        start: 2026-12-12 20:00
        place: salle
        categories: [party]
        status: cancelled
        status_note: L'orchestre est malade.
        ---
        Un bal.
        """,
    # every Wednesday: the 2nd moves to Thursday the 3rd at the Annexe, the 9th is cancelled
    "events/2026/tricot.md": """\
        ---
        title: Atelier tricot
        start: 2026-12-02 18:00
        end: 2026-12-02 19:30
        place: salle
        categories: [workshop]
        recurrence: {frequency: weekly, weekdays: [wednesday], until: 2027-02-24}
        occurrences:
          - date: 2026-12-02
            status: rescheduled
            start: 2026-12-03 19:00
            place: annexe
            note: Un jeudi, à l'Annexe.
          - date: 2026-12-09
            status: cancelled
        ---
        On tricote ensemble.
        """,
    "events/2026/passe.md": """\
        ---
        title: Vide-grenier passé
        start: 2026-11-20
        place: annexe
        categories: [market]
        ---
        C'était bien.
        """,
    "events/2026/hostile.md": """\
        ---
        title: <b>Soirée</b> piégée
        start: 2026-12-20 19:00
        place: salle
        categories: [party]
        ---
        <script>alert("script")</script>
        <p style="color:red" onclick="steal()">Bonjour <a href="javascript:alert('lien')">clic</a></p>
        <img src="https://tracker.example/pixel.gif" alt="">
        <iframe src="https://tracker.example/frame"></iframe>

        Un [vrai lien](https://example.org/programme).
        """,
    "events/2026/incomplet.md": "---\ntitle: Sans catégorie\nstart: 2026-12-15 18:00\nplace: salle\n---\nOups.\n",
}
E_MAILS = ("contact-salle@example.org", "reservations@example.org", "amis-du-jazz@example.org")


def _built(root, today: str, **settings):
    built = build(root, today=today, SITEURL=SITEURL, **settings)
    text = built.read("activitypub/events.json")
    return text, json.loads(text)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site built on 1 December 2026 with the speed machinery on, and its file as text and as JSON."""
    root = tmp_path_factory.mktemp("federating")
    write_files(root / "content", {**PLACES, **EVENTS})
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("KIOSQUE_SPEED", raising=False)
        text, document = _built(root, "2026-12-01")
    return root, text, document


@pytest.fixture(scope="module")
def events(site):
    return site[2]["events"]


def test_the_profile_names_the_site(site):
    profile = site[2]["site"]
    assert profile["name"] == "Quartier des Lilas — l'agenda partagé"
    assert profile["summary"].startswith("Ce qui se passe près de chez vous")
    assert profile["url"] == f"{SITEURL}/"
    assert profile["language"] == "fr"
    assert profile["icon"]["url"].startswith(f"{SITEURL}/share-") and profile["icon"]["mediaType"] == "image/jpeg"
    assert (site[0] / "output" / profile["icon"]["url"].removeprefix(f"{SITEURL}/")).is_file()
    assert profile["icon"]["name"]


def test_times_carry_the_offset_of_their_day_across_the_change_to_summer_time(events):
    winter, spring = events["hiver"], events["printemps"]
    assert (winter["startTime"], winter["endTime"]) == ("2027-03-27T20:30:00+01:00", "2027-03-27T23:00:00+01:00")
    assert spring["startTime"] == "2027-03-28T20:30:00+02:00"
    assert "endTime" not in spring  # no end said: none made up
    assert winter["timezone"] == spring["timezone"] == "Europe/Paris"


def test_a_place_has_its_postal_address_and_numeric_coordinates(events):
    assert events["hiver"]["location"] == {
        "type": "Place",
        "name": "Salle des fêtes",
        "address": {
            "type": "PostalAddress",
            "streetAddress": "1 rue Haute",
            "postalCode": "69007",
            "addressLocality": "Lyon",
            "addressRegion": "Auvergne-Rhône-Alpes",
            "addressCountry": "FR",
        },
        "latitude": 45.75,
        "longitude": 4.84,
    }
    assert "1 rue Haute, 69007 Lyon" in events["hiver"]["content"]


def test_what_a_follower_reads_first(events):
    winter = events["hiver"]
    assert winter["type"] == "Event" and winter["name"] == "Concert d'hiver"
    assert winter["summary"] == "samedi 27 mars 2027, 20\u00a0h\u00a030 – 23\u00a0h — Salle des fêtes, Lyon"
    assert winter["url"] == f"{SITEURL}/agenda/hiver/"
    assert winter["mediaType"] == "text/html"
    assert winter["ical:status"] == "CONFIRMED"
    assert winter["eventStatus"] == "https://w3id.org/fep/8a8e/EventScheduled"
    assert "Prix : Payant — plein tarif : 8,00\u00a0€, réduit : 5,50\u00a0€" in html.unescape(winter["content"])
    assert 'Réservation : Réservation obligatoire. <a href="https://billets.example.org/hiver"' in winter["content"]
    assert winter["externalParticipationUrl"] == "https://billets.example.org/hiver"


def test_the_share_picture_is_attached_with_its_text(site, events):
    (picture,) = events["hiver"]["attachment"]
    assert picture["type"] == "Document" and picture["mediaType"] == "image/jpeg"
    assert picture["url"].startswith(f"{SITEURL}/agenda/hiver/share-")
    assert (site[0] / "output" / picture["url"].removeprefix(f"{SITEURL}/")).is_file()
    assert picture["name"].startswith("Concert d'hiver — samedi 27 mars 2027")


def test_hashtags_come_from_the_category_and_the_tags(events):
    assert events["hiver"]["tag"] == [
        {"type": "Hashtag", "name": "#Concert", "href": f"{SITEURL}/agenda/category/concert/"},
        {"type": "Hashtag", "name": "#JourneesDuPatrimoine"},
        {"type": "Hashtag", "name": "#Jazz"},
    ]


def test_an_online_event_takes_place_at_its_virtual_location(events):
    online = events["visio"]
    assert online["location"] == {"type": "VirtualLocation", "url": "https://visio.example.org/atelier"}
    assert online["endTime"] == "2026-12-10T19:00:00+01:00"
    assert online["summary"].endswith(" — https://visio.example.org/atelier")
    # Mobilizon takes an event's online address from this attachment
    link = {"type": "Link", "name": "Website", "mediaType": "text/html", "href": "https://visio.example.org/atelier"}
    assert link in online["attachment"]


def test_a_cancelled_event_says_so_in_its_status_and_in_words(events):
    cancelled = events["bal"]
    assert cancelled["ical:status"] == "CANCELLED"
    assert cancelled["eventStatus"] == "https://w3id.org/fep/8a8e/EventCancelled"
    assert cancelled["summary"].startswith("Annulé — samedi 12 décembre 2026")
    assert cancelled["content"].startswith("<p><strong>Annulé</strong> — L'orchestre est malade.</p>")


def test_a_series_is_one_object_at_its_next_date_as_that_date_changed(events):
    series = [key for key in events if key.startswith("tricot")]
    assert series == ["tricot"]
    moved = events["tricot"]
    assert (moved["startTime"], moved["endTime"]) == ("2026-12-03T19:00:00+01:00", "2026-12-03T20:30:00+01:00")
    assert moved["location"]["name"] == "L'Annexe"
    assert moved["summary"].startswith("Déplacé à une nouvelle date — jeudi 3 décembre 2026, 19\u00a0h")
    assert "Un jeudi, à l'Annexe." in moved["content"]
    assert "Initialement prévu le mercredi 2 décembre 2026, 18\u00a0h" in html.unescape(moved["content"])


def test_what_is_over_is_listed_as_past_and_what_was_left_out_as_withheld(site, events):
    document = site[2]
    assert "passe" not in events and document["past"] == ["passe"]
    assert "incomplet" not in events and "incomplet" not in document["past"]
    assert document["withheld"] == ["incomplet"]  # being fixed, not withdrawn: the runtime sends no Delete
    assert set(events) == {"hiver", "printemps", "visio", "bal", "tricot", "hostile"}


def test_nothing_hostile_survives(site, events):
    hostile = events["hostile"]
    assert hostile["name"] == "<b>Soirée</b> piégée"  # plain text, as the title was written: never markup
    content = hostile["content"]
    for trace in ("<script", "alert(", "onclick", "javascript:", "style=", "<img", "tracker.example", "<iframe"):
        assert trace not in content, trace
    assert '<a href="https://example.org/programme" rel="nofollow noopener noreferrer">vrai lien</a>' in content


def test_no_e_mail_address_reaches_the_file(site):
    text = site[1]
    assert "mailto:" not in text
    for address in (*E_MAILS, "agenda@quartier-des-lilas.example.org"):
        assert address not in text


def test_the_file_moves_on_with_a_rebuild_and_is_the_same_without_the_speed_machinery(site, tmp_path):
    root = site[0]
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("KIOSQUE_SPEED", raising=False)
        later_text, later = _built(root, "2026-12-05")  # a rebuild: the caches and the last build's output are there
    assert later["events"]["tricot"]["startTime"] == "2026-12-16T18:00:00+01:00"  # the 9th is cancelled
    assert later["events"]["tricot"]["ical:status"] == "CONFIRMED"
    assert later["events"]["tricot"]["location"]["name"] == "Salle des fêtes"
    write_files(tmp_path / "content", {**PLACES, **EVENTS})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KIOSQUE_SPEED", "off")
        off_text, _ = _built(tmp_path, "2026-12-05")
    assert off_text == later_text
    assert later["generated"] == "2026-12-05T00:00:00+01:00"  # the day the file was worked out for
