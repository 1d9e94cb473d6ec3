"""newsletter: the week's agenda as a newsletter — each week's issue as a web page, as an e-mail (HTML with
its styles inlined, and plain text) that `make send-digest` sends, and the list of issues with its feeds, for
the whole agenda and for each of its filters."""

from markupsafe import Markup
from pelican import signals

from newsletter.generator import NewsletterGenerator
from publishing.build import needs


def plain_text(value) -> str:
    """What a macro or `label` made for HTML (escaped, as Markup or, called from a block that escapes nothing, as
    a string), as the words themselves: the plain-text e-mail is no HTML, and "Café &amp; Co" would be a wrong name."""
    return Markup(str(value)).unescape()


def _filters(generator) -> None:
    generator.env.filters["plain_text"] = plain_text


def _generators(pelican):
    return NewsletterGenerator


def register() -> None:
    needs("newsletter", "publishing", "agenda", "feeds")  # the agenda's filters; the feeds' writer
    signals.generator_init.connect(_filters)
    signals.get_generators.connect(_generators)
