from django.core.management.base import BaseCommand, CommandError

from netpoint.common.sealing.indexes import key_ring
from netpoint.provider.records import rotation


class Command(BaseCommand):
    help = (
        "Seal every sealed value of every app again with the active key of "
        "NETPOINT_SEALING_KEYS (after adding a new key and making it active); with --reindex, "
        "also recompute the blind indexes with the current index key; with --check, only count "
        "the values still under another key (exits non-zero if there are any)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reindex", action="store_true")
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, reindex, check, **options):
        active = key_ring().active
        if check:
            return self._check(active)
        try:
            done = (
                "sealed again with key {} or re-indexed" if reindex else "sealed again with key {}"
            )
            for table, changed in rotation.reseal_all(reindex=reindex):
                self.stdout.write(f"{table}: {changed} rows {done.format(active)}")
        except rotation.RotationError as error:
            raise CommandError(f"stopped (the slices done so far are kept): {error}") from None
        if reindex:
            for column, left, advice in rotation.hashes_left():
                if left:
                    self.stdout.write(f"{column}: {left} rows not recomputed: {advice}")

    def _check(self, active: str) -> None:
        known = key_ring().keys
        stale = rotation.stale_counts()
        for column, kid, count in stale:
            lost = "" if kid in known else ", which is not in NETPOINT_SEALING_KEYS"
            self.stdout.write(f"{column}: {count} values under key {kid}{lost}")
        if stale:
            raise CommandError(
                f"{sum(n for _c, _k, n in stale)} values are not under the active key {active}: "
                "run `netpoint reseal` before retiring any other key"
            )
        self.stdout.write(f"every sealed value is under the active key {active}")
