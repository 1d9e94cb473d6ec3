"""Comparing one written word with many candidates at once finds what comparing them one by one finds."""

import pytest

from contributions.messages import closest, matcher, plain

CANDIDATES = ["Médiathèque des Lilas", "Mediatheque", "Café La Fabrique", "Parc Jeanne-Barret", "", "Salle 12", "x"]


@pytest.mark.parametrize("written", ["Mediatheque des lilas", "Médiathèque", "cafe la fabrique", "Parc", "Salle 21", "zzz", ""])
def test_a_matcher_agrees_with_closest(written):
    near = matcher(written)
    assert [near(plain(c)) for c in CANDIDATES] == [closest(written, [c]) is not None for c in CANDIDATES]
