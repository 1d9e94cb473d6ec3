"""Constant strings are translated when a template is compiled, and the theme's small helpers are Python
functions: the pages must read exactly as they did with gettext and Jinja macros."""

from __future__ import annotations

import gettext
import io

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from jinja2 import DictLoader, Environment

from interface.constant_strings import ConstantStrings
from interface.helpers import helpers


def _catalogue(pairs: dict[str, str]) -> gettext.GNUTranslations:
    catalog = Catalog(locale="fr")
    for source, translated in pairs.items():
        catalog.add(source, translated)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


TEMPLATE = (
    '{{ _("Where") }}|{{ _("Where")|upper }}|{{ _("Told by %(name)s", name=who) }}|{{ _("100%% free") }}'
    '|{{ _("It\'s") ~ "!" }}|{{ obj._("Where") }}|<a title="{{ _("It\'s") }}">'
)
FRENCH = {
    "Where": "Où",
    "Told by %(name)s": "Raconté par %(name)s",
    "100%% free": "100 %% gratuit",
    "It's": "C'est <là>",
}


def _render(fold: bool, autoescape: bool) -> tuple[str, str]:
    environment = Environment(
        loader=DictLoader({"page": TEMPLATE}), extensions=["jinja2.ext.i18n"], autoescape=autoescape
    )
    catalogue = _catalogue(FRENCH)
    environment.install_gettext_translations(catalogue, newstyle=True)
    if fold:
        environment.add_extension(ConstantStrings)
        environment.extensions[ConstantStrings.identifier].catalogue = catalogue
    obj = type("Obj", (), {"_": staticmethod(lambda text: f"method:{text}")})()
    page = environment.get_template("page")
    return page.render(who="<Ana>", obj=obj), environment.compile(TEMPLATE, raw=True)


def test_folded_strings_read_exactly_as_gettext_made_them():
    for autoescape in (True, False):
        folded, code = _render(True, autoescape)
        assert folded == _render(False, autoescape)[0]
        assert code.count("gettext") == 0 and code.count("l_0__") >= 1  # constants folded; the call with a name kept
    escaped, _ = _render(True, True)
    assert escaped.split("|")[:5] == ["Où", "OÙ", "Raconté par &lt;Ana&gt;", "100 % gratuit", "C'est <là>!"]
    assert "method:Where" in escaped  # another object's `_` method is not the gettext alias


def test_helpers_escape_what_they_insert_as_the_macros_did():
    environment = Environment(autoescape=True)
    environment.globals.update(helpers(lambda code: "rtl" if code == "ar" else "ltr"))
    vocabularies = {"statuses": {"cancelled": {"fr": "Annulé <!>", "en": "Cancelled"}}, "categories": {}}
    event = type("Event", (), {"data": type("Data", (), {"status": "cancelled"})()})()
    page = environment.from_string('<p {{ lang(code) }}>{{ status(event) }}{{ label("categories", "x<y") }}</p>')
    text = page.render(
        code='ar" onload="x', event=event, kiosque={"vocabularies": vocabularies}, interface_language="fr"
    )
    assert text == (
        '<p lang="ar&#34; onload=&#34;x" dir="ltr"><strong class="status status-cancelled">Annulé &lt;!&gt;'
        "</strong>x&lt;y</p>"
    )
    event.data.status = "scheduled"
    assert page.render(code="ar", event=event, kiosque={"vocabularies": vocabularies}, interface_language="fr") == (
        '<p lang="ar" dir="rtl">x&lt;y</p>'
    )
