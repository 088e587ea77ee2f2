"""Staff accounts' sealed columns (netpoint.sealing.registry)."""

from netpoint.accounts.services import SECRET_COLUMN
from netpoint.sealing.registry import SealedColumn

SEALED = [SealedColumn("accounts.TotpDevice", "secret_sealed", SECRET_COLUMN)]
