"""newsletter: the week's agenda as a newsletter — each week's issue as a web page, as an e-mail (HTML with
its styles inlined, and plain text) that `make send-digest` sends, and the list of issues with its feeds, for
the whole agenda and for each of its filters."""

from pelican import signals

from newsletter.generator import NewsletterGenerator
from publishing.build import needs


def _generators(pelican):
    return NewsletterGenerator


def register() -> None:
    needs("newsletter", "publishing", "agenda", "feeds")  # the agenda's filters; the feeds' writer
    signals.get_generators.connect(_generators)
