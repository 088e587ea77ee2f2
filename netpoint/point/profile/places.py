"""Names of the 2025 provinces and wards (the vietnam-provinces package) for the owner's page."""

from functools import cache

from vietnam_provinces import Province, Ward


@cache
def _provinces() -> dict[int, str]:
    return {int(p.code): " ".join(p.name.split()) for p in Province.iter_all()}


@cache
def _wards() -> dict[int, str]:
    return {int(w.code): " ".join(w.name.split()) for w in Ward.iter_all()}


def province_name(code: int) -> str:
    return _provinces().get(code, str(code))


def ward_name(code: int) -> str:
    return _wards().get(code, str(code))
