"""The name without accents for search (Customer.search_name), filled for existing customers."""

from django.db import migrations, models

from netpoint.common.identity.normalise import fold_name


def fill(apps, schema_editor):
    db = schema_editor.connection.alias
    Customer = apps.get_model("customers", "Customer")
    for customer in Customer.objects.using(db).order_by("pk").iterator(chunk_size=500):
        customer.search_name = fold_name(customer.full_name)
        customer.save(using=db, update_fields=["search_name"])


class Migration(migrations.Migration):
    dependencies = [("customers", "0002_sealed_numbers")]

    operations = [
        migrations.AddField(
            model_name="customer",
            name="search_name",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=150),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
