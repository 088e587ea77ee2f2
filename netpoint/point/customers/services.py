"""Registering customers with a checked identity, member accounts and top-ups."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from netpoint.common.core import clock
from netpoint.common.core.policy import limits, local_tz
from netpoint.common.identity.phones import normalize_mobile
from netpoint.common.identity.validators import IdentityError, validate_id
from netpoint.common.money import vnd
from netpoint.common.policies.age import age_on, needs_guardian
from netpoint.common.sealing.indexes import id_index, key_ring, phone_index
from netpoint.point.billing import services as till
from netpoint.point.billing.models import LedgerEntry
from netpoint.point.customers.models import ID_TYPE_CHOICES, Customer, MemberAccount
from netpoint.point.outbox import services as outbox
from netpoint.point.sessions.models import Session
from netpoint.point.stations import live

MAX_TOP_UP = 10_000_000


def check_identity(data: dict) -> dict:
    """Validate and normalise the identity fields; raise ValidationError keyed by field."""
    errors: dict[str, str] = {}
    cleaned = dict(data)
    today = clock.now().astimezone(local_tz()).date()
    dob = data.get("date_of_birth")
    if dob and dob > today:
        errors["date_of_birth"] = _("Ngày sinh không thể ở tương lai.")
    try:
        cleaned["id_number"] = validate_id(
            data.get("id_type", ""),
            data.get("id_number", ""),
            date_of_birth=dob,
            gender=data.get("gender") or None,
        )
    except IdentityError as err:
        errors["id_number"] = str(err)
    issued_on = data.get("id_issued_on")
    if issued_on and (issued_on > today or (dob and issued_on < dob)):
        errors["id_issued_on"] = _("Ngày cấp phải sau ngày sinh và không ở tương lai.")
    if data.get("phone"):
        try:
            cleaned["phone"] = normalize_mobile(data["phone"])
        except IdentityError as err:
            errors["phone"] = str(err)
    if dob and not errors.get("date_of_birth"):
        errors.update(_guardian_errors(data, dob, today))
    if errors:
        raise ValidationError(errors)
    return cleaned


def _guardian_errors(data: dict, dob, today) -> dict:
    guardian = data.get("guardian")
    if needs_guardian(dob, today, limits().guardian_age):
        if guardian is None:
            return {
                "guardian": _("Trẻ em dưới %(age)s tuổi phải có người giám hộ đã đăng ký.")
                % {"age": limits().guardian_age}
            }
        if age_on(guardian.date_of_birth, today) < limits().adult_age:
            return {"guardian": _("Người giám hộ phải là người đã thành niên.")}
        if not data.get("guardian_relation"):
            return {"guardian_relation": _("Hãy ghi quan hệ với người giám hộ.")}
    return {}


@transaction.atomic
def register_customer(data: dict, cashier, username: str = "", password: str = "") -> Customer:
    """Register a customer, and open their member account in the same transaction."""
    cleaned = check_identity(data)
    index = id_index(cleaned["id_type"], cleaned["id_number"], key_ring())
    if Customer.objects.filter(id_index=index).exists():
        raise ValidationError({"id_number": _("Giấy tờ này đã được đăng ký cho khách khác.")})
    customer = Customer.objects.create(**cleaned)
    till.record(LedgerEntry.Kind.CUSTOMER_REGISTERED, cashier=cashier, note=f"#{customer.pk}")
    emit_person("person.registered", customer)
    if username:
        open_account(customer, username, password, cashier)
    return customer


def with_id_number(number: str) -> Q:
    """Customers holding this ID number, whatever the kind of document: the blind index of
    each kind, since only those are stored."""
    ring = key_ring()
    return Q(id_index__in=[id_index(kind, number, ring) for kind, _label in ID_TYPE_CHOICES])


def with_phone(text: str) -> Q:
    """Customers with this mobile number, however it was written (0912 345 678, +84…); no one
    when the text is not a mobile number."""
    try:
        phone = normalize_mobile(text)
    except IdentityError:
        return Q(pk__in=[])
    return Q(phone_index=phone_index(phone, key_ring()))


# The person's numbers wait in the outbox sealed too, opened only as the batch leaves.
PERSON_NUMBERS = ("id_number", "phone")


def emit_person(kind: str, customer: Customer) -> None:
    """The person event the provider expects (the numbers in plain text, as it seals them on
    its side), written to the outbox in the caller's transaction with the numbers sealed."""
    outbox.emit(kind, person_data(customer), sealed=PERSON_NUMBERS)


def person_data(customer: Customer) -> dict:
    return {
        "person": customer.pk,
        "full_name": customer.full_name,
        "date_of_birth": customer.date_of_birth.isoformat(),
        "gender": customer.gender,
        "id_type": customer.id_type,
        "id_number": customer.id_number,
        "id_issued_on": customer.id_issued_on.isoformat() if customer.id_issued_on else None,
        "id_issued_by": customer.id_issued_by,
        "address": customer.address,
        "phone": customer.phone,
        "guardian": customer.guardian_id,
        "guardian_relation": customer.guardian_relation,
    }


@transaction.atomic
def open_account(customer: Customer, username: str, password: str, cashier) -> MemberAccount:
    if MemberAccount.objects.filter(customer=customer).exists():
        raise ValidationError({"username": _("Khách hàng này đã có tài khoản hội viên.")})
    if MemberAccount.objects.filter(username=username).exists():
        raise ValidationError({"username": _("Tên đăng nhập này đã có người dùng.")})
    account = MemberAccount(customer=customer, username=username)
    account.set_password(password)
    account.save()
    till.record(LedgerEntry.Kind.ACCOUNT_OPENED, cashier=cashier, account=account)
    return account


def top_up(account: MemberAccount, amount: int, cashier) -> MemberAccount:
    pay_top_up(account, amount, cashier)
    return MemberAccount.objects.get(pk=account.pk)


@transaction.atomic
def pay_top_up(account: MemberAccount, amount: int, cashier, method="cash", received=None):
    """Add to the balance, paid in cash (with change) or by VietQR; returns the receipt."""
    if not 1 <= amount <= MAX_TOP_UP:
        raise ValidationError(
            {"amount": _("Số tiền nạp phải từ 1 đ đến %(max)s.") % {"max": vnd(MAX_TOP_UP)}}
        )
    payment = till.check_payment(amount, method, received)
    account = MemberAccount.objects.select_for_update().get(pk=account.pk)
    account.balance += amount
    account.save(update_fields=["balance"])
    # A member playing now gets more time: their station must see the new balance.
    running = Session.objects.filter(customer_id=account.customer_id, ended_at__isnull=True)
    for station_id in running.values_list("station_id", flat=True):
        live.forget(station_id)
    return till.take_payment(
        payment,
        cashier=cashier,
        description=_("Nạp tiền tài khoản %(username)s") % {"username": account.username},
        cash_kind=LedgerEntry.Kind.TOP_UP,
        transfer_kind=LedgerEntry.Kind.TOP_UP_TRANSFER,
        account=account,
        balance_change=amount,
    )
