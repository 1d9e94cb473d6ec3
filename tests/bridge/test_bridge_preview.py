"""'See my event': the page as the site publishes it, marked as a preview, with what was typed kept in a draft
(an uploaded picture too) for "Send" and "Change"; hostile text in a preview is as harmless as on the site."""

from __future__ import annotations

import re
import sys

import pytest
from bridge_sites import EVENT, STORY, TRACK, client_for, make_site, send, settings_for
from conftest import REPO, jpeg
from lxml import html

sys.path.insert(0, str(REPO / "tests" / "hostile"))
from hostile_corpus import MARKERS, PROBE, URLS  # noqa: E402


@pytest.fixture
def client(tmp_path):
    return client_for(settings_for(make_site(tmp_path), tmp_path, KIOSQUE_BRIDGE_RATE_LIMIT="100/60"))


def _preview(client, path: str, data: dict, files=None):
    answer = send(client, path, {**data, "step": "preview"}, files=files)
    assert answer.status_code == 200, answer.text
    return answer, html.fromstring(answer.text)


def _from_preview(client, path: str, page, step: str = "send"):
    form = {field.get("name"): field.get("value") or "" for field in page.xpath("//form//input[@type='hidden']")}
    return client.post(path, data={**form, "step": step}, follow_redirects=False)


def test_the_preview_is_the_sites_page_with_the_picture_and_send_or_change_keep_everything(client):
    path = "/submit/event?lang=en"
    answer, page = _preview(
        client, path, {**EVENT, "image.alt": "Des vélos"}, files={"image": ("velo.jpg", jpeg((40, 30)), "image/jpeg")}
    )
    shown = page.xpath("//section[@class='preview']")[0]
    assert shown.xpath("string(.//h1)") == "Atelier vélo"  # the theme's event page
    assert "samedi 12 décembre 2026" in shown.text_content()  # written by the site's own templates
    assert page.xpath("string(//p[@class='preview-note'])").strip().endswith("It is not sent yet.")
    assert not shown.xpath(".//script | .//*[@href]")  # nothing to run, no link to follow out of it
    [picture] = shown.xpath(".//img/@src")
    assert re.fullmatch(r"/draft/[0-9a-f]{32}/image", picture)
    served = client.get(picture)
    assert served.status_code == 200 and served.headers["content-type"] == "image/jpeg"
    assert "script-src" not in answer.headers["content-security-policy"]  # default-src 'self': no inline script

    change = client.get(page.xpath("//a[normalize-space()='Change']/@href")[0])
    again = html.fromstring(change.text)
    assert again.xpath("//input[@name='title']/@value") == ["Atelier vélo"]
    assert again.xpath("//input[@name='start.time']/@value") == ["14:00"]
    assert "Kept from before: Picture" in again.xpath("string(//p[@class='current'])")

    sent = _from_preview(client, path, page)
    assert sent.status_code == 303 and sent.headers["location"].startswith("/receipt/")
    [record] = client.app.state.bridge.spool.records()
    assert record["title"] == "Atelier vélo"
    assert [path for path in record["paths"] if path.startswith("content/images/contrib/")]  # the picture went too


def test_problems_come_back_beside_their_fields_and_an_old_preview_says_so(client):
    answer = send(client, "/submit/event?lang=en", {**EVENT, "end.time": "13:00", "step": "preview"})
    assert answer.status_code == 422
    page = html.fromstring(answer.text)
    assert page.xpath("string(//ul[@id='f-end-time-error'])") or page.xpath("string(//ul[@id='f-end-date-error'])")
    assert page.xpath("//input[@name='end.time']/@value") == ["13:00"]
    gone = client.post(
        "/submit/event?lang=en",
        data={"csrf": re.search(r'name="csrf" value="([^"]+)"', answer.text)[1], "draft": "0" * 32, "from": "preview"},
    )
    assert gone.status_code == 410 and "too old" in gone.text


@pytest.mark.parametrize(
    "path, data, title",
    [
        ("/submit/track/la-bande-son-du-quartier?lang=en", TRACK, "Le Temps des cerises"),
        ("/submit/story/memoires-du-quartier?lang=en", STORY, "La crue de 1957"),
    ],
)
def test_tracks_and_stories_have_their_preview_too(client, path, data, title):
    _, page = _preview(client, path, data)
    assert title in page.xpath("string(//section[@class='preview'])")
    assert _from_preview(client, path, page).status_code == 303


def test_hostile_text_in_a_preview_runs_nothing_even_without_the_csp(client, chromium):
    markers = [text.replace("KQID", str(number)) for number, text in enumerate(MARKERS + URLS)]
    body = "\n\n".join(markers)
    _, page = _preview(client, "/submit/event?lang=en", {**EVENT, "title": markers[1], "body": body})
    text = html.tostring(page, encoding="unicode")
    context = chromium.new_context(java_script_enabled=True)
    ran: list = []
    context.expose_binding(PROBE, lambda source, number: ran.append(number))
    browser_page = context.new_page()
    browser_page.on("dialog", lambda dialog: (ran.append(dialog.message), dialog.dismiss()))
    browser_page.set_content(text)  # no CSP here: the page itself must be harmless
    browser_page.wait_for_timeout(300)
    for element in browser_page.locator("section.preview *").all()[:400]:
        element.dispatch_event("mouseover")
    context.close()
    assert ran == []
    assert markers[1] in page.xpath("string(//section[@class='preview']//h1)")  # shown as text
