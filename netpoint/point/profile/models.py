import time

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
        # Made in the core app before the point had an app of its own.
        db_table = "core_pointprofile"
        verbose_name = _("thông tin điểm")
        verbose_name_plural = _("thông tin điểm")

    def __str__(self):
        return self.name

    @classmethod
    def current(cls) -> "PointProfile":
        """Read on every station poll, so kept in memory for a few seconds."""
        cached, fetched_at = _current
        if cached is None or time.monotonic() - fetched_at > CACHE_SECONDS:
            cached, created = cls.objects.get_or_create(pk=1)
            if created:  # its defaults are lazy translations until read back as text
                cached.refresh_from_db()
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
    from netpoint.point.stations import live
    from netpoint.point.uplink import policy

    live.forget_all()
    policy.forget()  # with no policy from the provider yet, the profile's values are in force
