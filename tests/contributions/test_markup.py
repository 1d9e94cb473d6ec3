"""Contributors' Markdown becomes safe HTML with nothing in another language than theirs."""

from contributions.reading.markup import MarkdownRenderer


def test_footnotes_carry_no_english_sentence():
    html = MarkdownRenderer()("Le bal[^1].\n\n[^1]: En 1962.")
    assert "Jump back" not in html and 'href="#fnref:1"' in html


def test_one_renderer_serves_many_files_without_leaking_between_them():
    render = MarkdownRenderer()
    first = render("Texte[^1]\n\n[^1]: une note")
    second = render("Autre texte")
    assert "note" in first and second == "<p>Autre texte</p>"
