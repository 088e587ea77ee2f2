"""An account's data as the operator's account system sends it, checked: ID and phone numbers
validated, sealed and found by blind index, a guardian for a player under the guardian age,
dates that make sense; and an account's state (minor, needs a guardian) on a day.

Nothing here writes: netpoint.provider.modules.games.services saves what these checks accept,
with the account's history.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext as _

from netpoint.common.core import clock
from netpoint.common.core.policy import local_tz
from netpoint.common.identity.phones import normalize_mobile
from netpoint.common.identity.validators import GENDERS, IdentityError, validate_id
from netpoint.common.policies.age import age_on
from netpoint.common.sealing.crypto import blind_index, seal, unseal
from netpoint.common.sealing.indexes import key_ring
from netpoint.provider.modules.games import policy
from netpoint.provider.modules.games.conf import conf
from netpoint.provider.modules.games.models import Account
from netpoint.provider.registry.divisions import province_name

ID_COLUMN = "games_account.id_number"
PHONE_COLUMN = "games_account.phone"
GUARDIAN_ID_COLUMN = "games_account.guardian_id_number"
GUARDIAN_PHONE_COLUMN = "games_account.guardian_phone"


class Refused(ValueError):
    """A call that cannot be carried out; `message` says why, in the user's language."""

    def __init__(self, message: str, status: int = 422):
        super().__init__(message)
        self.message = message
        self.status = status


def rules() -> policy.Rules:
    """The law's numbers from the games settings: the ages used here, the play time of
    playtime.py."""
    games = conf()
    return policy.Rules(
        adult_age=games.adult_age,
        guardian_age=games.guardian_age,
        game_seconds=games.minor_game_minutes * 60,
        day_seconds=games.minor_daily_minutes * 60,
        warning_every_seconds=games.warning_every_minutes * 60,
        reward_full_seconds=games.reward_full_minutes * 60,
        reward_half_seconds=games.reward_half_minutes * 60,
        lease_seconds=games.lease_seconds,
    )


@dataclass(frozen=True)
class AccountState:
    account: Account
    minor: bool
    needs_guardian: bool


def _identity_error(field: str, error: IdentityError) -> Refused:
    return Refused(_("%(field)s: %(error)s") % {"field": field, "error": error.message})


def _check_dates(issued_on: date | None, born: date | None, today: date, field: str) -> None:
    if issued_on and issued_on > today:
        raise Refused(_("%(field)s: ngày cấp ở tương lai.") % {"field": field})
    if born and issued_on and issued_on < born:
        raise Refused(_("%(field)s: ngày cấp trước ngày sinh.") % {"field": field})


def apply_changes(account: Account, data: dict, now: datetime) -> list[str]:
    """Sets the given fields on `account` after checking them; the names of those that changed."""
    ring = key_ring()
    changed = []
    today = policy.local_day(now, local_tz())

    def put(field, value):
        if getattr(account, field) != value:
            setattr(account, field, value)
            changed.append(field)

    for field in ("full_name", "address", "id_issued_by"):
        if field in data:
            if not data[field].strip():
                raise Refused(_("%(field)s: không được để trống.") % {"field": field})
            put(field, data[field].strip())
    if "date_of_birth" in data:
        born = data["date_of_birth"]
        if born > today or age_on(born, today) > 130:
            raise Refused(_("date_of_birth: ngày sinh không hợp lệ."))
        put("date_of_birth", born)
    if "gender" in data:
        if data["gender"] not in GENDERS:
            raise Refused(_("gender: chỉ nhận male hoặc female."))
        put("gender", data["gender"])
    if "province_code" in data:
        if not province_name(data["province_code"]):
            raise Refused(_("province_code: không có tỉnh, thành phố mang mã này."))
        put("province_code", data["province_code"])
    if "id_issued_on" in data:
        put("id_issued_on", data["id_issued_on"])
    if "id_type" in data or "id_number" in data:
        id_type = data.get("id_type", account.id_type)
        if "id_number" not in data:
            raise Refused(_("id_number: đổi loại giấy tờ thì phải gửi cả số giấy tờ."))
        try:
            number = validate_id(
                id_type, data["id_number"], account.date_of_birth, account.gender or None
            )
        except IdentityError as error:
            raise _identity_error("id_number", error) from None
        index = blind_index(f"{id_type}:{number}", ID_COLUMN, ring)
        if index != account.id_index:
            put("id_type", id_type)
            put("id_index", index)
            put("id_number_sealed", seal(number, ID_COLUMN, ring))
    _check_dates(account.id_issued_on, account.date_of_birth, today, "id_issued_on")
    if "phone" in data:
        try:
            phone = normalize_mobile(data["phone"])
        except IdentityError as error:
            raise _identity_error("phone", error) from None
        index = blind_index(phone, PHONE_COLUMN, ring)
        if index != account.phone_index:
            put("phone_index", index)
            put("phone_sealed", seal(phone, PHONE_COLUMN, ring))
            if "phone_verified" not in data:
                put("phone_verified_at", None)  # a new number is not verified yet
    if "phone_verified" in data:
        verified = data["phone_verified"]
        if verified != (account.phone_verified_at is not None):
            put("phone_verified_at", now if verified else None)
    if "guardian" in data:
        _apply_guardian(account, data["guardian"], put, today, ring)
    if age_on(account.date_of_birth, today) < rules().guardian_age and not account.guardian_name:
        raise Refused(
            _("guardian: người chơi dưới %(age)s tuổi phải có thông tin người giám hộ.")
            % {"age": rules().guardian_age}
        )
    return changed


def _apply_guardian(account: Account, guardian: dict | None, put, today: date, ring) -> None:
    if guardian is None:
        for field in ("name", "relation", "address", "id_type", "id_index", "id_number_sealed"):
            put(f"guardian_{field}", "")
        put("guardian_id_issued_on", None)
        put("guardian_id_issued_by", "")
        put("guardian_phone_sealed", "")
        return
    for field in ("full_name", "relation", "address", "id_issued_by"):
        if not guardian[field].strip():
            raise Refused(_("guardian.%(field)s: không được để trống.") % {"field": field})
    try:
        number = validate_id(guardian["id_type"], guardian["id_number"])
    except IdentityError as error:
        raise _identity_error("guardian.id_number", error) from None
    _check_dates(guardian["id_issued_on"], None, today, "guardian.id_issued_on")
    put("guardian_name", guardian["full_name"].strip())
    put("guardian_relation", guardian["relation"].strip())
    put("guardian_address", guardian["address"].strip())
    put("guardian_id_issued_on", guardian["id_issued_on"])
    put("guardian_id_issued_by", guardian["id_issued_by"].strip())
    index = blind_index(f"{guardian['id_type']}:{number}", GUARDIAN_ID_COLUMN, ring)
    if index != account.guardian_id_index:
        put("guardian_id_type", guardian["id_type"])
        put("guardian_id_index", index)
        put("guardian_id_number_sealed", seal(number, GUARDIAN_ID_COLUMN, ring))
    phone = ""
    if guardian.get("phone"):
        try:
            phone = normalize_mobile(guardian["phone"])
        except IdentityError as error:
            raise _identity_error("guardian.phone", error) from None
    sealed = account.guardian_phone_sealed
    if phone != (unseal(sealed, GUARDIAN_PHONE_COLUMN, ring) if sealed else ""):
        put("guardian_phone_sealed", seal(phone, GUARDIAN_PHONE_COLUMN, ring) if phone else "")


def today() -> date:
    return policy.local_day(clock.now(), local_tz())


def state_of(account: Account, on: date) -> AccountState:
    age = age_on(account.date_of_birth, on)
    return AccountState(account, age < rules().adult_age, age < rules().guardian_age)
