"""The point's customers' sealed columns (netpoint.common.sealing.registry)."""

from netpoint.common.sealing.indexes import id_index, phone_index
from netpoint.common.sealing.registry import SealedColumn
from netpoint.point.customers.models import ID_NUMBER_COLUMN, PHONE_COLUMN

SEALED = [
    SealedColumn(
        "customers.Customer",
        "id_number_sealed",
        ID_NUMBER_COLUMN,
        index="id_index",
        compute=lambda number, customer, ring: id_index(customer.id_type, number, ring),
    ),
    SealedColumn(
        "customers.Customer",
        "phone_sealed",
        PHONE_COLUMN,
        index="phone_index",
        compute=lambda phone, customer, ring: phone_index(phone, ring),
    ),
]
