"""Translate the templates' constant strings once, when a template is compiled, not at every page.

`_("Where")` is a call at render time: on a 10,000-event site, the event pages alone made 260,000 of them,
each through Jinja's context, the catalogue and a `%` formatting, almost half of an event page's
rendering. The site has one interface language per build, so a call whose only argument is a literal
string always gives the same text: this extension puts that text in the template instead, marked safe as
gettext marks it when the template escapes (`("texte"|safe)`). Calls with variables are left as they are,
and so are calls joined with `~`, which Jinja's compile-time folding would escape where gettext's result
is not.
"""

from __future__ import annotations

import gettext

from jinja2.ext import Extension
from jinja2.lexer import (
    TOKEN_DOT,
    TOKEN_LPAREN,
    TOKEN_NAME,
    TOKEN_PIPE,
    TOKEN_RPAREN,
    TOKEN_STRING,
    TOKEN_TILDE,
    Token,
    TokenStream,
)

KEEP_AROUND = (TOKEN_DOT, TOKEN_TILDE)  # `x._("...")` is another function; `_("...") ~ x` stays gettext's


class ConstantStrings(Extension):
    """Set `catalogue` before the first template is compiled (the interface plugin does)."""

    def __init__(self, environment):
        super().__init__(environment)
        self.catalogue: gettext.NullTranslations | None = None

    def filter_stream(self, stream: TokenStream):
        window: list[Token] = []  # the token before `_ ( "text" )`, the call, and the token after it
        for token in stream:
            window.append(token)
            folded = self._fold(window[-6:])
            if folded is not None:
                window[-5:-1] = folded
            while len(window) > 6:
                yield window.pop(0)
        yield from window

    def _fold(self, tokens: list[Token]) -> list[Token] | None:
        if self.catalogue is None or len(tokens) < 5:
            return None
        before = tokens[0] if len(tokens) == 6 else None
        name, opening, text, closing, after = tokens[-5:]
        if not (
            name.type == TOKEN_NAME
            and name.value == "_"
            and opening.type == TOKEN_LPAREN
            and text.type == TOKEN_STRING
            and closing.type == TOKEN_RPAREN
        ):
            return None
        if after.type in KEEP_AROUND or (before is not None and before.type in KEEP_AROUND):
            return None
        try:  # what Jinja's gettext does: the translation, always used as a format string
            translated = self.catalogue.gettext(text.value) % {}
        except (KeyError, TypeError, ValueError):
            return None  # a string that needs variables fails at render time, as it did
        line = name.lineno
        if not self.environment.autoescape:
            return [Token(line, TOKEN_STRING, translated)]
        return [
            Token(line, TOKEN_LPAREN, "("),
            Token(line, TOKEN_STRING, translated),
            Token(line, TOKEN_PIPE, "|"),
            Token(line, TOKEN_NAME, "safe"),
            Token(line, TOKEN_RPAREN, ")"),
        ]
