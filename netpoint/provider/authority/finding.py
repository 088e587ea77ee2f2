"""The authority finders door: what a search under a written request asks of each app.

Every installed provider app may have a `finders` module (found with
`netpoint.common.core.doors.opened("finders", within="netpoint.provider.")`; a module that is
not installed is simply not asked). It defines any of:

    points(query: Query) -> list[int]
        The points the search is about, when this app knows them before anything personal is
        read (nat: the hotspots whose NAT gateway held an IP:port then). The written request
        must cover every one of them; when no app knows any, an IP:port is searched as its IP.
    find(query: Query) -> list[Person]
        The people this app finds, each with their sessions running at some moment of
        [query.start, query.end]. Asked only once the request was found to cover the search,
        so a finder never checks the scope itself.
    annotate(query: Query, found: list[Person]) -> list[Person]
        Everyone found (by the core and every app), with what this app adds to others' hits
        (nat: the public addresses and ports of the Wi-Fi sessions that wifi found); asked after
        every `find`, so the order of the apps does not matter.

Each function looks at `query.kind` and answers [] (or `found` as it is) for a search it has
nothing to add to. The provider core's own lookups (netpoint.provider.records.lookups) read the
central records in the same statement that checks the scope, and are called by the search
itself (netpoint.provider.authority.search); their hits are of the same types.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from types import ModuleType

from django.core.signals import setting_changed
from django.dispatch import receiver

from netpoint.common.core.doors import opened

# A person (by CCCD, phone or name), who was at a station, behind a public IP, or behind a
# public IP and port, at a moment.
SEARCH_KINDS = ("id_number", "phone", "name", "station", "ip", "ip_port")


@dataclass(frozen=True)
class Query:
    """One search as every finder is asked it. Personal values (ID and phone numbers, names)
    stay out of its repr, and so out of any traceback or log line that shows a query."""

    kind: str  # one of SEARCH_KINDS
    start: datetime  # sessions running at some moment of [start, end]
    end: datetime
    longest: timedelta  # no session lasts longer: what bounds the partitions and ranges read
    id_type: str = ""
    id_number: str = field(default="", repr=False)
    phone: str = field(default="", repr=False)  # as the user wrote it
    name: str = field(default="", repr=False)  # spaces collapsed
    # The blind index of the ID or phone number that the central records and Wi-Fi users are
    # found by (netpoint.common.sealing.indexes); the plan computes it once.
    index: str = field(default="", repr=False)
    point_code: str = ""  # a station's point, and the station
    station: str = ""
    address: str = ""  # a public IP, normalised
    port: int | None = None  # with the address, for "ip_port"


@dataclass(frozen=True, slots=True)
class Move:
    """A session moved, at `at`, from one station to another (the owner moved it)."""

    from_station: str
    station: str
    at: datetime


@dataclass(frozen=True, slots=True)
class Session:
    """A session of a person found: where (a point's code; a game's code for a game account's
    play), at which station (a device's MAC for Wi-Fi), from when to when (no end: running)."""

    point: str
    station: str
    started_at: datetime
    ended_at: datetime | None
    # A Wi-Fi session: the address the hotspot gave the device, the public addresses and port
    # ranges it went out through, the RADIUS session's id.
    private_ip: str | None = None
    public_ip: str | None = None
    public_ports: str | None = None
    radius_session: str | None = None
    # The NAS that reported a Wi-Fi session, by which the NAT logs find its gateway; not shown.
    nas_ip: str | None = None
    # A session moved to other stations: `station` is where it began, each move where it went.
    moves: tuple[Move, ...] = ()


@dataclass(frozen=True, slots=True)
class Version:
    """What one point said of a person found, and when: each point keeps its own
    (netpoint.provider.records.people), so an authority sees who said what."""

    point: str  # the point's code
    point_name: str
    full_name: str = field(repr=False)
    date_of_birth: date | None = field(repr=False)
    phone: str = field(repr=False)
    said_at: datetime  # the time of the point's event
    received_at: datetime | None  # when the provider took it in (not kept before versions)


@dataclass(slots=True)
class Person:
    """A person found, with their sessions. A Wi-Fi user is known by their verified phone only
    (no name, birth date or ID)."""

    full_name: str = field(repr=False)
    date_of_birth: date | None = field(repr=False)
    id_type: str
    id_number: str = field(repr=False)
    phone: str = field(repr=False)
    sessions: list[Session] = field(default_factory=list)
    # Each point's version of a person of the central records, oldest first (none for others).
    versions: list[Version] = field(default_factory=list)


@cache
def finders() -> tuple[ModuleType, ...]:
    """The finders modules of the installed provider apps, in INSTALLED_APPS order; looked up
    once (every search asks), again when the installed apps change."""
    return tuple(opened("finders", within="netpoint.provider."))


@receiver(setting_changed)
def _apps_changed(setting, **kwargs) -> None:
    if setting == "INSTALLED_APPS":
        finders.cache_clear()


def points_of(query: Query) -> list[int]:
    """The points that the apps say `query` is about, before anything is read."""
    found: set[int] = set()
    for module in finders():
        if hasattr(module, "points"):
            found.update(module.points(query))
    return sorted(found)


def completed(query: Query, found: list[Person]) -> list[Person]:
    """`found` (the core's hits) with every app's, then as every app annotates them; to be
    called only once the written request was found to cover the search."""
    modules = finders()
    found = list(found)
    for module in modules:
        if hasattr(module, "find"):
            found += module.find(query)
    for module in modules:
        if hasattr(module, "annotate"):
            found = module.annotate(query, found)
    return found
