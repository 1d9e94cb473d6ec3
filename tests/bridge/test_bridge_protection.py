"""The bad paths: injection and path traversal in every field, uploads that lie about what they are,
robots, forged forms, floods and oversized requests."""

from __future__ import annotations

import base64
import io
import os
import re

import pytest
import yaml
from bridge_sites import EVENT, STORY, TRACK, branches, client_for, git, make_site, send, settings_for
from PIL import Image

from contributions.reading.loader import read_source

NASTY = [
    "../../../etc/passwd",
    "..\\..\\windows",
    "/etc/shadow",
    "a\n---\nstatus: cancelled\n---",
    "x: y\nplace: evil",
    "'; rm -rf / #",
    "{{ 7*7 }} {% raw %}",
    "<script>alert(1)</script>",
    "!!python/object:os.system 'id'",
    "&anchor *anchor",
    "0o17",
    "true",
    "- [a, b]",
    "null",
    "\u202eevil\u0000",
    "名前 🎭 — «»",
]


@pytest.fixture
def site(tmp_path):
    return make_site(tmp_path)


def _spooled(client) -> list[dict]:
    return client.app.state.bridge.spool.records()


def test_injection_in_every_text_field_gives_safe_names_and_safe_yaml(tmp_path, site):
    client = client_for(settings_for(site, tmp_path, KIOSQUE_BRIDGE_RATE_LIMIT="1000/60"))
    text_fields = [
        "title",
        "place.name",
        "place.address.street",
        "place.address.city",
        "organizer.name",
        "image.alt",
        "credit",
    ]
    sent = 0
    for nasty in NASTY:
        data = {
            **EVENT,
            "place": "",
            "place.name": "Salle",
            "place.address.street": "1 rue A",
            "place.address.city": "Lyon",
        }
        data.update({name: nasty for name in text_fields if name != "image.alt"}, body=nasty)
        answer = send(client, "/submit/event", data)
        if "\n" in nasty:  # a title is one line: refused with the sentence of make check, never a traceback
            assert answer.status_code == 422
            assert "Traceback" not in answer.text and "Error" not in answer.text
            assert "passe à la ligne après" in answer.text or "goes to a new line after" in answer.text
        else:
            assert answer.status_code == 303, answer.text
            sent += 1
    assert sent == len([nasty for nasty in NASTY if "\n" not in nasty]) > 10
    client.app.state.bridge.worker.run_once()
    for branch in branches(site):
        [path] = git(site, "diff", "--name-only", "main", branch).split()
        assert re.fullmatch(r"content/events/2026/[a-z0-9-]+-[0-9a-f]{8}\.md", path), path
        raw = git(site, "show", f"{branch}:{path}").encode()
        source = read_source(raw, True, 10**6)
        record = next(r for r in _spooled(client) if r["branch"] == branch)
        nasty = record["title"]
        assert source.data["title"] == nasty and source.data["credit"] == nasty  # text stays text, exactly
        assert set(source.data) == {"title", "start", "end", "place", "categories", "price", "organizer", "credit"}
        assert "status" not in source.data
        assert not re.search("[\x00\u202e]", str(source.data) + source.body)  # invisible characters taken out
        assert yaml.safe_load(raw.decode().split("---\n")[1]) is not None  # a plain YAML reader agrees


@pytest.mark.parametrize(
    "kind, parent, fields",
    [
        ("track", "la-bande-son-du-quartier", ["title", "artist", "album", "note", "added_by"]),
        ("story", "memoires-du-quartier", ["title", "teller", "place", "period", "collected_by"]),
    ],
)
def test_injection_in_every_field_of_the_api(tmp_path, site, kind, parent, fields):
    client = client_for(settings_for(site, tmp_path, KIOSQUE_BRIDGE_RATE_LIMIT="1000/60"))
    base = {
        "track": {"added_by": "Lucie", "note": "x", "artist": "A", "title": "T"},
        "story": {"title": "T", "teller": "M", "consent": True},
    }[kind]
    for nasty in NASTY:
        answer = client.post(
            "/api/" + kind,
            json={
                "parent": parent,
                "fields": {**base, **{name: nasty for name in fields}},
                "text": nasty,
                "contact": "a@example.org",
            },
        )
        if "\n" in nasty:  # names and titles are one line, as make check wants them: told beside each field
            assert answer.status_code == 422, answer.text
            assert {problem["field"] for problem in answer.json()["problems"]} == set(fields) - {"note"}
        else:
            assert answer.status_code == 202, answer.text
    nowhere = client.post(
        "/api/story",
        json={
            "parent": "memoires-du-quartier",
            "fields": {
                "title": "T",
                "teller": "M",
                "consent": True,
                "image": {"src": "images/../../../../etc/passwd", "alt": "x"},
            },
        },
    )
    assert nowhere.status_code == 422 and nowhere.json()["problems"][0]["field"] == "image.src"
    client.app.state.bridge.worker.run_once()
    folder = {"track": "playlists", "story": "stories"}[kind]
    for branch in branches(site):
        [path] = git(site, "diff", "--name-only", "main", branch).split()
        assert re.fullmatch(rf"content/{folder}/{parent}/[a-z0-9-]+-[0-9a-f]{{8}}\.(md|yaml)", path), path
        source = read_source(git(site, "show", f"{branch}:{path}").encode(), kind == "story", 10**6)
        assert all(source.data[name] == source.data["title"] for name in fields)
    assert len(branches(site)) == len([nasty for nasty in NASTY if "\n" not in nasty])  # no branch for the refused


def test_a_parent_taken_from_the_address_never_reaches_a_path(tmp_path, site):
    client = client_for(settings_for(site, tmp_path))
    for parent in ("..", "..%2F..%2Fetc", "musiques-de-nos-cuisines", "LA-BANDE", "nope"):  # closed, unknown...
        assert client.get(f"/submit/track/{parent}").status_code == 404
    answer = client.post("/api/track", json={"parent": "../../etc", "fields": {"title": "x"}})
    assert answer.status_code == 404 and answer.json()["problems"][0]["field"] == "parent"
    assert _spooled(client) == []


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x8825] = {2: (45.0, 45.0, 0.0), 1: "N", 4: (4.0, 50.0, 0.0), 3: "E"}  # GPSInfo
    output = io.BytesIO()
    image.save(output, "JPEG", exif=exif, comment=b"secret comment")
    return output.getvalue()


def test_pictures_are_reencoded_without_their_metadata(tmp_path, site):
    original = _jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the GPS position is really there
    client = client_for(settings_for(site, tmp_path))
    answer = send(
        client,
        "/submit/event",
        {**EVENT, "image.alt": "Des vélos"},
        files={"image": ("../../vacances.png", original, "image/png")},
    )
    assert answer.status_code == 303, answer.text
    [record] = _spooled(client)
    [picture] = [path for path in record["paths"] if "/images/" in path]
    assert re.fullmatch(r"content/images/contrib/atelier-velo-[0-9a-f]{8}\.jpg", picture)
    stored = client.app.state.bridge.spool.upload(record, picture)
    reread = Image.open(io.BytesIO(stored))
    assert reread.format == "JPEG" and reread.size == (64, 48)
    assert not reread.getexif() and "exif" not in reread.info and "comment" not in reread.info
    assert b"CameraMaker" not in stored and b"secret comment" not in stored
    assert f"src: {picture.removeprefix('content/')}" in record["files"][record["main_file"]]


def test_the_api_takes_pictures_in_base64_and_cleans_them_too(tmp_path, site):
    client = client_for(settings_for(site, tmp_path))
    fields = {
        "title": "Bal",
        "start": "2026-12-05 20:30",
        "place": "cafe-la-fabrique",
        "categories": ["party"],
        "image": {"alt": "Des lampions", "src": "../../../etc/passwd"},
    }
    picture = base64.b64encode(_jpeg_with_gps()).decode()
    assert client.post("/api/event", json={"fields": fields, "files": {"image": "not base64!"}}).status_code == 422
    assert client.post("/api/event", json={"fields": fields, "files": {"../x": picture}}).status_code == 422
    answer = client.post("/api/event", json={"fields": fields, "files": {"image": picture}})
    assert answer.status_code == 202, answer.text
    [record] = _spooled(client)
    [picture_path] = [path for path in record["paths"] if path != record["main_file"]]
    assert re.fullmatch(r"content/images/contrib/bal-[0-9a-f]{8}\.jpg", picture_path)  # the given src is replaced
    assert b"CameraMaker" not in client.app.state.bridge.spool.upload(record, picture_path)


def test_a_file_that_is_not_a_picture_is_refused_beside_its_field(tmp_path, site):
    client = client_for(settings_for(site, tmp_path, KIOSQUE_BRIDGE_RATE_LIMIT="100/60"))
    answer = send(
        client,
        "/submit/event?lang=en",
        {**EVENT, "image.alt": "x"},
        files={"image": ("photo.jpg", b"<?php system($_GET['c']); ?>" * 10, "image/jpeg")},
    )
    assert answer.status_code == 422
    assert re.search(
        r'id="f-image-error"><li>This file is not a picture the site can show: send a JPEG, PNG or WebP '
        r"picture.</li>",
        answer.text,
    )
    assert "choose them again" in answer.text
    assert _spooled(client) == []


def test_an_oversized_upload_is_refused_with_its_limit(tmp_path, site):
    client = client_for(settings_for(site, tmp_path, KIOSQUE_BRIDGE_MAX_IMAGE_BYTES="20000"))
    big = Image.frombytes("RGB", (300, 300), os.urandom(300 * 300 * 3))  # noise: it does not compress
    output = io.BytesIO()
    big.save(output, "PNG")
    answer = send(
        client,
        "/submit/event?lang=en",
        {**EVENT, "image.alt": "x"},
        files={"image": ("a.png", output.getvalue(), "image/png")},
    )
    assert answer.status_code == 422
    assert re.search(r'id="f-image-error"><li>This file is larger than 0.02 MB: send a smaller one.</li>', answer.text)
    assert _spooled(client) == []


@pytest.mark.parametrize("side", [7000, 10000])  # over the bridge's limit; over Pillow's own bomb limit
def test_a_picture_with_too_many_pixels_is_refused_before_it_is_decoded(tmp_path, site, side):
    client = client_for(settings_for(site, tmp_path))
    output = io.BytesIO()
    Image.new("1", (side, side)).save(output, "PNG")  # a few kB on the wire, hundreds of MB once decoded
    answer = send(
        client,
        "/submit/event?lang=en",
        {**EVENT, "image.alt": "x"},
        files={"image": ("a.png", output.getvalue(), "image/png")},
    )
    assert answer.status_code == 422
    assert "This picture has too many pixels: send a smaller version of it." in answer.text
    assert _spooled(client) == []


def test_a_whole_request_over_the_limit_is_refused_before_it_is_read(tmp_path, site):
    client = client_for(
        settings_for(site, tmp_path, KIOSQUE_BRIDGE_MAX_IMAGE_BYTES="1000", KIOSQUE_BRIDGE_MAX_AUDIO_BYTES="1000")
    )
    answer = send(client, "/submit/event?lang=en", {**EVENT, "body": "x" * 300_000})
    assert answer.status_code == 413
    assert "What you sent is too large" in answer.text
    assert _spooled(client) == []


def test_a_body_longer_than_the_limit_without_announcing_its_length_is_cut_short(tmp_path, site):
    client = client_for(
        settings_for(site, tmp_path, KIOSQUE_BRIDGE_MAX_IMAGE_BYTES="1000", KIOSQUE_BRIDGE_MAX_AUDIO_BYTES="1000")
    )

    def chunks():  # sent chunked: no Content-Length to refuse it by
        yield b'{"fields": {"title": "'
        yield from (b"x" * 1000 for _ in range(200))
        yield b'"}}'

    answer = client.post("/api/event?lang=en", content=chunks(), headers={"content-type": "application/json"})
    assert answer.status_code == 413
    assert answer.json()["problems"][0]["message"].startswith("What you sent is too large")
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert _spooled(client) == []


def test_a_form_too_large_for_the_form_reader_gets_a_sentence(tmp_path, site):
    client = client_for(settings_for(site, tmp_path))
    answer = send(
        client,
        "/submit/event?lang=en",
        {**EVENT, "body": "x" * 1_100_000},
        files={"image": ("a.jpg", b"", "image/jpeg")},
    )
    assert (
        answer.status_code == 413 and "What you sent is too large" in answer.text and "Part exceeded" not in answer.text
    )


def test_an_unexpected_failure_shows_a_plain_sentence_and_logs_no_secret(tmp_path, site, caplog):
    client_app = client_for(settings_for(site, tmp_path))
    client = type(client_app)(client_app.app, raise_server_exceptions=False)

    def broken(*arguments, **options):
        raise RuntimeError("disk on fire, key " + client.app.state.bridge.settings.secret.decode())

    client.app.state.bridge.intake.submit = broken
    answer = send(client, "/submit/event?lang=en", EVENT)
    assert answer.status_code == 500 and "Something went wrong on our side" in answer.text
    assert "Traceback" not in answer.text and "RuntimeError" not in answer.text
    assert "disk on fire" in caplog.text and client.app.state.bridge.settings.secret.decode() not in caplog.text


def test_recordings_are_recognised_by_their_content(tmp_path, site):
    client = client_for(settings_for(site, tmp_path, KIOSQUE_BRIDGE_RATE_LIMIT="100/60"))
    story = {**STORY, "transcript": "L'eau est montée."}
    fake = send(
        client,
        "/submit/story/memoires-du-quartier?lang=en",
        story,
        files={"audio": ("crue.mp3", b"MZ\x90\x00" * 100, "audio/mpeg")},
    )
    assert fake.status_code == 422 and "not a recording the site can play" in fake.text
    wav = b"RIFF" + (36).to_bytes(4, "little") + b"WAVEfmt " + bytes(24) + b"data" + bytes(4)
    real = send(
        client,
        "/submit/story/memoires-du-quartier",
        story,
        files={"audio": ("crue.exe", wav, "application/x-msdownload")},
    )
    assert real.status_code == 303, real.text
    [record] = _spooled(client)
    text = record["files"][record["main_file"]]
    assert re.search(r"src: media/contrib/la-crue-de-1957-[0-9a-f]{8}\.wav\n  type: audio/wav\n  size: 48\n", text), (
        text
    )


def test_the_honeypot_keeps_robots_out(tmp_path, site):
    client = client_for(settings_for(site, tmp_path))
    answer = send(client, "/submit/event", {**EVENT, "website": "http://spam.example"})
    assert answer.status_code == 400
    assert _spooled(client) == []


def test_forms_need_their_token_and_cookie(tmp_path, site):
    client = client_for(settings_for(site, tmp_path, KIOSQUE_BRIDGE_RATE_LIMIT="100/60"))
    assert client.post("/submit/event", data=EVENT).status_code == 403  # no token at all
    stolen = client.get("/submit/event").text.split('name="csrf" value="')[1].split('"')[0]
    other = client_for(client.app.state.bridge.settings)  # another visitor, another cookie
    other.get("/submit/event")
    assert other.post("/submit/event", data={**EVENT, "csrf": stolen}).status_code == 403
    forged = stolen[:-1] + ("0" if stolen[-1] != "0" else "1")
    assert client.post("/submit/event", data={**EVENT, "csrf": forged}).status_code == 403
    refused = client.post("/submit/event?lang=en", data=EVENT)
    assert "did not come from this site" in refused.text and 'value="Atelier vélo"' in refused.text  # input kept
    assert _spooled(client) == []
    assert client.post("/submit/event", data={**EVENT, "csrf": stolen}, follow_redirects=False).status_code == 303


def test_a_form_sent_faster_than_a_person_can_is_refused(tmp_path, site):
    client = client_for(settings_for(site, tmp_path, KIOSQUE_BRIDGE_MIN_FILL_SECONDS="5"))
    answer = send(client, "/submit/event?lang=en", EVENT)
    assert answer.status_code == 400 and "sent very quickly" in answer.text
    assert _spooled(client) == []


def test_the_rate_limit_counts_per_address(tmp_path, site):
    client = client_for(settings_for(site, tmp_path, KIOSQUE_BRIDGE_RATE_LIMIT="2/300"))
    assert [send(client, "/submit/event", EVENT).status_code for _ in range(2)] == [303, 303]
    third = send(client, "/submit/event?lang=en", EVENT)
    assert third.status_code == 429 and "try again in 5 minutes" in third.text
    assert int(third.headers["Retry-After"]) > 290
    assert client.post("/api/track", json={"parent": "la-bande-son-du-quartier", "fields": TRACK}).status_code == 429
    assert len(_spooled(client)) == 2
