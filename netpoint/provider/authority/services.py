"""Written requests, their approval, and the searches they allow. Every search, refusal and
decision goes into the audit log with the request's reference; ID and phone numbers never do
(their blind indexes stand for them)."""

import ipaddress
import json
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from django.db import transaction
from django.utils.translation import gettext_lazy

from netpoint.common.audit import services as audit
from netpoint.common.core import clock
from netpoint.common.core.plainsql import instances, prepared_cursor
from netpoint.common.policies.authority import (
    RequestFacts,
    Search,
    normalise_name,
    refusal,
    refusal_whatever_searched,
)
from netpoint.common.sealing.crypto import unseal
from netpoint.common.sealing.indexes import ID_COLUMN, PHONE_COLUMN, id_index, key_ring, phone_index
from netpoint.provider.accessrecords import search as access_search
from netpoint.provider.authority import exports
from netpoint.provider.authority.conf import conf
from netpoint.provider.authority.models import ExportApproval, Member, WrittenRequest
from netpoint.provider.modules.games import services as games
from netpoint.provider.modules.nat import services as nat
from netpoint.provider.modules.wifi import services as wifi
from netpoint.provider.modules.wifi.models import Nas
from netpoint.provider.modules.wifi.services import PHONE_COLUMN as WIFI_PHONE_COLUMN
from netpoint.provider.records import attribution
from netpoint.provider.records.models import Person
from netpoint.provider.registry.models import Point

REFUSALS = {
    "not_approved": gettext_lazy("Văn bản chưa được phê duyệt."),
    "expired": gettext_lazy("Văn bản đã hết hiệu lực."),
    "outside_time": gettext_lazy("Khoảng thời gian tìm nằm ngoài phạm vi văn bản."),
    "person_not_in_scope": gettext_lazy("Người cần tìm không nằm trong phạm vi văn bản."),
    "point_not_in_scope": gettext_lazy("Điểm cần tìm không nằm trong phạm vi văn bản."),
    "not_your_organisation": gettext_lazy("Văn bản không thuộc cơ quan của bạn."),
    "nothing_to_search": gettext_lazy("Không có gì để tìm."),
    "bad_time": gettext_lazy("Khoảng thời gian không hợp lệ."),
}


class SearchRefused(PermissionError):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code

    @property
    def message(self) -> str:
        return str(REFUSALS[self.code])


@dataclass
class Found:
    """A person and their sessions within the request's time range. A Wi-Fi user is known by
    their verified phone only (no name, birth date or ID); their sessions carry the device MAC
    as the station and the NAT binding and RADIUS session that led to them."""

    full_name: str
    date_of_birth: object
    id_type: str
    id_number: str
    phone: str
    sessions: list[dict] = field(default_factory=list)


def organisation_of(user) -> int | None:
    """The authority organisation `user` acts for, read once per request (kept on the user
    object, as Django keeps its permissions)."""
    if not hasattr(user, "_authority_organisation"):
        member = Member.objects.filter(user=user).values_list("organisation_id", flat=True)
        user._authority_organisation = member.first()
    return user._authority_organisation


def visible_requests(user):
    """Approving officers see every request; an authority's members see their own."""
    if user.has_perm("authority.decide_writtenrequest"):
        return WrittenRequest.objects.all()
    return WrittenRequest.objects.filter(organisation_id=organisation_of(user) or 0)


# Whose request it is, and whose the reader's organisation: every search starts with both.
MEMBER_OF_SQL = "(SELECT organisation_id FROM authority_member WHERE user_id = %s)"


# A request's lists of the persons it names (blind indexes, names) can run to thousands:
# searches check the one person searched in SQL (PERSON_COVERED) and never read the lists.
SCOPE_LISTS = ("id_indexes", "phone_indexes", "names")


def visible_request(user, pk: int) -> WrittenRequest | None:
    """Request `pk` if `user` sees it (as visible_requests), its SCOPE_LISTS left unread until
    used; notes the user's organisation for organisation_of on the way. One query
    (netpoint.common.core.plainsql)."""
    officer = user.has_perm("authority.decide_writtenrequest")
    where = f"t.id = %s AND (%s OR t.organisation_id = {MEMBER_OF_SQL})"
    params = [user.pk, pk, officer, user.pk]
    found = instances(WrittenRequest, where, params, defer=SCOPE_LISTS, member_of=MEMBER_OF_SQL)
    if not found:
        return None
    user._authority_organisation = found[0].member_of
    return found[0]


def register(organisation, user, data: dict) -> WrittenRequest:
    """`data`: the letter's fields, plus `id_numbers` [(type, number)], `phones`, `names`,
    `point_codes` for the scope."""
    ring = key_ring()
    with transaction.atomic():
        request = WrittenRequest.objects.create(
            organisation=organisation,
            document_number=data["document_number"],
            document_date=data["document_date"],
            issuing_body=data["issuing_body"],
            signer=data["signer"],
            subject=data["subject"],
            legal_basis=data["legal_basis"],
            id_indexes=sorted({id_index(t, n, ring) for t, n in data.get("id_numbers", [])}),
            phone_indexes=sorted({phone_index(p, ring) for p in data.get("phones", [])}),
            names=sorted({normalise_name(n) for n in data.get("names", [])}),
            time_from=data["time_from"],
            time_to=data["time_to"],
            valid_until=data["valid_until"],
            registered_by=user,
            registered_at=clock.now(),
        )
        request.points.set(Point.objects.filter(code__in=data.get("point_codes", [])))
        audit.record("request_registered", user=user, target=request.reference)
    return request


def decide(request: WrittenRequest, officer, approve: bool, reason: str = "") -> WrittenRequest:
    """An approving officer of the provider approves or rejects; never the one who registered."""
    if not officer.has_perm("authority.decide_writtenrequest"):
        raise PermissionError("only an approving officer decides on written requests")
    if officer.pk == request.registered_by_id:
        raise PermissionError("the one who registered a request cannot decide on it")
    with transaction.atomic():
        request = WrittenRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != WrittenRequest.Status.PENDING:
            raise ValueError("the request was decided already")
        request.status = (
            WrittenRequest.Status.APPROVED if approve else WrittenRequest.Status.REJECTED
        )
        request.decided_by, request.decided_at = officer, clock.now()
        request.decision_reason = reason[:500]
        request.save()
        action = "request_approved" if approve else "request_rejected"
        audit.record(action, user=officer, target=request.reference, detail={"reason": reason})
    return request


def facts(request: WrittenRequest, point_ids=(), covered=None, persons=()) -> RequestFacts:
    """The request as the policy sees it; of its points only those asked about are read, unless
    `covered` says already which of them it covers; of the persons it names only `persons`,
    searches of a person it is known to cover."""
    if covered is None:
        covered = _ids(SCOPE_SQL, [request.pk, list(point_ids)]) if point_ids else ()
    return RequestFacts(
        approved=request.status == WrittenRequest.Status.APPROVED,
        valid_until=request.valid_until,
        time_from=request.time_from,
        time_to=request.time_to,
        id_indexes=frozenset(s.id_index for s in persons if s.id_index),
        phone_indexes=frozenset(s.phone_index for s in persons if s.phone_index),
        names=frozenset(normalise_name(s.name) for s in persons if s.name),
        point_ids=frozenset(covered),
    )


# Whether request %s names the person searched (its blind index, or the name normalised): in
# the person's search's own statement (records.attribution.sessions_if_covered) or alone.
PERSON_COVERED_SQL = """
SELECT w.{column} @> to_jsonb(%s::text) AS covered FROM authority_writtenrequest w WHERE w.id = %s
"""
PERSON_COVERED = {
    key: PERSON_COVERED_SQL.format(column=column)
    for key, column in (
        ("id_index", "id_indexes"),
        ("phone_index", "phone_indexes"),
        ("name", "names"),
    )
}


def _person_key(search: Search) -> tuple[str, str]:
    """The PERSON_COVERED query and value of a search of a person."""
    if search.id_index:
        return PERSON_COVERED["id_index"], search.id_index
    if search.phone_index:
        return PERSON_COVERED["phone_index"], search.phone_index
    return PERSON_COVERED["name"], normalise_name(search.name)


def _persons_covered(request: WrittenRequest, searches: list[Search]) -> list[Search]:
    """The searches of a person that the request names."""
    covered = []
    for search in searches:
        if search.id_index or search.phone_index or search.name:
            sql, value = _person_key(search)
            if _ids(sql, [value, request.pk]) == [True]:
                covered.append(search)
    return covered


# The searches' small lookups as plain SQL: each search makes one or two, and Django compiling
# them cost more than PostgreSQL answering.
# The link table alone: no join to the points, which are not read.
SCOPE_SQL = """
SELECT point_id FROM authority_writtenrequest_points
WHERE writtenrequest_id = %s AND point_id = ANY(%s)
"""
# The points a station or IP search names, each with whether the request covers it, and its
# code: in the searches' own statement (records.attribution.sessions_at_points) or alone. A
# scalar subquery with LIMIT, not EXISTS: the generic plan would hash the request's whole list
# of points.
POINTS_FOUND_SQL = """
SELECT r.id AS point_id, (SELECT true FROM authority_writtenrequest_points w
                          WHERE w.writtenrequest_id = %s AND w.point_id = r.id LIMIT 1)
                         IS NOT NULL AS covered, r.code AS point_code
FROM registry_point r WHERE {where}
"""
POINTS_FOUND = {
    "station": POINTS_FOUND_SQL.format(where="r.code = %s"),
    "points": POINTS_FOUND_SQL.format(where="r.public_ips @> %s::jsonb"),
}


def _ids(sql: str, params: list) -> list[int]:
    with prepared_cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def check_member(request: WrittenRequest, user, kind: str = "any") -> None:
    """Only the organisation that sent the letter searches under it; anyone else is refused
    (and the attempt audited) before anything is read."""
    if organisation_of(user) != request.organisation_id:
        _refused(request, user, kind, "not_your_organisation")


def _refused(request: WrittenRequest, user, kind: str, code: str) -> None:
    audit.record(
        "search_refused", user=user, target=request.reference, detail={"kind": kind, "reason": code}
    )
    raise SearchRefused(code)


def _allowed(
    request: WrittenRequest, user, searches: list[Search], kind: str, covered=None, persons=None
) -> None:
    """Refuse (and audit the refusal) unless the request covers every search; none: a search
    that names nothing that exists, refused as out of scope. `covered`: the points searched
    that the request covers, `persons` the searches of a person it covers, when already known
    (else they are looked up)."""
    check_member(request, user, kind)
    if not searches:
        _refused(request, user, kind, "point_not_in_scope")
    points = [s.point_id for s in searches if s.point_id is not None]
    if persons is None:
        persons = _persons_covered(request, searches)
    request_facts, now = facts(request, points, covered, persons), clock.now()
    for search in searches:
        code = refusal(request_facts, search, now)
        if code:
            _refused(request, user, kind, code)


PERSON_FIELDS = ("full_name", "date_of_birth", "id_type", "id_number_sealed", "phone_sealed")


def _person(row: dict, ring) -> Found:
    return Found(
        full_name=row["full_name"],
        date_of_birth=row["date_of_birth"],
        id_type=row["id_type"],
        id_number=unseal(row["id_number_sealed"], ID_COLUMN, ring),
        phone=unseal(row["phone_sealed"], PHONE_COLUMN, ring) if row["phone_sealed"] else "",
    )


def _found(sessions: list[dict]) -> list[Found]:
    """The people of these sessions, each with their sessions."""
    ring = key_ring()
    people: dict[int, Found] = {}
    for session in sessions:
        if session["person_id"] not in people:
            people[session["person_id"]] = _person(session, ring)
        people[session["person_id"]].sessions.append(
            {key: session[key] for key in ("point", "station", "started_at", "ended_at")}
        )
    return list(people.values())


def _wifi_found(address: str, port: int, at: datetime) -> list[Found]:
    """The Wi-Fi users behind address:port at `at`, each with the sessions that led to them;
    a binding whose private address had no RADIUS session there shows with no one."""
    ring = key_ring()
    people: dict[int | None, Found] = {}
    for behind in nat.behind(address, port, at):
        if behind.user_id not in people:
            phone = unseal(behind.phone_sealed, WIFI_PHONE_COLUMN, ring) if behind.user_id else ""
            people[behind.user_id] = Found("", None, "", "", phone)
        binding = behind.binding
        people[behind.user_id].sessions.append(
            {
                "point": binding.point,
                "station": behind.mac or "",
                "started_at": behind.started_at or binding.started_at,
                "ended_at": behind.ended_at if behind.session_id else binding.ended_at,
                "private_ip": binding.private_ip,
                "public_ip": binding.public_ip,
                "public_ports": f"{binding.port_first}-{binding.port_last}",
                "radius_session": behind.session_id or "",
            }
        )
    return list(people.values())


def _wifi_by_phone(index: str, start: datetime, end: datetime) -> list[Found]:
    """The Wi-Fi user verified with this phone, with their sessions in [start, end]: hotspot,
    device MAC, times, the address the hotspot gave and the public addresses and ports it went
    out through (REQUIREMENTS C.2)."""
    longest = timedelta(hours=conf().longest_session_hours)
    user, sessions = wifi.sessions_of_phone(index, start, end, longest)
    if user is None:
        return []
    found = Found("", None, "", "", unseal(user.phone_sealed, WIFI_PHONE_COLUMN, key_ring()))
    used = Nas.objects.filter(ip_address__in={session.nasipaddress for session in sessions})
    hotspots = dict(used.values_list("ip_address", "point__code"))
    for session, addresses in zip(
        sessions, nat.public_addresses(sessions, clock.now()), strict=True
    ):
        found.sessions.append(
            {
                "point": hotspots.get(session.nasipaddress, session.nasipaddress),
                "station": session.callingstationid or "",
                "started_at": session.acctstarttime,
                "ended_at": session.acctstoptime,
                "private_ip": session.framedipaddress or "",
                "public_ip": ", ".join(dict.fromkeys(a["public_ip"] for a in addresses)),
                "public_ports": ", ".join(f"{a['port_first']}-{a['port_last']}" for a in addresses),
                "radius_session": session.acctsessionid,
            }
        )
    return [found]


def _game_accounts(field: str, index: str, start: datetime, end: datetime) -> list[Found]:
    """Online game accounts registered with this ID or phone number (REQUIREMENTS D.4), each
    with its play sessions in [start, end]: the game's code as the point."""
    longest = timedelta(hours=conf().longest_session_hours)
    ring = key_ring()
    found = []
    for account, sessions in games.accounts_with_sessions(field, index, start, end, longest):
        person = Found(
            full_name=account.full_name,
            date_of_birth=account.date_of_birth,
            id_type=account.id_type,
            id_number=unseal(account.id_number_sealed, games.ID_COLUMN, ring),
            phone=unseal(account.phone_sealed, games.PHONE_COLUMN, ring),
        )
        for session in sessions:
            person.sessions.append(
                {
                    "point": session.game.code,
                    "station": "",
                    "started_at": session.started_at,
                    "ended_at": session.ended_at,
                }
            )
        found.append(person)
    return found


def _searched(request, user, kind: str, results: list) -> list:
    audit.record(
        "search",
        user=user,
        target=request.reference,
        detail={"kind": kind, "results": len(results)},
    )
    return results


@dataclass(frozen=True)
class Plan:
    """What one search asks of the request (`searches`, for the policy) and of the records
    (`which` and `args` of an attribution query, sessions running within [start, end]);
    `kind` names it in the audit log."""

    kind: str
    searches: list[Search]
    which: str
    args: tuple
    start: datetime
    end: datetime
    # For an ID or phone number: (field, blind index) of the online game accounts it finds.
    game_accounts: tuple | None = None
    # For a station or IP: (POINTS_FOUND key, value) of the points searched, which the search
    # looks up itself; `searches` and the points in `args` are then left empty.
    points_found: tuple | None = None


def person_plan(time_from, time_to, *, id_type="", id_number="", phone="", name="") -> Plan:
    ring = key_ring()
    if id_number:
        index = id_index(id_type, id_number, ring)
        search = Search(time_from=time_from, time_to=time_to, id_index=index)
        kind, which, value = "id_number", "id_index", index
    elif phone:
        index = phone_index(phone, ring)
        search = Search(time_from=time_from, time_to=time_to, phone_index=index)
        kind, which, value = "phone", "phone_index", index
    else:
        search = Search(time_from=time_from, time_to=time_to, name=name)
        kind, which, value = "name", "name", " ".join(name.split())
    accounts = games.account_lookup(id_type, id_number, phone) if kind != "name" else None
    return Plan(kind, [search], which, (value,), time_from, time_to, accounts)


def station_plan(point_code: str, station: str, at: datetime) -> Plan:
    return Plan("station", [], "station", (station,), at, at, points_found=("station", point_code))


def ip_plan(ip: str, at: datetime) -> Plan:
    """The points that use public address `ip` (NAT logs for IP and port come with the Wi-Fi
    module)."""
    try:
        address = str(ipaddress.ip_address(ip))
    except ValueError:
        return Plan("ip", [], "points", ([],), at, at)  # names nothing: refused as out of scope
    return Plan("ip", [], "points", (), at, at, points_found=("points", json.dumps([address])))


def _of_person(request: WrittenRequest, user, plan: Plan) -> list[dict]:
    """The sessions of a person's search. What refuses it whoever it names is checked first;
    whether the request names the person and, only if it does, their sessions come in one
    statement; then the policy decides as for any search."""
    check_member(request, user, plan.kind)
    code = refusal_whatever_searched(facts(request, covered=()), plan.start, plan.end, clock.now())
    if code:
        _refused(request, user, plan.kind, code)
    sql, value = _person_key(plan.searches[0])
    longest = timedelta(hours=conf().longest_session_hours)
    covered, sessions = attribution.sessions_if_covered(
        sql, (value, request.pk), plan.which, plan.args, plan.start, plan.end, longest
    )
    _allowed(request, user, plan.searches, plan.kind, persons=plan.searches if covered else [])
    return sessions


def _with_points(request: WrittenRequest, plan: Plan) -> tuple[Plan, list[int]]:
    """A station or IP plan with its points looked up, as the access search reads them, and
    those of them the request covers."""
    kind, value = plan.points_found
    with prepared_cursor() as cursor:
        cursor.execute(POINTS_FOUND[kind], [request.pk, value])
        found = {point: covered for point, covered, _code in cursor.fetchall()}
    points = sorted(found)
    searches = [Search(time_from=plan.start, time_to=plan.end, point_id=p) for p in points]
    args = (points,) if plan.which == "points" else (next(iter(points), None), *plan.args)
    resolved = replace(plan, searches=searches, args=args, points_found=None)
    return resolved, [p for p in points if found[p]]


def _at_points(request: WrittenRequest, user, plan: Plan) -> list[dict]:
    """The sessions of a station or IP search. What refuses it whatever its points is checked
    first; its points, whether the request covers each, and, only if it covers all, their
    sessions come in one statement; then the policy decides as for any search."""
    check_member(request, user, plan.kind)
    code = refusal_whatever_searched(facts(request, covered=()), plan.start, plan.end, clock.now())
    if code:
        _refused(request, user, plan.kind, code)
    kind, value = plan.points_found
    longest = timedelta(hours=conf().longest_session_hours)
    points, sessions = attribution.sessions_at_points(
        POINTS_FOUND[kind],
        (request.pk, value),
        plan.which,
        plan.args,
        plan.start,
        plan.end,
        longest,
    )
    searches = [Search(time_from=plan.start, time_to=plan.end, point_id=p) for p in points]
    _allowed(request, user, searches, plan.kind, [p for p, covered in points.items() if covered])
    return sessions


def ip_port_plan(value: str, at: datetime) -> Plan:
    """Who used public address and port `value` ("IP:port") at `at`: the hotspots whose NAT
    gateway had given that port to one of their private addresses then. With no such binding,
    the points that use the address as their own (the search by public IP)."""
    address, port = nat.parse_address(value)
    hotspots = sorted({binding.point_id for binding in nat.held(address, port, at)})
    if not hotspots:
        return replace(ip_plan(address, at), kind="ip_port")
    searches = [Search(time_from=at, time_to=at, point_id=p) for p in hotspots]
    return Plan("ip_port", searches, "nat", (address, port), at, at)


SEARCH_KINDS = ("id_number", "phone", "name", "station", "ip", "ip_port")


def plan(request: WrittenRequest, kind: str, value: str, at: datetime | None) -> Plan:
    """A search as a user asks it: `kind` one of SEARCH_KINDS; `value` a CCCD, phone, name,
    "POINT/STATION", IP or "IP:port"; `at` the moment, for stations and IPs. Persons are
    searched over the whole period of the request. A malformed "IP:port" raises NatError."""
    value = value.strip()
    period = (request.time_from, request.time_to)
    if kind == "id_number":
        return person_plan(*period, id_type="cccd", id_number=value)
    if kind == "phone":
        return person_plan(*period, phone=value)
    if kind == "name":
        return person_plan(*period, name=value)
    if kind == "station":
        code, _slash, station = (part.strip() for part in value.partition("/"))
        return station_plan(code, station, at)
    if kind == "ip_port":
        if not request.time_from <= at <= request.time_to:
            # Refused for its time before the NAT logs are read: whether a binding exists
            # then must not show in the reason.
            nat.parse_address(value)
            return Plan("ip_port", [Search(time_from=at, time_to=at)], "nat", (), at, at)
        return ip_port_plan(value, at)
    return ip_plan(value, at)


def found_under(request: WrittenRequest, user, plan: Plan) -> list[Found]:
    """The people the plan finds, with their sessions; refused (and audited) unless the
    request covers it, audited when answered."""
    if plan.points_found:
        return _searched(request, user, plan.kind, _found(_at_points(request, user, plan)))
    if plan.which not in PERSON_KEYS:
        # A hotspot's NAT search, or one that names nothing (refused here).
        _allowed(request, user, plan.searches, plan.kind)
        return _searched(request, user, plan.kind, _wifi_found(*plan.args, plan.start))
    results = _found(_of_person(request, user, plan))
    if not results:
        # Known, but no session in the period: still an answer worth showing.
        people = Person.objects.filter(**{PERSON_KEYS[plan.which]: plan.args[0]})
        results = [_person(row, key_ring()) for row in people.values(*PERSON_FIELDS)]
    if plan.which == "phone_index":
        # The same phone may have been verified on a public Wi-Fi hotspot.
        results += _wifi_by_phone(plan.args[0], plan.start, plan.end)
    if plan.game_accounts:
        results += _game_accounts(*plan.game_accounts, plan.start, plan.end)
    return _searched(request, user, plan.kind, results)


PERSON_KEYS = {"id_index": "id_index", "phone_index": "phone_index", "name": "full_name__iexact"}


def search_person(request: WrittenRequest, user, *, time_from, time_to, **person) -> list[Found]:
    """Where and when did this person use the service (`person`: id_type and id_number, or
    phone, or name)."""
    return found_under(request, user, person_plan(time_from, time_to, **person))


def search_station(request: WrittenRequest, user, *, point_code: str, station: str, at):
    """Who was at point P, station S at time T."""
    return found_under(request, user, station_plan(point_code, station, at))


def search_ip(request: WrittenRequest, user, *, ip: str, at: datetime) -> list[Found]:
    """Who used public IP A at time T: who was at the points that use that address."""
    return found_under(request, user, ip_plan(ip, at))


def search(request: WrittenRequest, user, kind: str, value: str, at: datetime | None):
    return found_under(request, user, plan(request, kind, value, at))


class NeedsSecondApproval(PermissionError):
    """The export names more people than one officer's approval covers; a second officer has
    been asked."""


def export(request: WrittenRequest, user, found: list[Found], fmt: str) -> bytes:
    """The results as a file for the authority; the export is audited like the search. More
    than NETPOINT_AUTHORITY["second_approval_over_persons"] people need a second officer."""
    if len(found) > conf().second_approval_over_persons:
        _second_approval(request, user, len(found))
    make = {"xlsx": exports.to_xlsx, "docx": exports.to_docx}[fmt]
    data = make(request.reference, found)
    audit.record(
        "export",
        user=user,
        target=request.reference,
        detail={"format": fmt, "persons": len(found)},
    )
    return data


def _second_approval(request: WrittenRequest, user, persons: int) -> None:
    with transaction.atomic():
        approval = (
            ExportApproval.objects.select_for_update()
            .filter(
                request=request,
                requested_by=user,
                persons__gte=persons,
                approved_at__isnull=False,
                used_at__isnull=True,
            )
            .first()
        )
        if approval is not None:
            approval.used_at = clock.now()
            approval.save(update_fields=["used_at"])
            return
        ExportApproval.objects.get_or_create(
            request=request,
            requested_by=user,
            persons=persons,
            approved_at__isnull=True,
            defaults={"requested_at": clock.now()},
        )
    audit.record(
        "export_held",
        user=user,
        target=request.reference,
        detail={"persons": persons, "reason": "second_approval_needed"},
    )
    raise NeedsSecondApproval(persons)


def approve_export(approval: ExportApproval, officer) -> ExportApproval:
    """A second officer: not the one who approved the request, not the one who asks."""
    if not officer.has_perm("authority.decide_writtenrequest"):
        raise PermissionError("only an approving officer approves exports")
    if officer.pk in (approval.request.decided_by_id, approval.requested_by_id):
        raise PermissionError("a second officer approves a large export")
    with transaction.atomic():
        approval.approved_by, approval.approved_at = officer, clock.now()
        approval.save(update_fields=["approved_by", "approved_at"])
        audit.record(
            "export_approved",
            user=officer,
            target=approval.request.reference,
            detail={"persons": approval.persons},
        )
    return approval


ACCESS_ROWS_SHOWN = 2000


def search_access(
    request: WrittenRequest, user, kind: str, value: str, at: datetime | None
) -> list[dict]:
    """The access records (REQUIREMENTS A.7: addresses visited, when, kind of service) of the
    sessions a search (as `search` takes it) finds, inside the request's period: checked
    against the request and audited like the search, at most ACCESS_ROWS_SHOWN rows."""
    found = plan(request, kind, value, at)
    if found.which == "nat":
        # Hotspots keep no access records here: nothing to read, nothing to audit.
        return []
    covered = None
    if found.points_found:
        found, covered = _with_points(request, found)
    _allowed(request, user, found.searches, f"access_{found.kind}", covered)
    longest = timedelta(hours=conf().longest_session_hours)
    rows = access_search.access_records(
        found.which,
        found.args,
        found.start,
        found.end,
        (request.time_from, request.time_to),
        longest,
        ACCESS_ROWS_SHOWN,
    )
    return _searched(request, user, f"access_{found.kind}", rows)
