"""contributions: the schemas of every kind of contribution, the readers, `make check`, and the
generator that turns contributions into Pelican content. Other plugins build on what it puts in the
context (`events`, `places`, `playlists`, `tracks`, `story_collections`, `stories`)."""

from pelican import signals

from publishing import left_out, pelican_files
from publishing.build import start_site
from publishing.content import url_settings
from publishing.generator import ContributionsGenerator
from speed import gc_tuning, sweep


def _defaults(pelican) -> None:
    """At start-up: the URL settings, and the site's settings read and checked before any work."""
    for name, value in url_settings().items():
        pelican.settings.setdefault(name, value)
    start_site(pelican.settings)


def _escape_everything(generator) -> None:
    """Whatever the site's Jinja settings, a value a contributor wrote is text, never HTML: every
    template escapes by default (sanitized Markdown is marked safe by `markup`)."""
    generator.env.autoescape = True


def _generators(pelican):
    """Asked at the start of every build, before any generator is made. A later build of the same Pelican
    (autoreload) reads the settings again: its "today" may be another day."""
    if getattr(pelican, "kiosque_built", False):
        start_site(pelican.settings)
    pelican.kiosque_built = True
    gc_tuning.build_starts(pelican)
    sweep.start(pelican)
    return ContributionsGenerator


def register() -> None:
    signals.initialized.connect(_defaults)
    signals.initialized.connect(sweep.take_over)
    signals.finalized.connect(sweep.finish)
    signals.finalized.connect(gc_tuning.build_ends)  # the last thing a build does, but for its exit status:
    signals.finalized.connect(left_out.finish)
    signals.get_writer.connect(sweep.writer)
    signals.static_generator_finalized.connect(sweep.record_static)
    signals.generator_init.connect(_escape_everything)
    signals.generator_init.connect(pelican_files.guard)  # links never followed, only genuine static files
    signals.get_generators.connect(_generators)
