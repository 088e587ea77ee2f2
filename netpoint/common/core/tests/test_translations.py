"""English is a translation of the Vietnamese interface: complete, and compiled."""

import gettext
import re
from pathlib import Path

import netpoint

CATALOGUE = Path(netpoint.__file__).parent / "locale" / "en" / "LC_MESSAGES"


def po_entries() -> dict[str, str]:
    text = (CATALOGUE / "django.po").read_text()
    entries = {}
    for msgid, msgstr in re.findall(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', text, re.M):
        key = "".join(re.findall(r'"(.*)"', msgid))
        if key:
            entries[key] = "".join(re.findall(r'"(.*)"', msgstr))
    return entries


def test_every_vietnamese_string_has_an_english_translation():
    untranslated = [key for key, value in po_entries().items() if not value]
    assert untranslated == []


def test_the_compiled_catalogue_matches_the_source():
    with open(CATALOGUE / "django.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    for key, value in po_entries().items():
        decoded = key.encode().decode("unicode_escape").encode("latin-1").decode()
        expected = value.encode().decode("unicode_escape").encode("latin-1").decode()
        assert catalogue.gettext(decoded) == expected, "run msgfmt on django.po"
