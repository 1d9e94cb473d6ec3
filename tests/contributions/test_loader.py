"""Contributors' YAML is read as they meant it, and each field's line is known."""

import pytest

from contributions.loader import SourceError, parse_yaml, read_source


def test_values_stay_as_written_where_yaml_1_1_would_change_them():
    data, _ = parse_yaml("language: no\nreply: on\ntime: 20:30\npostal_code: 01000\nday: 2026-12-05\nyear: 1978\nok: true\n")
    assert data == {
        "language": "no", "reply": "on", "time": "20:30", "postal_code": "01000",
        "day": "2026-12-05", "year": 1978, "ok": True,
    }


def test_line_of_nested_fields_and_list_items():
    _, source_map = parse_yaml("title: A\nprice:\n  kind: paid\n  amounts:\n    - amount: 8\n    - amount: x\n", line_offset=2)
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


@pytest.mark.parametrize("text, code", [
    ("a: &x [1, 2]\nb: *x\n", "yaml_alias"),
    ("a: !!python/object/apply:os.system ['true']\n", "yaml_syntax"),
    ("a: [1,\n", "yaml_syntax"),
])
def test_dangerous_or_broken_yaml_is_refused_with_a_code(text, code):
    with pytest.raises(SourceError) as raised:
        parse_yaml(text)
    assert raised.value.code == code


def test_duplicate_keys_are_found_even_nested():
    _, source_map = parse_yaml("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n")
    assert sorted(source_map.duplicates) == [("a", 1, 5), ("b.c", 3, 4)]
