"""A period's opt-out counts survive the deletion of its requests (issue 27): frozen when the
period closes, read by every report made later."""

from datetime import UTC, date, datetime

import pytest
from django.core.management import call_command

from netpoint.provider.modules.antispam import reports, services
from netpoint.provider.modules.antispam.models import FrozenOptOuts, OptOutRequest

pytestmark = pytest.mark.django_db

DETAILS = reports.Details(organisation="Công ty Thử", address="Hà Nội", management_code="QL-1")


def refused_line(report) -> list:
    """The first line of section 4's table, "Yêu cầu từ chối"."""
    tables = [b for b in report.blocks if isinstance(b, reports.Table) and b.rows]
    return next(t.rows[0] for t in tables if t.rows[0][0] == "Yêu cầu từ chối")


def test_an_opt_out_of_3_november_still_counts_in_the_may_report_after_retention(clock):
    clock.set(datetime(2025, 11, 3, 3, tzinfo=UTC))
    services.register_optout(via="web", channel="email", address="a@vi-du.vn")
    clock.set(datetime(2026, 5, 10, 3, tzinfo=UTC))  # 188 days: past the 184 kept
    call_command("antispam_retention")
    assert refused_line(reports.build("1", date(2026, 5, 15), DETAILS)) == [
        "Yêu cầu từ chối",
        1,
        0,
        0,
        1,
    ]


def test_a_report_made_late_after_the_requests_are_deleted_still_counts_them(clock):
    clock.set(datetime(2025, 11, 3, 3, tzinfo=UTC))
    services.register_optout(via="web", channel="email", address="a@vi-du.vn")
    clock.set(datetime(2026, 5, 20, 3, tzinfo=UTC))
    call_command("antispam_retention")
    assert OptOutRequest.objects.count() == 0
    assert refused_line(reports.build("1", date(2026, 5, 15), DETAILS))[-1] == 1


def test_a_closed_periods_counts_do_not_change_once_frozen(clock):
    clock.set(datetime(2026, 1, 5, 3, tzinfo=UTC))
    services.register_optout(via="phone", channel="sms", address="0912000111")
    clock.set(datetime(2026, 5, 2, 3, tzinfo=UTC))
    first = reports.build("2", date(2026, 5, 15), DETAILS)
    OptOutRequest.objects.all().delete()
    again = reports.build("2", date(2026, 5, 15), DETAILS)
    assert refused_line(first) == refused_line(again) == ["Yêu cầu từ chối", 0, 1, 1]


def test_an_open_period_is_counted_from_the_kept_requests(clock):
    clock.set(datetime(2026, 1, 5, 3, tzinfo=UTC))
    services.register_optout(via="sms", channel="sms", address="0912000111")
    assert refused_line(reports.build("2", date(2026, 5, 15), DETAILS))[-1] == 1
    assert not FrozenOptOuts.objects.exists()


def test_retention_freezes_each_closed_period_before_deleting(clock):
    clock.set(datetime(2025, 11, 3, 3, tzinfo=UTC))
    services.register_optout(via="web", channel="email", address="a@vi-du.vn")
    clock.set(datetime(2026, 5, 20, 3, tzinfo=UTC))
    call_command("antispam_retention")
    assert not OptOutRequest.objects.exists()
    frozen = FrozenOptOuts.objects.get(channel="email")
    assert (frozen.period_start, frozen.period_end) == (date(2025, 11, 1), date(2026, 4, 30))
    assert frozen.counts == {"web": [1, 1, 1, 0]}


def test_a_storage_request_holds_the_opt_outs_it_found(clock, settings):
    clock.set(datetime(2025, 11, 3, 3, tzinfo=UTC))
    services.register_optout(via="web", channel="email", address="a@vi-du.vn")
    settings.NETPOINT_RETENTION = {
        "profile": "storage_request",
        "storage_request_received": "2026-02-01",
    }
    clock.set(datetime(2026, 12, 1, 3, tzinfo=UTC))  # 13 months on: 24 are held
    call_command("antispam_retention")
    assert OptOutRequest.objects.count() == 1
