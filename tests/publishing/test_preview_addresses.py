"""Feeds of a build without SITEURL (`make html`, `make serve`) work in a feed reader: the rules of the W3C feed
validator that such a build broke (it is not on PyPI, so its rules are checked here one by one): every link,
id, enclosure and `self` is a full address, `self` is the file's own address, ids are unique in a feed, dates
are written as each format says. Pages stay relative, so output/ still opens as files."""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from conftest import REPO, jpeg
from lxml import etree, html

ATOM = "{http://www.w3.org/2005/Atom}"
PREVIEW = "http://127.0.0.1:8000"


def feeds(output: Path) -> list[Path]:
    return sorted(path for path in (output / "feeds").rglob("*") if path.suffix in (".xml", ".json"))


def addresses(path: Path) -> tuple[str, list[str], list[tuple[str, list[str]]], list[str]]:
    """(self address, other addresses, [(entry id, entry addresses)], dates) of an RSS, Atom or JSON feed."""
    if path.suffix == ".json":
        feed = json.loads(path.read_text(encoding="utf-8"))
        entries = [(item["id"], [item["url"]]) for item in feed["items"]]
        dates = [item[name] for item in feed["items"] for name in ("date_published", "date_modified")]
        return feed["feed_url"], [feed["home_page_url"]], entries, dates
    root = etree.parse(str(path)).getroot()
    if root.tag == f"{ATOM}feed":
        (own,) = root.xpath("a:link[@rel='self']/@href", namespaces={"a": ATOM[1:-1]})
        entries = [
            (entry.findtext(f"{ATOM}id"), entry.xpath("a:link/@href", namespaces={"a": ATOM[1:-1]}))
            for entry in root.iter(f"{ATOM}entry")
        ]
        return (
            own,
            [root.findtext(f"{ATOM}id"), *root.xpath("a:link/@href", namespaces={"a": ATOM[1:-1]})],
            entries,
            [element.text for element in root.iter(f"{ATOM}updated", f"{ATOM}published")],
        )
    channel = root.find("channel")
    (own,) = channel.xpath("a:link[@rel='self']/@href", namespaces={"a": ATOM[1:-1]})
    entries = [
        (item.findtext("guid"), [item.findtext("link"), *item.xpath("enclosure/@url")]) for item in channel.iter("item")
    ]
    pictures = channel.xpath("//*[local-name()='image']/@href")
    return (
        own,
        [channel.findtext("link"), *pictures],
        entries,
        [element.text for element in channel.iter("pubDate", "lastBuildDate")],
    )


def test_every_feed_of_a_build_without_siteurl_passes_the_validators_rules(sample_build):
    written = feeds(sample_build.output)
    assert len(written) > 90  # the agenda, its filters, the collections, the playlists and the podcast
    for path in written:
        own, others, entries, dates = addresses(path)
        relative = path.relative_to(sample_build.output).as_posix()
        assert own == f"{PREVIEW}/{relative}", path  # self is where the file is served
        ids = [entry_id for entry_id, _ in entries]
        assert len(ids) == len(set(ids)), path  # unique ids
        for address in [*others, *(a for _, found in entries for a in found)]:
            assert urlsplit(address).scheme == "http" and urlsplit(address).netloc == "127.0.0.1:8000", (path, address)
        for entry_id in ids:
            assert urlsplit(entry_id).scheme in ("http", "urn"), (path, entry_id)  # an IRI, never a bare path
        for written_date in dates:  # RFC 822 in RSS, RFC 3339 in Atom and JSON Feed, with a time zone
            parsed = (
                email.utils.parsedate_to_datetime(written_date)
                if path.name.endswith(("rss.xml", "podcast.xml"))
                else dt.datetime.fromisoformat(written_date)
            )
            assert parsed.tzinfo is not None, (path, written_date)
        if path.suffix == ".xml":
            assert not feedparser.parse(path.read_bytes()).bozo, path


def test_an_atom_entry_is_never_newer_than_its_feed(sample_build):
    for path in (sample_build.output / "feeds").rglob("*.atom.xml"):
        root = etree.parse(str(path)).getroot()
        newest = dt.datetime.fromisoformat(root.findtext(f"{ATOM}updated"))
        for entry in root.iter(f"{ATOM}entry"):
            assert dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated")) <= newest, path
            published = dt.datetime.fromisoformat(entry.findtext(f"{ATOM}published"))
            assert published <= dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated")), path


def test_a_reader_opening_the_podcast_from_output_fetches_the_recording_from_the_server(sample_build):
    """Opened as a file, a root-relative enclosure resolved to file:///media/... (issue 17)."""
    path = sample_build.output / "feeds/stories/memoires-du-quartier.podcast.xml"
    read = feedparser.parse(path.read_bytes(), response_headers={"content-location": path.as_uri()})
    (enclosure,) = read.entries[0].enclosures
    assert enclosure.href.startswith(f"{PREVIEW}/feeds/media/")


def test_pages_stay_relative_so_output_opens_as_files(sample_build):
    """What a reader follows or loads stays relative; only what is read outside the page, its canonical address
    and its preview for other sites (`sharing.metadata`), is a full address."""
    for page in ("index.html", "agenda/index.html", "stories/memoires-du-quartier/index.html"):
        tree = html.fromstring(sample_build.read(page))
        followed = tree.xpath("//a/@href | //link[@rel!='canonical']/@href | //script/@src | //img/@src")
        assert followed and not [address for address in followed if address.startswith(PREVIEW)], page
        for address in tree.xpath("//link[@rel='canonical']/@href | //meta[@property='og:url']/@content"):
            assert address == f"{PREVIEW}/{page.removesuffix('index.html')}"


def test_the_preview_address_follows_the_servers_port_and_never_reaches_calendar_uids(site_factory):
    built = site_factory(
        {
            "places/salle.yaml": "name: Salle\naddress: {street: 1 rue A, postal_code: '69007', city: Lyon}\n",
            "events/2027/bal.md": "---\ntitle: Bal\nstart: 2027-03-13 20:00\nplace: salle\ncategories: [party]\n---\n"
            "Un bal.\n",
            "images/affiche.jpg": jpeg(),
        },
        KIOSQUE_PREVIEW_URL="http://127.0.0.1:8080",
        KIOSQUE_UID_DOMAIN="",
    )
    atom = built.read("feeds/agenda.atom.xml")
    assert "http://127.0.0.1:8080/agenda/bal/" in atom and ":8000" not in atom
    assert "UID:bal@kiosque.invalid" in built.read("agenda/bal/event.ics")  # a preview never names the events


def test_a_published_build_gives_siteurls_addresses_only(site_factory):
    built = site_factory(
        {
            "places/salle.yaml": "name: Salle\naddress: {street: 1 rue A, postal_code: '69007', city: Lyon}\n",
            "events/2027/bal.md": "---\ntitle: Bal\nstart: 2027-03-13 20:00\nplace: salle\ncategories: [party]\n---\n"
            "Un bal.\n",
        },
        SITEURL="https://agenda.example.org",
        RELATIVE_URLS=False,
    )
    for path in feeds(built.output):
        text = path.read_text(encoding="utf-8")
        assert "127.0.0.1" not in text and "https://agenda.example.org/" in text, path


@pytest.mark.parametrize("target", ["html", "devserver"])
def test_make_passes_the_servers_port_to_the_build(target):
    planned = subprocess.run(
        ["make", "-n", target, "PORT=8080"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},
    ).stdout
    assert "KIOSQUE_PREVIEW_URL=http://127.0.0.1:8080 " in planned
