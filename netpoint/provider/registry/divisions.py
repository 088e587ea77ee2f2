"""Vietnam's administrative units since 1 July 2025 (34 provinces and their wards), from the
vietnam-provinces package, read once and kept."""

from functools import cache

from vietnam_provinces import Province, Ward


@cache
def provinces() -> list[tuple[int, str]]:
    return sorted(((int(p.code), _tidy(p.name)) for p in Province.iter_all()), key=lambda p: p[0])


@cache
def _wards() -> dict[int, tuple[str, int]]:
    return {int(w.code): (_tidy(w.name), int(w.province_code)) for w in Ward.iter_all()}


def _tidy(name: str) -> str:
    return " ".join(name.split())  # the data has a few doubled spaces


@cache
def wards_of(province_code: int) -> list[tuple[int, str]]:
    found = [(code, name) for code, (name, prov) in _wards().items() if prov == province_code]
    return sorted(found, key=lambda w: w[1])


def province_name(code: int) -> str:
    return dict(provinces()).get(code, "")


def ward_name(code: int) -> str:
    return _wards().get(code, ("", 0))[0]


def ward_in_province(ward_code: int, province_code: int) -> bool:
    return _wards().get(ward_code, ("", None))[1] == province_code
