"""`make send-digest` on what the newsletter's build really writes (plugins/newsletter/): this week's issue of
a small site built for its public address reaches the list as built, the whole agenda's and a filter's; the
same site built for a preview (`make html`) is refused."""

from __future__ import annotations

import pytest
from conftest import build, write_files
from digest_sites import LIST, emailing, record, said_plainly, smtp_server
from lxml import html

SITE = "https://quartier-des-lilas.fr"
PLACE = "name: Café des Lilas\naddress:\n  street: 3 rue Haute\n  city: Lyon\n"


def event(title: str, start: str, category: str) -> str:
    return f"---\ntitle: {title}\nstart: {start}\nplace: cafe\ncategories: [{category}]\n---\nDu texte.\n"


FILES = {
    "places/cafe.yaml": PLACE,
    "events/jeudi.md": event("Concert du jeudi", "2026-12-03 20:30", "concert"),
    "events/marche.md": event("Marché de l'Avent", "2026-12-05", "market"),
    "events/film.md": event("Le film de Noël", "2026-12-19 18:00", "film"),  # in two weeks: none this week
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Built on Wednesday 2 December 2026, as `make publish` does with SITEURL: this week is 2026-W49."""
    root = tmp_path_factory.mktemp("published")
    write_files(root / "content", FILES)
    return build(root, today="2026-12-02", SITEURL=SITE)


def newest(folder) -> str:
    return max(path.name for path in folder.iterdir() if path.name.startswith("20"))


@pytest.mark.parametrize("wanted", ["", "category/concert"])
def test_this_weeks_issue_reaches_the_list_as_built(built, wanted):
    root = built.root
    issue = built.output / "newsletter" / wanted / newest(built.output / "newsletter" / wanted)
    assert issue.name == "2026-W49"
    written = (issue / "email.html").read_text(encoding="utf-8")
    title = html.fromstring(written.encode()).findtext(".//title").strip()
    with smtp_server() as (port, inbox):
        options = ["--filter", wanted] if wanted else []
        done = emailing(root, "send", *options, KIOSQUE_SMTP_HOST="127.0.0.1", KIOSQUE_SMTP_PORT=str(port),
                        KIOSQUE_SMTP_SECURITY="none")  # fmt: skip
    assert done.returncode == 0, done.stderr
    (received,) = inbox.received
    message = received.message
    assert received.rcpt_tos == [LIST] and message["Subject"] == title and "Quartier des Lilas" in title
    assert message["Archived-At"].strip() == f"<{SITE}/newsletter/{wanted + '/' if wanted else ''}2026-W49/>"
    text, page = message.iter_parts()
    assert text.get_content().replace("\r\n", "\n") == (issue / "email.txt").read_text(encoding="utf-8")
    assert page.get_content().replace("\r\n", "\n").rstrip("\n") == written.rstrip("\n")  # a MIME part ends a line
    assert "Concert du jeudi" in text.get_content() and "Concert du jeudi" in page.get_content()
    assert ("Marché de l'Avent" in text.get_content()) is not bool(wanted)  # a concert-goer's issue: concerts
    name = "2026-W49" + ("-category-concert" if wanted else "")
    assert record(root)[name]["message_id"] == message["Message-ID"].strip()


def test_a_filters_issue_with_nothing_this_week_is_not_sent(built):
    """The build says how many dates each e-mail lists: film has none this week, so its list gets no mail,
    and the cron job that asked does not fail; the whole agenda's issue has dates and goes."""
    root = built.root
    issue = built.output / "newsletter/category/film/2026-W49/email.html"
    assert '<body data-dates="0"' in issue.read_text(encoding="utf-8")
    assert '<body data-dates="2"' in (built.output / "newsletter/2026-W49/email.html").read_text(encoding="utf-8")
    with smtp_server() as (port, inbox):
        done = emailing(root, "send", "--filter", "/agenda/category/film/", KIOSQUE_SMTP_HOST="127.0.0.1",
                        KIOSQUE_SMTP_PORT=str(port), KIOSQUE_SMTP_SECURITY="none")  # fmt: skip
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (
        "nothing for category/film this week (2026-W49), so its issue was not sent; FORCE=1 make send-digest "
        "sends it anyway\n"
    )
    assert inbox.received == [] and "2026-W49-category-film" not in record(root)


def test_an_issue_built_for_the_preview_is_refused(tmp_path):
    write_files(tmp_path / "content", FILES)
    build(tmp_path, today="2026-12-02", KIOSQUE_PREVIEW_URL="http://127.0.0.1:8000")  # make html
    assert (tmp_path / "output/newsletter/2026-W49/email.html").exists()
    said_plainly(emailing(tmp_path, "write"), 2, "http://127.0.0.1:8000", "make publish")
    assert not (tmp_path / "digest").exists()
