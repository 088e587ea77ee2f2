"""The hash chain becomes a Merkle tree (netpoint.common.audit.log): each existing entry's hash
is recomputed as its leaf hash, the head gets the tree's root and compact range, and, when
there are entries, a first signed head is published outside the database."""

import json
from datetime import UTC

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def to_tree(apps, schema_editor):
    from netpoint.common.audit import log, merkle

    alias = schema_editor.connection.alias
    entries = apps.get_model("audit", "AuditEntry").objects.using(alias)
    frontier: tuple[bytes, ...] = ()
    changed = []
    last_seq = size = 0
    for count, row in enumerate(entries.order_by("seq").iterator()):
        pure = log.Entry(
            row.seq,
            row.at.astimezone(UTC).isoformat(),
            row.user_id,
            row.actor,
            row.action,
            row.target,
            row.detail,
        )
        leaf = log.leaf_of(pure)
        row.hash = leaf.hex()
        changed.append(row)
        frontier = merkle.frontier_append(frontier, count, leaf)
        last_seq, size = row.seq, count + 1
        if len(changed) >= 1000:
            entries.bulk_update(changed, ["hash"])
            changed = []
    entries.bulk_update(changed, ["hash"])
    root = merkle.frontier_root(frontier)
    apps.get_model("audit", "AuditHead").objects.using(alias).update_or_create(
        pk=1,
        defaults={
            "last_seq": last_seq,
            "last_hash": root.hex(),
            "frontier": json.dumps([node.hex() for node in frontier]),
        },
    )
    if last_seq:
        from netpoint.common.audit import services

        services.publish(size, root)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveField(model_name="auditentry", name="prev_hash"),
        migrations.AlterField(
            model_name="auditentry",
            name="user",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="audithead",
            name="frontier",
            field=models.TextField(default="[]"),
        ),
        migrations.RunPython(to_tree, migrations.RunPython.noop),
    ]
