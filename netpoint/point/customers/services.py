"""Registering customers with a checked identity, member accounts and top-ups."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from netpoint.common.audit import services as audit
from netpoint.common.core import clock
from netpoint.common.core.policy import limits, local_tz
from netpoint.common.identity.cccd_qr import CccdQr
from netpoint.common.identity.normalise import fold_name, normalise_id_number
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
    indexes = [
        id_index(kind, normalise_id_number(kind, number), ring) for kind, _label in ID_TYPE_CHOICES
    ]
    return Q(id_index__in=indexes)


def with_name(text: str) -> Q:
    """Customers whose name holds every word typed, with or without accents."""
    words = fold_name(text).split()
    if not words:
        return Q(pk__in=[])
    query = Q()
    for word in words:
        query &= Q(search_name__contains=word)
    return query


def matching(text: str) -> Q:
    """The customer search: by name (accents optional), ID number however written, mobile
    number however written, or member username."""
    text = text.strip()
    return with_name(text) | with_id_number(text) | with_phone(text) | Q(account__username=text)


def identity_from_qr(card: CccdQr) -> dict:
    """The registration form's fields from a scanned chip CCCD."""
    return {
        "full_name": card.full_name,
        "date_of_birth": card.date_of_birth,
        "gender": card.gender,
        "id_type": "cccd",
        "id_number": card.number,
        "id_issued_on": card.issued_on,
        "address": card.address,
    }


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


# What the owner may correct on a customer's record (the owner's pages, netpoint.point.owner):
# the identity document itself is not among them, it is checked only at registration.
EDITABLE_FIELDS = ("full_name", "gender", "address", "phone", "id_issued_by")


@transaction.atomic
def update_customer(customer: Customer, data: dict, by) -> list[str]:
    """Change the editable fields given in `data`; return the names of those that changed.

    The audit log holds which fields changed and who changed them, never their values (personal
    data stays out of logs); the provider hears the new identity as "person.updated"."""
    errors: dict[str, str] = {}
    cleaned = {name: (data.get(name) or "").strip() for name in EDITABLE_FIELDS if name in data}
    if "full_name" in cleaned and not cleaned["full_name"]:
        errors["full_name"] = _("Hãy nhập họ và tên.")
    if "address" in cleaned and not cleaned["address"]:
        errors["address"] = _("Hãy nhập địa chỉ.")
    if cleaned.get("phone"):
        try:
            cleaned["phone"] = normalize_mobile(cleaned["phone"])
        except IdentityError as err:
            errors["phone"] = str(err)
    if cleaned.get("gender") and cleaned["gender"] not in Customer.Gender.values:
        errors["gender"] = _("Giới tính không hợp lệ.")
    if errors:
        raise ValidationError(errors)
    customer = Customer.objects.select_for_update().get(pk=customer.pk)
    changed = [name for name, value in cleaned.items() if getattr(customer, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(customer, name, cleaned[name])
    customer.save()
    audit.record(
        "customer_updated", user=by, target=f"customer:{customer.pk}", detail={"fields": changed}
    )
    emit_person("person.updated", customer)
    return changed


def new_password() -> str:
    """A password to read out to the customer once: letters and digits that cannot be
    mistaken for one another."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _step in range(10))


@transaction.atomic
def make_member(customer: Customer, username: str, by) -> tuple[MemberAccount, str]:
    """Open a member account for a walk-in with a new password, returned to be shown once."""
    username = username.strip()
    if not username:
        raise ValidationError({"username": _("Hãy nhập tên đăng nhập.")})
    password = new_password()
    account = open_account(customer, username, password, by)
    audit.record("member_opened", user=by, target=f"customer:{customer.pk}")
    return account, password


@transaction.atomic
def reset_password(account: MemberAccount, by) -> str:
    """Give a member a new password, returned to be shown once; audited."""
    account = MemberAccount.objects.select_for_update().get(pk=account.pk)
    password = new_password()
    account.set_password(password)
    account.save(update_fields=["password_hash"])
    audit.record("member_password_reset", user=by, target=f"customer:{account.customer_id}")
    return password
