"""The till: payment with change or VietQR, receipts, refunds, corrections, the float."""

from datetime import timedelta

import pytest

from netpoint.common.audit.models import AuditEntry
from netpoint.point.billing import services as till
from netpoint.point.billing import vietqr
from netpoint.point.billing.models import LedgerEntry, Receipt, Shift
from netpoint.point.sessions import services as sessions

BANK = {
    "bank_bin": "970436",
    "bank_account": "0011001234567",
    "bank_account_name": "QUAN NET THU",
    "bank_name": "Vietcombank",
}


@pytest.fixture
def signed_in(client, cashier, clock, cafe):
    client.force_login(cashier)
    return client


@pytest.fixture
def owner(django_user_model):
    return django_user_model.objects.create_superuser("chuquan", password="mat-khau-chu-quan-1")


@pytest.fixture
def ended(cafe, make_customer, clock, cashier):
    """A walk-in who played 45 minutes (4.500 đ) and has not paid yet."""
    session = sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    clock.advance(timedelta(minutes=45))
    return sessions.end_session(session, at=clock.now(), reason="check_out", cashier=cashier)


def test_ending_a_session_asks_for_the_payment_before_booking_it(signed_in, ended):
    page = signed_in.get(f"/sessions/{ended.pk}/pay/").content.decode()
    assert "Cần thanh toán" in page and "4.500 đ" in page
    assert not LedgerEntry.objects.filter(kind="walk_in_payment").exists()


def test_cash_short_of_the_amount_is_refused_and_nothing_is_written(signed_in, ended):
    response = signed_in.post(f"/sessions/{ended.pk}/pay/", {"method": "cash", "received": 2000})
    assert response.status_code == 200
    assert "Khách đưa chưa đủ: cần 4.500 đ." in response.content.decode()
    ended.refresh_from_db()
    assert ended.settled_at is None and not Receipt.objects.exists()


def test_cash_payment_gives_a_receipt_with_the_change(signed_in, ended):
    response = signed_in.post(f"/sessions/{ended.pk}/pay/", {"method": "cash", "received": 10000})
    receipt = Receipt.objects.get()
    assert response["Location"] == f"/receipts/{receipt.pk}/"
    page = signed_in.get(response["Location"]).content.decode()
    assert receipt.number in page and "Quán Net Thử Nghiệm" in page
    assert "4.500 đ" in page and "10.000 đ" in page and "5.500 đ" in page
    assert "@page { size: 80mm auto" in page and "In hóa đơn" in page


def test_without_a_bank_account_only_cash_is_offered(signed_in, ended):
    page = signed_in.get(f"/sessions/{ended.pk}/pay/").content.decode()
    assert "VietQR" not in page
    response = signed_in.post(f"/sessions/{ended.pk}/pay/", {"method": "transfer"})
    assert "Quán chưa khai báo tài khoản ngân hàng." in response.content.decode()
    assert not Receipt.objects.exists()


def test_the_transfer_qr_carries_the_amount_and_the_session(signed_in, ended, settings):
    settings.NETPOINT_BILLING = BANK
    page = signed_in.get(f"/sessions/{ended.pk}/pay/").content.decode()
    payload = page.split('data-payload="', 1)[1].split('"', 1)[0]
    tags = vietqr.parse(payload)
    assert tags["54"] == "4500" and vietqr.fields(tags["62"]) == {"08": f"NP S{ended.pk}"}
    assert "<svg" in page


def test_a_transfer_goes_to_the_bank_column_not_the_drawer(signed_in, ended, settings):
    settings.NETPOINT_BILLING = BANK
    signed_in.post(f"/sessions/{ended.pk}/pay/", {"method": "transfer"})
    entry = LedgerEntry.objects.get(kind="walk_in_transfer")
    assert (entry.cash, entry.transfer) == (0, 4500)
    assert Receipt.objects.get().method == "transfer"
    report = till.shift_report(entry.shift)
    assert report.expected_cash == 0 and report.transfer_in == 4500


def test_a_session_paid_at_another_desk_is_not_paid_twice(signed_in, ended, cashier):
    sessions.settle(ended, cashier)
    response = signed_in.post(f"/sessions/{ended.pk}/pay/", {"method": "cash", "received": 5000})
    assert response["Location"] == f"/sessions/{ended.pk}/"
    assert LedgerEntry.objects.filter(kind="walk_in_payment").count() == 1


def test_a_refund_with_its_reason_goes_to_the_ledger_and_the_audit_log(signed_in, ended):
    response = signed_in.post(
        "/till/refund/", {"amount": 2000, "session": ended.pk, "reason": "Máy treo 20 phút"}
    )
    assert response.status_code == 302
    entry = LedgerEntry.objects.get(kind="cash_refund")
    assert (entry.cash, entry.note, entry.session_id) == (-2000, "Máy treo 20 phút", ended.pk)
    audit = AuditEntry.objects.get(action="billing.refund")
    assert audit.detail["reason"] == "Máy treo 20 phút" and audit.actor == "thungan"


@pytest.mark.parametrize(
    "form",
    [
        {"amount": 2000, "reason": ""},
        {"amount": 0, "reason": "Máy treo"},
        {"amount": "nhiều", "reason": "Máy treo"},
        {"amount": 2000, "session": 999999, "reason": "Máy treo"},
    ],
)
def test_a_refund_without_a_reason_or_amount_is_refused(signed_in, form):
    response = signed_in.post("/till/refund/", form)
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    assert not LedgerEntry.objects.filter(kind="cash_refund").exists()
    assert not AuditEntry.objects.filter(action="billing.refund").exists()


def test_a_balance_correction_changes_the_balance_and_is_audited(signed_in, make_member):
    account = make_member(balance=10000)
    form = {"username": account.username, "change": -3000, "reason": "Nạp nhầm"}
    assert signed_in.post("/till/balance/", form).status_code == 302
    account.refresh_from_db()
    assert account.balance == 7000
    entry = LedgerEntry.objects.get(kind="balance_correction")
    assert (entry.balance_change, entry.cash, entry.note) == (-3000, 0, "Nạp nhầm")
    assert AuditEntry.objects.get(action="billing.balance_correction").detail["change"] == -3000


def test_a_correction_below_zero_is_refused(signed_in, make_member):
    account = make_member(balance=1000)
    form = {"username": account.username, "change": -3000, "reason": "Nạp nhầm"}
    response = signed_in.post("/till/balance/", form)
    assert "Số dư không thể âm." in response.content.decode()
    account.refresh_from_db()
    assert account.balance == 1000
    assert not AuditEntry.objects.filter(action="billing.balance_correction").exists()


def test_the_next_shift_opens_with_the_cash_last_counted(signed_in, cashier, django_user_model):
    signed_in.post("/shift/", {"counted_cash": "160000"})
    other = django_user_model.objects.create_user("thungan2", password="mat-khau-thu-ngan-2")
    assert till.current_shift(other).opening_cash == 160000


def test_only_the_owner_changes_the_float(signed_in, cashier):
    shift = till.current_shift(cashier)
    assert signed_in.get(f"/shift/{shift.pk}/float/").status_code == 403
    assert 'data-testid="edit-float"' not in signed_in.get("/shift/").content.decode()


def test_the_owner_changes_the_float_and_it_is_audited(client, owner, cashier, clock):
    shift = till.current_shift(cashier)
    client.force_login(owner)
    response = client.post(f"/shift/{shift.pk}/float/", {"opening_cash": "200000"})
    assert response.status_code == 302
    assert Shift.objects.get(pk=shift.pk).opening_cash == 200000
    assert AuditEntry.objects.get(action="billing.float_changed").detail == {
        "before": 0,
        "after": 200000,
    }


def test_the_shift_report_says_thu_for_cash_in_and_writes_dong_with_dots(
    signed_in, cashier, make_member
):
    from netpoint.point.customers.services import top_up

    top_up(make_member(balance=0), 160350, cashier)
    page = signed_in.get("/shift/").content.decode()
    assert "Thu: 160.350 đ" in page and "Thứ 5" not in page


def test_the_shift_report_in_english_says_cash_in(signed_in):
    signed_in.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = signed_in.get("/shift/").content.decode()
    assert "Cash in:" in page and "Thursday" not in page


def test_a_top_up_by_transfer_adds_to_the_balance_not_the_drawer(signed_in, make_member, settings):
    settings.NETPOINT_BILLING = BANK
    account = make_member(balance=0)
    page = signed_in.get(f"/top-up/{account.pk}/50000/").content.decode()
    assert vietqr.parse(page.split('data-payload="', 1)[1].split('"', 1)[0])["54"] == "50000"
    signed_in.post(f"/top-up/{account.pk}/50000/", {"method": "transfer"})
    account.refresh_from_db()
    entry = LedgerEntry.objects.get(kind="top_up_transfer")
    assert account.balance == 50000 and (entry.cash, entry.transfer) == (0, 50000)


def test_a_top_up_out_of_range_in_the_address_is_refused(signed_in, make_member):
    account = make_member(balance=0)
    response = signed_in.post(f"/top-up/{account.pk}/99999999999/", {"method": "cash"})
    page = response.content.decode()
    assert response.status_code == 200 and "Số tiền nạp phải từ 1 đ đến 10.000.000 đ." in page
    account.refresh_from_db()
    assert account.balance == 0 and not Receipt.objects.exists()


def test_a_prepayment_beyond_the_charge_is_given_back_with_a_receipt(
    signed_in, cafe, make_customer, clock, cashier
):
    session = sessions.check_in(
        station=cafe["m1"], customer=make_customer(), kind="walk_in", prepaid=10000
    )
    clock.advance(timedelta(minutes=45))
    sessions.end_session(session, at=clock.now(), reason="check_out", cashier=cashier)
    page = signed_in.get(f"/sessions/{session.pk}/pay/").content.decode()
    assert "Trả lại khách" in page and "5.500 đ" in page
    response = signed_in.post(f"/sessions/{session.pk}/pay/")
    assert LedgerEntry.objects.get(kind="refund").cash == -5500
    assert "Trả lại khách" in signed_in.get(response["Location"]).content.decode()


@pytest.mark.parametrize("received", ["nhiều", "-1", "99999999999"])
def test_a_bad_cash_amount_is_refused_with_a_message(signed_in, ended, received):
    response = signed_in.post(
        f"/sessions/{ended.pk}/pay/", {"method": "cash", "received": received}
    )
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    assert not Receipt.objects.exists()


def test_an_unknown_payment_method_is_refused(signed_in, ended):
    response = signed_in.post(f"/sessions/{ended.pk}/pay/", {"method": "vang"})
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    assert not Receipt.objects.exists()
