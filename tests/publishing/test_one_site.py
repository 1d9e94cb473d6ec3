"""One `Site` per build: every generator and template filter reads the same settings, with the same defaults."""

from __future__ import annotations

from conftest import REPO, build, write_files
from lxml import html

EVENT = "---\ntitle: Concert\nstart: 2026-12-05 20:30\nplace: cafe\ncategories: [concert]\n---\nUn concert.\n"
PLACE = "name: Café\naddress:\n  street: 3 rue Haute\n  city: Lyon\n"


def build_without(tmp_path, *names: str) -> None:
    """The sample's settings with `names` not written at all, as a new site may leave them out."""
    kept = [line for line in (REPO / "pelicanconf.py").read_text().splitlines() if line.split(" =")[0] not in names]
    (tmp_path / "pelicanconf.py").write_text("\n".join(kept) + "\n", encoding="utf-8")
    write_files(tmp_path / "content", {"events/2026/concert.md": EVENT, "places/cafe.yaml": PLACE})
    build(tmp_path, settings_file=tmp_path / "pelicanconf.py")


def test_without_a_time_zone_an_event_is_written_in_the_zone_it_is_scheduled_in(tmp_path):
    """The agenda schedules the event in the site's default zone: its page says the time of that zone, with no
    other clock named, and the feeds say the same."""
    build_without(tmp_path, "TIMEZONE", "DEFAULT_LANG")
    page = html.fromstring((tmp_path / "output/agenda/concert/index.html").read_text(encoding="utf-8"))
    (when,) = page.xpath("//dd/time")
    assert when.get("datetime") == "2026-12-05T20:30:00+01:00"  # Europe/Paris, the site's default zone
    assert when.text == "Saturday, December 5, 2026, 8:30\u00a0PM"
    feed = (tmp_path / "output/feeds/agenda.rss.xml").read_text(encoding="utf-8")
    assert "&lt;p&gt;Saturday, December 5, 2026, 8:30\u00a0PM&lt;br&gt;" in feed
    assert "(Europe/Paris)" not in feed and "(UTC)" not in feed
    listing = (tmp_path / "output/agenda/index.html").read_text(encoding="utf-8")
    assert "(Europe/Paris)" not in listing and "(UTC)" not in listing
