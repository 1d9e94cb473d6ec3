"""`make digest` as a maintainer meets it: this week's issue written into digest/ as a message ready to send, and
every setting or issue it cannot use one sentence and exit status 2, never a traceback."""

from __future__ import annotations

import ast
import re
import subprocess
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from conftest import REPO
from digest_sites import LIST, SENDER, SITE, TITLE, emailing, said_plainly, write_issue


def parts(message) -> dict[str, str]:
    return {part.get_content_type(): part.get_content() for part in message.iter_parts()}


def test_this_weeks_issue_becomes_a_message_ready_to_send(tmp_path):
    from email import message_from_bytes, policy

    write_issue(tmp_path, "2026-W49")
    folder = write_issue(tmp_path, "2026-W50")
    done = emailing(tmp_path, "write")
    assert done.returncode == 0, done.stderr
    assert "digest/2026-W50/issue.eml" in done.stdout
    digest = tmp_path / "digest" / "2026-W50"
    assert (digest / "issue.html").read_bytes() == (folder / "email.html").read_bytes()
    assert (digest / "issue.txt").read_bytes() == (folder / "email.txt").read_bytes()
    raw = (digest / "issue.eml").read_bytes()
    assert raw.isascii() and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # 7-bit, CRLF: as sent
    message = message_from_bytes(raw, policy=policy.default)
    assert message["Subject"] == TITLE and "=?utf-8?" in raw.split(b"\r\n\r\n")[0].decode()
    assert message["From"] == SENDER and message["To"] == LIST
    assert parsedate_to_datetime(message["Date"]).tzinfo is not None
    # (a Message-ID longer than a line is folded before it: strip() reads it as lists do)
    assert re.fullmatch(r"<[^@<>]+2026-W50@quartier-des-lilas\.fr>", message["Message-ID"].strip())
    assert message["Archived-At"] == f"<{SITE}/newsletter/2026-W50/>"
    assert message["List-Unsubscribe"] is None and message["List-Unsubscribe-Post"] is None
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
    body = parts(message)
    assert body["text/plain"].replace("\r\n", "\n") == (folder / "email.txt").read_text(encoding="utf-8")
    assert "Bal folk à la Maison des Lilas" in body["text/html"]
    assert f'href="{SITE}/agenda/bal-folk/"' in body["text/html"]
    assert all(part.get_content_charset() == "utf-8" for part in message.iter_parts())


def test_the_text_part_reads_in_the_raw_message(tmp_path):
    """Quoted-printable, not base64: the raw message and a list's archive show the text; and MIME-Version is the
    message's header, not a part's."""
    from email import message_from_bytes, policy

    write_issue(tmp_path)
    assert emailing(tmp_path, "write").returncode == 0
    raw = (tmp_path / "digest/2026-W50/issue.eml").read_bytes()
    message = message_from_bytes(raw, policy=policy.default)
    text, html = message.iter_parts()
    assert text["Content-Transfer-Encoding"] == "quoted-printable"
    assert html["Content-Transfer-Encoding"] in ("quoted-printable", "base64")
    assert "\r\nFriday 11 December\r\n- Bal folk =C3=A0 la Maison des Lilas, 20:30 (2026-W50)\r\n" in (
        text.get_payload()
    )
    assert b"\r\nFriday 11 December\r\n- Bal folk =C3=A0 la Maison des Lilas" in raw and raw.isascii()
    assert [part.get_content_type() for part in message.walk() if "MIME-Version" in part] == ["multipart/alternative"]
    assert raw.count(b"MIME-Version") == 1


def test_the_lists_way_out_is_in_the_headers(tmp_path):
    from email import message_from_bytes, policy

    write_issue(tmp_path)
    leave = "mailto:lilas-agenda-unsubscribe@lists.example.org https://lists.example.org/leave/lilas-agenda"
    done = emailing(tmp_path, "write", KIOSQUE_DIGEST_UNSUBSCRIBE=leave)
    assert done.returncode == 0, done.stderr
    message = message_from_bytes((tmp_path / "digest/2026-W50/issue.eml").read_bytes(), policy=policy.default)
    assert message["List-Unsubscribe"] == (
        "<mailto:lilas-agenda-unsubscribe@lists.example.org>, <https://lists.example.org/leave/lilas-agenda>"
    )
    assert message["List-Unsubscribe-Post"] is None  # one message to the whole list cannot unsubscribe one reader


def test_a_week_and_a_filter_are_chosen_by_name(tmp_path):
    write_issue(tmp_path, "2026-W49")
    write_issue(tmp_path, "2026-W50")
    write_issue(tmp_path, "2026-W50", wanted="category/concert", title="Concerts — the week of 7 to 13 December")
    done = emailing(tmp_path, "write", "--week", "2026-W49")
    assert done.returncode == 0 and (tmp_path / "digest/2026-W49/issue.eml").exists(), done.stderr
    assert not (tmp_path / "digest/2026-W50").exists()
    done = emailing(tmp_path, "write", "--filter", "category/concert")
    assert done.returncode == 0, done.stderr
    assert "Concerts —" in (tmp_path / "digest/2026-W50-category-concert/issue.txt").read_text(encoding="utf-8")


def test_an_unknown_week_or_filter_is_answered_with_those_built(tmp_path):
    write_issue(tmp_path, "2026-W49")
    write_issue(tmp_path, "2026-W50")
    write_issue(tmp_path, "2026-W50", wanted="place/maison-des-lilas")
    said_plainly(emailing(tmp_path, "write", "--week", "2026-W51"), 2, "2026-W51", "2026-W49, 2026-W50")
    said_plainly(emailing(tmp_path, "write", "--week", "last"), 2, "2026-W50", "WEEK")
    said_plainly(
        emailing(tmp_path, "write", "--filter", "category/concert"), 2, "category/concert", "place/maison-des-lilas"
    )
    said_plainly(emailing(tmp_path, "write", "--filter", "place/maison-des-lilas", "--week", "2026-W49"), 2, "2026-W50")
    assert not (tmp_path / "digest").exists()


def test_a_filter_as_copied_from_the_address_bar(tmp_path):
    """The filter's agenda page is /agenda/category/concert/: its path, or the whole address, is that filter."""
    write_issue(tmp_path)
    write_issue(tmp_path, wanted="category/concert", title="Concerts — the week of 7 to 13 December")
    for written in ("agenda/category/concert", "/agenda/category/concert/", f"{SITE}/agenda/category/concert/"):
        done = emailing(tmp_path, "write", "--filter", written)
        assert done.returncode == 0, done.stderr
        assert done.stdout == (
            "Concerts — the week of 7 to 13 December: digest/2026-W50-category-concert/issue.eml, issue.html, "
            "issue.txt\n"
        )


def test_a_wrong_filter_is_answered_with_those_it_may_mean(tmp_path):
    write_issue(tmp_path)
    for wanted in ("accessibility/wheelchair", "audience/children", "audience/teenagers", "category/children",
                   "category/concert", "category/market", "place/maison-des-lilas"):  # fmt: skip
        write_issue(tmp_path, wanted=wanted)

    def refused(written: str) -> str:
        done = emailing(tmp_path, "write", "--filter", written)
        said_plainly(done, 2)
        return done.stderr

    assert refused("category/concerts") == (  # the facet's values, the closest first
        "make digest: no issue for the filter 'category/concerts': the category filters built are "
        "category/concert, category/children, category/market\n"
    )
    assert refused("concert") == (
        "make digest: FILTER is a facet and its value, like category/concert, found 'concert': did you mean "
        "category/concert?\n"
    )
    assert refused("children") == (
        "make digest: FILTER is a facet and its value, like category/concert, found 'children': did you mean "
        "audience/children or category/children?\n"
    )
    assert refused("jazz") == (
        "make digest: FILTER is a facet and its value, like category/concert, found 'jazz' (a facet is category, "
        "place, audience, price or accessibility)\n"
    )
    assert refused("categories/concert") == (
        "make digest: no issue for the filter 'categories/concert': its facet must be category, place, audience, "
        "price or accessibility; did you mean category/concert?\n"
    )
    assert refused("price/free") == (
        "make digest: no issue for the filter 'price/free': no price filter was built; the filters built are "
        "accessibility/wheelchair, audience/children, audience/teenagers, category/children, category/concert, "
        "category/market, place/maison-des-lilas\n"
    )
    assert not (tmp_path / "digest").exists()


def test_this_week_is_the_sites_newest_not_a_filters_last(tmp_path):
    """A filter with no issue this week must not send last week's again as this week's."""
    write_issue(tmp_path, "2026-W49", wanted="category/concert")
    write_issue(tmp_path, "2026-W50")
    said_plainly(emailing(tmp_path, "write", "--filter", "category/concert"), 2, "2026-W50", "2026-W49")


def test_no_issue_built(tmp_path):
    said_plainly(emailing(tmp_path, "write"), 2, "newsletter", "make publish")


@pytest.mark.parametrize("address", ["http://127.0.0.1:8000", "http://localhost:8000"])
def test_an_issue_built_for_a_preview_is_not_sent(tmp_path, address):
    write_issue(tmp_path, address=address)
    said_plainly(emailing(tmp_path, "write"), 2, address, "make publish")
    said_plainly(emailing(tmp_path, "send", KIOSQUE_SMTP_HOST="127.0.0.1"), 2, address, "make publish")


def test_an_issue_built_without_the_sites_address(tmp_path):
    """`make publish` without SITEURL builds for publishconf.py's https://agenda.example.org."""
    write_issue(tmp_path, address="https://agenda.example.org")
    done = emailing(tmp_path, "write")
    said_plainly(done, 2)
    assert done.stderr == (
        "make digest: output/newsletter/2026-W50 was built for https://agenda.example.org (publishconf.py's "
        "address when SITEURL is not set), a name reserved for examples (example.org, .com, .net, anything under "
        ".example, .test or .invalid): no site is there and mail to it goes nowhere, so it cannot be the public "
        "site; build it with the site's own address: SITEURL=https://... make digest\n"
    )
    assert not (tmp_path / "digest").exists()


@pytest.mark.parametrize("action, said", [("write", "make digest"), ("send", "make send-digest")])
@pytest.mark.parametrize("address", ["https://agenda.example.net", "https://lilas.test", "http://www.example.com"])
def test_an_issue_built_for_a_name_reserved_for_examples(tmp_path, action, said, address):
    """SITEURL=https://agenda.example.net make digest: refused for what it is, naming the command that was run."""
    write_issue(tmp_path, address=address)
    done = emailing(tmp_path, action, KIOSQUE_SMTP_HOST="127.0.0.1")
    said_plainly(done, 2)
    assert done.stderr == (
        f"{said}: output/newsletter/2026-W50 was built for {address}, a name reserved for examples (example.org, "
        ".com, .net, anything under .example, .test or .invalid): no site is there and mail to it goes nowhere, "
        f"so it cannot be the public site; build it with the site's own address: SITEURL=https://... {said}\n"
    )
    assert not (tmp_path / "digest").exists() and not (tmp_path / "cache").exists()


def test_an_issue_without_its_web_address_or_subject(tmp_path):
    folder = write_issue(tmp_path)
    html = (folder / "email.html").read_text(encoding="utf-8")
    (folder / "email.html").write_text(re.sub(r"<link [^>]*>", "", html), encoding="utf-8")
    said_plainly(emailing(tmp_path, "write"), 2, "email.html", 'rel="alternate"')
    (folder / "email.html").write_text(re.sub(r"<title>.*</title>", "", html), encoding="utf-8")
    said_plainly(emailing(tmp_path, "write"), 2, "email.html", "<title>")
    (folder / "email.html").write_bytes(html.encode("latin-1", "replace"))
    said_plainly(emailing(tmp_path, "write"), 2, "UTF-8")


@pytest.mark.parametrize(
    "settings, named",
    [
        ({"KIOSQUE_DIGEST_FROM": ""}, "KIOSQUE_DIGEST_FROM"),
        ({"KIOSQUE_DIGEST_FROM": "agenda at lilas"}, "KIOSQUE_DIGEST_FROM"),
        ({"KIOSQUE_DIGEST_FROM": "a@lilas.example.org\nBcc: all@example.org"}, "KIOSQUE_DIGEST_FROM"),
        ({"KIOSQUE_DIGEST_TO": ""}, "KIOSQUE_DIGEST_TO"),
        ({"KIOSQUE_DIGEST_TO": "a@lists.example.org, b@lists.example.org"}, "KIOSQUE_DIGEST_TO"),
        ({"KIOSQUE_DIGEST_UNSUBSCRIBE": "http://lists.example.org/leave"}, "KIOSQUE_DIGEST_UNSUBSCRIBE"),
        ({"KIOSQUE_DIGEST_UNSUBSCRIBE": "mailto:nobody"}, "KIOSQUE_DIGEST_UNSUBSCRIBE"),
    ],
)
def test_a_message_setting_that_cannot_be_used(tmp_path, settings, named):
    write_issue(tmp_path)
    said_plainly(emailing(tmp_path, "write", **settings), 2, named)
    assert not (tmp_path / "digest").exists()


@pytest.mark.parametrize(
    "settings, named",
    [
        ({}, "KIOSQUE_SMTP_HOST"),
        ({"KIOSQUE_SMTP_HOST": "smtp://mail.example.org"}, "KIOSQUE_SMTP_HOST"),
        ({"KIOSQUE_SMTP_HOST": "mail.example.org", "KIOSQUE_SMTP_PORT": "submission"}, "KIOSQUE_SMTP_PORT"),
        ({"KIOSQUE_SMTP_HOST": "mail.example.org", "KIOSQUE_SMTP_PORT": "70000"}, "KIOSQUE_SMTP_PORT"),
        ({"KIOSQUE_SMTP_HOST": "mail.example.org", "KIOSQUE_SMTP_SECURITY": "ssl"}, "KIOSQUE_SMTP_SECURITY"),
        ({"KIOSQUE_SMTP_HOST": "mail.example.org", "KIOSQUE_SMTP_USER": "agenda"}, "KIOSQUE_SMTP_PASSWORD"),
        ({"KIOSQUE_SMTP_HOST": "mail.example.org", "KIOSQUE_SMTP_PASSWORD": "s3cret-x"}, "KIOSQUE_SMTP_USER"),
        ({"KIOSQUE_SMTP_HOST": "mail.example.org", "KIOSQUE_SMTP_TIMEOUT": "soon"}, "KIOSQUE_SMTP_TIMEOUT"),
        ({"KIOSQUE_SMTP_HOST": "mail.example.org", "KIOSQUE_SMTP_CA_FILE": "/nowhere.pem"}, "KIOSQUE_SMTP_CA_FILE"),
    ],
)
def test_a_server_setting_that_cannot_be_used(tmp_path, settings, named):
    write_issue(tmp_path)
    said_plainly(emailing(tmp_path, "send", **settings), 2, named)
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize(
    "host, name, port",
    [("127.0.0.1:8025", "127.0.0.1", "8025"), ("smtp.example.org:587", "smtp.example.org", "587"),
     ("[::1]:25", "[::1]", "25")],
)  # fmt: skip
def test_a_server_written_with_its_port(tmp_path, host, name, port):
    """127.0.0.1:8025 is no IPv6 address: refused at once, not looked up as a name."""
    write_issue(tmp_path)
    done = emailing(tmp_path, "send", KIOSQUE_SMTP_HOST=host)
    said_plainly(done, 2)
    assert done.stderr == (
        f"make send-digest: KIOSQUE_SMTP_HOST is the server's name alone, found '{host}': the port goes in "
        f"KIOSQUE_SMTP_PORT, so write KIOSQUE_SMTP_HOST={name} and KIOSQUE_SMTP_PORT={port}\n"
    )
    assert not (tmp_path / "cache").exists()


def test_a_server_named_by_its_ipv6_address(tmp_path):
    """::1 and [::1] are a server's address (nothing listens there: what matters is that it was tried)."""
    write_issue(tmp_path)
    for host in ("::1", "[::1]"):
        done = emailing(tmp_path, "send", KIOSQUE_SMTP_HOST=host, KIOSQUE_SMTP_PORT="9", KIOSQUE_SMTP_TIMEOUT="5")
        assert done.returncode == 1 and "the SMTP server ::1:9" in done.stderr, done.stderr


def test_the_commands_description(tmp_path):
    done = emailing(tmp_path, "--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:3] == [
        "usage: python -m emailing [-h] {write,send} ...",
        "",
        "Write this week's newsletter issue into digest/, or send it to the list.",
    ]
    assert "exit status: 0 done" in done.stdout


def test_no_password_crosses_the_network_unencrypted(tmp_path):
    write_issue(tmp_path)
    unencrypted = {"KIOSQUE_SMTP_SECURITY": "none", "KIOSQUE_SMTP_USER": "agenda", "KIOSQUE_SMTP_PASSWORD": "s3cret-x"}
    done = emailing(tmp_path, "send", KIOSQUE_SMTP_HOST="mail.example.org", **unencrypted)
    said_plainly(done, 2, "KIOSQUE_SMTP_SECURITY", "mail.example.org", "starttls")
    assert "s3cret-x" not in done.stdout + done.stderr


def test_the_make_targets_are_listed():
    listed = subprocess.run(["make", "-s", "help"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    assert re.search(r"make digest +\S", listed) and re.search(r"make send-digest +\S", listed)


def test_every_setting_emailing_reads_is_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    code = "\n".join(path.read_text(encoding="utf-8") for path in (REPO / "emailing").rglob("*.py"))
    names = set(re.findall(r"\bKIOSQUE_[A-Z_]+\b", code))
    assert {"KIOSQUE_SMTP_PASSWORD", "KIOSQUE_DIGEST_TO", "KIOSQUE_SMTP_CA_FILE"} <= names
    section = readme[readme.index("## The newsletter") :]
    assert sorted(name for name in names if name not in section) == []


def test_emailing_reaches_the_kernel_through_its_facade_only():
    """Like the bridge, the import and the federation (tests/contributions/test_floors.py): `contributions`,
    never a module inside it, and nothing of Pelican: sending runs without a build."""
    imported = []
    for path in sorted((REPO / "emailing").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and not node.level:
                imported.append(node.module)
            elif isinstance(node, ast.Import):
                imported += [alias.name for alias in node.names]
    assert "contributions" in imported
    assert [module for module in imported if module.startswith(("contributions.", "pelican"))] == []
    assert Path(REPO / "emailing" / "__main__.py").exists()


def test_another_language_of_the_site_has_its_own_issues(tmp_path):
    """A site in several languages builds each other language under output/<code>/, with its own newsletter."""
    write_issue(tmp_path, "2026-W50")
    write_issue(tmp_path / "tree", "2026-W50", title="Quartier des Lilas — de week van 7 tot 13 december")
    (tmp_path / "output/nl").mkdir(parents=True)
    (tmp_path / "tree/output/newsletter").rename(tmp_path / "output/nl/newsletter")
    done = emailing(tmp_path, "write", "--language", "nl")
    assert done.returncode == 0, done.stderr
    assert "de week van" in (tmp_path / "digest/nl-2026-W50/issue.txt").read_text(encoding="utf-8")
    said_plainly(emailing(tmp_path, "write", "--language", "de"), 2, "'de'", "built: nl")
    said_plainly(emailing(tmp_path, "write", "--language", "../nl"), 2, "built: nl")
