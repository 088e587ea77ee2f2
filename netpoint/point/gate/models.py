from django.db import models
from django.utils.translation import gettext_lazy as _


class PairedAddress(models.Model):
    """The IP and MAC a station had when it paired: the only pair the gateway lets out for it.

    Station.ip follows the station's heartbeats (the access log attributes lines by it), so a
    station that moves to another address would take the gate with it; this row does not move
    until the station pairs again.
    """

    station = models.OneToOneField(
        "stations.Station", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    ip = models.GenericIPAddressField(_("địa chỉ IP khi ghép"), null=True, blank=True)
    mac = models.CharField(_("địa chỉ MAC khi ghép"), max_length=17, blank=True)
    paired_at = models.DateTimeField()

    class Meta:
        verbose_name = _("địa chỉ đã ghép")
        verbose_name_plural = _("địa chỉ đã ghép")

    def __str__(self):
        return f"{self.station_id} {self.ip} {self.mac}"
