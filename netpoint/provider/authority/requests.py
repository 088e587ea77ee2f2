"""Written requests as their readers see them: which a user sees, and the organisation a user
acts for. Registering and deciding are writes: netpoint.provider.authority.services."""

from netpoint.common.core.plainsql import instances
from netpoint.provider.authority.models import Member, WrittenRequest

# The reader's organisation, beside the request they read: every search starts with both.
MEMBER_OF_SQL = "(SELECT organisation_id FROM authority_member WHERE user_id = %s)"

# A request's lists of the persons it names (blind indexes, names) can run to thousands:
# searches check the one person searched in SQL (scope.PERSON_COVERED) and never read them.
SCOPE_LISTS = ("id_indexes", "phone_indexes", "names")
# What reading a request leaves unread: its lists, and the numbers of its scope, sealed, which
# only services.read_scope opens.
UNREAD = (*SCOPE_LISTS, "scope_sealed")


def organisation_of(user) -> int | None:
    """The authority organisation `user` acts for, read once per request (kept on the user
    object, as Django keeps its permissions)."""
    if not hasattr(user, "_authority_organisation"):
        member = Member.objects.filter(user=user).values_list("organisation_id", flat=True)
        user._authority_organisation = member.first()
    return user._authority_organisation


def member_of(user) -> Member | None:
    """The user's membership of an organisation (with it), read once per user object: the
    menu asks it for several links (netpoint.common.core.nav)."""
    if not hasattr(user, "_authority_member"):
        found = Member.objects.filter(user=user).select_related("organisation").first()
        user._authority_member = found
    return user._authority_member


def visible_requests(user):
    """Approving officers see every request; an authority's members see their own."""
    if user.has_perm("authority.decide_writtenrequest"):
        return WrittenRequest.objects.all()
    return WrittenRequest.objects.filter(organisation_id=organisation_of(user) or 0)


def visible_request(user, pk: int) -> WrittenRequest | None:
    """Request `pk` if `user` sees it (as visible_requests), its SCOPE_LISTS left unread until
    used (UNREAD); notes the user's organisation for organisation_of on the way. One query
    (netpoint.common.core.plainsql)."""
    officer = user.has_perm("authority.decide_writtenrequest")
    where = f"t.id = %s AND (%s OR t.organisation_id = {MEMBER_OF_SQL})"
    params = [user.pk, pk, officer, user.pk]
    found = instances(WrittenRequest, where, params, defer=UNREAD, member_of=MEMBER_OF_SQL)
    if not found:
        return None
    user._authority_organisation = found[0].member_of
    return found[0]
