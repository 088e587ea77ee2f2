"""Every sealed value and blind index is declared, so that key rotation reaches it."""

from django.apps import apps

from netpoint.common.sealing.registry import declared, undeclared


def test_every_sealed_field_and_blind_index_is_declared():
    columns, hashes = declared()
    assert undeclared(columns, hashes) == []


def test_a_forgotten_column_is_found():
    columns, hashes = declared()
    forgotten = [c for c in columns if (c.model, c.field) != ("records.Person", "phone_sealed")]
    assert undeclared(forgotten, hashes) == [
        "records.Person.phone_index",
        "records.Person.phone_sealed",
    ]


def test_declarations_name_real_fields_and_say_how_to_index():
    columns, hashes = declared()
    for column in columns:
        fields = {f.name for f in apps.get_model(column.model)._meta.concrete_fields}
        assert column.field in fields, column
        assert bool(column.index) == (column.compute is not None), column
    for keyed in hashes:
        assert keyed.field in {f.name for f in apps.get_model(keyed.model)._meta.fields}, keyed
    labels = [c.label for c in columns]
    assert len(labels) == len(set(labels))
