"""What a search under a written request asks of the online games (REQUIREMENTS D.4, the same
mechanism as B.5): the accounts registered with the ID or phone number searched, each with its
play sessions, the game's code as the point (the door: netpoint.provider.authority.finding)."""

from django.db.models import Q

from netpoint.common.core.plainsql import instances
from netpoint.common.identity.phones import normalize_mobile
from netpoint.common.identity.validators import IdentityError
from netpoint.common.sealing.crypto import blind_index, unseal
from netpoint.common.sealing.indexes import key_ring
from netpoint.provider.authority.finding import Person, Query, Session
from netpoint.provider.modules.games.accounts import ID_COLUMN, PHONE_COLUMN
from netpoint.provider.modules.games.models import Account, PlaySession


def account_lookup(query: Query) -> tuple[str, str] | None:
    """The account field and blind index by which a search for this ID or phone number finds
    accounts (the accounts' own keys: not the central records'); None for a search no account
    can answer."""
    ring = key_ring()
    if query.kind == "id_number":
        number = "".join(query.id_number.split()).upper()
        return "id_index", blind_index(f"{query.id_type}:{number}", ID_COLUMN, ring)
    if query.kind != "phone":
        return None
    try:
        return "phone_index", blind_index(normalize_mobile(query.phone), PHONE_COLUMN, ring)
    except IdentityError:
        return None


def accounts_with_sessions(field: str, index: str, query: Query) -> list[tuple]:
    """The accounts found by `field` = `index`, each with (account, its play sessions running
    at some moment of the query's range), oldest first."""
    # Plain SQL: every authority search by ID or phone asks, and mostly finds nothing.
    column = {"id_index": "id_index", "phone_index": "phone_index"}[field]
    accounts = instances(Account, f"t.{column} = %s ORDER BY t.id", [index])
    if not accounts:
        return []
    played = {account.pk: [] for account in accounts}
    sessions = (
        PlaySession.objects.filter(
            account__in=accounts,
            started_at__gte=query.start - query.longest,
            started_at__lte=query.end,
        )
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gte=query.start))
        .select_related("game")
        .order_by("started_at")
    )
    for session in sessions:
        played[session.account_id].append(session)
    return [(account, played[account.pk]) for account in accounts]


def find(query: Query) -> list[Person]:
    """The game accounts registered with the ID or phone number searched."""
    lookup = account_lookup(query)
    if lookup is None:
        return []
    ring = key_ring()
    found = []
    for account, sessions in accounts_with_sessions(*lookup, query):
        person = Person(
            full_name=account.full_name,
            date_of_birth=account.date_of_birth,
            id_type=account.id_type,
            id_number=unseal(account.id_number_sealed, ID_COLUMN, ring),
            phone=unseal(account.phone_sealed, PHONE_COLUMN, ring),
        )
        for played in sessions:
            session = Session(played.game.code, "", played.started_at, played.ended_at)
            person.sessions.append(session)
        found.append(person)
    return found
