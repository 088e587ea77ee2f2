"""The audit log's signed head as it travels in other apps' answers (the authority's searches
and exports): whoever receives it can keep it and later ask for `netpoint audit verify --since`
to prove the log only grew from it (netpoint.common.audit.heads)."""

from datetime import datetime

from pydantic import BaseModel

from netpoint.common.audit import services


class SignedHeadOut(BaseModel):
    tree_size: int
    # Milliseconds since 1970-01-01 UTC, as signed; `time` is the same instant, readable.
    timestamp: int
    time: datetime
    root_hash: str
    key_id: str
    signature: str


def signed_head() -> SignedHeadOut:
    """The newest signed head; after an append outside a transaction, it covers that entry."""
    return SignedHeadOut(**services.current_head().as_dict())
