"""The authority app's writes, and only they: written requests registered and decided, and the
second officer's approval of a large export asked, given and used. Each is audited with the
request's reference; ID and phone numbers never are (their blind indexes stand for them).

Reading is elsewhere, by job: requests (which a user sees), scope (whether a request covers a
search), plans and search (running one), access (access records), exports (the files)."""

from django.db import transaction

from netpoint.common.audit import services as audit
from netpoint.common.core import clock
from netpoint.common.sealing.indexes import id_index, key_ring, phone_index
from netpoint.provider.authority.models import ExportApproval, WrittenRequest
from netpoint.provider.authority.scope import normalise_name
from netpoint.provider.registry.models import Point


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


class NeedsSecondApproval(PermissionError):
    """The export names more people than one officer's approval covers; a second officer has
    been asked."""


def use_second_approval(request: WrittenRequest, user, persons: int) -> None:
    """Uses up a second officer's approval for `user` to export `persons` people under the
    request; with none, asks for one (once) and raises NeedsSecondApproval."""
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
