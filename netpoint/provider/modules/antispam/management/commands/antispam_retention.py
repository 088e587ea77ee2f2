from django.core.management.base import BaseCommand

from netpoint.common.audit import services as audit
from netpoint.provider.modules.antispam import checks, services


class Command(BaseCommand):
    help = (
        "Freezes closed periods' opt-out counts, then deletes opt-out requests past their "
        "keeping time (the suppressions they made stay) and records reports' files as old, "
        "and recipients with no send left in the daily caps' window, and folds past days' "
        "sent counts into one row each."
    )

    def handle(self, *args, **options):
        requests = services.delete_expired_optouts()
        services.purge_archived_records()
        sends = checks.delete_idle_recipients()
        folded = checks.fold_sent_counts()
        audit.record(
            "antispam_retention",
            actor="system",
            detail={"optouts": requests, "recipients": sends, "folded": folded},
        )
        self.stdout.write(
            f"Đã xóa {requests} yêu cầu từ chối hết hạn lưu, "
            f"{sends} người nhận không còn lượt gửi trong 24 giờ"
        )
