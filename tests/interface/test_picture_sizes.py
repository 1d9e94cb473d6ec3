"""A picture's width and height on its page, so the page keeps its room while it loads (Lighthouse's
layout shift): also for a file whose name needs percent-encoding in its address."""

from conftest import jpeg
from lxml import html

EVENT = """\
---
title: Vernissage
start: 2027-03-20 18:00
place: {name: Galerie, address: {street: 1 rue Neuve, postal_code: "69007", city: Lyon}}
categories: [exhibition]
image: {src: "images/%s", alt: Des portraits au mur}
---
Un texte.
"""


def test_a_picture_gives_its_real_size_whatever_its_file_name(site_factory):
    for name in ("affiche.jpg", "affiche du bal é.jpg"):
        built = site_factory({f"images/{name}": jpeg((120, 80)), "events/2027/vernissage.md": EVENT % name})
        assert built.warnings == [], built.warnings
        (picture,) = html.fromstring(built.read("agenda/vernissage/index.html")).xpath("//article//img")
        assert (picture.get("width"), picture.get("height")) == ("120", "80"), name
