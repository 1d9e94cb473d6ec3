"""An event's page holds what its contributor wrote as text: a title cannot close the JSON-LD's script, a
picture is the site's own file, and the links (online, organizer, booking) are addresses that stay in
their attribute and name http(s) — whatever the fields hold once read."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from conftest import build as build_site
from conftest import changed_after_reading, jpeg, write_files
from lxml import html

CLOSING = "</script><script>alert(1)</script>"
SITE = {"SITEURL": "https://agenda.example.org", "RELATIVE_URLS": False}


def event(slug: str) -> str:
    return (
        f"---\ntitle: '{slug} {CLOSING}'\nstart: 2027-03-20 20:30\nplace: salle\ncategories: [concert]\n"
        "image: {src: images/affiche.jpg, alt: 'Affiche " + CLOSING + "'}\n"
        "online: https://live.example.org/bal\norganizer: {name: '" + CLOSING + "', url: 'https://amis.example.org/'}\n"
        "booking: {url: 'https://billets.example.org/'}\n---\nTexte "
        "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;.\n"
    )


FILES = {
    "images/affiche.jpg": jpeg(),
    "places/salle.yaml": f"name: 'Salle {CLOSING}'\naddress:\n  street: 1 rue Haute\n  city: Lyon\n"
    "website: https://salle.example.org/\n",
    "events/2027/ordinaire.md": event("ordinaire"),
    "events/2027/trafique.md": event("trafique"),
}


def tamper(context) -> None:
    (crafted,) = [e for e in context["events"] if e.slug == "trafique"]
    crafted.data.image.src = "ht\ttps://tracker.example/pixel.gif"
    crafted.data.online = "java\tscript:alert(1)"
    crafted.data.organizer.url = 'https://amis.example.org/" onmouseover="alert(1)'
    crafted.data.booking.url = "javascript:alert(1)"
    (place,) = context["places"]
    place.data.website = "vbscript:msgbox(1)"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-pages")
    write_files(root / "content", FILES)
    with changed_after_reading(tamper):
        return build_site(root, today="2027-03-01", **SITE)


def page(built, path: str):
    tree = html.fromstring(built.read(path))
    assert [a for element in tree.iter() for a in element.attrib if a.lower().startswith("on")] == []
    return tree


@pytest.mark.parametrize(
    "path", ["agenda/ordinaire/index.html", "agenda/trafique/index.html", "places/salle/index.html"]
)
def test_a_title_cannot_close_the_json_ld_script(built, path):
    tree = page(built, path)
    inline = [s for s in tree.xpath("//script") if not s.get("src")]
    assert [s.get("type") for s in inline] == ["application/ld+json"]  # the payload added no script
    document = json.loads(inline[0].text)
    assert document["name"].endswith(CLOSING)  # the words written, whole
    assert "<" not in inline[0].text  # escaped as \u003c: the HTML parser never sees a tag in there


def test_an_event_page_shows_text_and_the_site_s_picture(built):
    tree = page(built, "agenda/ordinaire/index.html")
    assert tree.xpath("//h1")[0].text_content() == f"ordinaire {CLOSING}"
    [src] = tree.xpath("//main//img/@src")  # its largest light copy (`pictures`), named after it
    assert src.startswith("https://agenda.example.org/images/affiche.") and src.endswith(".jpg")
    assert json.loads(tree.xpath("//script[@type='application/ld+json']")[0].text)["description"] == f"Texte {CLOSING}."


def test_crafted_links_and_pictures_never_reach_an_attribute(built):
    tree = page(built, "agenda/trafique/index.html")
    assert tree.xpath("//main//img") == []  # never another host's picture
    links = tree.xpath("//main//a[not(starts-with(@href, 'mailto:?'))]/@href")  # but the theme's "share by e-mail"
    assert {urlsplit(link).scheme for link in links} == {"https"}
    assert "https://amis.example.org/%22%20onmouseover=%22alert(1)" in links
    assert "java\tscript:alert(1)" in tree.xpath("//main//dd/text()")  # shown as text, not a link
    ld = json.loads(tree.xpath("//script[@type='application/ld+json']")[0].text)
    assert "image" not in ld
    place = page(built, "places/salle/index.html")
    assert {urlsplit(link).scheme for link in place.xpath("//main//a/@href")} == {"https"}
    assert "sameAs" not in json.loads(place.xpath("//script[@type='application/ld+json']")[0].text)


def test_a_place_written_right_to_left_keeps_its_own_direction_in_the_event_page(tmp_path):
    write_files(
        tmp_path / "content",
        {
            "places/cafe.yaml": "name: مقهى الحي ☕\naddress:\n  street: 3 rue des Lilas\n  city: Lyon\n",
            "events/2027/the.md": "---\ntitle: Thé\nstart: 2027-03-20 20:30\nplace: cafe\ncategories: [concert]\n---\n"
            "x\n",
        },
    )
    page = html.fromstring(build_site(tmp_path, **SITE).read("agenda/the/index.html"))
    where = page.xpath("//dt[.='Où']/following-sibling::dd[1]")[0]
    assert [bdi.text for bdi in where.iter("bdi")] == ["مقهى الحي ☕", "3 rue des Lilas", "Lyon"]
