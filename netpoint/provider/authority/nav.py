"""The written requests' links and homes (the nav door, netpoint.common.core.nav)."""

from django.utils.translation import gettext_lazy as _

from netpoint.common.core.nav import Entry, Home
from netpoint.provider.authority.requests import member_of

SECTION = _("Văn bản yêu cầu")
PENDING = "trang-thai=cho-duyet"


def registers(user) -> bool:
    """Only a member of an authority registers its letters."""
    return user.has_perm("authority.add_writtenrequest") and member_of(user) is not None


ENTRIES = [
    Entry(
        _("Chờ phê duyệt"),
        "authority-requests",
        "authority.decide_writtenrequest",
        20,
        SECTION,
        PENDING,
    ),
    Entry(_("Tất cả văn bản"), "authority-requests", "authority.view_writtenrequest", 21, SECTION),
    Entry(_("Đăng ký văn bản mới"), "authority-request-new", registers, 22, SECTION),
]
HOMES = [
    # The approving officer's day: the letters waiting for a decision.
    Home("authority-requests", "authority.decide_writtenrequest", 20, PENDING),
    # An authority's user: their letters and what they found under them.
    Home("authority-requests", "authority.add_writtenrequest", 40),
]
