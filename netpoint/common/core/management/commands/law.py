from django.core.management.base import BaseCommand

from netpoint.common.core import lawbook


class Command(BaseCommand):
    help = (
        "List every legal number in force on this server (point or provider): its value, its "
        "default, whether this deployment changed it, and its legal source."
    )

    def handle(self, *args, **options):
        for number in lawbook.numbers():
            state = (
                f"đã thay đổi, mặc định {number.default_text}" if number.overridden else "mặc định"
            )
            self.stdout.write(f"{number.name} = {number.value_text}\t[{state}]\t{number.source}")
