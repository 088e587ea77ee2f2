from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("authority", "0002_exportapproval"),
    ]

    operations = [
        migrations.AddField(
            model_name="writtenrequest",
            name="scope_sealed",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="exportapproval",
            name="search_digest",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
    ]
