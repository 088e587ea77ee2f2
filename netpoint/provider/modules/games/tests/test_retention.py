import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command

from netpoint.common.audit.models import AuditEntry
from netpoint.provider.modules.games import playtime, services
from netpoint.provider.modules.games.models import Account, AccountRevision, PlayDay, PlaySession

pytestmark = pytest.mark.django_db


def retention() -> str:
    out = io.StringIO()
    call_command("games_retention", stdout=out)
    return out.getvalue()


def test_usage_is_kept_its_days_and_then_goes(clock, settings, server_token, adult):
    settings.NETPOINT_GAMES = {"usage_retention_days": 30}
    token, _secret = server_token
    playtime.start(token, "old", adult.ref, 0)
    playtime.stop(token, "old", 1)
    clock.advance(timedelta(days=29, hours=23))
    playtime.start(token, "new", adult.ref, 0)
    assert "sessions\t0" in retention()
    assert PlaySession.objects.count() == 2 and PlayDay.objects.count() == 2
    clock.advance(timedelta(hours=2))
    assert "sessions\t1" in retention()
    assert list(PlaySession.objects.values_list("ref", flat=True)) == ["new"]
    # A day's time goes once the whole day is past its retention.
    assert PlayDay.objects.count() == 2
    clock.advance(timedelta(days=1))
    retention()
    assert PlayDay.objects.count() == 1
    assert AuditEntry.objects.filter(action="games_retention").count() == 3


def test_a_running_session_is_usage_until_its_last_lease(clock, settings, server_token, adult):
    settings.NETPOINT_GAMES = {"usage_retention_days": 30}
    token, _secret = server_token
    playtime.start(token, "abandoned", adult.ref, 0)
    clock.advance(timedelta(days=30, minutes=1))
    retention()
    assert PlaySession.objects.exists()
    clock.advance(timedelta(minutes=2))
    retention()
    assert not PlaySession.objects.exists()


def test_accounts_stay_while_active_and_six_months_after_closing(clock, make_account):
    make_account("active", born=date(1990, 1, 1))
    closed = make_account("closed", born=date(1991, 1, 1), seed=2)
    services.update_account("closed", {"address": "2 Phố Khác, Hà Nội"})
    services.close_account(closed.ref)
    clock.advance(timedelta(days=182))
    assert "accounts\t0" in retention()
    clock.advance(timedelta(days=2))
    assert "accounts\t1" in retention()
    assert list(Account.objects.values_list("ref", flat=True)) == ["active"]
    assert not AccountRevision.objects.exists()


def test_a_storage_request_holds_the_usage_it_found(clock, settings, server_token, adult):
    settings.NETPOINT_GAMES = {"usage_retention_days": 30}
    token, _secret = server_token
    playtime.start(token, "held", adult.ref, 0)
    playtime.stop(token, "held", 1)
    asked = clock.now() + timedelta(days=10)
    settings.NETPOINT_RETENTION = {
        "profile": "storage_request",
        "storage_request_received": f"{asked:%Y-%m-%d}",
    }
    clock.advance(timedelta(days=400))
    assert "sessions\t0" in retention()
    assert list(PlaySession.objects.values_list("ref", flat=True)) == ["held"]
