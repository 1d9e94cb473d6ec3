"""The Pelican build: each kind becomes its own page, broken files are left out with the same messages as
`make check`, contributors' HTML is made safe, and "today" can be fixed."""

from __future__ import annotations

import io
import json

import jsonschema
import pytest
from lxml import html
from PIL import Image

from contributions.reading.loader import read_source
from contributions.schemas.kinds import KINDS

PLACE = "name: Médiathèque Louise-Michel\naddress:\n  street: 1 rue des Lilas\n  postal_code: '69004'\n  city: Lyon\n"
EVENT = """\
---
title: {title}
start: {start}
place: mediatheque
categories: [concert]
---
{body}
"""
FILES = {
    "places/mediatheque.yaml": PLACE,
    "events/2026/concert.md": EVENT.format(title="Concert au chapeau", start="2026-12-05 20:30", body="Un *trio*."),
    "events/2026/passe.md": EVENT.format(title="Atelier passé", start="2026-11-02 14:00", body="Fini."),
    "playlists/bande-son/index.md": "---\ntitle: La bande-son\n---\nNos chansons.\n",
    "playlists/bande-son/la-boheme.yaml": "title: La Bohème\nartist: Charles Aznavour\nadded_by: Mireille\n"
    "added: 2026-11-02\nnote: Ma mère la chantait.\n",
    "stories/memoires/index.md": "---\ntitle: Mémoires du quartier\n---\nDes souvenirs.\n",
    "stories/memoires/le-bal.md": "---\ntitle: Le bal\nteller: Jeanine\nlanguage: fr\nconsent: true\n---\n"
    "On dansait.\n",
    "stories/memoires/the-ball.md": "---\ntitle: The ball\nteller: Jeanine\nlanguage: en\ntranslation_of: le-bal\n"
    "consent: true\n---\nWe danced.\n",
    "pages/about.md": "Title: À propos\nSlug: about\n\nUn agenda partagé.\n",
}


def h1(build, path):
    return html.fromstring(build.read(path)).findtext(".//h1").strip()


def test_each_kind_has_its_own_page_at_its_address(site_factory):
    build = site_factory(FILES)
    assert build.warnings == []
    assert h1(build, "agenda/concert/index.html") == "Concert au chapeau"
    assert h1(build, "places/mediatheque/index.html") == "Médiathèque Louise-Michel"
    assert h1(build, "playlists/bande-son/index.html") == "La bande-son"
    assert h1(build, "playlists/bande-son/la-boheme/index.html") == "La Bohème"
    assert h1(build, "stories/memoires/index.html") == "Mémoires du quartier"
    assert h1(build, "stories/memoires/le-bal/index.html") == "Le bal"
    assert h1(build, "about/index.html") == "À propos"
    # contributions are not blog articles: Pelican wrote no article, tag or category page
    assert not (build.output / "tag").exists() and not (build.output / "category").exists()


def test_pages_link_their_neighbours(site_factory):
    build = site_factory(FILES)
    event = html.fromstring(build.read("agenda/concert/index.html"))
    assert "../../places/mediatheque/" in event.xpath("//a/@href")
    place = html.fromstring(build.read("places/mediatheque/index.html"))
    assert [a.text for a in place.xpath("//ul[@class='events upcoming']//a")] == ["Concert au chapeau"]
    assert [a.text for a in place.xpath("//ul[@class='events past']//a")] == ["Atelier passé"]  # today is 1 December
    story = html.fromstring(build.read("stories/memoires/the-ball/index.html"))
    assert story.get("lang") == "fr"  # the interface stays in the site's language...
    assert story.xpath("//h1/@lang") == story.xpath("//div[@class='text']/@lang") == ["en"]  # ...the story is English
    assert story.xpath("//link[@rel='alternate']/@hreflang") == ["fr"]
    original = html.fromstring(build.read("stories/memoires/le-bal/index.html"))
    assert original.xpath("//link[@rel='alternate']/@hreflang") == ["en"]


def test_broken_files_are_left_out_with_the_check_messages(site_factory):
    files = {
        **FILES,
        "events/2026/casse.md": EVENT.format(title="Cassé", start="2026-12-32 20:00", body="x"),
        "stories/memoires/sans-accord.md": "---\ntitle: Secret\nteller: Paul\nconsent: false\n---\nNon.\n",
    }
    build = site_factory(files, DEFAULT_LANG="en")
    assert len(build.warnings) == 2
    assert build.warnings[0].endswith(
        "content/events/2026/casse.md:3: start: the date '2026-12-32 20:00' does not exist; check the day and "
        "the month (written year-month-day)"
    )
    assert build.warnings[1].endswith(
        "content/stories/memoires/sans-accord.md:4: consent: a story is published only once its teller has agreed; "
        "set 'consent: true' after asking them"
    )
    assert not (build.output / "agenda/casse").exists()
    assert not (build.output / "stories/memoires/sans-accord").exists()
    assert "Secret" not in build.read("stories/memoires/index.html")
    # everything valid is still built
    assert h1(build, "agenda/concert/index.html") == "Concert au chapeau"


def test_contributors_html_is_sanitized(site_factory):
    body = (
        '<script>alert(1)</script><img src="https://tracker.example.com/p.gif" onerror="alert(2)">'
        '<a href="javascript:alert(3)">clic</a> <a href="https://ok.example.org">ok</a> <b onclick="x()">gras</b>'
    )
    build = site_factory(
        {**FILES, "events/2026/concert.md": EVENT.format(title="C", start="2026-12-05 20:30", body=body)}
    )
    description = html.fromstring(build.read("agenda/concert/index.html")).xpath("//div[@class='description']")[0]
    text = html.tostring(description, encoding="unicode")
    assert "<script" not in text and "alert" not in text and "onerror" not in text and "onclick" not in text
    assert "tracker.example.com" not in text
    assert description.xpath(".//a/@href") == ["https://ok.example.org"]
    assert description.findtext(".//b") == "gras"


def test_prices_are_written_the_way_the_site_language_writes_them(site_factory):
    paid = EVENT.format(title="Atelier", start="2026-12-05 14:00", body="x").replace(
        "categories:",
        "price:\n  kind: paid\n  amounts:\n    - {label: plein tarif, amount: 8}\n"
        "    - {label: réduit, amount: '5,5'}\ncategories:",
    )
    build = site_factory({**FILES, "events/2026/concert.md": paid})
    prices = html.fromstring(build.read("agenda/concert/index.html")).xpath("//dd/ul/li/text()")
    assert [" ".join(p.split()) for p in prices] == ["plein tarif : 8,00 €", "réduit : 5,50 €"]


def test_pelican_link_syntax_is_not_for_contributors(site_factory):
    picture = io.BytesIO()
    Image.new("RGB", (4, 4)).save(picture, "JPEG")  # a real picture: only those are published (static_files)
    files = {
        **FILES,
        "images/affiche.jpg": picture.getvalue(),
        "events/2026/concert.md": EVENT.format(
            title="C",
            start="2026-12-05 20:30",
            body="[affiche]({attach}/images/affiche.jpg) [page]({filename}/pages/about.md)",
        ),
    }
    build = site_factory(files)
    links = html.fromstring(build.read("agenda/concert/index.html")).xpath("//div[@class='description']//a/@href")
    assert links == ["{attach}/images/affiche.jpg", "{filename}/pages/about.md"]  # left as written, never resolved
    assert (build.output / "images/affiche.jpg").exists() and not (build.output / "agenda/concert/affiche.jpg").exists()


def test_fields_are_text_never_html(site_factory):
    title = '<script>alert("x")</script> & <b>Fête</b>'
    event = EVENT.format(title=f"'{title}'", start="2026-12-05 20:30", body="x").replace(
        "categories:", "performers: ['<img src=x onerror=alert(1)>']\ncategories:"
    )
    build = site_factory({**FILES, "events/2026/concert.md": event})
    for page in ("agenda/concert/index.html", "index.html", "places/mediatheque/index.html"):
        tree = html.fromstring(build.read(page))
        assert tree.xpath("//script[not(@type='application/ld+json')][not(@src)]") == []
        assert tree.xpath("//img[@onerror]") == []
        assert {src.rsplit("/", 1)[-1] for src in tree.xpath("//script/@src")} <= {"share-buttons.js"}  # the theme's
        assert all("<" not in (script.text or "") for script in tree.xpath("//script"))  # JSON-LD escapes '<' too
        assert title in tree.text_content()


@pytest.mark.parametrize(
    "today, expected",
    [
        ("2026-11-01", ["Atelier passé", "Concert au chapeau"]),
        ("2026-11-03", ["Concert au chapeau"]),
        ("2026-12-06", []),
    ],
)
def test_fixed_today_decides_what_is_upcoming(site_factory, today, expected):
    build = site_factory(FILES, today=today)
    home = html.fromstring(build.read("index.html"))
    assert [a.text for a in home.xpath("//ul[@class='events']//a")] == expected


def test_a_series_begun_before_today_shows_its_next_date(site_factory):
    weekly = EVENT.format(title="Heure du conte", start="2026-11-04 10:00", body="x").replace(
        "categories: [concert]",
        "categories: [reading]\nrecurrence: {frequency: weekly, until: 2027-06-30}\nexcept: 2026-12-02",
    )
    build = site_factory({**FILES, "events/2026/conte.md": weekly}, today="2026-12-01")
    home = html.fromstring(build.read("index.html"))
    items = home.xpath("//ul[@class='events']/li")
    assert [li.findtext("a") for li in items] == ["Concert au chapeau", "Heure du conte"]
    assert items[1].xpath(".//time/@datetime") == ["2026-12-09T10:00:00+01:00"]


def test_a_broken_setting_stops_the_build_with_a_sentence(site_factory, caplog):
    with pytest.raises(SystemExit) as stopped:
        site_factory(FILES, today="01/12/2026")
    assert stopped.value.code == 2
    assert "KIOSQUE_TODAY must be a date written YYYY-MM-DD, found '01/12/2026'" in caplog.messages


def test_kiosque_today_from_the_environment_wins(site_factory, monkeypatch):
    monkeypatch.setenv("KIOSQUE_TODAY", "2026-12-06")
    build = site_factory(FILES, today="2026-11-01")
    assert html.fromstring(build.read("index.html")).xpath("//ul[@class='events']//a") == []


def test_published_json_schemas_accept_the_examples_and_refuse_mistakes(site_factory):
    build = site_factory(FILES)
    for kind in KINDS.values():
        schema = json.loads(build.read(f"schema/{kind.name.replace('_', '-')}.json"))
        jsonschema.Draft202012Validator.check_schema(schema)
        example = read_source(kind.example.encode(), kind.markdown, 10**6).data
        jsonschema.validate(example, schema)
    event_schema = json.loads(build.read("schema/event.json"))
    bad = read_source(KINDS["event"].example.encode(), True, 10**6).data | {"categories": ["concer"]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, event_schema)
    assert "concert" in json.dumps(event_schema["properties"]["categories"])


def test_a_site_can_replace_a_vocabulary(site_factory):
    categories = {"bal": {"fr": "Bal", "en": "Dance"}, "concert": {"fr": "Concert", "en": "Concert"}}
    files = {
        **FILES,
        "events/2026/bal.md": EVENT.format(title="Bal", start="2026-12-12 21:00", body="x").replace(
            "[concert]", "[bal]"
        ),
        "events/2026/atelier.md": EVENT.format(title="Atelier", start="2026-12-13 10:00", body="x").replace(
            "[concert]", "[workshop]"
        ),
    }
    build = site_factory(files, KIOSQUE_CATEGORIES=categories)
    assert h1(build, "agenda/bal/index.html") == "Bal"
    assert not (build.output / "agenda/atelier").exists()
    assert build.warnings[0].endswith(
        "atelier.md:5: categories: valeurs possibles : bal, concert — trouvé : 'workshop'"
    )
    schema = json.loads(build.read("schema/event.json"))
    assert '"enum": ["bal", "concert"]' in json.dumps(schema)


def test_contribute_page_documents_every_field_with_its_values(site_factory):
    build = site_factory(FILES)
    page = html.fromstring(build.read("contribute/index.html"))
    for kind in KINDS.values():
        section = page.get_element_by_id(kind.name)
        names = {code.text for code in section.xpath(".//dl/dt/code")}
        assert set(kind.schema.model_fields) - {"except_dates", "extra_dates"} <= names
        assert kind.example.strip() in section.findtext(".//pre/code")
    # descriptions are text: '<slug>' in a description stays visible, it is not taken for a tag
    assert "content/places/<slug>.yaml" in page.get_element_by_id("event").text_content()
    event = page.get_element_by_id("event")
    row = [dt.getnext() for dt in event.xpath(".//dl/dt") if dt.findtext("code") == "categories"][0]
    assert "repair-cafe" in row.text_content() and "Scène ouverte" in row.text_content()


def test_json_ld_made_on_demand_is_made_once_and_a_slip_inside_it_is_not_silence():
    """Templates print nothing for a missing attribute: a maker's own AttributeError must not pass for one."""
    from types import SimpleNamespace

    from publishing.content import ContributionContent

    item = ContributionContent.__new__(ContributionContent)
    item.contribution = SimpleNamespace(path="content/stories/x/y.md")
    made = []
    item.json_ld_maker = lambda: made.append(1) or {"name": "x"}
    assert (item.json_ld, item.json_ld, made) == ({"name": "x"}, {"name": "x"}, [1])
    other = ContributionContent.__new__(ContributionContent)
    other.contribution = item.contribution
    other.json_ld_maker = lambda: other.not_there
    with pytest.raises(RuntimeError, match="JSON-LD of content/stories/x/y.md: .*not_there"):
        _ = other.json_ld  # reading it is what raises


def test_a_contributions_source_path_is_the_one_pelican_works_out():
    """Worked out from the text of the path when it is plainly inside content/, else left to Pelican."""
    import os

    from pelican.utils import posixize_path

    from publishing.content import _under

    cases = {
        ("/site/content/events/2026/x.md", "/site/content"): "events/2026/x.md",
        ("/site/content/x.md", "/site/content/"): "x.md",
        ("/site/contents/x.md", "/site/content"): None,
        ("/site/content/../x.md", "/site/content"): None,
        ("/site/content//events/x.md", "/site/content"): None,
    }
    for (path, folder), expected in cases.items():
        assert _under(path, folder) == expected
        pelican = posixize_path(os.path.relpath(os.path.abspath(os.path.join(folder, path)), os.path.abspath(folder)))
        assert expected in (pelican, None)
