"""The point's door into `netpoint serve --tls`: its own certificate
(netpoint.common.core.doors)."""

from pathlib import Path

from netpoint.point.profile import tls


def certificate(data_dir: Path) -> tls.ServedCertificate:
    return tls.served(data_dir)
