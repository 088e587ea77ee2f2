"""The menu and each user's home page, from the `nav` door (netpoint.common.core.doors).

An app with pages has a `nav` module: `ENTRIES: list[Entry]`, its links in the menu, and
`HOMES: list[Home]`, the page a user whose role's daily work it is starts on. The base
template shows the entries a user may open; `/` sends a user to the home of the lowest rank
they may open. Neither names an app: an entry whose page is not in this server's URLs (a
module left out, the other role's page) is not shown.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from netpoint.common.core.doors import opened

# Who may follow a link: a permission ("app_label.codename") or a test of the user.
May = str | Callable[..., bool]


@dataclass(frozen=True)
class Entry:
    """A link in the menu. Entries with the same `section` are one drop-down in the bar
    (the section's label is its title); the menu is ordered by `order`."""

    label: str
    url_name: str
    may: May
    order: int
    section: str = ""
    query: str = ""


@dataclass(frozen=True)
class Home:
    """Where a user who may open `url_name` starts; the lowest `rank` a user may open wins
    (docs/ARCHITECTURE.md states the order)."""

    url_name: str
    may: May
    rank: int
    query: str = ""


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    current: bool


@dataclass(frozen=True)
class Section:
    """One place in the bar: a single link, or a titled drop-down of several."""

    label: str
    links: list[Link]

    @property
    def current(self) -> bool:
        return any(link.current for link in self.links)


def allowed(user, may: May) -> bool:
    if not user.is_authenticated:
        return False
    return user.has_perm(may) if isinstance(may, str) else bool(may(user))


def _url(url_name: str, query: str) -> str | None:
    try:
        path = reverse(url_name)
    except NoReverseMatch:  # not a page of this server
        return None
    return f"{path}?{query}" if query else path


def entries() -> list[Entry]:
    found = [entry for door in opened("nav") for entry in getattr(door, "ENTRIES", [])]
    return sorted(found, key=lambda entry: entry.order)


def homes() -> list[Home]:
    found = [home for door in opened("nav") for home in getattr(door, "HOMES", [])]
    return sorted(found, key=lambda home: home.rank)


def menu(user, path: str = "") -> list[Section]:
    """The sections of the bar this user may open, in order; `path` (with its query) marks
    the link of the page one is on."""
    sections: dict[str, Section] = {}
    for entry in entries():
        url = _url(entry.url_name, entry.query)
        if url is None or not allowed(user, entry.may):
            continue
        key = entry.section or f"{entry.url_name}?{entry.query}"
        section = sections.setdefault(key, Section(entry.section or entry.label, []))
        section.links.append(Link(str(entry.label), url, False))
    current = _current([link.url for s in sections.values() for link in s.links], path)
    return [
        Section(s.label, [Link(link.label, link.url, link.url == current) for link in s.links])
        for s in sections.values()
    ]


def _current(urls: list[str], path: str) -> str | None:
    """The link of the page at `path`: the same address with its query, else the longest
    one whose path the page's path starts with (a point's page is under the points' list)."""
    if path in urls:
        return path
    bare = path.split("?")[0]
    under = [url for url in urls if "?" not in url and url != "/" and bare.startswith(url)]
    return max(under, key=len, default=None)


def home(user) -> str | None:
    """The URL of this user's home page, or None for a user no role gives one."""
    for candidate in homes():
        url = _url(candidate.url_name, candidate.query)
        if url is not None and allowed(user, candidate.may):
            return url
    return None
