"""The theme's weight budgets and how a page is weighed against them: the HTML plus the stylesheets and
scripts it loads from the site, uncompressed, images excluded. The theme's tests hold the sample site to
them; the benchmark weighs the busy region's pages."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from lxml import html

HOME_BUDGET = 60 * 1024  # bytes
EVENT_BUDGET = 40 * 1024


def weight(output: Path, page_path: str) -> int:
    """Bytes of the page `page_path` of the built site `output` and of what it loads (refusing another host)."""
    page_file = output / page_path
    page = html.parse(str(page_file)).getroot()
    total = page_file.stat().st_size
    for link in page.xpath("//link[@rel='stylesheet']/@href | //script/@src"):
        if urlsplit(link).netloc:
            raise ValueError(f"{page_path} loads {link} from another host")
        total += (page_file.parent / urlsplit(link).path).resolve().stat().st_size
    return total
