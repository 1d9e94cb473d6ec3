"""The Event's HTML keeps only what Mastodon keeps, even from HTML that reading-time sanitizing let through."""

from __future__ import annotations

from federating.html import mastodon_html

PAGE = "https://agenda.example.org/agenda/concert/"


def test_only_what_mastodon_keeps_is_left():
    hostile = (
        '<h2 id="x">Programme</h2><p style="color:red" onclick="steal()">Bonjour <a href="javascript:alert(1)">a</a>'
        '<img src="https://tracker.example/p.gif"><script>alert(2)</script><iframe src="https://tracker.example/f">'
        '</iframe></p><p><img src="x"></p><p><a href="mailto:someone@example.org">écrire</a></p>'
    )
    assert mastodon_html(hostile, PAGE) == (
        '<p><strong>Programme</strong></p><p>Bonjour <a rel="nofollow noopener noreferrer">a</a></p>'
        '<p><a rel="nofollow noopener noreferrer">écrire</a></p>'
    )


def test_a_link_relative_to_the_page_is_made_whole():
    assert mastodon_html('<p><a href="../../places/salle/">la salle</a></p>', PAGE) == (
        '<p><a href="https://agenda.example.org/places/salle/" rel="nofollow noopener noreferrer">la salle</a></p>'
    )
