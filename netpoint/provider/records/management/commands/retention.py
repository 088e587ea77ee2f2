from django.core.management.base import BaseCommand

from netpoint.provider.records import retention


class Command(BaseCommand):
    help = (
        "Delete the records whose retention has passed (NETPOINT_RETENTION_DAYS), record how "
        "many of each kind, and prepare the coming days' partitions. Run it daily."
    )

    def handle(self, *args, **options):
        for deletion in retention.run():
            self.stdout.write(
                f"{deletion.kind}\t{deletion.count}\tolder than {deletion.cutoff:%Y-%m-%d %H:%M}"
                f" UTC\t{deletion.method} {deletion.detail}".rstrip()
            )
