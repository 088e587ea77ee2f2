from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Zone(models.Model):
    """A price group: the stations in one room or of one kind share its rates."""

    name = models.CharField(_("tên khu vực"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("khu vực / nhóm giá")
        verbose_name_plural = _("khu vực / nhóm giá")

    def __str__(self):
        return self.name

    def rate_bands(self) -> list[tuple]:
        return [(r.starts_at, r.hourly_rate) for r in self.rates.order_by("starts_at")]


class ZoneRate(models.Model):
    """From `starts_at` (local time) until the next rate's start, this hourly rate applies."""

    zone = models.ForeignKey(Zone, on_delete=models.CASCADE, related_name="rates")
    starts_at = models.TimeField(_("áp dụng từ"))
    hourly_rate = models.PositiveIntegerField(_("giá mỗi giờ (VND)"))

    class Meta:
        verbose_name = _("giá theo giờ")
        verbose_name_plural = _("giá theo giờ")
        constraints = [
            models.UniqueConstraint(fields=["zone", "starts_at"], name="one_rate_per_start"),
        ]

    def __str__(self):
        return f"{self.zone} {self.starts_at:%H:%M} {self.hourly_rate} VND/h"


class Station(models.Model):
    name = models.CharField(_("tên máy"), max_length=50, unique=True)
    mac = models.CharField(_("địa chỉ MAC"), max_length=17, unique=True, null=True, blank=True)
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, related_name="stations")
    # Only a hash of the station's token is kept (netpoint.common.tokens): a stolen database
    # does not unlock stations.
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    paired_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_seen_at = models.DateTimeField(null=True, blank=True, editable=False)
    client_version = models.CharField(max_length=40, blank=True, editable=False)
    maintenance_unlocked = models.BooleanField(_("mở khóa bảo trì"), default=False)

    class Meta:
        verbose_name = _("máy trạm")
        verbose_name_plural = _("máy trạm")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PairingCode(models.Model):
    """A one-time code the cashier reads out to pair one station's client."""

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="pairing_codes")
    code_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.station} {self.expires_at:%H:%M}"


class StationMessage(models.Model):
    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="messages")
    text = models.CharField(_("nội dung"), max_length=500)
    sent_at = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sent_at"]

    def __str__(self):
        return f"{self.station}: {self.text[:40]}"


class StationSilence(models.Model):
    """A free station whose agent stopped talking without a goodbye: open until it is heard
    again. Noticed once, told to the provider once (event "station.silent")."""

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="silences")
    last_word = models.DateTimeField(_("tín hiệu cuối"))
    noticed_at = models.DateTimeField(_("phát hiện lúc"))
    ended_at = models.DateTimeField(_("có tín hiệu lại lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("máy trống mất kết nối")
        verbose_name_plural = _("máy trống mất kết nối")
        constraints = [
            models.UniqueConstraint(fields=["station", "last_word"], name="one_silence_a_word"),
        ]

    def __str__(self):
        return f"{self.station} {self.last_word:%H:%M:%S}"


class RegistrationRequest(models.Model):
    """A station agent that lost its token (a frozen or diskless disk reset at boot) asking to
    be paired again. It never pairs by itself: the cashier approves it on the grid as seen from
    its address (netpoint.point.stations.registration)."""

    # Matched by the MAC the agent claims; none for a PC the point does not know.
    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, null=True, blank=True, related_name="registrations"
    )
    mac = models.CharField(max_length=17)
    hostname = models.CharField(max_length=63, blank=True)
    # What the point saw, not what the agent said: the request's source address, and the MAC
    # the point's own ARP table holds for it (when the point is on the same LAN).
    ip = models.GenericIPAddressField()
    seen_mac = models.CharField(max_length=17, blank=True)
    # Only the hash of the agent's random secret: whoever holds it collects the token.
    secret_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    collected_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.station or self.mac} {self.created_at:%H:%M}"
