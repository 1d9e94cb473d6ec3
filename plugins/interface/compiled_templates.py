"""Compiled templates kept from one build to the next.

Pelican gives each generator its own Jinja environment, so a build compiles the theme's templates once per
generator: 31 compilations, 0.3 s of a 5 s rebuild at 10,000 contributions. With Pelican's content cache
switches on, Jinja's bytecode goes into one kiosque store (`speed/store.py`) shared by every
environment of the build. Jinja checks each template's source; the key adds all else the compiled code
depends on: the build's fingerprint (Jinja's version, the plugins' code), what `ConstantStrings` folds
in (the language's catalogue) and the environment as it is when its first template is compiled (its
syntax and escaping options, extensions, and the filters and tests it knows, which the compiler looks
up and may call).
"""

from __future__ import annotations

from pathlib import Path

from jinja2.bccache import Bucket, BytecodeCache

from speed.store import Store, digest

SETTING = "_kiosque_compiled_templates"  # this build's store, in the settings every generator sees
OPTIONS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
)


class CompiledTemplates(BytecodeCache):
    def __init__(self, settings: dict):
        self.store = Store(settings, "templates")
        self.catalogues: dict[int, Path] = {}
        self.contexts: dict[int, str] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        key = self._key(bucket)
        code = self.store.recall(key)
        if code is not None:
            bucket.bytecode_from_string(code)  # Jinja compares the source's checksum
            if bucket.code is None:
                self.store.forget(key)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store.put(self._key(bucket), bucket.bytecode_to_string())

    def _key(self, bucket: Bucket) -> str:
        return self.store.key(self._context(bucket.environment), bucket.key)

    def _context(self, environment) -> str:
        """Worked out when the environment compiles its first template: every plugin has set it up by then."""
        if id(environment) not in self.contexts:
            catalogue = self.catalogues[id(environment)]
            self.contexts[id(environment)] = digest(
                catalogue.read_bytes() if catalogue.is_file() else b"",
                *(repr(getattr(environment, option)) for option in OPTIONS),
                _named(environment.autoescape),
                _named(environment.finalize),
                sorted(environment.extensions),
                *(
                    f"{kind} {name} {_named(function)} {getattr(function, 'jinja_pass_arg', None)}"
                    for kind, known in (("filter", environment.filters), ("test", environment.tests))
                    for name, function in sorted(known.items())
                ),
            )
        return self.contexts[id(environment)]

    def save(self) -> None:
        self.store.save()


def _named(value) -> str:
    """A function by its module and name (its repr holds an address that changes at every run)."""
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"
    return repr(value)


def begin(pelican) -> None:
    """A new store at the start of each build (`make devserver` runs many builds in one process); a
    receiver of `get_generators` that adds none."""
    store = CompiledTemplates(pelican.settings)
    pelican.settings[SETTING] = store if store.store.in_use else None
    return None


def use(environment, settings: dict, catalogue_file: Path) -> None:
    store = settings.get(SETTING)
    if store is not None:
        store.catalogues[id(environment)] = catalogue_file
        environment.bytecode_cache = store


def end(pelican) -> None:
    store = pelican.settings.get(SETTING)
    if store is not None:
        store.save()
