"""Share links are plain links written by the build: each network's own address for "post this", carrying the
page's whole address and its title, encoded so that any title arrives as it was written."""

from __future__ import annotations

from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from lxml import html
from sharing.links import share_links

TRICKY = 'Bal & « fête » #1 — 50% + "guillemets" ? حفلة'
ADDRESS = "https://agenda.example.org/agenda/bal/"


def fields(href: str) -> dict[str, str]:
    """The query of an address read back as a browser or a mail program reads it, one value a field."""
    values = parse_qs(urlsplit(href).query, keep_blank_values=True, strict_parsing=True)
    assert all(len(v) == 1 for v in values.values()), href
    return {name: v[0] for name, v in values.items()}


def by_name(sharing) -> dict[str, str]:
    return {link.name: link.href for link in sharing.links}


def test_each_network_gets_the_address_and_the_text_back_intact():
    links = by_name(share_links(ADDRESS, TRICKY, "/share/mastodon.html", "samedi 12 décembre 2026, 20 h"))
    assert set(links) == {"email", "whatsapp", "telegram", "facebook", "mastodon"}
    assert links["email"].startswith("mailto:?")
    body = f"samedi 12 décembre 2026, 20 h\r\n{ADDRESS}"  # no preview in a mail: the date is written
    assert fields(links["email"]) == {"subject": TRICKY, "body": body}
    assert "+" not in links["email"]  # a mail program reads "+" as itself, not as a space (RFC 6068)
    assert links["whatsapp"].startswith("https://wa.me/?")
    assert fields(links["whatsapp"]) == {"text": f"{TRICKY} {ADDRESS}"}
    assert links["telegram"].startswith("https://t.me/share/url?")
    assert fields(links["telegram"]) == {"url": ADDRESS, "text": TRICKY}
    assert links["facebook"].startswith("https://www.facebook.com/sharer/sharer.php?")
    assert fields(links["facebook"]) == {"u": ADDRESS}
    assert links["mastodon"].startswith("/share/mastodon.html?")
    assert fields(links["mastodon"]) == {"text": f"{TRICKY} {ADDRESS}"}


def test_no_title_can_leave_its_attribute_or_add_a_field():
    hostile = '"><script>x</script>&u=https://evil.example#'
    for link in share_links(ADDRESS, hostile, "..", hostile).links:
        assert not set(link.href) & set("\"'<> #"), link.href
        carried = [value for value in fields(link.href).values() if "evil" in value]
        assert all(hostile in value for value in carried)  # in one field, whole (Facebook's carries no text)
        assert fields(link.href).get("u", ADDRESS) == ADDRESS


EVENT = """\
---
title: "Bal & guinguette « du quartier »"
start: 2026-12-12 20:00
place: {name: Salle des fêtes, address: {street: 1 rue Haute, postal_code: "75020", city: Paris}}
categories: [party]
---
On danse.
"""
STORY = (
    "---\ntitle: La soupe au caillou\nteller: Hélène\nlanguage: fr\nlicence: CC-BY-4.0\nconsent: true\n---\nUn soir.\n"
)
FILES = {
    "events/2026/bal.md": EVENT,
    "stories/contes/index.md": "---\ntitle: Contes\nlanguages: [fr]\n---\nDes contes.\n",
    "stories/contes/soupe.md": STORY,
    "playlists/sons/index.md": "---\ntitle: Sons du quartier\nopen: true\n---\nNos sons.\n",
}
PAGES = {  # page: (its address under the site, its title, what an e-mail adds: an event's date as its page says it)
    "agenda/bal/index.html": ("agenda/bal/", "Bal & guinguette « du quartier »", "{when}\r\n"),
    "stories/contes/soupe/index.html": ("stories/contes/soupe/", "La soupe au caillou", ""),
    "playlists/sons/index.html": ("playlists/sons/", "Sons du quartier", ""),
}


def share_section(built, page: str):
    return html.fromstring(built.read(page)).xpath("//main//section[@class='share']")[0]


@pytest.mark.parametrize("page", PAGES)
def test_pages_share_their_whole_address_with_plain_links_and_no_script_of_theirs(site_factory, page):
    built = site_factory(FILES, SITEURL="https://agenda.example.org", RELATIVE_URLS=False)
    path, title, details = PAGES[page]
    address = f"https://agenda.example.org/{path}"
    section = share_section(built, page)
    when = "".join(section.xpath("//dl[@class='facts']//time[1]//text()"))
    assert when or not details
    links = {a.text_content(): a.get("href") for a in section.xpath(".//a")}
    assert list(links) == ["E-mail", "WhatsApp", "Telegram", "Facebook", "Mastodon"]
    body = details.format(when=when) + address
    assert fields(links["E-mail"]) == {"subject": title, "body": body}
    assert fields(links["WhatsApp"]) == {"text": f"{title} {address}"}
    assert fields(links["Telegram"]) == {"url": address, "text": title}
    assert fields(links["Facebook"]) == {"u": address}
    mastodon = urljoin(address, links["Mastodon"])
    assert mastodon.startswith("https://agenda.example.org/share/mastodon.html?")
    assert fields(mastodon) == {"text": f"{title} {address}"}
    assert section.xpath(".//input[@id='share-address']/@value") == [address]
    assert section.xpath(".//input[@id='share-address']/@readonly")
    # the only script is the site's own, and nothing of another host is loaded (no picture, frame, style)
    assert [urljoin(address, s) for s in section.xpath(".//script/@src")] == [
        "https://agenda.example.org/theme/js/share-buttons.js"
    ]
    assert not section.xpath(".//script[not(@src)] | .//img | .//iframe | .//link | .//*[@style]")
    for a in section.xpath(".//a[starts-with(@href, 'https:')]"):
        assert "noreferrer" in a.get("rel")  # the network is not told which page the reader came from
    # the buttons need a script: hidden until it finds what they use
    assert section.xpath(".//button/@hidden") == ["", ""]


SERIES = """\
---
title: Heure du conte
start: 2026-09-16 10:30
duration: 45 min
place: {name: Médiathèque, address: {street: 2 rue Basse, postal_code: "75020", city: Paris}}
categories: [reading]
recurrence: {frequency: weekly, weekdays: [wednesday]}
---
Des contes.
"""


def test_a_series_is_announced_by_its_next_date_not_its_first(site_factory):
    built = site_factory({"events/2026/conte.md": SERIES})  # today: 2026-12-01, a Tuesday
    section = share_section(built, "agenda/conte/index.html")
    next_dates = section.xpath("//dl[@class='facts']//li/time//text()")
    assert "décembre" in next_dates[0] and "septembre" not in next_dates[0]
    assert fields(section.xpath(".//a[.='E-mail']/@href")[0])["body"].startswith(f"{next_dates[0]}\r\n")


def test_a_build_without_siteurl_shares_the_local_servers_addresses(site_factory):
    built = site_factory(FILES, KIOSQUE_PREVIEW_URL="http://127.0.0.1:8123")
    section = share_section(built, "agenda/bal/index.html")
    assert section.xpath(".//input/@value") == ["http://127.0.0.1:8123/agenda/bal/"]
    mastodon = section.xpath(".//a[.='Mastodon']/@href")[0]
    assert urljoin("http://127.0.0.1:8123/agenda/bal/", mastodon).startswith(
        "http://127.0.0.1:8123/share/mastodon.html"
    )


def test_the_mastodon_page_is_the_sites_own_and_asks_search_engines_to_leave_it(site_factory):
    built = site_factory(FILES)
    page = html.fromstring(built.read("share/mastodon.html"))
    assert page.xpath("//meta[@name='robots']/@content") == ["noindex"]
    form = page.xpath("//form[contains(@class, 'mastodon-share')]")[0]
    assert form.xpath(".//input[@name='instance'] | .//textarea[@name='text']")
    assert not page.xpath("//script[not(@src)][not(@type='application/ld+json')]")
    assert all(not urlsplit(src).netloc for src in page.xpath("//script/@src | //link[@rel='stylesheet']/@href"))


@pytest.mark.parametrize(
    ("language", "words"), [("fr", ["Partager", "L'adresse de cette page"]), ("en", ["Share", "This page's address"])]
)
def test_the_share_links_speak_the_sites_language(site_factory, language, words):
    section = share_section(site_factory(FILES, DEFAULT_LANG=language), "agenda/bal/index.html")
    assert [section.findtext("h2"), section.findtext(".//label")] == words
