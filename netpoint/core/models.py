import time

from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

DEFAULT_RULES = _(
    "Xuất trình giấy tờ tùy thân khi đăng ký sử dụng.\n"
    "Không truy cập nội dung vi phạm pháp luật.\n"
    "Người dưới 18 tuổi không chơi quá 180 phút một ngày."
)


class PointProfile(models.Model):
    """This point itself: one row, edited by the owner in the admin."""

    class Type(models.TextChoices):
        INTERNET = "internet", _("Đại lý Internet")
        GAME = "game", _("Điểm cung cấp dịch vụ trò chơi điện tử công cộng")
        WIFI = "wifi", _("Điểm truy nhập Internet công cộng (Wi-Fi)")

    name = models.CharField(_("tên điểm"), max_length=200, default="Điểm truy nhập Internet")
    point_type = models.CharField(_("loại điểm"), max_length=20, choices=Type, default=Type.GAME)
    province_code = models.CharField(
        _("mã tỉnh/thành"),
        max_length=3,
        default="*",
        help_text=_("Mã tỉnh dùng để chọn giờ mở cửa theo quy định của tỉnh; * là mặc định."),
    )
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    rules = models.TextField(_("nội quy"), default=DEFAULT_RULES)

    class Meta:
        verbose_name = _("thông tin điểm")
        verbose_name_plural = _("thông tin điểm")

    def __str__(self):
        return self.name

    @classmethod
    def current(cls) -> "PointProfile":
        """Read on every station poll, so kept in memory for a few seconds."""
        cached, fetched_at = _current
        if cached is None or time.monotonic() - fetched_at > CACHE_SECONDS:
            cached, _created = cls.objects.get_or_create(pk=1)
            _current[:] = [cached, time.monotonic()]
        return cached


CACHE_SECONDS = 5.0
_current: list = [None, 0.0]


def forget_current() -> None:
    _current[:] = [None, 0.0]


@receiver(post_save, sender=PointProfile)
def profile_saved(**kwargs):
    forget_current()
    # The name, rules and opening hours show on every station's screen.
    from netpoint.stations import live

    live.forget_all()


class FailedAttempts(models.Model):
    """Failed guesses (of a pairing code, an enrolment code, a member's password) from one
    address or station, counted from the first in a window (netpoint.core.ratelimit)."""

    scope = models.CharField(max_length=20)
    who = models.CharField(max_length=64)  # an address or a station's id, never a person
    first_at = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "who"], name="failed_attempts_once_per_who")
        ]

    def __str__(self):
        return f"{self.scope} {self.who}: {self.count}"


class SignedInSession(AbstractBaseSession):
    """Django's session with the id of the user signed in by it beside its data, so that each
    request reads the session and its user in one statement (netpoint.core.sessions)."""

    user_id = models.IntegerField(null=True, db_index=True)

    class Meta(AbstractBaseSession.Meta):
        db_table = "core_signed_in_session"

    @classmethod
    def get_session_store_class(cls):
        from netpoint.core.sessions import SessionStore

        return SessionStore
