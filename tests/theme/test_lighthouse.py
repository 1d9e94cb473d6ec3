"""Google's Lighthouse (npm, tests/clients) on the sample site: what search engines and a reader's browser
report about our pages. One run per page, on a phone as Lighthouse emulates it, each in a fresh Chromium
(so each page's own request for the site's icon is seen). Only audits that give the same answer on a busy
machine are asserted: no timing score."""

from __future__ import annotations

import json
import shutil

import pytest
from browsing import PAGES, site  # noqa: F401 (site is a fixture)

from tests.clients.readers import node_json

LIGHTHOUSE_PAGES = ["home", "agenda-month", "event", "places", "place", "playlist", "story", "agenda-print"]
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The basics of search engines and of the browser: a title and a description to show in results, a page
# that answers 200 and may be indexed, links that can be followed and say where they go, a doctype and a charset.
BASICS = [
    "document-title",
    "meta-description",
    "http-status-code",
    "is-crawlable",
    "crawlable-anchors",
    "link-text",
    "doctype",
    "charset",
    "hreflang",
]
AUDITS = ["errors-in-console", "cumulative-layout-shift", "layout-shifts", "unsized-images", "lcp-lazy-loaded", *BASICS]

# For each address: each audit's id -> [score or None, title, numeric value, the items it lists], for AUDITS
# and the accessibility category, whose counted audits' ids are given too.
RUN = """
const {pathToFileURL} = require("url");
const load = name => import(pathToFileURL(require.resolve(name)).href);
(async () => {
  const [{default: lighthouse}, {launch}] = await Promise.all([load("lighthouse"), load("chrome-launcher")]);
  const [chromePath, flags, audits, ...urls] = process.argv.slice(1);
  const reports = {};
  for (const url of urls) {
    const chrome = await launch({chromePath, chromeFlags: JSON.parse(flags)});
    try {
      const {lhr} = await lighthouse(url, {port: chrome.port, logLevel: "error",
        onlyCategories: ["accessibility"], onlyAudits: JSON.parse(audits)});
      if (lhr.runtimeError) throw new Error(url + ": " + lhr.runtimeError.message);
      reports[url] = {
        audits: Object.fromEntries(Object.entries(lhr.audits).map(([id, audit]) => [id,
          [audit.score, audit.title, audit.numericValue, (audit.details && audit.details.items) || []]])),
        accessibility: lhr.categories.accessibility.auditRefs.filter(ref => ref.weight > 0).map(ref => ref.id),
      };
    } finally { await chrome.kill(); }
  }
  process.stdout.write(JSON.stringify(reports));
})().catch(error => { console.error(error); process.exit(1); });
"""


@pytest.fixture(scope="session")
def lighthouse(site):
    """Lighthouse's findings on each page of LIGHTHOUSE_PAGES, by name, in one Node process for them all."""
    urls = [site + PAGES[name] for name in LIGHTHOUSE_PAGES]
    reports = node_json(
        RUN,
        shutil.which("chromium") or "/usr/bin/chromium",
        json.dumps(CHROME_FLAGS),
        json.dumps(AUDITS),
        *urls,
        timeout=600,
    )
    return {name: reports[url] for name, url in zip(LIGHTHOUSE_PAGES, urls)}


def failed(report, ids) -> list[str]:
    """The audits of `ids` that fail, with what Lighthouse says of them (those that do not apply pass)."""
    return [f"{id}: {report['audits'][id][1]}" for id in ids if report["audits"][id][0] not in (1, None)]


def where(items) -> list[str]:
    return [
        item.get("url") or item.get("sourceLocation", {}).get("url") or item.get("node", {}).get("selector", "")
        for item in items
    ]


@pytest.mark.parametrize("name", LIGHTHOUSE_PAGES)
def test_no_console_error_and_no_missing_file_not_even_the_icon(lighthouse, name):
    errors = lighthouse[name]["audits"]["errors-in-console"][3]
    assert [f"{item['description']} {item.get('sourceLocation', {}).get('url', '')}" for item in errors] == []


@pytest.mark.parametrize("name", LIGHTHOUSE_PAGES)
def test_nothing_moves_under_the_reader_while_the_page_loads(lighthouse, name):
    """Google's "good" cumulative layout shift is below 0.1; what moved is named when it fails."""
    shift = lighthouse[name]["audits"]["cumulative-layout-shift"][2]
    assert shift < 0.1, where(lighthouse[name]["audits"]["layout-shifts"][3])


@pytest.mark.parametrize("name", LIGHTHOUSE_PAGES)
def test_every_picture_has_its_room_reserved_and_the_largest_comes_at_once(lighthouse, name):
    report = lighthouse[name]
    assert where(report["audits"]["unsized-images"][3]) == []
    assert failed(report, ["lcp-lazy-loaded"]) == []


@pytest.mark.parametrize("name", LIGHTHOUSE_PAGES)
def test_accessibility_audits_pass(lighthouse, name):
    """Names, contrast, landmarks or a skip link (bypass), headings, languages... as Lighthouse checks them."""
    report = lighthouse[name]
    assert failed(report, report["accessibility"]) == []


@pytest.mark.parametrize("name", LIGHTHOUSE_PAGES)
def test_search_engine_and_browser_basics(lighthouse, name):
    assert failed(lighthouse[name], BASICS) == []
