"""Staff accounts' sealed columns (netpoint.common.sealing.registry)."""

from netpoint.common.sealing.registry import SealedColumn
from netpoint.provider.accounts.services import SECRET_COLUMN

SEALED = [SealedColumn("accounts.TotpDevice", "secret_sealed", SECRET_COLUMN)]
