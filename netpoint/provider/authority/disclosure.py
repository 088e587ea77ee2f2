"""The two-person rule (REQUIREMENTS B.5) as one decision, the same for the search page, the
JSON API and the exports: a search naming more people than NETPOINT_AUTHORITY
["second_approval_over_persons"] shows their ID and phone numbers only once a second officer
approved that search by that user (an approval is used once). Pure: the facts are passed in;
netpoint.provider.authority.services.disclose reads them and writes what follows."""

import hashlib
from dataclasses import dataclass, replace

from netpoint.provider.authority.finding import Person, Query


@dataclass(frozen=True)
class Disclosure:
    """What to do with a search's numbers: whether the rule applies, whether the numbers are
    shown, whether an approval is used up showing them."""

    needs_second: bool
    reveal: bool
    use_approval: bool


def decide(persons: int, over: int, approved: bool) -> Disclosure:
    """`persons` found; `over`, the most one officer's approval of the request covers;
    `approved`, whether an unused second approval of this search by this user is waiting."""
    if persons <= over:
        return Disclosure(needs_second=False, reveal=True, use_approval=False)
    if approved:
        return Disclosure(needs_second=True, reveal=True, use_approval=True)
    return Disclosure(needs_second=True, reveal=False, use_approval=False)


def digest(query: Query) -> str:
    """What names one search in its approval, so that an approval of one search cannot show
    another of the same size: a hash of the query with the person's blind index standing for
    their numbers (nothing personal is kept in the approval)."""
    parts = (
        query.kind,
        query.index,
        " ".join(query.name.split()).casefold(),
        query.point_code,
        query.station,
        query.address,
        "" if query.port is None else str(query.port),
        query.start.isoformat(),
        query.end.isoformat(),
    )
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def withheld(found: list[Person]) -> list[Person]:
    """The people found with their ID and phone numbers left out."""
    return [
        replace(
            person,
            id_number="",
            phone="",
            # Each point's version says a phone too: withheld alike.
            versions=[replace(v, phone="") for v in person.versions],
        )
        for person in found
    ]
