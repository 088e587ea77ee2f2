"""Every page of the provider, as each role sees it, is in Vietnamese: no English word of a
user interface, no developer text (an action code like `request_approved`, a Python dict or
list, `Fmt`, None/True/False), no message left with its placeholders.

The pages are the provider's URL patterns (every app's `urls` door); the ids they take come
from the permission matrix's seeded world (netpoint/provider/authority/tests/
test_permission_matrix.py, each module's `tests/permissions.py`), so a new page is scanned
without being listed here. Each role's user opens every page: what it may not open must be a
Vietnamese refusal too. The scan's reader and word list are the point's
(netpoint/point/tests/test_vietnamese_pages.py)."""

import re
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse

from netpoint.point.tests.test_vietnamese_pages import (
    PIECES_RE,
    VisibleText,
    english_in,
    patterns,
)
from netpoint.provider.authority.roles import installed_roles
from netpoint.provider.authority.tests.test_permission_matrix import (  # noqa: F401 (fixture)
    EXEMPT,
    MATRIX,
    urls,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls("netpoint.provider.urls")]

# Developer words beyond the point's list: a form field named after its variable ("Fmt"),
# Django's own English for a choice or an empty value.
DEVELOPER = ["Fmt", "fmt", "Approve", "Reject", "pk", "id", "Id", "Unknown", "N/A", "null"]
DEVELOPER_RE = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(word) for word in DEVELOPER) + r")(?![\w-])"
)
# A code as the program writes it (`request_approved`, `not_approved`); a Python dict or list
# printed whole.
CODE_RE = re.compile(r"(?<![\w/.:@-])[a-z]+(?:_[a-z0-9]+)+(?![\w/.@-])")
REPR_RE = re.compile(r"\{'|\[\{|\{\"|\['|\[\(|<[A-Z]\w+: ")

# Pages not scanned: the JSON API, the language switch, logging out, Django's admin (its own
# catalogue). Public pages that take a hotspot or a one-time token (the captive portal, the
# opt-out link: the matrix's EXEMPT with arguments) are scanned by their modules' tests.
SKIPPED_PREFIXES = ("api/", "i18n/", "admin/")
SKIPPED_NAMES = {"logout", "set_language"}
SKIPPED_ACTIONS = {"/logout/", "/i18n/setlang/"}
# Known English on pages; keep it empty: fix the page instead.
ALLOWED: dict[tuple[str, str], str] = {}


@dataclass(frozen=True)
class Finding:
    who: str
    url_name: str
    term: str
    context: str

    def __str__(self):
        return f"{self.who} {self.url_name}: {self.term!r} in {self.context!r}"


def developer_text_in(texts: list[str]) -> list[tuple[str, str]]:
    found = english_in(texts)
    for text in texts:
        for pattern in (DEVELOPER_RE, CODE_RE, REPR_RE):
            found += [(match.group(0), text[:120]) for match in pattern.finditer(text)]
    return found


@pytest.fixture
def people(urls, django_user_model):  # noqa: F811 (the matrix's fixture)
    """A user of every role; an authority's member (the matrix's police, whose letter is
    waiting) and a Sở member of the point's province; an approved letter too, so the
    search form is scanned."""
    from netpoint.provider.authority import services
    from netpoint.provider.authority.models import Member, Organisation, WrittenRequest
    from netpoint.provider.registry.models import Point

    found = {}
    for role in sorted(installed_roles()):
        user = django_user_model.objects.create_user(f"vai-{role}", password="mat-khau-dai-9")
        user.groups.add(Group.objects.get(name=role))
        found[role] = user
    police = Organisation.objects.get(kind="police")
    Member.objects.create(user=found["authority_user"], organisation=police)
    department = Organisation.objects.create(name="Sở Hà Nội", kind="ict", province_code=1)
    sở = django_user_model.objects.create_user("so-ha-noi", password="mat-khau-dai-9")
    Member.objects.create(user=sở, organisation=department)
    found["Sở"] = sở
    waiting = WrittenRequest.objects.get(document_number="1/TEST")
    approved = services.register(
        police,
        found["authority_user"],
        {
            "document_number": "2/TEST",
            "document_date": waiting.document_date,
            "issuing_body": "Công an Thử",
            "signer": "Người Ký",
            "subject": "Thử",
            "legal_basis": "Thử",
            "point_codes": [Point.objects.get(code="HN-0001").code],
            "time_from": datetime(2026, 10, 1, tzinfo=UTC),
            "time_to": datetime(2026, 11, 1, tzinfo=UTC),
            "valid_until": datetime(2099, 12, 1, tzinfo=UTC),
        },
    )
    services.decide(approved, found["approving_officer"], approve=True)
    services.decide(waiting, found["approving_officer"], approve=False, reason="Thiếu chữ ký")
    return {"users": found, "approved": approved}


def pages(urls) -> list[tuple[str, str]]:  # noqa: F811
    """(URL name, URL) of every page a GET opens."""
    listed = []
    for route, pattern in patterns():
        name = pattern.name or ""
        if route.startswith(SKIPPED_PREFIXES) or name in SKIPPED_NAMES:
            continue
        if name in MATRIX:
            if MATRIX[name][0] == "get":
                listed.append((name, urls[name]))
        elif not pattern.pattern.converters:
            listed.append((name, reverse(name)))
        elif name in EXEMPT:
            continue
        else:
            raise AssertionError(f"{route}: give its ids in the permission matrix")
    return listed


def scan(client, who: str, url_name: str, url: str, forms: dict) -> list[Finding]:
    """The page's findings; its forms with fields are noted in `forms` (action -> page)."""
    answer = client.get(url, follow=True, HTTP_ACCEPT_LANGUAGE="vi")
    assert answer.status_code < 500, f"{url} answered {answer.status_code} to {who}"
    if not answer.get("Content-Type", "").startswith("text/html"):
        return []  # a download: no page to read
    reader = PageText(answer.request["PATH_INFO"])
    reader.feed(answer.content.decode())
    for form in reader.forms:
        if form.has_fields and form.action not in SKIPPED_ACTIONS:
            forms.setdefault(form.action, url_name)
    return [Finding(who, url_name, t, c) for t, c in developer_text_in(reader.texts)]


def submit_empty(client, who: str, url_name: str, action: str) -> list[Finding]:
    """An empty form answers with Vietnamese errors, never a 500."""
    answer = client.post(action, {}, follow=True, HTTP_ACCEPT_LANGUAGE="vi")
    assert answer.status_code < 500, f"an empty form to {action} answered a 500 to {who}"
    if not answer.get("Content-Type", "").startswith("text/html"):
        return []
    reader = PageText(action)
    reader.feed(answer.content.decode())
    return [Finding(who, url_name, t, c) for t, c in developer_text_in(reader.texts)]


def test_no_provider_page_shows_english_or_developer_text(client, urls, people):  # noqa: F811
    listed = pages(urls) + [
        ("authority-request", reverse("authority-request", args=[people["approved"].pk]))
    ]
    findings = [f for name, url in listed for f in scan(client, "khách", name, url, {})]
    for who, user in people["users"].items():
        client.force_login(user)
        forms: dict[str, str] = {}
        findings += [f for name, url in listed for f in scan(client, who, name, url, forms)]
        # Empty submissions last: they must change nothing, but if one did, it would not
        # change what the other pages show.
        for action, name in forms.items():
            findings += submit_empty(client, who, name, action)
        client.logout()
    unexpected = sorted({str(f) for f in findings if (f.url_name, f.term) not in ALLOWED})
    assert not unexpected, "English or developer text on provider pages:\n" + "\n".join(unexpected)


class PageText(VisibleText):
    """The page's own words: not what it quotes as code (`<code>`: a setting's name and value
    as an administrator writes them in the settings file)."""

    def __init__(self, url: str):
        super().__init__(url)
        self._code = 0

    def handle_starttag(self, tag, attrs):
        self._code += tag == "code"
        super().handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self._code -= tag == "code" and self._code > 0
        super().handle_endtag(tag)

    def handle_data(self, data):
        if not self._code:
            super().handle_data(data)


class EnglishPageText(PageText):
    """What an English page shows as its own words: the text outside passages marked
    `lang="vi"` (an official report is Vietnamese whatever the interface's language)."""

    def __init__(self, url: str):
        super().__init__(url)
        self._passage: str = ""  # the tag that opened the Vietnamese passage one is in
        self._depth = 0  # of that tag, nested in itself

    def handle_starttag(self, tag, attrs):
        if not self._passage and (dict(attrs).get("lang") or "").startswith("vi"):
            self._passage, self._depth = tag, 0
        if self._passage:
            self._depth += tag == self._passage
            shown = len(self.texts)
            super().handle_starttag(tag, attrs)
            del self.texts[shown:]
        else:
            super().handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        super().handle_endtag(tag)
        if self._passage and tag == self._passage:
            self._depth -= 1
            if self._depth == 0:
                self._passage = ""

    def handle_data(self, data):
        if not self._passage:
            super().handle_data(data)


def untranslated_in(texts: list[str], catalogue) -> list[tuple[str, str]]:
    """Vietnamese msgids of the English catalogue left as they are on an English page: a
    label translated once, at import, in Vietnamese (gettext, not gettext_lazy)."""
    found = []
    for text in texts:
        for piece in dict.fromkeys(p.strip() for p in [text, *PIECES_RE.split(text)]):
            if len(piece) > 3 and piece in catalogue:
                found.append((piece, text[:120]))
    return found


def test_no_provider_page_in_english_shows_a_vietnamese_msgid(client, urls, people):  # noqa: F811
    from django.utils.translation import trans_real

    catalogue = {
        key: value
        for key, value in trans_real.translation("en")._catalog.items()
        if isinstance(key, str) and key != value
    }
    listed = pages(urls)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    findings = []
    for who, user in people["users"].items():
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        for name, url in listed:
            answer = client.get(url, follow=True)
            if not answer.get("Content-Type", "").startswith("text/html"):
                continue
            reader = EnglishPageText(url)
            reader.feed(answer.content.decode())
            findings += [
                Finding(who, name, t, c) for t, c in untranslated_in(reader.texts, catalogue)
            ]
        client.logout()
    assert not findings, "Vietnamese on English pages:\n" + "\n".join(
        sorted({str(f) for f in findings})
    )


def test_the_scan_finds_codes_dicts_and_developer_words():
    reader = PageText("/")
    reader.feed(
        "<p>request_approved</p><p>{'reason': ''}</p><label>Fmt:</label><p>None</p>"
        "<p>HN-0001/M07 · 203.0.113.7:40123 · van-ban-1.pdf · a_b@thu.vn</p>"
        '<td><code>NETPOINT_GAMES["usage_days"]</code></td>'
    )
    terms = [term for term, _text in developer_text_in(reader.texts)]
    assert sorted(terms) == sorted(["None", "request_approved", "{'", "Fmt"])


def test_the_english_scan_finds_a_msgid_outside_a_vietnamese_passage():
    reader = EnglishPageText("/")
    reader.feed(
        "<nav><a>Văn bản yêu cầu</a></nav><article lang='vi'><p>Kính gửi: Bộ</p><br>"
        "<p>Văn bản yêu cầu</p></article><p>Requests · Kính gửi</p>"
    )
    catalogue = {"Văn bản yêu cầu": "Requests", "Kính gửi": "To"}
    assert [term for term, _text in untranslated_in(reader.texts, catalogue)] == [
        "Văn bản yêu cầu",
        "Kính gửi",
    ]


def test_the_scan_reaches_the_pages_of_every_provider_app(urls):  # noqa: F811
    names = {name for name, _url in pages(urls)}
    for page in ("home", "registry-points", "authority-request", "audit-log", "login"):
        assert page in names
    assert {"monitoring-dashboard", "reports-list", "account-second-factor"} <= names
