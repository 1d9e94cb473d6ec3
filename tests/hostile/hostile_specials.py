"""Whole files of the hostile corpus that no single field holds: the crashes of issue 16 (descriptions nested
deeply, ordinary Markdown in an event's text, series "until 9999", `timezone: localtime`), odd keys, odd
file names and encodings, and pictures and recordings whose own names carry a payload.

Each special is a case of the corpus like a string in a field: `KQID` is replaced by its number.
"""

from __future__ import annotations

from dataclasses import dataclass

from conftest import jpeg, wav
from hostile_fields import event, story


@dataclass(frozen=True)
class Special:
    key: str
    number: int
    files: dict  # path under content/ -> text or bytes; the first is the one the case is about


def _described(key: str, body: str):
    return key, lambda s: {f"events/2026/{key}.md": event(s, body=body)}


def _fields(key: str, extra: str = "", **parts):
    return key, lambda s: {f"events/2026/{key}.md": event(s, extra=extra, **parts)}


BUILDERS = [
    # descriptions that made the renderer recurse (issue 16: RecursionError)
    _described("deep-dashes", "- " * 500 + "x"),
    _described("deep-list-levels", "\n".join("  " * level + "- x" for level in range(400))),
    _described("deep-divs", '<div markdown="1">\n' * 3000 + "x\n" + "</div>\n" * 3000),
    _described("deep-quotes", "> " * 1000 + "x"),
    _described("deep-emphasis", "*" * 2000 + "x" + "*" * 2000),
    # ordinary Markdown that made the event's calendar entry crash (issue 16)
    _described(
        "md-reference-link",
        "Voir [le site][1] et [l'autre][].\n\n[1]: https://example.org \"Titre\"\n[l'autre]: https://example.org/b\n",
    ),
    _described(
        "md-fenced-html", "```html\n<script>kiosqueRan(KQID)</script>\n<b>gras</b>\n```\n\n    <i>indenté</i>\n"
    ),
    _described(
        "md-attribute-list",
        '# Titre {: #ancre .classe onclick="kiosqueRan(KQID)" }\n\nUn paragraphe.\n'
        '{: style="color:red" onmouseover="kiosqueRan(KQID)" }\n\n'
        '[lien](https://ok.example){: href="javascript:kiosqueRan(KQID)" onfocus="kiosqueRan(KQID)" autofocus="" }\n',
    ),
    _described(
        "md-footnote",
        "Un texte[^1] et un autre[^note].\n\n[^1]: La note, avec <script>kiosqueRan(KQID)</script>.\n"
        "[^note]: Seconde note.\n",
    ),
    _described(
        "md-abbreviation",
        'Le HTML est partout.\n\n*[HTML]: HyperText "Markup" <Language> onmouseover=kiosqueRan(KQID)\n',
    ),
    _described(
        "md-definition-table",
        "Terme\n:   Définition\n\n| a | b |\n|---|---|\n| <img src=x onerror=kiosqueRan(KQID)> | 2 |\n",
    ),
    _described(
        "md-in-html",
        '<div markdown="1" onclick="kiosqueRan(KQID)">*gras* <span '
        'markdown="1">[x](javascript:kiosqueRan(KQID))</span></div>\n',
    ),
    # series without end (issue 16: OverflowError)
    _fields("series-daily-9999", extra="recurrence:\n  frequency: daily\n  until: 9999-12-31\n"),
    _fields(
        "series-weekly-9999",
        extra="recurrence:\n  frequency: weekly\n  weekdays: [monday, friday]\n  until: 9999-12-31\n",
    ),
    _fields("series-rrule-9999", extra="rrule: FREQ=DAILY;UNTIL=99991231T235959Z\n"),
    _fields("series-rrule-count", extra="rrule: FREQ=YEARLY;COUNT=100000\n"),
    _fields("series-extra-9999", extra="recurrence:\n  frequency: monthly\n  count: 3\nextra:\n  - 9999-12-31 20:00\n"),
    _fields("start-9999", start="9999-12-31 20:00", extra="duration: 23h\n"),
    _fields("all-day-until-9999", start="2026-12-20", extra="end: 9999-12-31\n"),
    _fields("start-year-1", start="0001-01-01 10:00"),
    # time zones that depend on the build machine, or are not zones
    _fields("timezone-localtime", extra="timezone: localtime\n"),
    _fields("timezone-posixrules", extra="timezone: posixrules\n"),
    _fields("timezone-factory", extra="timezone: Factory\n"),
    _fields("timezone-path", extra="timezone: /etc/localtime\n"),
    _fields("timezone-dots", extra="timezone: Europe/../Europe/Paris\n"),
    # odd keys (issue 16: a field named None, keys with line breaks)
    _fields("key-null", extra="~: valeur\n"),
    _fields("key-line-break", extra='"clé\\nsur deux lignes": valeur\n'),
    _fields("key-complex", extra="? [a, b]\n: valeur\n"),
    _fields("key-bidi", extra='"\\u202eeltit": valeur\n'),
    _fields("key-control", extra='"cl\\x1b[31mé": valeur\n'),
    _fields("key-merge", extra="<<: {credit: Fusion}\n"),
    _fields("key-many", extra="".join(f"champ{i}: {i}\n" for i in range(1000))),
    _fields("key-duplicate", extra="credit: A\ncredit: B\n"),
    (
        "yaml-alias-bomb",
        lambda s: {
            "events/2026/yaml-alias-bomb.md": event(
                s,
                extra="a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
            )
        },
    ),
    (
        "yaml-deep-flow",
        lambda s: {"events/2026/yaml-deep-flow.md": event(s, extra="credit: " + "[" * 5000 + "]" * 5000 + "\n")},
    ),
    (
        "yaml-deep-block",
        lambda s: {
            "events/2026/yaml-deep-block.md": event(
                s, extra="credit:\n" + "".join("  " * (i + 1) + "- \n" for i in range(300))
            )
        },
    ),
    # file names and encodings
    ("name-accents", lambda s: {"events/2026/Été Concert.md": event(s)}),
    ("name-line-break", lambda s: {"events/2026/saut\nde-ligne.md": event(s)}),
    ("name-tab", lambda s: {"events/2026/tab\tulation.md": event(s)}),
    ("name-escape", lambda s: {"events/2026/\x1b[31mrouge.md": event(s)}),
    ("name-bidi", lambda s: {"events/2026/\u202egpj.md": event(s)}),
    ("name-payload", lambda s: {'events/2026/a"><svg onload=kiosqueRan(KQID)>.md': event(s)}),
    ("bom-crlf", lambda s: {"events/2026/bom-crlf.md": "\ufeff" + event(s).replace("\n", "\r\n")}),
    ("cr-only", lambda s: {"events/2026/cr-only.md": event(s).replace("\n", "\r")}),
    ("utf16", lambda s: {"events/2026/utf16.md": event(s).encode("utf-16")}),
    ("latin1", lambda s: {"events/2026/latin1.md": event(s, title="Fête à l'école").encode("latin-1")}),
    ("empty", lambda s: {"events/2026/empty.md": ""}),
    ("only-fence", lambda s: {"events/2026/only-fence.md": "---\n"}),
    ("fence-unclosed", lambda s: {"events/2026/fence-unclosed.md": event(s).replace("---\nTexte", "Texte")}),
    ("nul-in-body", lambda s: {"events/2026/nul-in-body.md": event(s, body="avant\x00après")}),
    (
        "surrogate-bytes",
        lambda s: {
            "events/2026/surrogate-bytes.md": event(s, body="avant\ud800après").encode("utf-8", "surrogatepass")
        },
    ),
    ("too-large", lambda s: {"events/2026/too-large.md": event(s, body="x" * 1_100_000)}),
    ("place-yml", lambda s: {"places/salle-yml.yml": "name: Salle yml\naddress:\n  street: 3 rue B\n  city: Lyon\n"}),
    # pictures and recordings whose own names carry a payload (they exist: the check must not stop them)
    (
        "image-named-quote",
        lambda s: {
            "events/2026/image-named-quote.md": event(
                s, extra=f"image:\n  src: 'images/q\" onerror=\"kiosqueRan({s.number}).jpg'\n  alt: Affiche\n"
            ),
            f'images/q" onerror="kiosqueRan({s.number}).jpg': jpeg(),
        },
    ),
    (
        "image-named-tag",
        lambda s: {
            "events/2026/image-named-tag.md": event(
                s, extra=f'image:\n  src: "images/<svg onload=kiosqueRan({s.number})>.jpg"\n  alt: Affiche\n'
            ),
            f"images/<svg onload=kiosqueRan({s.number})>.jpg": jpeg(),
        },
    ),
    (
        "media-named-quote",
        lambda s: {
            f"stories/{s.collection}/media-named-quote.md": story(
                s, audio=f"'media/a\" onplay=\"kiosqueRan({s.number}).wav'"
            ),
            f'media/a" onplay="kiosqueRan({s.number}).wav': wav(),
        },
    ),
]


def specials(slot) -> list[Special]:
    """The specials, each in the `Slot` that `slot()` gives it (its number, date and parents)."""
    made = []
    for key, files in BUILDERS:
        s = slot()
        mark = str(s.number)
        made.append(
            Special(
                key,
                s.number,
                {
                    path.replace("KQID", mark): text.replace("KQID", mark) if isinstance(text, str) else text
                    for path, text in files(s).items()
                },
            )
        )
    return made
