"""What a weekly issue says, in its three forms: the week's events by day with date, time and place in words,
the events announced since the last issue, the cancellations and changes published since then (from the
files' git history), per filter, the empty week, and the print view's week, which is the same selection."""

from __future__ import annotations

import feedparser
import pytest
from lxml import html

from tests.conftest import build, git, write_files

PLACE = "name: Café\naddress:\n  street: 3 rue Haute\n  city: Lyon\n"


def event(title, start, extra="", category="concert"):
    return f"---\ntitle: {title}\nstart: {start}\nplace: cafe\ncategories: [{category}]\n{extra}---\nDu texte.\n"


def commit(root, when: str, message: str, monkeypatch) -> None:
    """A commit dated `when` (what the history reads: the committer's date)."""
    monkeypatch.setenv("GIT_COMMITTER_DATE", when)
    monkeypatch.setenv("GIT_AUTHOR_DATE", when)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Today is Wednesday 2 December 2026: this week's issue is 2026-W49 (Monday 30 November), and "since the
    last issue" is 23 to 29 November."""
    root = tmp_path_factory.mktemp("weekly")
    content = root / "content"
    with pytest.MonkeyPatch.context() as monkeypatch:
        git(root, "init", "-q")
        write_files(
            content,
            {
                "places/cafe.yaml": PLACE,
                "events/jeudi.md": event("Concert du jeudi", "2026-12-03 20:30", "end: 2026-12-03 22:00\n"),
                "events/marche.md": event("Marché de l'Avent", "2026-12-05", category="market"),
                "events/lundi.md": event("Concert de lundi passé", "2026-11-30 20:00"),
                "events/janvier.md": event("Concert de janvier", "2027-01-15 20:00"),
                "events/passe.md": event("Bal de novembre", "2026-11-25 21:00"),
            },
        )
        commit(root, "2026-11-01T10:00:00+01:00", "the first events", monkeypatch)
        write_files(
            content,
            {
                "events/fevrier.md": event("Nouveau concert de février", "2027-02-10 20:00"),
                "events/janvier.md": event("Concert de janvier", "2027-01-15 20:00", "status: cancelled\n"),
            },
        )
        commit(root, "2026-11-25T18:00:00+01:00", "one more, one cancelled", monkeypatch)
        write_files(content, {"events/mars.md": event("Concert de mars", "2027-03-01 20:00")})
        commit(root, "2026-12-01T09:00:00+01:00", "announced after this week's issue", monkeypatch)
    return build(root, today="2026-12-02", SITEURL="https://agenda.example.org")


def test_the_text_lists_every_event_of_the_week_with_date_time_and_place_in_words(site):
    text = site.read("newsletter/2026-W49/email.txt")
    assert "Semaine du lundi 30 novembre 2026 au dimanche 6 décembre 2026" in text
    thursday = text.index("jeudi 3 décembre 2026")
    assert text.index("- Concert du jeudi", thursday) < text.index(
        "20\u00a0h\u00a030 – 22\u00a0h, Café, 3 rue Haute, Lyon"
    )
    saturday = text.index("samedi 5 décembre 2026")
    assert text.index("- Marché de l'Avent", saturday) < text.index("toute la journée, Café, 3 rue Haute, Lyon")
    assert "https://agenda.example.org/agenda/jeudi/" in text
    # this week's issue, like the printed sheet, from today on: Monday's concert is over
    assert "Concert de lundi passé" not in text


def test_announced_since_the_last_issue_and_cancellations_come_from_the_history(site):
    text = site.read("newsletter/2026-W49/email.txt")
    announced = text.index("Annoncé depuis la semaine dernière")
    changes = text.index("Annulations et changements")
    assert announced < text.index("- Nouveau concert de février") < changes
    assert text.index("- [Annulé] Concert de janvier", changes) > changes
    assert "vendredi 15 janvier 2027" in text[changes:]
    assert "Concert de mars" not in text  # committed after the issue's Monday: next week's news
    page = html.fromstring(site.read("newsletter/2026-W49/index.html"))
    (cancelled,) = page.xpath("//section[h2='Annulations et changements']//li")
    assert "Annulé" in cancelled.text_content() and "Concert de janvier" in cancelled.text_content()


def test_a_past_issue_keeps_its_whole_week_and_its_own_news(site):
    text = site.read("newsletter/2026-W48/email.txt")
    assert "mercredi 25 novembre 2026" in text and "- Bal de novembre" in text
    assert "Concert du jeudi" not in text.split("--")[0]
    week_of_the_first_files = site.read("newsletter/2026-W45/email.txt")
    announced = week_of_the_first_files.split("Annoncé depuis la semaine dernière")[1]
    assert "- Concert du jeudi" in announced and "Concert de janvier" in announced


def test_each_filter_has_its_own_issue_and_feed(site):
    concerts = site.read("newsletter/category/concert/2026-W49/email.txt")
    assert "Concert du jeudi" in concerts and "Marché de l'Avent" not in concerts
    market = site.read("newsletter/category/market/2026-W49/email.txt")
    assert "Marché de l'Avent" in market and "Concert du jeudi" not in market
    feed = feedparser.parse(site.read("newsletter/category/market/feed.rss.xml"))
    assert not feed.bozo and feed.entries[0].link == "https://agenda.example.org/newsletter/category/market/2026-W49/"
    assert "Marché de l'Avent" in feed.entries[0].description


def test_the_issues_feed_lists_the_issues_newest_first_with_their_text(site):
    for name in ("feed.rss.xml", "feed.atom.xml"):
        feed = feedparser.parse(site.read(f"newsletter/{name}"))
        assert not feed.bozo, feed.bozo_exception
        keys = [entry.link.rstrip("/").rsplit("/", 1)[1] for entry in feed.entries]
        assert keys[:3] == ["2026-W49", "2026-W48", "2026-W47"] and len(keys) == 8
        assert all(
            (site.output / entry.link.removeprefix("https://agenda.example.org/")).is_dir() for entry in feed.entries
        )
        assert "Concert du jeudi" in feed.entries[0].get("content", [{}])[0].get("value", feed.entries[0].summary)
    index = html.fromstring(site.read("newsletter/index.html"))
    assert index.xpath("//a[@aria-current='true']/@href")[0].endswith("newsletter/2026-W49/")


def test_the_print_view_has_the_same_week_as_the_newsletter(site):
    sheet = html.fromstring(site.read("agenda/print/index.html"))
    week = sheet.xpath("//section[@class='sheet']")[0]
    issue = html.fromstring(site.read("newsletter/2026-W49/index.html"))
    days = issue.xpath("//section[@class='day']//li/a/text()")
    assert [b.text for b in week.xpath(".//li/b")] == days == ["Concert du jeudi", "Marché de l'Avent"]


def test_a_week_with_nothing_says_so_and_still_links_the_agenda(tmp_path, monkeypatch):
    monkeypatch.delenv("KIOSQUE_TODAY", raising=False)
    write_files(
        tmp_path / "content", {"places/cafe.yaml": PLACE, "events/plus-tard.md": event("Plus tard", "2027-05-01 20:00")}
    )
    site = build(tmp_path, today="2026-12-02", SITEURL="https://agenda.example.org")
    text = site.read("newsletter/2026-W49/email.txt")
    assert "Aucun événement cette semaine." in text and "https://agenda.example.org/agenda/" in text
    email = html.fromstring(site.read("newsletter/2026-W49/email.html"))
    assert "Aucun événement cette semaine." in email.text_content() and email.xpath("//body/@data-dates") == ["0"]
    assert "https://agenda.example.org/agenda/" in email.xpath("//a/@href")
    assert site.warnings == []


def test_names_are_words_in_the_text_and_escaped_in_the_html(site_factory):
    """A place "Café & Co" is that in the plain text (no "&amp;"), and markup in a title or a place's name is text
    in the e-mail, in its title as in its body (the filter's e-mail has the place's name in its title)."""
    site = site_factory(
        {
            "places/co.yaml": "name: Café & Co </title><script>alert(1)</script>\n"
            "address:\n  street: 1 rue d'en Haut\n  city: Lyon\n",
            "events/rock.md": "---\ntitle: Rock 'n' roll <b>fort</b>\nstart: 2026-12-04 20:00\nplace: co\n"
            "categories: [concert]\nstatus: postponed\n---\nDu bruit.\n",
        },
        today="2026-12-02",
    )
    text = site.read("newsletter/2026-W49/email.txt")
    assert "- [Reporté (date à venir)] Rock 'n' roll <b>fort</b>" in text
    assert "Café & Co </title><script>alert(1)</script>, 1 rue d'en Haut, Lyon" in text
    for path in ("newsletter/2026-W49/email.html", "newsletter/place/co/2026-W49/email.html"):
        email = html.fromstring(site.read(path))
        assert email.xpath("//script") == [] and email.xpath("//b") == []
        assert "Rock 'n' roll <b>fort</b>" in email.xpath("//a[@class='title']/text()")
    title = html.fromstring(site.read("newsletter/place/co/2026-W49/email.html")).findtext(".//title")
    assert title == (
        "30 nov.\u2009–\u20096 déc. 2026 — Café & Co </title><script>alert(1)</script> — "
        "Quartier des Lilas — l'agenda partagé"
    )


@pytest.mark.parametrize("value", ["huit", 0, 2.5])
def test_a_number_of_issues_that_cannot_be_used_stops_the_build_with_a_sentence(site_factory, caplog, value):
    with pytest.raises(SystemExit):
        site_factory({"places/cafe.yaml": PLACE}, KIOSQUE_NEWSLETTER_ISSUES=value)
    assert f"KIOSQUE_NEWSLETTER_ISSUES must be a number of weeks, 1 or more, like 8; found {value!r}" in caplog.text


def test_the_number_of_issues_kept_is_a_setting(site_factory):
    site = site_factory({"places/cafe.yaml": PLACE}, today="2026-12-02", KIOSQUE_NEWSLETTER_ISSUES=2)
    assert sorted(path.name for path in (site.output / "newsletter").glob("2026-W*")) == ["2026-W48", "2026-W49"]
    assert len(feedparser.parse(site.read("newsletter/feed.atom.xml")).entries) == 2


def test_the_feeds_carry_the_issue_as_html_with_its_links_for_tools_that_mail_them(site):
    entry = feedparser.parse(site.read("newsletter/feed.atom.xml")).entries[0]
    content = html.fromstring(entry.content[0].value)
    assert "https://agenda.example.org/agenda/jeudi/" in content.xpath("//a/@href")
    assert content.xpath("//h2[@class='day']")[0].get("style")  # the e-mail's inlined styles come along


def test_an_issue_says_how_many_dates_it_lists_so_an_empty_filter_issue_can_be_skipped(site):
    def dates(path):
        return html.fromstring(site.read(path)).xpath("//body/@data-dates")

    assert dates("newsletter/2026-W49/email.html") == ["4"]  # two this week, one announced, one cancelled
    assert dates("newsletter/category/market/2026-W49/email.html") == ["1"]
    assert not (site.output / "newsletter/category/market/2026-W48").exists()  # a past week with nothing: none


def test_each_filter_page_leads_to_its_newsletter(site):
    page = html.fromstring(site.read("agenda/category/market/index.html"))
    (link,) = page.xpath("//section[@class='subscribe']//a[contains(@href, 'newsletter')]/@href")
    assert link.endswith("newsletter/category/market/")
    assert (site.output / "newsletter/category/market/index.html").exists()


def test_the_lists_sign_up_page_is_offered_when_the_site_names_it(site_factory):
    site = site_factory(
        {"places/cafe.yaml": PLACE},
        today="2026-12-02",
        KIOSQUE_NEWSLETTER_SUBSCRIBE="https://lists.example.org/subscribe/lilas",
    )
    for path in ("newsletter/index.html", "newsletter/2026-W49/index.html"):
        page = html.fromstring(site.read(path))
        assert page.xpath("//a[.='La recevoir par courriel']/@href") == ["https://lists.example.org/subscribe/lilas"]
