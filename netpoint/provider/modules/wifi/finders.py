"""What a search under a written request asks of public Wi-Fi (REQUIREMENTS C.2): the Wi-Fi
user verified with the phone searched, with their RADIUS sessions: hotspot, device MAC, times,
the address the hotspot gave (the door: netpoint.provider.authority.finding). The public
addresses and ports those sessions went out through come from the NAT logs' finder."""

from django.db.models import Q

from netpoint.common.sealing.crypto import unseal
from netpoint.common.sealing.indexes import key_ring
from netpoint.provider.authority.finding import Person, Query, Session
from netpoint.provider.modules.wifi.models import Nas, RadAcct, WifiUser
from netpoint.provider.modules.wifi.services import PHONE_COLUMN


def sessions_of_phone(query: Query) -> tuple[WifiUser | None, list[RadAcct]]:
    """The Wi-Fi user verified with the phone of the query's blind index, and their sessions
    running at some moment of its range, oldest first."""
    user = WifiUser.objects.filter(phone_index=query.index).first()
    if user is None:
        return None, []
    sessions = (
        RadAcct.objects.filter(
            username=user.login,
            acctstarttime__gte=query.start - query.longest,
            acctstarttime__lte=query.end,
        )
        .filter(Q(acctstoptime__isnull=True) | Q(acctstoptime__gte=query.start))
        .order_by("acctstarttime")
    )
    return user, list(sessions)


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
