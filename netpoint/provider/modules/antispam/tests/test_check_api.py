"""The check API as a sending system sees it: decisions, recording, caps, and bad input."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from netpoint.provider.modules.antispam import services
from netpoint.provider.modules.antispam.api import BatchOut, reason_messages
from netpoint.provider.modules.antispam.checks import FACTS, Check, check_sends
from netpoint.provider.modules.antispam.models import (
    ApiToken,
    OptOutRequest,
    RecentSends,
    SentCount,
)

pytestmark = [pytest.mark.urls("netpoint.provider.urls"), pytest.mark.django_db]

PHONE = "0912 345 678"


def recorded_sends() -> int:
    return sum(len(row.times) for row in RecentSends.objects.all())


SMS = {"channel": "sms", "recipient": PHONE, "content": "[QC] Giảm giá 50%", "sender": "THUSHOP"}


def test_an_allowed_send_is_recorded_and_counted(clock, api, advertiser):
    answer = api("check", SMS)
    assert answer.status_code == 200, answer.content
    assert answer.json() == {"allowed": True, "reasons": [], "recorded": True}
    assert recorded_sends() == 1
    assert SentCount.objects.get(customer=advertiser).sent == 1


def test_the_fourth_sms_in_a_day_is_refused_and_not_recorded(clock, api):
    for _ in range(3):
        assert api("check", SMS).json()["allowed"]
    answer = api("check", SMS | {"recipient": "+84912345678"}).json()
    assert answer["allowed"] is False
    assert [r["code"] for r in answer["reasons"]] == ["over_cap"]
    assert recorded_sends() == 3


def test_the_cap_frees_up_after_24_hours(clock, api):
    for _ in range(3):
        api("check", SMS)
    clock.advance(timedelta(hours=24))
    assert api("check", SMS).json()["allowed"]


def test_a_refusal_names_every_reason(clock, api, advertiser):
    services.register_optout(via="sms", channel="sms", address=PHONE)
    services.import_dnc("0912345678\n")
    clock.set(datetime(2026, 3, 10, 16, 0, tzinfo=UTC))  # 23:00 in Vietnam
    answer = api("check", SMS | {"content": "Giảm giá", "sender": "LA"}).json()
    assert {r["code"] for r in answer["reasons"]} == {
        "opted_out",
        "do_not_call",
        "outside_hours",
        "missing_label",
        "missing_brandname",
    }
    assert all(r["message"] for r in answer["reasons"])


def test_an_opt_out_from_one_advertiser_leaves_others_alone(clock, api, advertiser):
    from netpoint.provider.modules.antispam.models import Customer

    other = Customer.objects.create(name="Hãng Khác")
    services.register_optout(via="phone", channel="sms", address=PHONE, customer=other)
    assert api("check", SMS).json()["allowed"]


def test_a_preview_at_another_time_records_nothing(clock, api):
    answer = api("check", SMS | {"at": "2026-03-10T23:30:00+07:00"}).json()
    assert answer["recorded"] is False and answer["reasons"][0]["code"] == "outside_hours"
    assert recorded_sends() == 0


def test_a_batch_counts_its_own_sends_against_the_cap(clock, api):
    answer = api("checks", {"checks": [SMS] * 5})
    assert answer.status_code == 200
    body = answer.json()
    assert [r["allowed"] for r in body["results"]] == [True, True, True, False, False]
    assert body["allowed"] == 3 and recorded_sends() == 3
    # The answer is built by hand for speed: it must keep the documented shape.
    assert answer["Content-Type"] == "application/json"
    assert BatchOut.model_validate(body).model_dump() == body
    assert body["results"][3]["reasons"] == [
        {"code": "over_cap", "message": reason_messages()["over_cap"]}
    ]


def test_sends_are_counted_per_message_for_the_reports(clock, api, advertiser):
    message = services.new_message(advertiser, channel="sms", title="Tết", content="[QC] Tết")
    others = [SMS | {"recipient": f"09123450{n:02d}", "message_id": message.pk} for n in range(4)]
    api("checks", {"checks": others})
    assert SentCount.objects.get(message=message).sent == 4


@pytest.mark.django_db(transaction=True)
def test_concurrent_checks_never_pass_the_cap_together(clock, advertiser):
    outcomes = []

    def check():
        try:
            outcomes.extend(check_sends(advertiser, [Check(**SMS)]))
        finally:
            connection.close()

    threads = [threading.Thread(target=check) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(o.allowed for o in outcomes) == 3
    assert recorded_sends() == 3


def test_phone_numbers_never_reach_the_database_readable(clock, api):
    api("check", SMS)
    services.register_optout(via="sms", channel="sms", address=PHONE)
    with connection.cursor() as cursor:
        for table in ("antispam_recentsends", "antispam_suppression", "antispam_optoutrequest"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - our own table names
            assert "912345678" not in repr(cursor.fetchall()), table


# --- Bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize("auth", [None, "sai", "npas_khong-co-that"])
def test_without_a_valid_token_nothing_is_checked(api, auth):
    answer = api("check", SMS, auth=auth)
    assert answer.status_code == 401 and "Bearer" in answer.json()["message"]


def test_a_revoked_token_stops_working(clock, api, token):
    services.revoke_token(ApiToken.objects.get())
    assert api("check", SMS, auth=token).status_code == 401


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (SMS | {"channel": "fax"}, "kênh"),
        (SMS | {"recipient": "12ab"}, "số điện thoại"),
        (SMS | {"recipient": "+1 202 555 0100"}, "số điện thoại"),
        ({"channel": "email", "recipient": "khong-phai-thu", "content": "[QC] a"}, "thư điện tử"),
        (SMS | {"message_id": 999999}, "bản tin"),
        (SMS | {"at": "2026-03-10T10:00:00"}, "at"),
        (SMS | {"recipient": ""}, "recipient"),
        (SMS | {"sender": "A\x00B"}, "sender"),
        (SMS | {"content": "x" * 5001}, "content"),
        ({"channel": "sms"}, "recipient"),
    ],
)
def test_a_malformed_check_is_refused_with_a_message(clock, api, body, fragment):
    answer = api("check", body)
    assert answer.status_code == 422, answer.content
    assert fragment in answer.json()["message"]
    assert recorded_sends() == 0


def test_a_mistyped_brandname_is_refused_by_its_name_not_blamed_on_the_sender(clock, api):
    body = {k: v for k, v in SMS.items() if k != "sender"} | {"brandname": "THUSHOP"}
    answer = api("check", body)
    assert answer.status_code == 422, answer.content
    assert answer.json()["message"] == "Dữ liệu gửi lên có trường không được hỗ trợ: brandname."
    assert recorded_sends() == 0


def test_an_unknown_field_in_a_batch_names_its_check(clock, api):
    answer = api("checks", {"checks": [SMS, SMS | {"brandname": "THUSHOP"}]})
    assert answer.status_code == 422
    assert "checks.1.brandname" in answer.json()["message"]
    assert recorded_sends() == 0


def test_an_unknown_field_beside_a_bad_value_names_both(clock, api):
    answer = api("check", SMS | {"recipient": "", "brandname": "THUSHOP"})
    message = answer.json()["message"]
    assert "không được hỗ trợ: brandname" in message and "không hợp lệ: recipient" in message


@pytest.mark.parametrize("body", [b"{not json", b"[]", b'"x"', b"null"])
def test_a_body_that_is_not_a_check_is_refused(api, body):
    answer = api("check", body)
    assert answer.status_code in (400, 422) and answer.json()["message"]


def test_one_bad_check_refuses_the_whole_batch(clock, api):
    answer = api("checks", {"checks": [SMS, SMS | {"recipient": "abc"}]})
    assert answer.status_code == 422
    assert "Mục 2" in answer.json()["message"]
    assert recorded_sends() == 0 and SentCount.objects.count() == 0


def test_an_empty_batch_is_refused(api):
    answer = api("checks", {"checks": []})
    assert answer.status_code == 422 and answer.json()["message"]


def test_a_batch_over_the_limit_is_refused(api, settings):
    settings.NETPOINT_ANTISPAM = {"max_batch_checks": 2}
    answer = api("checks", {"checks": [SMS] * 3})
    assert answer.status_code == 413 and answer.json()["message"]


def test_an_unsubscribe_link_hides_the_address(clock, api, client, advertiser):
    answer = api("unsubscribe-links", {"channel": "email", "recipient": "Ban.Doc@Vi-Du.vn"})
    assert answer.status_code == 200
    url = answer.json()["url"]
    assert "ban.doc" not in url.lower() and "vi-du" not in url.lower()
    path = url.split("testserver", 1)[1]
    assert client.get(path).status_code == 200
    assert OptOutRequest.objects.count() == 0  # a GET only asks
    assert client.post(path).status_code == 200
    made = OptOutRequest.objects.get()
    assert made.via == "web" and made.customer == advertiser and made.status == "processed"
    check = Check("email", "ban.doc@vi-du.vn", "[QC] Tin mới")
    assert check_sends(advertiser, [check])[0].reasons == ["opted_out"]


@pytest.mark.parametrize(
    "body",
    [
        {"channel": "fax", "recipient": "a@b.vn"},
        {"channel": "sms", "recipient": "0912345678"},
        {"channel": "email", "recipient": "khong-hop-le"},
        {"channel": "email"},
    ],
)
def test_a_bad_unsubscribe_link_request_is_refused(api, body):
    answer = api("unsubscribe-links", body)
    assert answer.status_code == 422 and answer.json()["message"]


@pytest.mark.django_db(transaction=True)
def test_concurrent_batches_over_shared_recipients_keep_every_cap(clock, advertiser):
    people = [f"09120001{n:02d}" for n in range(20)]
    outcomes = []

    def batch(seed):
        order = people[seed:] + people[:seed]
        checks = [Check(**SMS | {"recipient": p}) for p in order for _ in range(2)]
        try:
            outcomes.extend(check_sends(advertiser, checks))
        finally:
            connection.close()

    threads = [threading.Thread(target=batch, args=(n * 5,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    allowed = [o for o in outcomes if o.allowed]
    assert recorded_sends() == len(allowed) == sum(SentCount.objects.values_list("sent", flat=True))
    for row in RecentSends.objects.all():
        assert len(row.times) <= 3
    assert all(o.reasons == ["over_cap"] for o in outcomes if not o.allowed)


def test_a_batch_looks_each_recipient_up_in_the_indexes(clock, advertiser, settings):
    """With many recipients on record, the facts of a thousand checks come from one index probe
    per recipient and table, not from reading (or hashing) whole tables: their cost must not
    grow with the tables (bench/sendcheck.py)."""
    settings.NETPOINT_ANTISPAM = {"dnc_channels": ["sms"]}
    many = "FROM generate_series(1, 50000) AS n"
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO antispam_recentsends (recipient, channel, customer_key, times) "
            f"SELECT sha256(n::text::bytea), 'sms', %s, ARRAY[now()] {many}",
            [advertiser.pk],
        )
        cursor.execute(
            "INSERT INTO antispam_suppression (recipient, channel, since) "
            f"SELECT encode(sha256(n::text::bytea), 'hex'), 'sms', now() {many}"
        )
        cursor.execute(
            "INSERT INTO antispam_donotcall (recipient, added_at, source) "
            f"SELECT encode(sha256(n::text::bytea), 'hex'), now(), '' {many}"
        )
        cursor.execute("ANALYZE antispam_recentsends, antispam_suppression, antispam_donotcall")
        keys = [f"{n:064x}" for n in range(1000)]
        cursor.execute(
            "EXPLAIN " + FACTS,
            {
                "r": ",".join(keys),
                "c": ",".join(["sms"] * len(keys)),
                "key": advertiser.pk,
                "since": clock.now() - timedelta(days=1),
                "customer": advertiser.pk,
                "dnc": "sms",
            },
        )
        plan = [row[0] for row in cursor.fetchall()]
    assert not any("Seq Scan" in line or "hashed" in line for line in plan), plan
    for table in ("antispam_recentsends", "antispam_suppression", "antispam_donotcall"):
        assert any("Index" in line and f" on {table}" in line for line in plan), (table, plan)


# --- The basis of a send (Nghị định 91/2020) ------------------------------------------------


def registration(api, basis="registration", content="Quý khách có muốn nhận ưu đãi? Trả lời CO"):
    body = {
        "channel": "sms",
        "recipient": "0912000321",
        "content": content,
        "sender": "THUSHOP",
        "basis": basis,
    }
    return api("check", body)


def test_only_the_first_registration_message_to_a_recipient_goes(clock, api):
    assert registration(api).json()["allowed"] is True
    second = registration(api).json()
    assert second["allowed"] is False
    assert second["reasons"][0]["message"].startswith("Đã gửi tin nhắn đăng ký")


def test_a_send_without_consent_is_refused_with_a_reason_in_words(clock, api):
    answer = registration(api, basis="none", content="[QC] Ưu đãi").json()
    assert answer["reasons"] == [
        {"code": "no_consent", "message": "Người nhận chưa đồng ý trước việc nhận quảng cáo."}
    ]


def test_an_unknown_basis_is_refused_with_a_message(clock, api):
    answer = registration(api, basis="co-le")
    assert answer.status_code == 422 and "cơ sở gửi" in answer.json()["message"]
