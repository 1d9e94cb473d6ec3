"""Contributors' YAML is read as they meant it, and each field's line is known."""

import pytest

from contributions.reading.loader import SourceError, parse_yaml, read_source


def test_values_stay_as_written_where_yaml_1_1_would_change_them():
    data, _ = parse_yaml(
        "language: no\nreply: on\ntime: 20:30\npostal_code: 01000\nday: 2026-12-05\nyear: 1978\nok: true\n"
    )
    assert data == {
        "language": "no",
        "reply": "on",
        "time": "20:30",
        "postal_code": "01000",
        "day": "2026-12-05",
        "year": 1978,
        "ok": True,
    }


def test_line_of_nested_fields_and_list_items():
    _, source_map = parse_yaml(
        "title: A\nprice:\n  kind: paid\n  amounts:\n    - amount: 8\n    - amount: x\n", line_offset=2
    )
    assert source_map.line_of(("price", "amounts", 1, "amount")) == 7
    assert source_map.line_of(("price", "missing")) == 3  # nearest written parent
    assert source_map.line_of(()) == 2


def test_front_matter_lines_count_from_the_top_of_the_file():
    source = read_source(b"---\ntitle: A\nstart: 2026-12-05\n---\nBody *here*.\n", markdown=True, max_bytes=1000)
    assert source.data == {"title": "A", "start": "2026-12-05"}
    assert source.body == "Body *here*.\n"
    assert source.map.line_of(("start",)) == 3


def test_windows_line_ends_and_byte_order_mark_are_accepted():
    source = read_source("\ufeff---\r\ntitle: Été\r\n---\r\nCorps\r\n".encode(), markdown=True, max_bytes=1000)
    assert source.data == {"title": "Été"}


@pytest.mark.parametrize(
    "text, code",
    [
        ("a: &x [1, 2]\nb: *x\n", "yaml_alias"),
        ("a: !!python/object/apply:os.system ['true']\n", "yaml_syntax"),
        ("a: [1,\n", "yaml_syntax"),
    ],
)
def test_dangerous_or_broken_yaml_is_refused_with_a_code(text, code):
    with pytest.raises(SourceError) as raised:
        parse_yaml(text)
    assert raised.value.code == code


def test_duplicate_keys_are_found_even_nested():
    _, source_map = parse_yaml("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n")
    assert sorted(source_map.duplicates) == [("a", 1, 5), ("b.c", 3, 4)]


def _paths(data, prefix=()):
    """Every field path of parsed data, nested mappings and list items included."""
    yield prefix
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        yield from _paths(value, (*prefix, key))


def _front_matter(path):
    from contributions.reading.loader import split_front_matter

    text = path.read_text(encoding="utf-8")
    return split_front_matter(text)[0] if path.suffix == ".md" else text


TRICKY = (
    "title: Concert #3\nplace: x # a comment\nyear: 1978 # fine\n",
    "a: 1\nb:\n  c: 1\n  c: 2\na: 3\n",
    "price:\n  kind: paid\n  amounts:\n    - amount: 8\n    - {amount: 5,50, label: 'réduit'}\ntags: [a, b]\n",
    "text: |\n  Deux lignes\n  # pas un commentaire\nnext: 'quoted # kept'\n",
    "links: ['https://a.example.org/x', \"https://b.example.org/y\"]\ntime: 20:30\n",
)


def test_every_sample_file_reads_the_same_with_libyaml(monkeypatch):
    """Fields, their lines, duplicates and comments that cut a text: libyaml changes none of them."""
    from pathlib import Path

    import contributions.reading.loader as loader

    files = sorted(
        p
        for p in (Path(__file__).parents[2] / "content").rglob("*")
        if p.suffix in (".md", ".yaml") and "pages" not in p.parts
    )
    texts = [_front_matter(path) for path in files] + list(TRICKY)
    assert all(loader._parse_fast(text) is not None for text in texts)  # libyaml read them all
    fast = [parse_yaml(text, 5) for text in texts]
    monkeypatch.setattr(loader, "_parse_fast", lambda text: None)
    exact = [parse_yaml(text, 5) for text in texts]
    for text, (fast_data, fast_map), (exact_data, exact_map) in zip(texts, fast, exact):
        assert fast_data == exact_data, text
        assert fast_map.duplicates == exact_map.duplicates, text
        assert fast_map.cut_by_comment == exact_map.cut_by_comment, text
        for path in _paths(exact_data):
            assert fast_map.line_of(path) == exact_map.line_of(path), (text, path)
    assert len(texts) > 60


@pytest.mark.parametrize(
    "text, line",
    [
        ("a: &x [1, 2]\nb: *x\n", 2),
        ("a: [1, 2]\nb:\n  - &y 3\n  - *y\n", 4),
        ("a: *nowhere\n", 1),
    ],
)
def test_an_alias_is_refused_at_its_line_whichever_parser_reads_first(text, line):
    with pytest.raises(SourceError) as raised:
        parse_yaml(text)
    assert (raised.value.code, raised.value.line) == ("yaml_alias", line)


def test_what_pyyaml_refuses_and_libyaml_reads_is_still_refused():
    with pytest.raises(SourceError) as raised:
        parse_yaml("title: T\nlinks: [https://a.example.org/watch?v=x]\n")
    assert (raised.value.code, raised.value.line) == ("yaml_syntax", 2)


def test_deep_nesting_is_left_to_the_exact_parser():
    with pytest.raises(SourceError) as raised:
        parse_yaml("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert (raised.value.code, raised.value.context) == ("yaml_syntax", {"problem": "nesting"})


UNUSUAL = (
    "a: !!str 5\nb: !!int '12'\nc: !!float 1\nd: !!bool true\ne: !!binary aGVsbG8=\nf: !!timestamp 2026-12-05\n",
    "a: !!set {x, y}\nb: !!omap [x: 1]\n",
    "? [a]\n: b\n",
    "a: {x: 1, y: [1, 2]}\na: {x: 2, z: 3}\nb:\n  - c: 1\n    c: 2 # two\n",
    "!!merge <<: {a: 1}\nb: 2\n",
    "a: !!int abc\nb: !foo bar\n",
    "a: &x 1\nb: &x 2\n",
    "1: a\n01: b\n1.0: c\ntrue: d\n~: e\nf: .inf\ng: 0x1F\n",
)


@pytest.mark.parametrize("text", UNUSUAL)
def test_unusual_yaml_reads_the_same_whichever_parser_reads_it(text, monkeypatch):
    """Tags, odd keys and keys written twice: the same data, lines and duplicates, or the same error."""
    import contributions.reading.loader as loader

    def outcome():
        try:
            data, source_map = parse_yaml(text, 3)
        except SourceError as error:
            return error.code, error.line, error.context
        lines = {path: source_map.line_of(path + ("x",)) for path in _paths(data)}
        return repr(data), lines, source_map.duplicates, source_map.cut_by_comment

    fast = outcome()
    monkeypatch.setattr(loader, "_parse_fast", lambda text: None)
    assert fast == outcome()


@pytest.mark.parametrize(
    "value",
    [
        "",
        "~",
        "null",
        "Null",
        "NULL",
        "nul",
        "true",
        "True",
        "TRUE",
        "tRue",
        "false",
        "no",
        "on",
        "12",
        "012",
        "-3",
        "+4",
        "0o17",
        "0x1F",
        "1.5",
        ".5",
        "1e3",
        ".inf",
        "-.Inf",
        ".nan",
        "20:30",
        "2026-12-05",
        "Concert",
        "- a",
        "#3",
        "12 rue A",
        "1_000",
    ],
)
def test_the_fast_resolver_gives_pyyaml_s_tags(value):
    """libyaml asks the loader for each node's tag: the shortened resolver answers as PyYAML's own would."""
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode
    from yaml.resolver import BaseResolver

    import contributions.reading.loader as loader

    fast = loader.FastContributionLoader("")
    assert None not in fast.yaml_implicit_resolvers and not fast.yaml_path_resolvers  # what it leaves out
    for kind, implicit in (
        (ScalarNode, (True, False)),
        (ScalarNode, (False, True)),
        (ScalarNode, (False, False)),
        (SequenceNode, None),
        (MappingNode, None),
    ):
        assert fast.resolve(kind, value, implicit) == BaseResolver.resolve(fast, kind, value, implicit)
