"""newsletter: the week's agenda as a newsletter — each week's issue as a web page, as an e-mail (HTML with
its styles inlined, and plain text) that `make send-digest` sends, and the list of issues with its feeds, for
the whole agenda and for each of its filters."""

from babel.dates import format_interval
from markupsafe import Markup
from pelican import signals

from newsletter.generator import NewsletterGenerator
from publishing.build import needs, site_of


def plain_text(value) -> str:
    """What a macro or `label` made for HTML (escaped, as Markup or, called from a block that escapes nothing, as
    a string), as the words themselves: the plain-text e-mail is no HTML, and "Café &amp; Co" would be a wrong name."""
    return Markup(str(value)).unescape()


def _filters(generator) -> None:
    language = site_of(generator.settings).language

    def week_span(week) -> str:
        """A week in few words, for a subject: "7–13 décembre 2026", "29 Dec 2026 – 4 Jan 2027"."""
        return format_interval(week.monday, week.sunday, "yMMMMd", locale=language)

    generator.env.filters.update({"plain_text": plain_text, "week_span": week_span})


def _generators(pelican):
    return NewsletterGenerator


def register() -> None:
    needs("newsletter", "publishing", "agenda", "feeds")  # the agenda's filters; the feeds' writer
    signals.generator_init.connect(_filters)
    signals.get_generators.connect(_generators)
