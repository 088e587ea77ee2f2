"""The approving officer's decision: a choice in words with nothing chosen beforehand, said
again to be confirmed, and written only then; the search form shows no field of its own
plumbing (issue 26: "Approve:" defaulting to approval, "Fmt:" with an empty list)."""

import pytest
from django.contrib.auth.models import Group

from netpoint.common.audit.models import AuditEntry

pytestmark = [pytest.mark.django_db, pytest.mark.urls("netpoint.provider.urls")]


@pytest.fixture
def officer(client, world):
    world["officer"].groups.add(Group.objects.get(name="approving_officer"))
    client.force_login(world["officer"])
    return world["officer"]


def decide_url(world) -> str:
    return f"/van-ban/{world['request'].pk}/quyet-dinh/"


def status(world) -> str:
    world["request"].refresh_from_db()
    return world["request"].status


def test_the_decision_offers_approve_and_reject_with_nothing_chosen(client, world, officer):
    page = client.get(f"/van-ban/{world['request'].pk}/").content.decode()
    assert "Phê duyệt văn bản" in page and "Từ chối văn bản" in page
    assert 'type="radio"' in page and "checked" not in page
    assert "Approve" not in page


def test_choosing_nothing_is_refused_with_a_message(client, world, officer):
    answer = client.post(decide_url(world), {})
    assert answer.status_code == 422
    assert "Hãy chọn phê duyệt hoặc từ chối." in answer.content.decode()
    assert status(world) == "pending"


def test_an_approval_is_asked_to_be_confirmed_before_it_is_written(client, world, officer):
    answer = client.post(decide_url(world), {"approve": "1"})
    page = answer.content.decode()
    assert answer.status_code == 200 and "Xác nhận phê duyệt" in page
    assert "Bạn phê duyệt văn bản 123/CAHN-PA05 của Công an TP Hà Nội" in page
    assert status(world) == "pending"
    assert not AuditEntry.objects.filter(action="request_approved").exists()


def test_a_confirmed_approval_is_written(client, world, officer):
    answer = client.post(decide_url(world), {"approve": "1", "confirmed": "1"}, follow=True)
    assert "Đã ghi quyết định." in answer.content.decode()
    assert status(world) == "approved"


def test_a_rejection_needs_a_reason_and_a_confirmation(client, world, officer):
    without = client.post(decide_url(world), {"approve": "0"})
    assert without.status_code == 422 and "Hãy ghi lý do từ chối." in without.content.decode()
    asked = client.post(decide_url(world), {"approve": "0", "reason": "Thiếu chữ ký"})
    assert "Bạn từ chối văn bản 123/CAHN-PA05" in asked.content.decode()
    assert "Xác nhận từ chối" in asked.content.decode() and status(world) == "pending"
    client.post(decide_url(world), {"approve": "0", "reason": "Thiếu chữ ký", "confirmed": "1"})
    assert status(world) == "rejected"


def test_the_search_form_shows_no_format_field(client, world, officer):
    from netpoint.provider.authority import services

    services.decide(world["request"], officer, approve=True)
    client.force_login(world["investigator"])
    page = client.get(f"/van-ban/{world['request'].pk}/").content.decode()
    assert "Xuất Excel" in page and "Xuất Word" in page
    assert "Fmt" not in page and 'name="fmt"' in page  # only the buttons carry it


def test_an_unknown_export_format_is_refused_with_a_message(client, world, officer):
    from netpoint.provider.authority import services

    services.decide(world["request"], officer, approve=True)
    client.force_login(world["investigator"])
    asked = {"kind": "id_number", "value": world["somebody"].cccd, "fmt": "pdf"}
    answer = client.post(f"/van-ban/{world['request'].pk}/tim/", asked)
    assert answer.status_code == 422
    assert "Không có định dạng xuất này." in answer.content.decode()
