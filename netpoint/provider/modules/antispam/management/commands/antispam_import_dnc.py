from django.core.management.base import BaseCommand, CommandError

from netpoint.common.audit import services as audit
from netpoint.provider.modules.antispam import services


class Command(BaseCommand):
    help = "Imports a Do-Not-Call list: a CSV whose first column is a phone number."

    def add_arguments(self, parser):
        parser.add_argument("csv_file")

    def handle(self, *args, csv_file, **options):
        try:
            with open(csv_file, encoding="utf-8-sig") as source:
                text = source.read()
        except (OSError, UnicodeDecodeError) as err:
            raise CommandError(f"Không đọc được tệp: {err.__class__.__name__}") from None
        try:
            read, added = services.import_dnc(text, source=csv_file)
        except services.ImportRefused as refused:
            lines = ", ".join(map(str, refused.bad_lines[:20]))
            raise CommandError(f"Không nhập gì: dòng không phải số điện thoại: {lines}") from None
        audit.record("antispam_dnc_import", actor="system", detail={"read": read, "added": added})
        self.stdout.write(f"Đã đọc {read} số, thêm mới {added} số vào danh sách DNC")
