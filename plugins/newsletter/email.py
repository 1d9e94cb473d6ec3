"""An issue's e-mail as e-mail programs want it: every style on its element (Gmail and Outlook drop or
ignore a `<style>` block), the dark-mode rules kept in the head for the programs that read them."""

from __future__ import annotations

import css_inline

INLINER = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)


def inlined(document: str) -> str:
    return INLINER.inline(document)
