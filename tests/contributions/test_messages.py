"""Comparing one written word with many candidates at once finds what comparing them one by one finds."""

import random

import pytest

from contributions.checking.messages import NearWords, closest, plain

CANDIDATES = [
    "Médiathèque des Lilas",
    "Mediatheque",
    "Café La Fabrique",
    "Parc Jeanne-Barret",
    "",
    "Salle 12",
    "x",
    "Théâtre de la Croix-Rousse",
    "La Bibliothèque",
    "ab",
    "ba",
    "aab",
]


@pytest.mark.parametrize(
    "written",
    [
        "Mediatheque des lilas",
        "Médiathèque",
        "cafe la fabrique",
        "Parc",
        "Salle 21",
        "zzz",
        "",
        "Theatre de la Croix Rousse",
        "bibliotheque",
        "a",
        "ab",
        "abb",
    ],
)
def test_near_words_agree_with_closest(written):
    near = list(NearWords([plain(c) for c in CANDIDATES]).near(written))
    assert near == [closest(written, [c]) is not None for c in CANDIDATES]


def test_near_words_find_a_typo_and_nothing_else():
    near = list(NearWords([plain(c) for c in CANDIDATES]).near("Mediatheque des lilas"))
    assert [c for c, found in zip(CANDIDATES, near) if found] == ["Médiathèque des Lilas", "Mediatheque"]


def test_near_words_agree_with_closest_on_many_random_words():
    """Short words from few letters: many at the edge of the cutoff, where a bound worked out differently
    from difflib's would disagree."""
    chance = random.Random(7)
    words = ["".join(chance.choice("abcé ") for _ in range(chance.randint(0, 9))) for _ in range(300)]
    candidates, written = words[:60], words[60:]
    index = NearWords([plain(c) for c in candidates])
    for word in written:
        assert list(index.near(word)) == [closest(word, [c]) is not None for c in candidates], word
