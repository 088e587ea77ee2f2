"""Whose points one may see. Every query of the monitoring pages and API goes through a Scope
(the dashboard's figures take one, a point or a violation is fetched through one), so a
province's Sở never reaches another province's point: outside the scope is a 404. The
violations job, which no user runs, reads every province (`Scope(None)`)."""

from dataclasses import dataclass

from netpoint.provider.authority.models import Member, Organisation
from netpoint.provider.monitoring.models import Violation
from netpoint.provider.registry.models import Point


@dataclass(frozen=True)
class Scope:
    """Whose points one may see: one province, or (province_code None) every province."""

    province_code: int | None

    def points(self):
        points = Point.objects.filter(active=True)
        if self.province_code is not None:
            points = points.filter(province_code=self.province_code)
        return points

    def violations(self):
        found = Violation.objects.select_related("point__enterprise")
        if self.province_code is not None:
            found = found.filter(point__province_code=self.province_code)
        return found


def department_province(user) -> int | None:
    """The province of the Sở the user is a member of; None for anybody else."""
    if not user.is_authenticated:
        return None
    member = Member.objects.filter(user=user).select_related("organisation").first()
    if member is None:
        return None
    organisation = member.organisation
    if organisation.kind == Organisation.Kind.DEPARTMENT_ICT and organisation.province_code:
        return organisation.province_code
    return None


def scope_of(user) -> Scope | None:
    """A member of a Sở sees their province; provider staff allowed to watch see all;
    anybody else nothing."""
    if not user.is_authenticated:
        return None
    province = department_province(user)
    if province is not None:
        return Scope(province)
    if Member.objects.filter(user=user).exists():  # a member of another kind of organisation
        return None
    if user.has_perm("monitoring.view_violation"):
        return Scope(None)
    return None


def get_point(scope: Scope, pk: int) -> Point | None:
    return scope.points().select_related("enterprise").filter(pk=pk).first()


def get_point_by_code(scope: Scope, code: str) -> Point | None:
    return scope.points().filter(code=code).first()


def get_violation(scope: Scope, pk: int) -> Violation | None:
    return scope.violations().filter(pk=pk).first()
