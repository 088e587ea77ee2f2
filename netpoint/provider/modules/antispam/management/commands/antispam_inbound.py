import mailbox

from django.core.management.base import BaseCommand, CommandError

from netpoint.common import sms
from netpoint.provider.modules.antispam import inbound


class Command(BaseCommand):
    help = (
        "Registers opt-out requests that arrived by SMS keyword (the gateway's inbox) and, "
        "with --mbox, by e-mail to the unsubscribe mailbox; each is confirmed to its sender."
    )

    def add_arguments(self, parser):
        parser.add_argument("--mbox", help="a mailbox file (mbox) of unsubscribe e-mails")

    def handle(self, *args, mbox=None, **options):
        registered, skipped = inbound.sms_optouts(sms.default_gateway())
        self.stdout.write(f"SMS: {registered} yêu cầu từ chối mới, {skipped} tin bỏ qua")
        if mbox:
            try:
                registered, already = inbound.mail_optouts(mbox)
            except (OSError, mailbox.NoSuchMailboxError):
                raise CommandError(f"Không đọc được hộp thư {mbox}") from None
            self.stdout.write(f"Thư: {registered} yêu cầu từ chối mới, {already} đã có")
