"""How long an online game operator keeps its records (công văn 1515/BBCVT-VT, mục 2.b):
usage at least 30 days (NETPOINT_GAMES["usage_retention_days"]), accounts while active and
NETPOINT_GAMES["closed_account_retention_days"] after they close.

Not a step of the provider's retention job (netpoint.provider.records.retention): the game
operator's own job, `netpoint games_retention` on its own timer, deleting all three kinds in one
transaction whose proof is an entry in the audit log. Its kinds are user data: a storage request
(NETPOINT_RETENTION, Nghị định 53/2022/NĐ-CP Điều 27) holds them as it holds the core's.
"""

from django.db import transaction
from django.db.models import Q

from netpoint.common.audit import services as audit
from netpoint.common.core import clock
from netpoint.common.core.policy import local_tz
from netpoint.common.policies.retention import cutoff
from netpoint.provider.modules.games.conf import conf
from netpoint.provider.modules.games.models import Account, PlayDay, PlaySession
from netpoint.provider.records.retention import held_cutoff


def run() -> dict[str, int]:
    """Deletes what is past its retention; how many of each kind went."""
    now = clock.now()
    games = conf()
    usage_days, account_days = games.usage_retention_days, games.closed_account_retention_days
    usage_cutoff = held_cutoff(cutoff(now, usage_days), now, usage_days)
    account_cutoff = held_cutoff(cutoff(now, account_days), now, account_days)
    with transaction.atomic():
        # A session is usage until its last moment: its end, or its last lease.
        sessions = (
            PlaySession.objects.filter(
                Q(ended_at__lt=usage_cutoff)
                | Q(ended_at__isnull=True, lease_until__lt=usage_cutoff)
            )
            .delete()[1]
            .get("games.PlaySession", 0)
        )
        days = PlayDay.objects.filter(day__lt=usage_cutoff.astimezone(local_tz()).date())
        days = days.delete()[1].get("games.PlayDay", 0)
        accounts = Account.objects.filter(closed_at__lt=account_cutoff).delete()[1]
        deleted = {
            "sessions": sessions,
            "play_days": days,
            "accounts": accounts.get("games.Account", 0),
        }
        audit.record("games_retention", actor="games_retention", detail=deleted)
    return deleted
