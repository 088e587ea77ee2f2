"""NAT logs of public Wi-Fi hotspots (REQUIREMENTS C): which private address held which public
address and ports when, so that "public IP + port + time" leads back to a RADIUS session."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from netpoint.provider.registry.models import Point


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


class PortBlock(models.Model):
    """Every port range a public address has been given out in (a NAT device's blocks, or
    single ports): few per address, so the ranges that hold a port are one small GiST lookup
    (the migration makes it) before the bindings are read."""

    public_ip = models.GenericIPAddressField()
    port_first = models.IntegerField()
    port_last = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["public_ip", "port_first", "port_last"], name="nat_portblock_unique"
            ),
        ]

    def __str__(self):
        return f"{self.public_ip}:{self.port_first}-{self.port_last}"


class Binding(models.Model):
    """Public address `public_ip`, ports port_first..port_last, translated for `private_ip`
    from `started_at` until `ended_at` (empty while the binding holds). A NAT44 session is a
    binding of one port; a port block one of the block's ports.

    A device never gives a port to two private addresses at once, so of one range's bindings
    only the last to start before an instant can hold it then: "public IP + port + instant" is
    a lookup of the ranges holding the port, then one index descent per range
    (docs/PERFORMANCE.md, NAT bindings)."""

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
            models.Index(
                fields=["public_ip", "port_first", "port_last", "started_at"],
                name="nat_binding_block",
            ),
            # A RADIUS session's public addresses and ports (REQUIREMENTS C.2).
            models.Index(fields=["private_ip", "started_at"], name="nat_binding_private"),
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
            # A binding ends after it began (a clock set back ends it where it began).
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True)
                | models.Q(ended_at__gte=models.F("started_at")),
                name="nat_binding_times",
            ),
        ]

    def __str__(self):
        return f"{self.public_ip}:{self.port_first}-{self.port_last} {self.private_ip}"
