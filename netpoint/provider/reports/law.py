"""The page of the law's numbers in force (netpoint.common.core.lawbook): read by the
provider's staff and the provincial department (Sở), not by other authorities' users."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from netpoint.common.core import lawbook
from netpoint.provider.authority.models import Member, Organisation

# The role of other authorities' users, who are not the provider's staff.
AUTHORITY_ROLE = "authority_user"


def may_read(user) -> bool:
    """Staff (a user with a role of the provider's own) and members of a Sở may read it."""
    if user.is_superuser:
        return True
    member = Member.objects.filter(user=user).select_related("organisation").first()
    if member is not None:
        return member.organisation.kind == Organisation.Kind.DEPARTMENT_ICT
    return user.groups.exclude(name=AUTHORITY_ROLE).exists()


@login_required
def law_numbers(request):
    if not may_read(request.user):
        raise PermissionDenied
    return render(request, "reports/law.html", {"numbers": lawbook.numbers()})
