"""The built hostile sites as a reader meets them: every page opened in Chromium with every dialog, every
call of the probe `kiosqueRan`, every pop-up and every request recorded; every attribute of every page read
again by lxml; every feed entry's HTML rendered as a feed reader renders it.

Nothing is overridden in the pages: `alert`, `prompt`, `confirm` and `print` stay the browser's own, and
dialogs are recorded (then dismissed) by Playwright. The probe is an exposed binding, present in every
frame before any of the page's scripts runs. Requests to another host go to a proxy that does not answer
(nothing leaves the machine) and are recorded all the same.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from conftest import serve
from hostile_corpus import PROBE
from hostile_sites import HostileSite
from lxml import html as lxml_html

BAD_SCHEMES = {"javascript", "vbscript", "data"}
# Attributes whose value is text to read, never an address.
TEXT_ATTRIBUTES = {
    "alt",
    "title",
    "placeholder",
    "label",
    "value",
    "lang",
    "dir",
    "class",
    "id",
    "datetime",
    "hreflang",
    "type",
    "rel",
    "role",
    "name",
    "width",
    "height",
    "loading",
    "decoding",
    "preload",
    "controls",
    "download",
    "open",
    "hidden",
    "tabindex",
    "for",
    "colspan",
    "rowspan",
    "start",
    "charset",
    "media",
    "sizes",
    "itemprop",
    "property",
    "http-equiv",
    "autocomplete",
    "method",
    "crossorigin",
    "integrity",
    "reversed",
    "scope",
    "headers",
    "abbr",
    "translate",
    "spellcheck",
}
_C0_OR_SPACE = "".join(map(chr, range(0x21)))


def as_browsers_read(value: str) -> str:
    """A URL as the WHATWG parser sees it: C0 controls and spaces at both ends stripped, tabs and line
    breaks removed anywhere, backslashes read as slashes."""
    return re.sub(r"[\t\n\r]", "", value.strip(_C0_OR_SPACE)).replace("\\", "/")


def scheme(value: str) -> str | None:
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", as_browsers_read(value))
    return match[1].lower() if match else None


def remote_host(value: str) -> str | None:
    url = as_browsers_read(value)
    if url.startswith("//") or scheme(url) in ("http", "https", "ftp", "ws", "wss"):
        host = urlsplit(url if not url.startswith("//") else "http:" + url).hostname
        return host if host and host not in ("127.0.0.1", "localhost") else None
    return None


def _addresses(element, name: str, value: str) -> list[str]:
    """The addresses an attribute holds (several in a srcset, the target of a refresh, a style's url())."""
    if name == "srcset":
        return [candidate.strip().split(" ")[0] for candidate in value.split(",") if candidate.strip()]
    if name == "style":
        return re.findall(r"url\(\s*['\"]?([^'\")]*)", value, re.I)
    if name == "content":
        equiv = (element.get("http-equiv") or "").lower()
        described = (element.get("property") or element.get("name") or element.get("itemprop") or "").lower()
        if equiv == "refresh":
            return re.findall(r"url\s*=\s*['\"]?(.*)", value, re.I)
        if described.endswith(":alt"):  # og:image:alt, twitter:image:alt: the words that replace a picture
            return []
        return [value] if any(word in described for word in ("url", "image", "audio", "video")) else []
    if name in TEXT_ATTRIBUTES or name.startswith("aria-"):
        return []
    return [value]


_LOADING = {
    ("img", "src"),
    ("img", "srcset"),
    ("source", "srcset"),
    ("script", "src"),
    ("iframe", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("video", "poster"),
    ("input", "src"),
    ("track", "src"),
    ("image", "href"),
    ("use", "href"),
    ("image", "xlink:href"),
    ("use", "xlink:href"),
    ("frame", "src"),
}
_LOADED_LINKS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "apple-touch-icon"}


def _loads(element, name: str) -> bool:
    """Whether the browser fetches this attribute's address as the page loads."""
    tag = element.tag if isinstance(element.tag, str) else ""
    tag = tag.rsplit("}", 1)[-1].lower()
    if (tag, name.rsplit("}", 1)[-1]) in _LOADING or name == "background":
        return True
    if tag == "link" and name == "href":
        return bool(_LOADED_LINKS & set((element.get("rel") or "").lower().split()))
    if tag in ("audio", "video", "source") and name == "src":
        media = element if tag != "source" else element.getparent()
        return media is None or (media.get("preload") or "").lower() != "none"
    return False


THEME_SCRIPTS = re.compile(r"^(\.\./)*(/)?theme/js/[a-z-]+\.js$")


def scan_page(path: Path, shown: str) -> tuple[list[str], list[str]]:
    """(script addresses or handlers, remote loads) in one page, each named with its element."""
    scripts, remote = [], []
    try:
        document = lxml_html.fromstring(path.read_bytes())
    except Exception as error:  # lxml cannot read it at all: the page itself is broken
        return [f"{shown}: lxml cannot parse the page ({error})"], []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        for name, value in element.attrib.items():
            short = name.rsplit("}", 1)[-1].lower()
            if short.startswith("on"):
                scripts.append(f"{shown}: <{tag} {short}={value[:80]!r}> (an event handler)")
                continue
            for address in _addresses(element, short, value):
                if scheme(address) in BAD_SCHEMES:
                    scripts.append(f"{shown}: <{tag} {short}={value[:80]!r}> (a {scheme(address)}: address)")
                if _loads(element, name) and (host := remote_host(address)):
                    remote.append(f"{shown}: <{tag} {short}={value[:80]!r}> loads from {host}")
        if tag == "script":
            kind = (element.get("type") or "").lower()
            source = element.get("src")
            if kind == "application/ld+json":
                scripts += [f"{shown}: JSON-LD {problem}" for problem in _json_ld_problems(element.text or "")]
            elif not (source and THEME_SCRIPTS.match(source)):
                scripts.append(f"{shown}: <script src={source!r} type={kind!r}>{(element.text or '')[:60]!r}")
        elif tag in ("iframe", "object", "embed", "frame", "frameset") or (tag == "base" and element.get("href")):
            scripts.append(f"{shown}: a <{tag}> element ({lxml_html.tostring(element)[:100]!r})")
    return scripts, remote


def _json_ld_problems(text: str) -> list[str]:
    try:
        data = json.loads(text)
    except ValueError as error:
        return [f"is not JSON any more ({error}): {text[:120]!r}"]
    problems = []

    def walk(value, key=""):
        if isinstance(value, dict):
            for name, item in value.items():
                walk(item, name)
        elif isinstance(value, list):
            for item in value:
                walk(item, key)
        elif isinstance(value, str) and (key.lower().endswith(("url", "image", "id", "sameas")) or key == "@id"):
            if scheme(value) in BAD_SCHEMES:
                problems.append(f"{key} is a {scheme(value)}: address: {value[:100]!r}")

    walk(data)
    return problems


def html_pages(site: HostileSite) -> list[Path]:
    """Every page of the site, but the theme's files, the schemas and the generated contribution guide."""
    return sorted(
        path
        for path in site.output.rglob("*.html")
        if path.relative_to(site.output).parts[0] not in ("theme", "schema", "contribute")
    )


def static_scan(sites: list[HostileSite]) -> tuple[list[str], list[str]]:
    scripts, remote = [], []
    for site in sites:
        if not site.built:
            continue
        for path in html_pages(site):
            found_scripts, found_remote = scan_page(path, f"{site.name}:/{path.relative_to(site.output).as_posix()}")
            scripts += found_scripts
            remote += found_remote
    return scripts, remote


# --- in the browser ----------------------------------------------------------------------------------


@dataclass
class Browsed:
    executions: list[str] = field(default_factory=list)  # dialogs, probe calls, pop-ups, pages that left
    requests: list[str] = field(default_factory=list)  # requests to another host
    unopened: list[str] = field(default_factory=list)  # pages that could not be loaded
    pages: int = 0


def who(sites: list[HostileSite], number) -> str:
    """Which file of the corpus a probe's number comes from."""
    try:
        planned = next((found for site in sites if (found := site.by_number(int(number)))), None)
    except (TypeError, ValueError):
        planned = None
    if planned is None:
        return f"probe {number!r}"
    what = planned.case if planned.entry is None else f"{planned.entry.key} in {planned.field}"
    return f"{PROBE}({number}) from {what} ({planned.path})"


def browser_context(chromium, record: Browsed, whose, where=lambda page: page.url if page else "?"):
    """A context where nothing leaves the machine, the probe is defined and every execution recorded:
    `whose(number)` names the probe's caller, `where(page)` the page it ran on."""
    context = chromium.new_context(
        java_script_enabled=True, proxy={"server": "http://127.0.0.1:9", "bypass": "127.0.0.1"}
    )
    context.expose_binding(
        PROBE,
        lambda source, number=None: record.executions.append(
            f"{whose(number)} ran on {where(source['page'])} (frame {source['frame'].url[:80]})"
        ),
    )

    def on_request(request):
        if urlsplit(request.url).hostname not in (None, "", "127.0.0.1") and not request.url.startswith("data:"):
            record.requests.append(f"{request.url[:120]} asked by {request.frame.url}")

    def on_dialog(dialog):
        record.executions.append(f"{dialog.type}({dialog.message[:60]!r}) ran on {where(dialog.page)}")
        try:
            dialog.dismiss()
        except Exception:
            pass

    context.on("request", on_request)
    context.on("dialog", on_dialog)
    return context


def browse(chromium, sites: list[HostileSite]) -> Browsed:
    record = Browsed()
    context = browser_context(chromium, record, lambda number: who(sites, number))
    page = _fresh(context, None, record)
    try:
        for site in sites:
            if not site.browse or not site.built:
                continue
            with serve(site.output) as address:
                for path in html_pages(site):
                    relative = path.relative_to(site.output).as_posix().removesuffix("index.html")
                    target = f"{address}/{relative}"
                    record.pages += 1
                    try:
                        page.goto(target, wait_until="load", timeout=15_000)
                    except Exception as error:
                        record.unopened.append(f"{site.name}:/{relative}: {str(error).splitlines()[0][:120]}")
                        page = _fresh(context, page, record)
                        continue
                    if page.url.split("#")[0] != target:
                        record.executions.append(f"{site.name}:/{relative} went away to {page.url[:120]}")
    finally:
        context.close()
    return record


def _fresh(context, page, record: Browsed):
    if page is not None:
        page.close()
    page = context.new_page()
    page.on("popup", lambda popup: record.executions.append(f"a pop-up opened {popup.url[:100]} from {page.url}"))
    return page
