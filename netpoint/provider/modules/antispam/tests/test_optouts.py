"""Opt-out requests by every way they arrive, their confirmation, processing and keeping."""

import json
import mailbox
import re
from datetime import timedelta
from email.message import EmailMessage

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import CommandError, call_command

from netpoint.common import sms
from netpoint.common.sealing.crypto import unseal
from netpoint.common.sealing.indexes import key_ring
from netpoint.provider.modules.antispam import inbound, services, unsubscribe
from netpoint.provider.modules.antispam.checks import (
    Check,
    check_sends,
    delete_idle_recipients,
    fold_sent_counts,
)
from netpoint.provider.modules.antispam.models import OptOutRequest, Suppression
from netpoint.provider.modules.antispam.recipients import SEALED_COLUMN

pytestmark = [pytest.mark.urls("netpoint.provider.urls"), pytest.mark.django_db]


def allowed(customer, channel, recipient):
    content = "[QC] Ưu đãi" if channel != "call" else "Xin chào"
    check = Check(channel, recipient, content, sender="THUSHOP")
    return check_sends(customer, [check])[0].allowed


@pytest.fixture
def operator(client, django_user_model):
    user = django_user_model.objects.create_user("vanhanh", password="mat-khau-dai-9")
    user.groups.add(Group.objects.get(name="antispam_operator"))
    client.force_login(user)
    return user


def test_the_public_form_refuses_at_once_and_confirms(clock, client, advertiser):
    answer = client.post(
        "/tu-choi-quang-cao/", {"channel": "email", "address": "Nguoi.Nhan@Vi-Du.vn"}
    )
    assert answer.status_code == 200
    made = OptOutRequest.objects.get()
    assert made.confirmed_at == clock.now() and made.confirmation in answer.content.decode()
    assert made.status == "processed" and made.processed_at == clock.now()
    assert unseal(made.recipient_sealed, SEALED_COLUMN, key_ring()) == "nguoi.nhan@vi-du.vn"
    assert not allowed(advertiser, "email", "nguoi.nhan@vi-du.vn")


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"channel": "email", "address": "khong-phai-thu"}, "Địa chỉ thư điện tử không hợp lệ"),
        ({"channel": "fax", "address": "0912345678"}, "Hãy chọn"),
        ({"channel": "sms", "address": "khong-phai-so"}, "Số điện thoại không hợp lệ"),
        ({"channel": "email", "address": ""}, "bắt buộc"),
        ({"channel": "email", "address": "a@b.vn" * 60}, "hiện có"),
    ],
)
def test_the_public_form_explains_bad_input_in_vietnamese(client, data, error):
    answer = client.post("/tu-choi-quang-cao/", data)
    assert answer.status_code == 422
    assert error in answer.content.decode()
    assert OptOutRequest.objects.count() == 0


@pytest.mark.parametrize("channel", ["sms", "call"])
def test_the_public_form_refuses_sms_and_calls_too(clock, client, advertiser, channel):
    answer = client.post("/tu-choi-quang-cao/", {"channel": channel, "address": "0912 345 678"})
    assert answer.status_code == 200
    made = OptOutRequest.objects.get()
    assert (made.via, made.channel, made.status) == ("web", channel, "processed")
    assert not allowed(advertiser, channel, "84912345678")


def test_the_public_form_offers_every_channel(client):
    page = client.get("/tu-choi-quang-cao/").content.decode()
    for label in ("Tin nhắn SMS", "Cuộc gọi", "Thư điện tử", "Ứng dụng nhắn tin"):
        assert label in page


def test_the_confirmation_shows_the_reference_stored_on_the_request(clock, client):
    answer = client.post("/tu-choi-quang-cao/", {"channel": "sms", "address": "0912345678"})
    reference = OptOutRequest.objects.get().reference
    assert re.fullmatch(r"TC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", reference)
    assert f'<strong id="reference">{reference}</strong>' in answer.content.decode()
    assert reference in OptOutRequest.objects.get().confirmation


def test_the_reference_is_also_given_through_a_signed_link(clock, client, advertiser):
    answer = client.post(unsubscribe.link_path(advertiser, "email", "ban.doc@vi-du.vn"))
    assert OptOutRequest.objects.get().reference in answer.content.decode()


def test_references_are_unique_and_not_in_sequence(clock):
    made = [
        services.register_optout(via="web", channel="sms", address=f"09123456{n:02d}")
        for n in range(30)
    ]
    references = [m.reference for m in made]
    assert len(set(references)) == 30
    # Random, not counted: neighbours in time share no running number.
    assert references != sorted(references)


def test_an_altered_unsubscribe_link_is_refused(client):
    answer = client.post("/tu-choi-quang-cao/khong-phai-chu-ky/")
    assert answer.status_code == 400
    assert OptOutRequest.objects.count() == 0


def test_staff_enter_a_phone_request_for_sms(clock, client, operator, advertiser):
    answer = client.post(
        "/chong-spam/tu-choi/moi/",
        {"channel": "sms", "address": "0987 654 321", "customer": advertiser.pk},
    )
    assert answer.status_code == 302
    made = OptOutRequest.objects.get()
    assert made.via == "phone" and made.entered_by == "vanhanh"
    assert not allowed(advertiser, "sms", "84987654321")


def test_staff_record_a_request_that_cannot_be_processed(clock, client, operator, advertiser):
    reason = "Người gọi không cho biết số điện thoại nhận quảng cáo"
    answer = client.post("/chong-spam/tu-choi/moi/", {"channel": "sms", "force_majeure": reason})
    assert answer.status_code == 302
    made = OptOutRequest.objects.get()
    assert made.status == "not_processable" and made.force_majeure == reason
    assert made.confirmed_at is not None and Suppression.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"channel": "sms", "address": "abc"}, "Số điện thoại không hợp lệ"),
        ({"channel": "sms"}, "Nhập người nhận, hoặc lý do"),
        ({"channel": "xx", "address": "0912345678"}, "Hãy chọn"),
        ({"channel": "sms", "address": "0912345678", "customer": 9999}, "Hãy chọn"),
    ],
)
def test_the_staff_form_explains_bad_input(client, operator, data, error):
    answer = client.post("/chong-spam/tu-choi/moi/", data)
    assert answer.status_code == 422 and error in answer.content.decode()
    assert OptOutRequest.objects.count() == 0


def test_sms_keywords_through_the_file_gateway(clock, tmp_path, advertiser):
    gateway = sms.FileGateway(tmp_path / "out.jsonl", tmp_path / "in.jsonl")
    lines = [
        {"id": "a1", "from": "0912000111", "text": "TC"},
        {"id": "a2", "from": "0912000222", "text": "Hủy THUSHOP"},
        {"id": "a3", "from": "0912000333", "text": "Cảm ơn"},
        {"id": "a4", "from": "khong-ro", "text": "HUY"},
    ]
    (tmp_path / "in.jsonl").write_text(
        "\n".join(json.dumps(line) for line in lines) + "\nnot json\n", encoding="utf-8"
    )
    assert inbound.sms_optouts(gateway) == (3, 1)
    assert inbound.sms_optouts(gateway) == (0, 4)  # read again: nothing twice
    assert not allowed(advertiser, "sms", "0912000111")
    assert not allowed(advertiser, "sms", "0912000222")
    assert allowed(advertiser, "sms", "0912000333")
    failed = OptOutRequest.objects.get(status="not_processable")
    assert "số điện thoại" in failed.force_majeure
    sent = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert len(sent) == 3 and all("Đã nhận yêu cầu từ chối" in s["text"] for s in sent)


def test_email_replies_from_a_mailbox(clock, tmp_path, advertiser):
    box = mailbox.mbox(tmp_path / "huy.mbox")
    for n, sender in enumerate(["Bạn Đọc <ban.doc@vi-du.vn>", "khong co dia chi"]):
        message = EmailMessage()
        message["From"], message["Subject"] = sender, "Hủy đăng ký"
        message["Message-ID"] = f"<m{n}@vi-du.vn>"
        message.set_content("Xin đừng gửi nữa")
        box.add(message)
    box.flush()
    assert inbound.mail_optouts(str(tmp_path / "huy.mbox")) == (2, 0)
    assert inbound.mail_optouts(str(tmp_path / "huy.mbox")) == (0, 2)
    assert not allowed(advertiser, "email", "ban.doc@vi-du.vn")
    assert OptOutRequest.objects.filter(status="not_processable").count() == 1
    assert [m.to for m in mail.outbox] == [["ban.doc@vi-du.vn"]]


def test_the_inbound_command_refuses_a_missing_mailbox(tmp_path, settings):
    settings.DATA_DIR = tmp_path
    with pytest.raises(CommandError):
        call_command("antispam_inbound", mbox=str(tmp_path / "khong-co.mbox"))


def test_requests_are_kept_six_months_and_their_effect_stays(clock, advertiser):
    services.register_optout(via="sms", channel="sms", address="0912000444")
    clock.advance(timedelta(days=183))
    call_command("antispam_retention")
    assert OptOutRequest.objects.count() == 1
    clock.advance(timedelta(days=2))
    call_command("antispam_retention")
    assert OptOutRequest.objects.count() == 0
    assert not allowed(advertiser, "sms", "0912000444")


def test_recipients_go_once_the_caps_no_longer_need_them(clock, advertiser):
    assert allowed(advertiser, "email", "a@vi-du.vn")
    clock.advance(timedelta(hours=23))
    assert delete_idle_recipients() == 0
    clock.advance(timedelta(hours=2))
    assert delete_idle_recipients() == 1


# --- The Do-Not-Call list ------------------------------------------------------------------


def test_dnc_import_from_csv(clock, tmp_path, advertiser):
    path = tmp_path / "dnc.csv"
    path.write_text("so_dien_thoai,ghi_chu\n0912000555,a\n+84 912 000 666,b\n0912000555,c\n")
    call_command("antispam_import_dnc", str(path))
    assert services.on_dnc("84912000555") and services.on_dnc("0912000666")
    assert not allowed(advertiser, "call", "0912000555")
    assert allowed(advertiser, "email", "x@vi-du.vn")


def test_a_dnc_file_with_a_bad_line_imports_nothing(tmp_path):
    path = tmp_path / "dnc.csv"
    path.write_text("0912000555\nkhong-phai-so\n")
    with pytest.raises(CommandError, match="2"):
        call_command("antispam_import_dnc", str(path))
    assert not services.on_dnc("0912000555")


def test_dnc_upload_page(clock, client, operator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    good = SimpleUploadedFile("dnc.csv", b"0912000777\n0912000888\n")
    assert client.post("/chong-spam/dnc/", {"file": good}).status_code == 302
    assert services.on_dnc("0912000888")
    bad = SimpleUploadedFile("dnc.csv", b"0912000999\nabc\n")
    answer = client.post("/chong-spam/dnc/", {"file": bad})
    assert answer.status_code == 422 and "Không nhập gì" in answer.content.decode()
    assert not services.on_dnc("0912000999")
    binary = SimpleUploadedFile("dnc.csv", b"\xff\xfe\x00")
    answer = client.post("/chong-spam/dnc/", {"file": binary})
    assert answer.status_code == 422 and "UTF-8" in answer.content.decode()
    assert client.post("/chong-spam/dnc/", {}).status_code == 422


def test_past_days_counts_fold_into_one_row_each(clock, advertiser):
    from netpoint.provider.modules.antispam.models import SentCount

    for n in range(3):
        allowed(advertiser, "email", f"nguoi{n}@vi-du.vn")
    assert SentCount.objects.count() == 3
    assert fold_sent_counts() == 0  # today's rows stay as they are
    clock.advance(timedelta(days=1))
    call_command("antispam_retention")
    assert list(SentCount.objects.values_list("sent", flat=True)) == [3]
