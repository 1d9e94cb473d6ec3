"""The social media kit: /share/<event>/ for each upcoming event, with its pictures and the texts ready to paste
for each network (within its limits, with the event's facts and whole address), and /share/ for the week."""

from __future__ import annotations

import posixpath

import pytest
from lxml import html
from PIL import Image
from sharing.texts import CAPTION, MESSAGE, POST, Announcement, hashtag, hashtags

SITEURL = "https://agenda.example.org"
PLACE = "name: Café des Lilas\naddress:\n  street: 3 rue Haute\n  city: Lyon\n"
LONG_TITLE = "Grande soirée " + " ".join(["dansante et chantante avec tout le quartier"] * 6)
LONG_TEXT = "Une soirée pour tout le monde. " * 300


def event(title, start, extra="", text="Un bal pour tout le quartier."):
    return f"---\ntitle: {title}\nstart: {start}\nplace: cafe\ncategories: [concert]\n{extra}---\n{text}\n"


FILES = {
    "places/cafe.yaml": PLACE,
    "events/2026/passe.md": event("Bal passé", "2026-11-20 20:00"),
    "events/2026/bal.md": event(
        "Bal des Lilas",
        "2026-12-04 20:30",
        "end: 2026-12-04 23:00\ntags: [journées du patrimoine, cartes de vœux, '2026', concert]\n",
    ),
    "events/2026/annule.md": event("Concert annulé", "2026-12-05 18:00", "status: cancelled\n"),
    "events/2026/dimanche.md": event("Goûter du dimanche", "2026-12-06 15:00"),
    "events/2026/dimanche-bis.md": event("Chorale du dimanche", "2026-12-06 17:00"),
    "events/2027/long.md": event(
        LONG_TITLE, "2027-02-10 20:00", "tags: [" + ", ".join("abcdefghij") + "]\n", LONG_TEXT
    ),
}
THIS_WEEK = ["bal", "annule", "dimanche", "dimanche-bis"]  # today is Wednesday 2 December 2026
UPCOMING = [*THIS_WEEK, "long"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import build, write_files

    root = tmp_path_factory.mktemp("kit")
    write_files(root / "content", FILES)
    return build(root, today="2026-12-02", SITEURL=SITEURL)


def page(built, path: str):
    return html.fromstring(built.read(path))


def texts(built, slug: str) -> dict[str, str]:
    """The kit's texts by their field's id, as the reader sees (and copies) them."""
    kit = page(built, f"share/{slug}/index.html")
    return {area.get("id").removeprefix("text-"): area.text_content() for area in kit.iter("textarea")}


def test_each_upcoming_event_has_its_kit_linked_from_its_page_and_past_ones_have_none(built):
    for slug in UPCOMING:
        event_page = page(built, f"agenda/{slug}/index.html")
        (link,) = event_page.xpath("//a[normalize-space()='Kit de partage']/@href")
        assert posixpath.normpath(posixpath.join(f"agenda/{slug}", link)) == f"share/{slug}"
        assert (built.output / f"share/{slug}/index.html").is_file()
    assert not (built.output / "share/passe").exists()
    assert not page(built, "agenda/passe/index.html").xpath("//a[normalize-space()='Kit de partage']")


def test_the_kit_is_for_the_person_who_posts_not_for_search_engines_and_speaks_the_sites_language(built):
    for path in ("share/bal/index.html", "share/index.html"):
        kit = page(built, path)
        assert kit.xpath("//meta[@name='robots']/@content") == ["noindex"]
        assert kit.xpath("/html/@lang") == ["fr"]
    kit = page(built, "share/bal/index.html")
    assert kit.xpath("//h2/text()") == ["Images", "Textes prêts à coller"]
    for area in kit.iter("textarea"):  # plain text to select, each named by its label
        assert area.get("readonly") is not None and area.get("disabled") is None
        assert area.get("dir") == "auto"  # an Arabic title reads right to left in it
        assert kit.xpath(f"//label[@for='{area.get('id')}']/text()")
        (button,) = kit.xpath(f"//button[@data-copy='{area.get('id')}']")  # the script's, shown only with it
        assert "with-script" in button.getparent().get("class").split()


def test_texts_hold_the_title_date_in_words_place_absolute_link_and_hashtags(built):
    found = texts(built, "bal")
    address = f"{SITEURL}/agenda/bal/"
    for name in ("message", "post", "caption", "email-body"):
        text = found[name]
        assert "Bal des Lilas" in text, name
        assert "vendredi 4 décembre 2026, 20\u00a0h\u00a030 – 23\u00a0h" in text, name
        assert "Café des Lilas, Lyon" in text, name
    for name in ("message", "post", "email-body", "address"):
        assert address in found[name], name
    assert "http" not in found["caption"] and "Lien en bio." in found["caption"]  # Instagram links nothing
    assert found["email-subject"] == "Bal des Lilas — vendredi 4 décembre 2026, 20\u00a0h\u00a030 – 23\u00a0h"
    assert found["email-body"].startswith("Bonjour,\n\nBal des Lilas\n")
    assert "Un bal pour tout le quartier." in found["email-body"]
    tags = "#Concert #JourneesDuPatrimoine #CartesDeVoeux"  # the category, then the tags; once each; no "#2026"
    assert found["hashtags"] == tags
    assert found["post"].endswith(tags) and found["caption"].endswith(tags)


def test_every_text_fits_its_network_even_for_the_longest_title_and_text(built):
    for slug in UPCOMING:
        found = texts(built, slug)
        assert len(found["message"]) <= MESSAGE and len(found["post"]) <= POST and len(found["caption"]) <= CAPTION
        assert f"{SITEURL}/agenda/{slug}/" in found["post"] and f"{SITEURL}/agenda/{slug}/" in found["message"]
    long = texts(built, "long")
    assert long["post"].startswith("Grande soirée dansante") and "mercredi 10 février 2027" in long["post"]
    assert long["post"].splitlines()[0].endswith("…") and len(long["post"]) > POST - 40  # the room left used
    assert long["caption"].startswith(LONG_TITLE) and "#J" in long["caption"]  # ten hashtags and the whole title


def test_a_cancelled_events_texts_say_so(built):
    found = texts(built, "annule")
    for name in ("message", "post", "caption", "email-subject", "email-body"):
        assert "ANNULÉ — Concert annulé" in found[name], name


def test_the_week_lists_this_weeks_events_with_their_kits_and_a_carousel_picture_per_day(built):
    week = page(built, "share/index.html")
    kits = [
        posixpath.normpath(posixpath.join("share", href)) for href in week.xpath("//ul[@class='kit-week']//a/@href")
    ]
    assert kits == [f"share/{slug}" for slug in THIS_WEEK]
    carousel = week.xpath("//ol[contains(@class, 'kit-carousel')]//img/@src")
    days = ["2026-12-04", "2026-12-05", "2026-12-06"]  # the days with events, in order; Sunday once for two events
    shown = [posixpath.normpath(posixpath.join("share", src)) for src in carousel]
    assert len(shown) == len(days) and all(src.startswith(f"share/week/{day}") for src, day in zip(shown, days))
    assert week.xpath("//ol[contains(@class, 'kit-carousel')]//a[@download]/@href") == carousel
    caption = week.xpath("//textarea[@id='text-carousel']")[0].text_content()
    assert len(caption) <= CAPTION and caption.startswith("Cette semaine à ")
    positions = [caption.index(title) for title in ("Bal des Lilas", "Concert annulé", "Goûter du dimanche")]
    assert positions == sorted(positions) and "Vendredi 4 décembre 2026" in caption
    assert LONG_TITLE not in caption and "Bal passé" not in caption


def test_the_pictures_shown_are_the_builds_files_of_the_size_announced(built):
    for path in ("share/bal/index.html", "share/index.html"):
        for img in page(built, path).iter("img"):
            target = built.output / posixpath.normpath(posixpath.join(posixpath.dirname(path), img.get("src")))
            with Image.open(target) as picture:
                assert picture.size == (int(img.get("width")), int(img.get("height"))), target


@pytest.mark.parametrize(
    ("words", "tag"),
    [
        ("journées du patrimoine", "#JourneesDuPatrimoine"),
        ("cartes de vœux", "#CartesDeVoeux"),
        ("L'eau et la soie", "#LEauEtLaSoie"),
        ("arts_plastiques", "#ArtsPlastiques"),
        ("musique arabe عود", "#MusiqueArabeعود"),  # another script is kept as it is written
        ("2026", ""),  # digits alone are no hashtag on any network
        ("« ! »", ""),
    ],
)
def test_a_hashtag_is_camel_case_without_accents(words, tag):
    assert hashtag(words) == tag


def test_hashtags_are_given_once_whatever_their_case():
    assert hashtags(["Concert", "concert", "fête", "Fete", "2026"]) == ("#Concert", "#Fete")


def test_texts_are_cut_where_a_word_ends_and_keep_the_link():
    made = Announcement(
        title="Titre " * 100,
        status="Reporté",
        when="samedi 5 décembre 2026",
        where="Café, Lyon",
        address=SITEURL + "/agenda/x/",
        summary="mot " * 1000,
        tags=("#Un", "#Deux"),
    )
    for text in (made.message(), made.post()):
        assert POST - 10 < len(text) <= POST and text.startswith("REPORTÉ — Titre Titre")
        assert text.splitlines()[0].endswith("Titre…") and text.endswith(SITEURL + "/agenda/x/")
        assert "mot" not in text and "#Un" not in text  # the description, then the hashtags made room
    caption = made.caption("Lien en bio.")
    assert CAPTION - 10 < len(caption) <= CAPTION and caption.startswith("REPORTÉ — " + made.title.strip())
    assert "mot mot…\n\nLien en bio.\n\n#Un #Deux" in caption


@pytest.mark.usefixtures("speed_machinery")
def test_a_rebuild_keeps_the_kits_that_did_not_change_and_follows_a_new_picture(tmp_path):
    from conftest import build, jpeg, write_files

    picture = "image:\n  src: images/bal.jpg\n  alt: Le bal\n"
    write_files(
        tmp_path / "content",
        {
            "places/cafe.yaml": PLACE,
            "images/bal.jpg": jpeg((600, 400), "navy"),
            "events/2026/bal.md": event("Bal des Lilas", "2026-12-04 20:30", picture),
            "events/2026/dimanche.md": event("Goûter du dimanche", "2026-12-06 15:00"),
        },
    )
    settings = {"today": "2026-12-02", "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
    first = build(tmp_path, **settings)
    other = first.output / "share/dimanche/index.html"
    written = other.stat().st_mtime_ns, other.stat().st_ino
    before = set(page(first, "share/bal/index.html").xpath("//img/@src"))

    write_files(tmp_path / "content", {"images/bal.jpg": jpeg((600, 400), "orange")})  # same name, new picture
    rebuilt = build(tmp_path, **settings)
    after = set(page(rebuilt, "share/bal/index.html").xpath("//img/@src"))
    assert after != before and all((rebuilt.output / "share/bal" / src).resolve().is_file() for src in after)
    assert (other.stat().st_mtime_ns, other.stat().st_ino) == written  # not rendered again
