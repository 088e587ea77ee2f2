"""Two game servers (two games) start the same minor at the same moment, again and again: the
account's lock makes them take turns with the day's budget, so the day's limit holds."""

import threading
from datetime import date

import pytest
from django.db import connection

from netpoint.provider.modules.games import playtime, services
from netpoint.provider.modules.games.models import ApiToken, PlayDay
from netpoint.provider.modules.games.tests.conftest import account_data, guardian_data

pytestmark = pytest.mark.django_db(transaction=True)
PLAYERS = 15


def test_two_servers_at_once_never_grant_more_than_the_day(clock, settings, make_game):
    # 3 minutes a day and 2-minute leases: each pair of starts can take at most 3 minutes.
    settings.NETPOINT_GAMES = {"minor_daily_minutes": 3}
    tokens = [
        services.issue_token(ApiToken.Kind.GAME_SERVER, f"máy {n}", make_game(f"g{n}"))[0]
        for n in range(2)
    ]
    for n in range(PLAYERS):
        data = account_data(date(2011, 1, 1), seed=n) | {"guardian": guardian_data(n)}
        services.create_account(f"m{n}", data)
    errors = []

    def play(token, barrier):
        try:
            for n in range(PLAYERS):
                barrier.wait()
                playtime.start(token, f"s{n}", f"m{n}", 0)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    barrier = threading.Barrier(2)
    threads = [threading.Thread(target=play, args=(t, barrier)) for t in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    totals = {}
    for row in PlayDay.objects.all():
        totals[row.account_id] = totals.get(row.account_id, 0) + row.seconds
    assert len(totals) == PLAYERS
    assert all(total == 180 for total in totals.values()), totals
