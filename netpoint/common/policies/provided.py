"""The policy a provider sets for one of its points: the point's legal category, where it is
(2025 province and ward codes), its opening hours and whether a minor's minutes count across
every point. The provider decides it and signs it (netpoint.common.events.policy); the point
applies the newest one it could verify and cannot change it.

Pure: the decisions take what they need and read no clock and no database.
"""

from dataclasses import dataclass
from datetime import time

from netpoint.common.policies.hours import OpeningHours

# The point types both roles know (provider registry, point profile).
POINT_TYPES = ("internet", "game", "wifi")


class PolicyInvalid(ValueError):
    """A policy document that is not one: a missing field or a value of the wrong kind."""


def _hhmm(value) -> str:
    if not isinstance(value, str):
        raise PolicyInvalid("opening hours must be 'HH:MM'")
    try:
        hour, minute = value.split(":")
        time(int(hour), int(minute))
    except ValueError:
        raise PolicyInvalid("opening hours must be 'HH:MM'") from None
    return value


def _int(data: dict, name: str) -> int:
    value = data.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise PolicyInvalid(f"{name} must be a whole number")
    return value


@dataclass(frozen=True)
class PointPolicy:
    point: str  # the point's code: a policy is for one point only
    # Grows with every change (milliseconds since 1970 of the last change at the provider): the
    # point refuses a policy older than the one it holds.
    version: int
    point_type: str
    province_code: int
    ward_code: int
    # Local opening and closing time; None: open around the clock.
    opening_hours: tuple[str, str] | None
    # Where the hours come from: "national", "province" (the province's own rule) or "point".
    hours_source: str
    # Whether a minor's minutes today at every point of the provider count (Nghị định
    # 147/2024/NĐ-CP binds game publishers; at game points the provider or province turns it on).
    minors_across_points: bool
    minor_daily_minutes: int

    def as_json(self) -> dict:
        return {
            "point": self.point,
            "version": self.version,
            "point_type": self.point_type,
            "province_code": self.province_code,
            "ward_code": self.ward_code,
            "opening_hours": list(self.opening_hours) if self.opening_hours else None,
            "hours_source": self.hours_source,
            "minors_across_points": self.minors_across_points,
            "minor_daily_minutes": self.minor_daily_minutes,
        }

    @classmethod
    def from_json(cls, data) -> "PointPolicy":
        if not isinstance(data, dict):
            raise PolicyInvalid("a policy is a JSON object")
        point, kind = data.get("point"), data.get("point_type")
        if not isinstance(point, str) or not point:
            raise PolicyInvalid("point must name the point")
        if kind not in POINT_TYPES:
            raise PolicyInvalid("point_type is not a known type")
        hours = data.get("opening_hours")
        if hours is not None:
            if not isinstance(hours, list) or len(hours) != 2:
                raise PolicyInvalid("opening_hours must be [opens, closes] or null")
            hours = (_hhmm(hours[0]), _hhmm(hours[1]))
        across = data.get("minors_across_points")
        if not isinstance(across, bool):
            raise PolicyInvalid("minors_across_points must be true or false")
        source = data.get("hours_source")
        if source not in ("national", "province", "point"):
            raise PolicyInvalid("hours_source is not known")
        return cls(
            point=point,
            version=_int(data, "version"),
            point_type=kind,
            province_code=_int(data, "province_code"),
            ward_code=_int(data, "ward_code"),
            opening_hours=hours,
            hours_source=source,
            minors_across_points=across,
            minor_daily_minutes=_int(data, "minor_daily_minutes"),
        )

    @property
    def hours(self) -> OpeningHours | None:
        if self.opening_hours is None:
            return None
        opens, closes = (time.fromisoformat(value) for value in self.opening_hours)
        return None if opens == closes else OpeningHours(opens, closes)


@dataclass(frozen=True)
class Verdict:
    take: bool
    # Why a policy is not taken: "other_point", "older" or "same" (nothing new: not a fault).
    refusal: str = ""


def verdict(incoming: PointPolicy, own_point: str, held_version: int | None) -> Verdict:
    """Whether a verified policy replaces the one held (None: none yet)."""
    if incoming.point != own_point:
        return Verdict(False, "other_point")
    if held_version is not None and incoming.version < held_version:
        return Verdict(False, "older")
    if held_version is not None and incoming.version == held_version:
        return Verdict(False, "same")
    return Verdict(True)


@dataclass(frozen=True)
class LocalWish:
    """What the point's own profile says (the owner's wish, or what it ran on before any
    policy came)."""

    point_type: str
    province_code: str


@dataclass(frozen=True)
class Conflict:
    field: str  # "point_type" or "province_code"
    provider_value: str
    local_value: str


def conflicts(policy: PointPolicy, wish: LocalWish) -> tuple[Conflict, ...]:
    """Where the owner's wish differs from the provider's policy (the policy applies). A
    province of "*" (any) or blank wishes nothing."""
    found = []
    if wish.point_type != policy.point_type:
        found.append(Conflict("point_type", policy.point_type, wish.point_type))
    province = wish.province_code.strip()
    if province not in ("", "*") and province.lstrip("0") != str(policy.province_code):
        found.append(Conflict("province_code", str(policy.province_code), province))
    return tuple(found)
