"""Schema of a partner calendar (content/sources/<slug>.yaml): where `make import` reads a partner's events,
and what it gives them that the calendar does not say. Read and checked like any contribution, never published."""

from __future__ import annotations

import ipaddress
import re
from typing import Annotated

from pydantic import AfterValidator, Field, field_validator
from pydantic.json_schema import WithJsonSchema

from contributions.schemas.event import PlaceField
from contributions.schemas.fields import (
    Language,
    Schema,
    Term,
    Terms,
    Text,
    TextList,
    WebLink,
    as_browsers_read,
    invalid,
)

_SPACE = re.compile(r"\s")
_WEB = ("http", "https", "webcal")
_HOST_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
_WEB_FORM = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*)://([^/?#]*)")
_LONGEST = 2000  # an address longer than this is no calendar's


def _real_host(host: str) -> bool:
    """A host name of the DNS (letters, digits and dashes between dots; other scripts as IDNA writes them) or an
    IP address: not empty, not a lone dot, nothing a server would read otherwise."""
    if host.startswith("[") and host.endswith("]"):
        try:
            return ipaddress.ip_address(host[1:-1]).version == 6
        except ValueError:
            return False
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
    except (UnicodeError, ValueError):
        return False
    labels = ascii_host.removesuffix(".").split(".")
    return len(ascii_host) <= 253 and all(_HOST_LABEL.fullmatch(label) for label in labels)


def _web_address(value: str, authority: str) -> str:
    """`authority` (what comes between :// and the path) holds a real host, and a port if any; never a name and
    password, which would be published with the repository."""
    if "@" in authority:
        raise invalid("calendar_credentials")
    if authority.startswith("["):  # an IPv6 address: [2001:db8::1]:8443
        host, _, port = authority.partition("]")
        host += "]"
        if port and not port.startswith(":"):
            raise invalid("calendar_form", found=value)
        port = port[1:]
    else:
        host, _, port = authority.partition(":")
    if (port and not (port.isdigit() and 0 < int(port) < 65536)) or not _real_host(host):
        raise invalid("calendar_form", found=value)
    return value


def _repository_path(value: str) -> str:
    """A file of the site's repository, from its root: relative, never up, nothing a shell or Windows reads
    otherwise, a calendar (.ics)."""
    parts = value.split("/")
    if (
        value.startswith("/")
        or any(part in ("", "..") for part in parts)
        or any(character in value for character in ":\\")
        or not all(character.isprintable() for character in value)
        or not value.lower().endswith(".ics")
        or len(parts[-1]) <= len(".ics")
    ):
        raise invalid("calendar_form", found=value)
    return value


def _calendar(value: str) -> str:
    """An http(s):// or webcal:// address with a real host and no credentials, or a repository's .ics file."""
    if len(value) > _LONGEST:
        raise invalid("text_too_long", length=len(value), limit=_LONGEST)
    if as_browsers_read(value) != value or (_SPACE.search(value) and "://" in value):
        raise invalid("link_spaces", found=value)
    web = _WEB_FORM.match(value)
    if web is not None:
        if web[1].lower() not in _WEB:
            raise invalid("calendar_form", found=value)
        return _web_address(value, web[2])
    return _repository_path(value)


CalendarAddress = Annotated[
    str,
    AfterValidator(_calendar),
    WithJsonSchema(
        {
            "type": "string",
            "maxLength": _LONGEST,
            "pattern": r"^(([hH][tT][tT][pP][sS]?|[wW][eE][bB][cC][aA][lL])://[^\s/?#@]+([/?#]\S*)?"
            r"|(?!/)(?!(.*/)?\.\.(/|$))(?!.*//)[^:\\]*[^/:\\]\.[iI][cC][sS])$",
            "examples": ["https://mediatheque.example.org/agenda.ics", "partners/mediatheque.ics"],
        }
    ),
]


class SourceDefaults(Schema):
    """What an imported event gets when the partner's calendar does not say it."""

    place: PlaceField | None = Field(
        None,
        description="Where its events take place when the calendar gives no place the site knows: a place's slug "
        "(see content/places/), or a name and an address.",
    )
    categories: Annotated[Terms("categories"), Field(min_length=1)] = Field(
        description="The categories of its events, from the site's list (one or more), when the partner's "
        "categories give none."
    )
    audience: Terms("audiences") = Field(
        default_factory=list, description="For whom its events are, from the site's list."
    )
    price: Term("price_kinds") | None = Field(
        None, description="The kind of price of its events, from the site's list (not paid: amounts vary)."
    )
    language: Language | None = Field(None, description="The language the partner writes in, when not the site's.")

    @field_validator("price")
    @classmethod
    def _no_amounts_to_give(cls, value: str | None) -> str | None:
        if value == "paid":  # a paid event needs its amounts, which no default can give
            raise invalid("source_price_paid")
        return value


class SourceFilters(Schema):
    """Which of the partner's events to import: each filter given must let an event through."""

    categories: TextList() = Field(
        default_factory=list,
        description="Only events with one of these categories of the partner's calendar (as it writes them, "
        "capitals aside).",
    )
    words: TextList() = Field(
        default_factory=list,
        description="Only events whose title or text holds one of these words (capitals aside).",
    )
    within_km: Annotated[float, Field(gt=0, le=500)] | None = Field(
        None,
        description="Only events within this distance (in km) of the centre of the site's places; events without "
        "a position pass.",
    )


class Source(Schema):
    """A partner's calendar, imported by make import: one event file per event, proposed for review."""

    name: Text = Field(description="Who the partner is: the association, venue or service whose calendar it is.")
    site: WebLink | None = Field(None, description="The partner's web site (https://...).")
    calendar: CalendarAddress = Field(
        description="Where the calendar is: an https:// (or http://) address, a webcal:// address, or the path "
        "of a .ics file inside the repository, from its root (partners/mediatheque.ics)."
    )
    defaults: SourceDefaults = Field(
        description="What its events get when the calendar does not say it: place, categories, audience, price, "
        "language."
    )
    categories: dict[Text, Term("categories")] = Field(
        default_factory=dict,
        description="The partner's category words, each with the site's category it stands for (Conte: reading).",
    )
    keep: SourceFilters = Field(
        default_factory=SourceFilters,
        description="Filters: only the events that pass every one given are imported.",
    )
    trusted: bool = Field(False, description="true when its changes may be published without a moderator's review.")


EXAMPLE = """\
name: Médiathèque des Lilas
site: https://mediatheque.example.org
calendar: https://mediatheque.example.org/agenda.ics
defaults:
  place: mediatheque-des-lilas
  categories: [reading]
  audience: [children]
  price: free
  language: fr
categories:
  Lecture: reading
  Conte: reading
  Atelier: workshop
keep:
  words: [conte, lecture, atelier]
  within_km: 15
trusted: false
"""
