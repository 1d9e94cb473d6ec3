"""The newsletter generator: `/newsletter/` and each issue's web page, e-mail (`email.html`, `email.txt`) and
the feeds of the issues, for the whole agenda and for each filter of the agenda (`/newsletter/<facet>/<value>/`).
Reads what the agenda plugin put in the context (the agenda, its filters) and the files' history."""

from __future__ import annotations

import datetime as dt
import logging

from pelican.generators import Generator

from feeds.news import Channel, Entry, write_all
from newsletter.email import inlined
from newsletter.issues import Issue, Issues
from publishing.addresses import feed_address_maker
from publishing.build import site_of
from publishing.history import histories
from publishing.pages import page_writer
from speed.output_record import output_record

ISSUES = 8  # default of KIOSQUE_NEWSLETTER_ISSUES: the weeks the site and the feeds keep

logger = logging.getLogger(__name__)


class NewsletterGenerator(Generator):
    def generate_context(self):
        self.site = site_of(self.settings)
        self._url = feed_address_maker(self.settings)  # an e-mail resolves no address against a page
        agenda = self.context.get("agenda")
        count = _issue_count(self.settings.get("KIOSQUE_NEWSLETTER_ISSUES", ISSUES))
        files = [item.contribution.file for kind in ("events", "stories") for item in self.context.get(kind, [])]
        found = histories(files, self.site.content)
        self.issues = Issues(agenda, self.site, self.context, found, count).all()

    def generate_output(self, writer):
        write = page_writer(self, writer)
        agenda = self.context["agenda"]
        self._write_all(write, "newsletter/", self.issues, None)
        for found in agenda.filters.values():
            for item in found:
                issues = [issue.only(item.facet, item.value) for issue in self.issues]
                # a filter's past weeks with nothing for it are no issue; this week's always is (a list sends it)
                kept = [issue for issue in issues if issue.is_current or issue.date_count]
                self._write_all(write, f"newsletter/{item.url.removeprefix('agenda/')}", kept, item)
        write("newsletter/index.html", "newsletter_index", issues=self.issues, filters=agenda.filters)

    def _write_all(self, write, folder: str, issues: list[Issue], item) -> None:
        """Each issue's three forms, the filter's list of issues, and the feeds of the issues."""
        entries = []
        for issue in issues:
            path = f"{folder}{issue.week.key}/"
            variables = {
                "issue": issue,
                "filter": item,
                "newsletter_url": folder,
                "web_url": self._url(path),
                "agenda_url": item.url if item is not None else "agenda/",
            }
            write(f"{path}index.html", "newsletter_issue", **variables)
            text = self._render("newsletter_email.txt", path, **variables)
            self._write(f"{path}email.txt", text)
            email = inlined(self._render("newsletter_email.html", path, **variables))
            self._write(f"{path}email.html", email)
            published = dt.datetime.combine(issue.week.monday, dt.time(), tzinfo=dt.UTC)
            title = self._render("newsletter_subject.txt", path, **variables).strip()
            address = variables["web_url"]
            entries.append(Entry(address, title, address, text, published, published, html=_body(email)))
        if item is not None:
            write(f"{folder}index.html", "newsletter_index", issues=issues, filter=item)
        channel = Channel(
            title=self._render("newsletter_subject.txt", folder, issue=None, filter=item).strip(),
            page_url=self._url(folder),
            feed_url=self._url(f"{folder}feed"),
            language=self.site.language,
            description=self.settings.get("SITESUBTITLE") or self.settings.get("SITENAME", "kiosque"),
            author=self.settings.get("SITENAME", "kiosque"),
        )
        for extension, content in write_all(channel, entries).items():
            self._write(f"{folder}feed{extension}", content)

    def _render(self, template: str, path: str, **variables) -> str:
        """A form of an issue read outside the site: every address full (`SITEURL` is the public one)."""
        return self.env.get_template(template).render(
            {**self.context, "SITEURL": self._url("").rstrip("/"), "url": path, **variables}
        )

    def _write(self, relative: str, text: str | bytes) -> None:
        output_record(self.settings).write(relative, text.encode() if isinstance(text, str) else text)


def _issue_count(value) -> int:
    """The setting, or the build stops with a sentence for the site's maintainers (not a traceback)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        logger.critical("KIOSQUE_NEWSLETTER_ISSUES must be a number of weeks, 1 or more, like 8; found %r", value)
        raise SystemExit(2)
    return value


def _body(document: str) -> str:
    """The e-mail's body, styles inlined, as a feed entry's content: what a tool that mails a feed's entries sends."""
    return document.split("<body", 1)[1].split(">", 1)[1].rsplit("</body>", 1)[0].strip()
