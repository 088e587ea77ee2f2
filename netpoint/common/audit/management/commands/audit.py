from django.core.management.base import BaseCommand, CommandError

from netpoint.common.audit import services


class Command(BaseCommand):
    help = "`netpoint audit verify`: check the audit log's hash chain and name each entry "
    "that was edited, deleted or moved."

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["verify"])

    def handle(self, *args, what, **options):
        problems = services.verify()
        for problem in problems:
            self.stdout.write(str(problem))
        if problems:
            raise CommandError(f"the audit log was tampered with: {len(problems)} problems")
        self.stdout.write("the audit log is intact")
