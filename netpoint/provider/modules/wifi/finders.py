"""What a search under a written request asks of public Wi-Fi (REQUIREMENTS C.2): the Wi-Fi
user verified with the phone searched, with their RADIUS sessions: hotspot, device MAC, times,
the address the hotspot gave (the door: netpoint.provider.authority.finding). The public
addresses and ports those sessions went out through come from the NAT logs' finder."""

from datetime import datetime

from django.db.models import Q

from netpoint.common.sealing.crypto import unseal
from netpoint.common.sealing.indexes import key_ring
from netpoint.provider.authority.finding import Person, Query, Session
from netpoint.provider.modules.wifi.models import Nas, PortalAttempt, RadAcct, WifiDevice, WifiUser
from netpoint.provider.modules.wifi.services import PHONE_COLUMN, normalize_mac


def sessions_of_phone(query: Query) -> tuple[WifiUser | None, list[RadAcct]]:
    """The Wi-Fi user verified with the phone of the query's blind index, and their sessions
    running at some moment of its range, oldest first: those signed in with their login, and
    those their devices signed in by MAC authentication (which RADIUS knows by the MAC alone;
    `device_owner` says whose the device was then)."""
    user = WifiUser.objects.filter(phone_index=query.index).first()
    if user is None:
        return None, []
    history = _verifications(user)
    sessions = (
        RadAcct.objects.filter(
            Q(username=user.login) | Q(callingstationid__in=list(history)),
            acctstarttime__gte=query.start - query.longest,
            acctstarttime__lte=query.end,
        )
        .filter(Q(acctstoptime__isnull=True) | Q(acctstoptime__gte=query.start))
        .order_by("acctstarttime")
    )
    return user, [s for s in sessions if s.username == user.login or _by_mac(s, user, history)]


# A device's verifications: (when, by whom), oldest first; and whose the device is now.
Verifications = dict[str, tuple[list[tuple[datetime, int]], int | None]]


def _verifications(user: WifiUser) -> Verifications:
    """For every MAC the user verified (a device of theirs now, or a code they entered on it
    that the portal still keeps), everyone's verifications of that MAC and its owner now."""
    owners = dict(WifiDevice.objects.filter(user=user).values_list("mac", "user_id"))
    verified = PortalAttempt.objects.filter(user=user, verified_at__isnull=False)
    macs = set(owners) | set(verified.values_list("mac", flat=True))
    owners |= dict(WifiDevice.objects.filter(mac__in=macs).values_list("mac", "user_id"))
    history: Verifications = {mac: ([], owners.get(mac)) for mac in macs}
    everyone = PortalAttempt.objects.filter(
        mac__in=macs, verified_at__isnull=False, user__isnull=False
    )
    for mac, at, who in everyone.order_by("verified_at").values_list(
        "mac", "verified_at", "user_id"
    ):
        history[mac][0].append((at, who))
    return history


def _by_mac(session: RadAcct, user: WifiUser, history: Verifications) -> bool:
    """Whether `session` is a MAC authentication of a device that was `user`'s when it
    started: the last verification of that MAC before then was theirs; with none kept from
    before then (the portal keeps its codes for hours), theirs if it is theirs now and no one
    else is known to have verified it since."""
    mac = session.callingstationid or ""
    if normalize_mac(session.username or "") != mac or mac not in history:
        return False
    verifications, owner = history[mac]
    before = [who for at, who in verifications if at <= session.acctstarttime]
    if before:
        return before[-1] == user.pk
    return owner == user.pk and all(who == user.pk for _at, who in verifications)


def find(query: Query) -> list[Person]:
    """A phone search: the Wi-Fi user verified with that phone, known by it alone."""
    if query.kind != "phone":
        return []
    user, sessions = sessions_of_phone(query)
    if user is None:
        return []
    found = Person("", None, "", "", unseal(user.phone_sealed, PHONE_COLUMN, key_ring()))
    used = Nas.objects.filter(ip_address__in={session.nasipaddress for session in sessions})
    hotspots = dict(used.values_list("ip_address", "point__code"))
    for session in sessions:
        found.sessions.append(
            Session(
                point=hotspots.get(session.nasipaddress, session.nasipaddress),
                station=session.callingstationid or "",
                started_at=session.acctstarttime,
                ended_at=session.acctstoptime,
                private_ip=session.framedipaddress or "",
                public_ip="",
                public_ports="",
                radius_session=session.acctsessionid,
                nas_ip=session.nasipaddress,
            )
        )
    return [found]
