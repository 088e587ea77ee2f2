"""Game accounts' sealed columns (netpoint.common.sealing.registry), in the accounts and in the
copies of them their history keeps (AccountRevision.before: a JSON object of their fields)."""

from netpoint.common.sealing.crypto import blind_index
from netpoint.common.sealing.registry import SealedColumn
from netpoint.provider.modules.games.accounts import (
    GUARDIAN_ID_COLUMN,
    GUARDIAN_PHONE_COLUMN,
    ID_COLUMN,
    PHONE_COLUMN,
)


def _field(account, name: str) -> str:
    return account[name] if isinstance(account, dict) else getattr(account, name)


def _id_index(number, account, ring):
    return blind_index(f"{_field(account, 'id_type')}:{number}", ID_COLUMN, ring)


def _phone_index(phone, account, ring):
    return blind_index(phone, PHONE_COLUMN, ring)


def _guardian_id_index(number, account, ring):
    return blind_index(f"{_field(account, 'guardian_id_type')}:{number}", GUARDIAN_ID_COLUMN, ring)


def _columns(model: str, field: str = "") -> list[SealedColumn]:
    """The account's sealed columns: its own fields, or the keys of its JSON `field`."""

    def where(name: str) -> dict:
        return {"field": field, "key": name} if field else {"field": name}

    return [
        SealedColumn(
            model,
            column=ID_COLUMN,
            index="id_index",
            compute=_id_index,
            **where("id_number_sealed"),
        ),
        SealedColumn(
            model,
            column=PHONE_COLUMN,
            index="phone_index",
            compute=_phone_index,
            **where("phone_sealed"),
        ),
        SealedColumn(
            model,
            column=GUARDIAN_ID_COLUMN,
            index="guardian_id_index",
            compute=_guardian_id_index,
            **where("guardian_id_number_sealed"),
        ),
        SealedColumn(model, column=GUARDIAN_PHONE_COLUMN, **where("guardian_phone_sealed")),
    ]


SEALED = _columns("games.Account") + _columns("games.AccountRevision", "before")
