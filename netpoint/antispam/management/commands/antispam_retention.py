from django.core.management.base import BaseCommand

from netpoint.antispam import services
from netpoint.audit import services as audit


class Command(BaseCommand):
    help = (
        "Deletes opt-out requests past their keeping time (the suppressions they made stay) "
        "and the part of the send log the daily caps no longer need."
    )

    def handle(self, *args, **options):
        requests = services.delete_expired_optouts()
        sends = services.delete_old_send_log()
        audit.record(
            "antispam_retention", actor="system", detail={"optouts": requests, "sends": sends}
        )
        self.stdout.write(f"Đã xóa {requests} yêu cầu từ chối hết hạn lưu, {sends} lượt gửi cũ")
