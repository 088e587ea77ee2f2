"""The agency a report goes to, per duty (NETPOINT_AGENCIES, netpoint.provider.reports.conf):
internet points and Wi-Fi, game points and online games. Modules name their duty and read it
from here, so the names change in one setting when the law moves a duty again."""

from netpoint.provider.registry import divisions
from netpoint.provider.reports.conf import SEEDS, agencies

DUTIES = ("internet", "wifi", "game_points", "online_games")


def _pair(duty: str) -> tuple[str, str]:
    if duty not in DUTIES:
        raise ValueError(f"no duty {duty!r}; the duties are {', '.join(DUTIES)}")
    settings = agencies()
    return SEEDS if settings.names == "seeds" else getattr(settings, duty)


def ministry(duty: str) -> str:
    return _pair(duty)[0]


def department(duty: str, province_code: int) -> str:
    """The provincial department of `duty` in a province, e.g. "Sở Khoa học và Công nghệ
    thành phố Hà Nội"."""
    name = divisions.province_name(province_code)
    city = "Thành phố "
    where = f"thành phố {name[len(city) :]}" if name.startswith(city) else f"tỉnh {name}"
    return f"{_pair(duty)[1]} {where}"


def addressees(duty: str, province_code: int | None = None, *, with_department=False) -> str:
    """The "Kính gửi" of a report: the ministry, and the province's department when the report
    is for one province and goes to both."""
    names = [ministry(duty)]
    if with_department and province_code:
        names.append(department(duty, province_code))
    return "; ".join(names)
