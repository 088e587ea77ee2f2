"""NAT logs of public Wi-Fi hotspots (REQUIREMENTS C): which private address held which public
address and ports when, so that "public IP + port + time" leads back to a RADIUS session."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from netpoint.registry.models import Point


class NatDevice(models.Model):
    """A hotspot's NAT gateway, known by the source address of its IPFIX or syslog messages;
    messages from any other address are dropped."""

    point = models.ForeignKey(
        Point,
        on_delete=models.PROTECT,
        related_name="nat_devices",
        limit_choices_to={"point_type": Point.Type.WIFI},
        verbose_name=_("điểm Wi-Fi"),
    )
    name = models.CharField(_("tên thiết bị"), max_length=100)
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), unique=True)
    active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("thiết bị NAT")
        verbose_name_plural = _("thiết bị NAT")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} {self.ip_address}"


class Binding(models.Model):
    """Public address `public_ip`, ports port_first..port_last, translated for `private_ip`
    from `started_at` until `ended_at` (empty while the binding holds). A NAT44 session is a
    binding of one port; a port block one of the block's ports.

    "Public IP + port + instant" is one GiST index lookup (the migration makes it: address,
    port range and time range in one index; docs/PERFORMANCE.md, NAT bindings)."""

    id = models.BigAutoField(primary_key=True)
    device = models.ForeignKey(NatDevice, on_delete=models.PROTECT, db_index=False)
    public_ip = models.GenericIPAddressField()
    port_first = models.IntegerField()
    port_last = models.IntegerField()
    private_ip = models.GenericIPAddressField()
    protocol = models.SmallIntegerField(null=True)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("ánh xạ NAT")
        verbose_name_plural = _("ánh xạ NAT")
        indexes = [
            # A de-allocation finds the binding it ends among the open ones.
            models.Index(
                fields=["device", "public_ip", "port_first"],
                condition=models.Q(ended_at__isnull=True),
                name="nat_binding_open",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(port_first__gte=0, port_last__lte=65535)
                & models.Q(port_first__lte=models.F("port_last")),
                name="nat_binding_ports",
            ),
            # The index's time range needs its end after its start.
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True)
                | models.Q(ended_at__gte=models.F("started_at")),
                name="nat_binding_times",
            ),
        ]

    def __str__(self):
        return f"{self.public_ip}:{self.port_first}-{self.port_last} {self.private_ip}"
