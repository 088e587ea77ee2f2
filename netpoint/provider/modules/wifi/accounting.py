"""RADIUS accounting (RFC 2866) into radacct: what a request says, and how a batch of them is
stored in one transaction (the server's group commit).

Rows follow FreeRADIUS's queries for PostgreSQL: the same columns, the same Acct-Unique-
Session-Id, value names rather than numbers. Unlike them, any request creates the session it
belongs to, so an Interim-Update or Stop whose Start was lost still leaves a row, and a late
Interim-Update never undoes a Stop.
"""

import hashlib
import hmac
import socket
import struct
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from pyrad.dictionary import Dictionary

from netpoint.provider.modules.wifi.services import normalize_mac

DICTIONARY = Dictionary(str(Path(__file__).with_name("radius.dictionary")))

START, STOP, INTERIM, ACCOUNTING_ON, ACCOUNTING_OFF = 1, 2, 3, 7, 8
(USER_NAME, NAS_IP_ADDRESS, NAS_PORT, SERVICE_TYPE, FRAMED_PROTOCOL, FRAMED_IP_ADDRESS) = (
    1, 4, 5, 6, 7, 8,
)  # fmt: skip
CLASS, CALLED_STATION_ID, CALLING_STATION_ID, NAS_IDENTIFIER = 25, 30, 31, 32
(STATUS_TYPE, DELAY_TIME, INPUT_OCTETS, OUTPUT_OCTETS, SESSION_ID, AUTHENTIC, SESSION_TIME) = (
    40, 41, 42, 43, 44, 45, 46,
)  # fmt: skip
TERMINATE_CAUSE, INPUT_GIGAWORDS, OUTPUT_GIGAWORDS, EVENT_TIMESTAMP = 49, 52, 53, 55
NAS_PORT_TYPE, CONNECT_INFO, NAS_PORT_ID, NAS_IPV6_ADDRESS = 61, 77, 87, 95


def _value_names(attribute: str) -> dict[int, str]:
    values = DICTIONARY.attributes[attribute].values.forward
    return {struct.unpack("!I", raw)[0]: name for name, raw in values.items()}


NAMES = {
    code: _value_names(name)
    for code, name in (
        (SERVICE_TYPE, "Service-Type"),
        (FRAMED_PROTOCOL, "Framed-Protocol"),
        (AUTHENTIC, "Acct-Authentic"),
        (TERMINATE_CAUSE, "Acct-Terminate-Cause"),
        (NAS_PORT_TYPE, "NAS-Port-Type"),
    )
}

ACCOUNTING_REQUEST, ACCOUNTING_RESPONSE = 4, 5
MESSAGE_AUTHENTICATOR = 80
LONGEST_PACKET = 4096  # RFC 2865 section 3
NO_AUTHENTICATOR = bytes(16)


def attributes(data: bytes) -> dict[int, bytes]:
    """The attributes of a RADIUS packet, the first value of each type, undecoded (a
    Vendor-Specific one stays whole under 26, which radacct does not read). Octets after the
    Length are padding (RFC 2865 section 3). Raises ValueError where the lengths do not add
    up."""
    if len(data) < 20:
        raise ValueError("shorter than a RADIUS header")
    length = int.from_bytes(data[2:4])
    if not 20 <= length <= min(len(data), LONGEST_PACKET):
        raise ValueError("the Length field disagrees with the datagram")
    found: dict[int, bytes] = {}
    at = 20
    while at < length:
        if at + 2 > length:
            raise ValueError("an attribute header is cut off")
        kind, size = data[at], data[at + 1]
        if size < 2 or at + size > length:
            raise ValueError("an attribute length is out of bounds")
        if kind not in found:
            found[kind] = data[at + 2 : at + size]
        at += size
    return found


def accounting_request(data: bytes, secret: bytes) -> dict[int, bytes] | None:
    """The attributes of an Accounting-Request whose Request Authenticator is right (RFC 2866
    section 3: MD5 of the packet with sixteen zero octets in its place, and the secret); None
    for any other packet. Only what radacct needs is decoded, unlike pyrad's Packet, which
    costs three times as long. A Message-Authenticator is the caller's to check."""
    if data[0] != ACCOUNTING_REQUEST:
        return None
    found = attributes(data)
    length = int.from_bytes(data[2:4])
    signed = data[:4] + NO_AUTHENTICATOR + data[20:length] + secret
    digest = hashlib.md5(signed).digest()  # noqa: S324 - RFC 2866 asks for MD5
    if not hmac.compare_digest(digest, data[4:20]):
        return None
    return found


def accounting_response(request: bytes, secret: bytes) -> bytes:
    """The Accounting-Response to a request, without attributes (RFC 2866 section 3): the
    Response Authenticator is MD5 of the header, the Request Authenticator and the secret."""
    header = bytes((ACCOUNTING_RESPONSE, request[1], 0, 20))
    return header + hashlib.md5(header + request[4:20] + secret).digest()  # noqa: S324


def _text(raw: bytes | None) -> str | None:
    """A string attribute as text; PostgreSQL text holds no NUL and only valid UTF-8."""
    if raw is None:
        return None
    return raw.decode("utf-8", errors="replace").replace("\x00", "")


def _integer(raw: bytes | None) -> int | None:
    return int.from_bytes(raw) if raw is not None and len(raw) == 4 else None


def _address(raw: bytes | None) -> str | None:
    return socket.inet_ntoa(raw) if raw is not None and len(raw) == 4 else None


def _named(code: int, raw: bytes | None) -> str | None:
    """An enumerated attribute by its value name, as FreeRADIUS stores it ("Framed-User")."""
    number = _integer(raw)
    if number is None:
        return None
    return NAMES[code].get(number, str(number))


def _address6(raw: bytes | None) -> str | None:
    return socket.inet_ntop(socket.AF_INET6, raw) if raw is not None and len(raw) == 16 else None


def names_another_nas(found: dict[int, bytes], claims: frozenset[str]) -> bool:
    """Whether a packet names, in NAS-IP-Address or NAS-IPv6-Address, an address its NAS may
    not speak for (`claims`: the address it came from and, behind NAT, those listed for it).
    A value of the wrong length names nothing that can be trusted either."""
    for code, decode in ((NAS_IP_ADDRESS, _address), (NAS_IPV6_ADDRESS, _address6)):
        raw = found.get(code)
        if raw is not None and decode(raw) not in claims:
            return True
    return False


def event_time(found: dict[int, bytes], received: float) -> float:
    """When the event happened: Event-Timestamp if the NAS sent it, else the arrival time less
    the Acct-Delay-Time the NAS spent trying to deliver (RFC 2866 section 5.2)."""
    stamp = _integer(found.get(EVENT_TIMESTAMP))
    if stamp is not None:
        return float(stamp)
    return received - (_integer(found.get(DELAY_TIME)) or 0)


def unique_id(found: dict[int, bytes], user_name: str | None, session_id: str | None) -> str:
    """FreeRADIUS's acct_unique policy (without a Class of its own): the same request gives the
    same Acct-Unique-Session-Id on both servers."""
    get = found.get
    port = _integer(get(NAS_PORT))
    joined = (
        f"{user_name or ''},{session_id or ''},{_address(get(NAS_IP_ADDRESS)) or ''},"
        f"{_text(get(NAS_IDENTIFIER)) or ''},{_text(get(NAS_PORT_ID)) or ''},"
        f"{'' if port is None else port}"
    )
    return hashlib.md5(joined.encode()).hexdigest()  # noqa: S324 - an identifier, not a secret


@lru_cache(maxsize=65536)
def _device(calling: str) -> str:
    """Calling-Station-Id as the MAC form devices are stored in, remembered: a device reports on
    every Interim-Update."""
    return normalize_mac(calling) or calling


def _octets(found: dict[int, bytes], low: int, high: int) -> int:
    return ((_integer(found.get(high)) or 0) << 32) + (_integer(found.get(low)) or 0)


class RadacctRow(NamedTuple):
    """A session's row of radacct as a report gives it (FreeRADIUS's columns, in COLUMNS'
    order), and whether the report was its Start, which only the staging table keeps."""

    acctsessionid: str
    acctuniqueid: str
    username: str | None
    nasipaddress: str
    nasportid: str | None
    nasporttype: str | None
    acctstarttime: datetime
    acctupdatetime: datetime
    acctstoptime: datetime | None
    acctsessiontime: int
    acctauthentic: str | None
    connectinfo_start: str | None
    connectinfo_stop: str | None
    acctinputoctets: int
    acctoutputoctets: int
    calledstationid: str | None
    callingstationid: str | None
    acctterminatecause: str | None
    servicetype: str | None
    framedprotocol: str | None
    framedipaddress: str | None
    class_: str | None  # the Class attribute, in hex ("class" is Python's)
    is_start: bool


@dataclass(frozen=True)
class SessionReport:
    """A Start, Interim-Update or Stop as one upsert of radacct."""

    row: RadacctRow


@dataclass(frozen=True)
class NasRestart:
    """Accounting-On or Accounting-Off: every session the NAS left open has ended."""

    nas_ip: str
    at: datetime
    cause: str


def _time(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def report(
    found: dict[int, bytes], nas_ip: str, received: float
) -> SessionReport | NasRestart | None:
    """What an Accounting-Request (its `attributes`) asks to store; None for a status Netpoint
    does not keep (tunnel and failure records), which is acknowledged all the same. `nas_ip` is
    the address the packet came from, whose secret signed it, never what it claims: a NAS
    closes and opens only its own sessions."""
    get = found.get
    status = _integer(get(STATUS_TYPE))
    at = event_time(found, received)
    if status in (ACCOUNTING_ON, ACCOUNTING_OFF):
        return NasRestart(
            nas_ip, _time(at), _named(TERMINATE_CAUSE, get(TERMINATE_CAUSE)) or "NAS-Reboot"
        )
    if status not in (START, STOP, INTERIM):
        return None
    session_id = _text(get(SESSION_ID))
    if session_id is None:
        raise ValueError("Accounting-Request without Acct-Session-Id")
    elapsed = 0 if status == START else (_integer(get(SESSION_TIME)) or 0)
    calling = _text(get(CALLING_STATION_ID))
    user_name = _text(get(USER_NAME))
    port_id = _text(get(NAS_PORT_ID))
    if port_id is None:
        port = _integer(get(NAS_PORT))
        port_id = None if port is None else str(port)
    stop = status == STOP
    connect_info = _text(get(CONNECT_INFO))
    class_raw = get(CLASS)
    updated = _time(at)
    return SessionReport(
        RadacctRow(
            session_id,
            unique_id(found, user_name, session_id),
            user_name,
            nas_ip,
            port_id,
            _named(NAS_PORT_TYPE, get(NAS_PORT_TYPE)),
            _time(at - elapsed) if elapsed else updated,
            updated,
            updated if stop else None,
            elapsed,
            _named(AUTHENTIC, get(AUTHENTIC)),
            None if stop else connect_info,
            connect_info if stop else None,
            _octets(found, INPUT_OCTETS, INPUT_GIGAWORDS),
            _octets(found, OUTPUT_OCTETS, OUTPUT_GIGAWORDS),
            _text(get(CALLED_STATION_ID)),
            None if calling is None else _device(calling),
            _named(TERMINATE_CAUSE, get(TERMINATE_CAUSE)) if stop else None,
            _named(SERVICE_TYPE, get(SERVICE_TYPE)),
            _named(FRAMED_PROTOCOL, get(FRAMED_PROTOCOL)),
            _address(get(FRAMED_IP_ADDRESS)),
            class_raw.hex() if class_raw is not None else None,
            status == START,
        )
    )


# radacct's columns that a report writes (all of RadacctRow but is_start).
COLUMNS = ", ".join(name.rstrip("_") for name in RadacctRow._fields[:-1])


def _newer(row: RadacctRow, report: RadacctRow) -> bool:
    """A report newer than the row (or its Stop) brings the counters."""
    return row.acctstoptime is None and (
        report.acctstoptime is not None or report.acctupdatetime >= row.acctupdatetime
    )


def _first(row: RadacctRow, report: RadacctRow, name: str):
    """What is set once stays: the row's value, else the report's."""
    value = getattr(row, name)
    return value if value is not None else getattr(report, name)


def _updated(row: RadacctRow, report: RadacctRow) -> datetime:
    """A stopped session was last updated by its Stop: nothing after moves it, and a Stop
    sets it to its own time (never an Interim-Update's later one)."""
    if row.acctstoptime is not None:
        return row.acctupdatetime
    if report.acctstoptime is not None:
        return report.acctstoptime
    return max(row.acctupdatetime, report.acctupdatetime)


def merge(row: RadacctRow, report: RadacctRow) -> RadacctRow:
    """Two reports of one session in one batch as the one row they leave, by the rules the
    upsert applies against the table (a Start sets the start time; counters from the newest
    report unless the session has stopped; what is set once stays)."""
    newest = report if _newer(row, report) else row
    return row._replace(
        acctstarttime=report.acctstarttime if report.is_start else row.acctstarttime,
        is_start=row.is_start or report.is_start,
        acctsessiontime=newest.acctsessiontime,
        acctinputoctets=newest.acctinputoctets,
        acctoutputoctets=newest.acctoutputoctets,
        acctupdatetime=_updated(row, report),
        acctstoptime=_first(row, report, "acctstoptime"),
        connectinfo_start=_first(row, report, "connectinfo_start"),
        connectinfo_stop=_first(row, report, "connectinfo_stop"),
        acctterminatecause=_first(row, report, "acctterminatecause"),
        framedipaddress=_first(report, row, "framedipaddress"),
    )


STAGING = """
CREATE TEMP TABLE IF NOT EXISTS radacct_arrivals ON COMMIT DELETE ROWS AS
SELECT :columns, true AS is_start FROM radacct WITH NO DATA
""".replace(":columns", COLUMNS)
# Set-based against the table, with the rules of `merge`, in one statement: the sessions
# already there are updated through a join with the staging table (one row per session, merged
# before), the others inserted. A session another server process inserted meanwhile meets
# ON CONFLICT.
NEWER = (
    "(r.acctstoptime IS NULL AND (a.acctstoptime IS NOT NULL"
    " OR a.acctupdatetime >= COALESCE(r.acctupdatetime, '-infinity')))"
)
# `_updated`: a stopped row keeps its time; a Stop brings its own.
UPDATED = (
    "(CASE WHEN r.acctstoptime IS NOT NULL THEN r.acctupdatetime"
    " WHEN a.acctstoptime IS NOT NULL THEN a.acctstoptime"
    " ELSE GREATEST(r.acctupdatetime, a.acctupdatetime) END)"
)
APPLY = (
    """
WITH known AS (
    UPDATE radacct AS r SET
        acctstarttime = CASE WHEN a.is_start THEN a.acctstarttime
                             ELSE COALESCE(r.acctstarttime, a.acctstarttime) END,
        acctupdatetime = :updated,
        acctstoptime = COALESCE(r.acctstoptime, a.acctstoptime),
        acctsessiontime = CASE WHEN :newer THEN a.acctsessiontime ELSE r.acctsessiontime END,
        acctinputoctets = CASE WHEN :newer THEN a.acctinputoctets ELSE r.acctinputoctets END,
        acctoutputoctets = CASE WHEN :newer THEN a.acctoutputoctets ELSE r.acctoutputoctets END,
        connectinfo_start = COALESCE(r.connectinfo_start, a.connectinfo_start),
        connectinfo_stop = COALESCE(r.connectinfo_stop, a.connectinfo_stop),
        acctterminatecause = COALESCE(r.acctterminatecause, a.acctterminatecause),
        framedipaddress = COALESCE(a.framedipaddress, r.framedipaddress)
    FROM radacct_arrivals AS a
    WHERE r.acctuniqueid = a.acctuniqueid
    RETURNING r.acctuniqueid
)
INSERT INTO radacct AS r (:columns)
SELECT :columns FROM radacct_arrivals
WHERE acctuniqueid NOT IN (SELECT acctuniqueid FROM known)
ON CONFLICT (acctuniqueid) DO UPDATE SET
    acctupdatetime = :excluded_updated,
    acctstoptime = COALESCE(r.acctstoptime, EXCLUDED.acctstoptime),
    acctsessiontime = CASE WHEN :excluded_newer THEN EXCLUDED.acctsessiontime
                           ELSE r.acctsessiontime END,
    acctinputoctets = CASE WHEN :excluded_newer THEN EXCLUDED.acctinputoctets
                           ELSE r.acctinputoctets END,
    acctoutputoctets = CASE WHEN :excluded_newer THEN EXCLUDED.acctoutputoctets
                            ELSE r.acctoutputoctets END
""".replace(":excluded_newer", NEWER.replace("a.", "EXCLUDED."))
    .replace(":excluded_updated", UPDATED.replace("a.", "EXCLUDED."))
    .replace(":updated", UPDATED)
    .replace(":newer", NEWER)
    .replace(":columns", COLUMNS)
)
CLOSE_OPEN_SESSIONS = """
UPDATE radacct
SET acctstoptime = %s, acctupdatetime = %s,
    acctsessiontime = GREATEST(0, EXTRACT(EPOCH FROM (%s - acctstarttime)))::bigint,
    acctterminatecause = %s
WHERE acctstoptime IS NULL AND nasipaddress = %s AND acctstarttime <= %s
"""


def _write_sessions(cursor, sessions: dict[str, RadacctRow]) -> None:
    cursor.execute(STAGING)
    with cursor.copy(f"COPY radacct_arrivals ({COLUMNS}, is_start) FROM STDIN") as copy:
        for row in sessions.values():
            copy.write_row(row)
    cursor.execute(APPLY)


def store(cursor, work: list[SessionReport | NasRestart]) -> None:
    """Writes the reports in their order: the session reports between two NAS restarts merged
    per session, copied into a staging table and applied in one statement. The caller holds
    the transaction."""
    sessions: dict[str, RadacctRow] = {}
    for item in work:
        if isinstance(item, SessionReport):
            unique = item.row.acctuniqueid
            known = sessions.get(unique)
            sessions[unique] = item.row if known is None else merge(known, item.row)
            continue
        if sessions:
            _write_sessions(cursor, sessions)
            # The staging table empties itself at commit; here the batch goes on.
            cursor.execute("DELETE FROM radacct_arrivals")
            sessions = {}
        cursor.execute(
            CLOSE_OPEN_SESSIONS, [item.at, item.at, item.at, item.cause, item.nas_ip, item.at]
        )
    if sessions:
        _write_sessions(cursor, sessions)
