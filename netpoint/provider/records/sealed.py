"""The central records' sealed columns (netpoint.common.sealing.registry)."""

from netpoint.common.sealing.indexes import ID_COLUMN, PHONE_COLUMN, id_index, phone_index
from netpoint.common.sealing.registry import SealedColumn

SEALED = [
    SealedColumn(
        "records.Person",
        "id_number_sealed",
        ID_COLUMN,
        index="id_index",
        compute=lambda number, person, ring: id_index(person.id_type, number, ring),
    ),
    SealedColumn(
        "records.Person",
        "phone_sealed",
        PHONE_COLUMN,
        index="phone_index",
        compute=lambda phone, person, ring: phone_index(phone, ring),
    ),
    # Each point's version of a person (the ID number's index is the person's: they were merged
    # by it).
    SealedColumn("records.PointPerson", "id_number_sealed", ID_COLUMN),
    SealedColumn(
        "records.PointPerson",
        "phone_sealed",
        PHONE_COLUMN,
        index="phone_index",
        compute=lambda phone, version, ring: phone_index(phone, ring),
    ),
]
