"""English is a translation of the Vietnamese interface: complete, and compiled."""

import gettext
import re
from pathlib import Path

import netpoint

CATALOGUE = Path(netpoint.__file__).parent / "locale" / "en" / "LC_MESSAGES"


def po_entries() -> dict[tuple[str, str], str]:
    """(context, msgid) → msgstr; the context is "" for the strings that have none."""
    text = (CATALOGUE / "django.po").read_text()
    entries = {}
    pattern = r'^(?:msgctxt "(.*)"\n)?msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)'
    for context, msgid, msgstr in re.findall(pattern, text, re.M):
        key = "".join(re.findall(r'"(.*)"', msgid))
        if key:
            entries[context, key] = "".join(re.findall(r'"(.*)"', msgstr))
    return entries


def test_every_vietnamese_string_has_an_english_translation():
    untranslated = [key for key, value in po_entries().items() if not value]
    assert untranslated == []


def test_the_compiled_catalogue_matches_the_source():
    with open(CATALOGUE / "django.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    for (context, key), value in po_entries().items():
        decoded = key.encode().decode("unicode_escape").encode("latin-1").decode()
        expected = value.encode().decode("unicode_escape").encode("latin-1").decode()
        found = catalogue.pgettext(context, decoded) if context else catalogue.gettext(decoded)
        assert found == expected, "run msgfmt on django.po"
