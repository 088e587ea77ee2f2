"""The approving officer reads what they approve: the numbers the letter names and the
scanned letter, each reading audited (issue 24, reproduction 5)."""

import random

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from netpoint.common.audit.models import AuditEntry
from netpoint.common.identity.fake import fake_person
from netpoint.provider.authority import services
from netpoint.provider.authority.models import Member, Organisation
from netpoint.provider.authority.tests.conftest import letter

pytestmark = [pytest.mark.django_db, pytest.mark.urls("netpoint.provider.urls")]

SCAN = b"%PDF-1.4\n% ban quet van ban thu nghiem\n"


@pytest.fixture
def letter_waiting(world):
    """A request naming two CCCDs and a phone (written as people write it), its scan
    attached, waiting for the approving officer."""
    somebody, other = world["somebody"], world["other"]
    phone = "0" + other.phone[3:6] + " " + other.phone[6:9] + " " + other.phone[9:]
    scope = {"id_numbers": [("cccd", somebody.cccd), ("cccd", other.cccd)], "phones": [phone]}
    written = services.register(
        world["request"].organisation, world["investigator"], letter("140/CAHN-PA05", **scope)
    )
    written.scan = ContentFile(SCAN, name="cong-van.pdf")
    written.save(update_fields=["scan"])
    world["officer"].groups.add(Group.objects.get(name="approving_officer"))
    return written


def test_the_approving_officer_reads_the_numbers_in_scope_and_the_reading_is_audited(
    client, world, letter_waiting
):
    client.force_login(world["officer"])
    page = client.get(f"/van-ban/{letter_waiting.pk}/").content.decode()
    assert "Xem các số trong phạm vi" in page and world["somebody"].cccd not in page
    scope = client.get(f"/van-ban/{letter_waiting.pk}/pham-vi/")
    text = scope.content.decode()
    assert scope.status_code == 200
    assert world["somebody"].cccd in text and world["other"].cccd in text
    assert world["other"].phone in text  # in E.164, however the letter wrote it
    assert "Phê duyệt văn bản" in text  # decided on the page that shows them
    [entry] = AuditEntry.objects.filter(action="scope_viewed")
    assert entry.user == world["officer"] and "140/CAHN-PA05" in entry.target
    assert entry.detail == {"id_numbers": 2, "phones": 1}
    assert world["somebody"].cccd not in json_of(entry)


def json_of(entry) -> str:
    return f"{entry.target} {entry.detail}"


def test_the_approving_officer_opens_the_scanned_letter_and_the_opening_is_audited(
    client, world, letter_waiting
):
    client.force_login(world["officer"])
    page = client.get(f"/van-ban/{letter_waiting.pk}/").content.decode()
    assert "Mở bản quét văn bản" in page
    answer = client.get(f"/van-ban/{letter_waiting.pk}/ban-quet/")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    assert answer["Content-Disposition"].startswith("inline")
    assert b"".join(answer.streaming_content) == SCAN
    [entry] = AuditEntry.objects.filter(action="scan_viewed")
    assert entry.user == world["officer"] and "140/CAHN-PA05" in entry.target


def test_a_scan_that_is_not_a_document_is_downloaded_not_shown(client, world, letter_waiting):
    letter_waiting.scan = ContentFile(b"<script>alert(1)</script>", name="thu.html")
    letter_waiting.save(update_fields=["scan"])
    client.force_login(world["officer"])
    answer = client.get(f"/van-ban/{letter_waiting.pk}/ban-quet/")
    assert answer["Content-Type"] == "application/octet-stream"
    assert answer["Content-Disposition"].startswith("attachment")


def test_a_request_without_a_scan_has_none_to_open(client, world):
    world["officer"].groups.add(Group.objects.get(name="approving_officer"))
    client.force_login(world["officer"])
    assert client.get(f"/van-ban/{world['request'].pk}/ban-quet/").status_code == 404
    assert not AuditEntry.objects.filter(action="scan_viewed").exists()


def test_another_organisations_member_reads_neither_the_numbers_nor_the_scan(
    client, world, letter_waiting, django_user_model
):
    stranger = django_user_model.objects.create_user("ngoai", password="x-Very-Long-5")
    stranger.groups.add(Group.objects.get(name="authority_user"))
    other = Organisation.objects.create(name="Công an Khác", kind="police", province_code=2)
    Member.objects.create(user=stranger, organisation=other)
    client.force_login(stranger)
    assert client.get(f"/van-ban/{letter_waiting.pk}/pham-vi/").status_code == 404
    assert client.get(f"/van-ban/{letter_waiting.pk}/ban-quet/").status_code == 404
    assert not AuditEntry.objects.filter(action__in=["scope_viewed", "scan_viewed"]).exists()


def test_a_letter_naming_only_names_and_points_keeps_no_numbers(world):
    written = services.register(
        world["request"].organisation,
        world["investigator"],
        letter("141/CAHN-PA05", names=[fake_person(random.Random(8)).full_name]),
    )
    assert written.scope_sealed == ""
    assert services.read_scope(written, world["officer"]) == services.ScopeValues([], [])
