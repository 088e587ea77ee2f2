"""The authority app's writes, and only they: written requests registered and decided, and the
second officer's approval of a large export asked, given and used. Each is audited with the
request's reference; ID and phone numbers never are (their blind indexes stand for them).

Reading is elsewhere, by job: requests (which a user sees), scope (whether a request covers a
search), plans and search (running one), access (access records), exports (the files)."""

import json
from dataclasses import dataclass

from django.db import transaction

from netpoint.common.audit import services as audit
from netpoint.common.core import clock
from netpoint.common.identity.phones import canonical_phone
from netpoint.common.sealing.crypto import seal, unseal
from netpoint.common.sealing.indexes import id_index, key_ring, phone_index
from netpoint.provider.authority import disclosure
from netpoint.provider.authority.conf import conf
from netpoint.provider.authority.finding import Person
from netpoint.provider.authority.models import ExportApproval, WrittenRequest
from netpoint.provider.authority.scope import normalise_name
from netpoint.provider.authority.sealed import SCOPE_COLUMN
from netpoint.provider.registry.models import Point


def register(organisation, user, data: dict) -> WrittenRequest:
    """`data`: the letter's fields, plus `id_numbers` [(type, number)], `phones`, `names`,
    `point_codes` for the scope."""
    ring = key_ring()
    id_numbers = sorted({(t, "".join(n.split()).upper()) for t, n in data.get("id_numbers", [])})
    phones = sorted({canonical_phone(p) for p in data.get("phones", [])})
    scope = json.dumps({"id_numbers": id_numbers, "phones": phones}, ensure_ascii=False)
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
            scope_sealed=seal(scope, SCOPE_COLUMN, ring) if id_numbers or phones else "",
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


@dataclass(frozen=True)
class ScopeValues:
    """The ID numbers (type, number) and phones (E.164) a request names, unsealed."""

    id_numbers: list[tuple[str, str]]
    phones: list[str]


def read_scope(request: WrittenRequest, user) -> ScopeValues:
    """The numbers in the request's scope, for `user` to see what the letter asks (the
    approving officer before deciding); every reading is audited, the numbers never are."""
    if "scope_sealed" in request.get_deferred_fields():
        request.refresh_from_db(fields=["scope_sealed"])
    values = {"id_numbers": [], "phones": []}
    if request.scope_sealed:
        values = json.loads(unseal(request.scope_sealed, SCOPE_COLUMN, key_ring()))
    found = ScopeValues([tuple(pair) for pair in values["id_numbers"]], values["phones"])
    audit.record(
        "scope_viewed",
        user=user,
        target=request.reference,
        detail={"id_numbers": len(found.id_numbers), "phones": len(found.phones)},
    )
    return found


def scan_opened(request: WrittenRequest, user) -> None:
    """`user` opened the scanned letter: audited."""
    audit.record("scan_viewed", user=user, target=request.reference)


class NeedsSecondApproval(PermissionError):
    """The export names more people than one officer's approval covers; a second officer has
    been asked."""


@dataclass(frozen=True)
class Shown:
    """A search's people as they may be shown: `withheld`, their ID and phone numbers left
    out until a second officer approves the search."""

    people: list[Person]
    withheld: bool


def disclose(request: WrittenRequest, user, found: list[Person], search: str, use: str) -> Shown:
    """The two-person rule (disclosure.decide), the same for the page and the API
    (`use` "search") and the exports ("export"): more people than
    NETPOINT_AUTHORITY["second_approval_over_persons"] are shown with their numbers only by
    using up a second officer's approval of this search (`search`: disclosure.digest) by
    `user`; with none, one is asked for (once) and the numbers are withheld. Audited."""
    persons = len(found)
    over = conf().second_approval_over_persons
    if not disclosure.decide(persons, over, approved=False).needs_second:
        return Shown(found, withheld=False)
    with transaction.atomic():
        approval = (
            ExportApproval.objects.select_for_update()
            .filter(
                request=request,
                requested_by=user,
                search_digest=search,
                persons__gte=persons,
                approved_at__isnull=False,
                used_at__isnull=True,
            )
            .first()
        )
        decided = disclosure.decide(persons, over, approved=approval is not None)
        if decided.use_approval:
            approval.used_at = clock.now()
            approval.save(update_fields=["used_at"])
        else:
            ExportApproval.objects.get_or_create(
                request=request,
                requested_by=user,
                search_digest=search,
                persons=persons,
                approved_at__isnull=True,
                defaults={"requested_at": clock.now()},
            )
        action = "second_approval_used" if decided.reveal else "export_held"
        detail = {"persons": persons, "use": use}
        if not decided.reveal:
            detail["reason"] = "second_approval_needed"
        audit.record(action, user=user, target=request.reference, detail=detail)
    if decided.reveal:
        return Shown(found, withheld=False)
    return Shown(disclosure.withheld(found), withheld=True)


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
