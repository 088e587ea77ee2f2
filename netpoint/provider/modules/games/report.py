"""The semi-annual report of an online game operator (công văn 1515/BBCVT-VT, mục 3), due in
the first week of January and July and covering the half-year to 30/6 or 31/12: computed from
the records where they exist, entered by staff where they do not.

It goes to the ministry in charge of online games and to the department of every province the
operator served; a province is served when a player whose account is registered there played in
the half-year (the same players section 3 counts). Every figure is one aggregate query in the
database (bench/games_report.py times them on a million accounts and ten million sessions), and
the layout is the provider's other reports' (netpoint.provider.reports.official: Times New
Roman 13)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, F, OuterRef, Q, Sum

from netpoint.common.core.policy import local_tz
from netpoint.common.money import thousands
from netpoint.provider.modules.games.conf import conf
from netpoint.provider.modules.games.models import Account, Game, GameServer, PlayDay, PlaySession
from netpoint.provider.registry.divisions import province_name
from netpoint.provider.reports import official


def period(year: int, half: int) -> tuple[date, date]:
    """First and last day of the half-year."""
    return (
        (date(year, 1, 1), date(year, 6, 30))
        if half == 1
        else (date(year, 7, 1), date(year, 12, 31))
    )


def _instant(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=local_tz())


def _months(first: date) -> list[str]:
    return [f"{first.month + n:02d}/{first.year}" for n in range(6)]


@dataclass(frozen=True)
class ProvincePlayers:
    province_code: int
    players: int


@dataclass(frozen=True)
class SessionFigures:
    sessions: int
    minors: int
    game_limit: int
    day_limit: int
    age_rating: int
    no_guardian: int
    heartbeats: int
    late_heartbeats: int


@dataclass(frozen=True)
class AccountFigures:
    active: int
    phone_verified: int
    under_guardian_age: int
    with_guardian: int


def players_by_province(first: date, last: date) -> list[ProvincePlayers]:
    """Accounts that played in the half-year, by the province they are registered in."""
    played = PlayDay.objects.filter(
        account=OuterRef("pk"), day__gte=first, day__lte=last, seconds__gt=0
    )
    rows = (
        Account.objects.filter(Exists(played))
        .values_list("province_code")
        .annotate(n=Count("pk"))
        .order_by("province_code")
    )
    return [ProvincePlayers(code, n) for code, n in rows]


def session_figures(first: date, last: date) -> SessionFigures:
    """Sessions started in the half-year and how they ended, in one pass over them."""
    sessions = PlaySession.objects.filter(
        started_at__gte=_instant(first), started_at__lt=_instant(last + timedelta(days=1))
    )
    # A start refused (age, guardian, closed account, no time left) is kept as a session that
    # ended as it began: counted by its reason, not as play.
    played = Q(ended_at__isnull=True) | Q(ended_at__gt=F("started_at"))
    found = sessions.aggregate(
        sessions=Count("pk", filter=played),
        minors=Count("pk", filter=played & Q(minor=True)),
        game_limit=Count("pk", filter=Q(end_reason="game_limit")),
        day_limit=Count("pk", filter=Q(end_reason="day_limit")),
        age_rating=Count("pk", filter=Q(end_reason="age_rating")),
        no_guardian=Count("pk", filter=Q(end_reason="no_guardian")),
        heartbeats=Sum("heartbeats", default=0),
        late_heartbeats=Sum("late_heartbeats", default=0),
    )
    return SessionFigures(**found)


def _open_at(until: datetime):
    return Account.objects.filter(created_at__lt=until).exclude(closed_at__lt=until)


def account_figures(last: date) -> AccountFigures:
    """Accounts open at the end of the half-year; under the guardian age on its last day means
    born after the day that many years before it."""
    born_after = last.replace(year=last.year - conf().guardian_age)
    young = Q(date_of_birth__gt=born_after)
    found = _open_at(_instant(last + timedelta(days=1))).aggregate(
        active=Count("pk"),
        phone_verified=Count("pk", filter=Q(phone_verified_at__isnull=False)),
        under_guardian_age=Count("pk", filter=young),
        with_guardian=Count("pk", filter=young & ~Q(guardian_name="")),
    )
    return AccountFigures(**found)


def registered_by_game(last: date) -> dict[int, int]:
    """Open accounts registered for each game at the end of the half-year."""
    until = _instant(last + timedelta(days=1))
    open_then = Q(accounts__created_at__lt=until) & (
        Q(accounts__closed_at__isnull=True) | Q(accounts__closed_at__gte=until)
    )
    return dict(Game.objects.annotate(n=Count("accounts", filter=open_then)).values_list("pk", "n"))


def department(province_code: int) -> str:
    """The department of a province, by the settings' name for it or the agency's."""
    games = conf()
    named = games.report_departments
    own = named.get(str(province_code)) or named.get(province_code)
    if own:
        return own
    province = province_name(province_code)
    return f"{games.agency.department} {province[:1].lower()}{province[1:]}".strip()


def addressees(provinces: list[ProvincePlayers]) -> list[str]:
    """The ministry, then the department of every province served."""
    return [conf().agency.ministry] + [department(p.province_code) for p in provinces]


def _kinh_gui(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    lines = [f"- {name};" for name in names]
    lines[-1] = lines[-1][:-1] + "."
    return "\n" + "\n".join(lines)


def _table(columns: list[str], rows: list[list]) -> dict:
    return {"columns": columns, "rows": rows}


def _section(heading: str, paragraphs=(), tables=()) -> dict:
    return {"heading": heading, "paragraphs": list(paragraphs), "tables": list(tables)}


def content(report, provinces: list[ProvincePlayers]) -> dict:
    """What the report says, as netpoint.provider.reports.official lays it out."""
    first, last = period(report.year, report.half)
    games = list(Game.objects.order_by("name_vi"))
    registered = registered_by_game(last)
    sessions = session_figures(first, last)
    accounts = account_figures(last)
    rules = conf()
    revenue = list(report.revenue) + [0] * (6 - len(report.revenue))
    servers = GameServer.objects.select_related("game").order_by("game__name_vi", "name")
    capacity = (
        f"{thousands(report.capacity_accounts)} tài khoản"
        if report.capacity_accounts is not None
        else "chưa nhập"
    )
    return {
        "title": "BÁO CÁO\nTình hình phát triển và hoạt động cung cấp dịch vụ trò chơi trực tuyến",
        "period": f"Tính đến ngày {last:%d/%m/%Y} (từ ngày {first:%d/%m/%Y})",
        "sections": [
            _section(
                "1. Các trò chơi đang cung cấp",
                tables=[
                    _table(
                        ["Tên gốc", "Tên Việt hóa", "Loại hình", "Nguồn gốc", "Độ tuổi"]
                        + ["Số giấy phép"],
                        [
                            [g.name_original, g.name_vi, g.kind, g.origin, g.age_rating]
                            + [g.licence_number]
                            for g in games
                        ],
                    )
                ],
            ),
            _section(
                "2. Tài khoản đăng ký thực tế của từng trò chơi",
                [
                    "Số lượng tài khoản tối đa hệ thống có thể đáp ứng được tại thời điểm báo "
                    f"cáo (ngày {report.dated:%d/%m/%Y}): {capacity}."
                ],
                [
                    _table(
                        ["Trò chơi", "Số tài khoản đăng ký"],
                        [[g.name_vi, registered.get(g.pk, 0)] for g in games]
                        + [["Tổng cộng", sum(registered.values())]],
                    )
                ],
            ),
            _section(
                "3. Số người thực tế sử dụng dịch vụ theo địa phương",
                tables=[
                    _table(
                        ["Tỉnh, thành phố", "Số người sử dụng"],
                        [[province_name(p.province_code), p.players] for p in provinces]
                        + [["Tổng cộng", sum(p.players for p in provinces)]],
                    )
                ],
            ),
            _section(
                "4. Dịch vụ viễn thông giá trị gia tăng trong trò chơi",
                tables=[
                    _table(
                        ["Trò chơi", "Dịch vụ"],
                        [[g.name_vi, g.value_added_services or "Không có"] for g in games],
                    )
                ],
            ),
            _section(
                "5. Máy chủ, kết nối Internet và thuê kênh",
                tables=[
                    _table(
                        ["Trò chơi", "Cụm máy chủ", "Số máy", "Cấu hình", "Địa điểm đặt"]
                        + ["Phương thức kết nối", "Dung lượng (Mbps)", "Thuê kênh riêng"],
                        [
                            [s.game.name_vi, s.name, s.count, s.configuration, s.location]
                            + [s.connection, s.bandwidth_mbps, s.leased_line or "Không thuê"]
                            for s in servers
                        ],
                    )
                ],
            ),
            _section(
                "6. Hoạt động và hiệu quả của phần mềm quản lý giờ chơi và thông tin người chơi",
                tables=[
                    _table(
                        ["Chỉ tiêu", "Số liệu"],
                        [
                            ["Phiên chơi (không kể lượt vào bị từ chối)", sessions.sessions],
                            [
                                f"Phiên của người chơi dưới {rules.adult_age} tuổi",
                                sessions.minors,
                            ],
                            [
                                "Phiên kết thúc do đủ "
                                f"{rules.minor_game_minutes} phút một trò chơi",
                                sessions.game_limit,
                            ],
                            [
                                f"Phiên kết thúc do đủ {rules.minor_daily_minutes} phút trong ngày",
                                sessions.day_limit,
                            ],
                            ["Lượt vào bị từ chối do độ tuổi của trò chơi", sessions.age_rating],
                            ["Lượt vào bị từ chối do thiếu người giám hộ", sessions.no_guardian],
                            ["Nhịp báo giờ chơi nhận được", sessions.heartbeats],
                            ["Nhịp báo đến sau khi hết thời hạn", sessions.late_heartbeats],
                            [f"Tài khoản còn mở đến hết ngày {last:%d/%m/%Y}", accounts.active],
                            ["Tài khoản đã xác minh số điện thoại", accounts.phone_verified],
                            [
                                f"Người chơi dưới {rules.guardian_age} tuổi (cần người giám hộ)",
                                accounts.under_guardian_age,
                            ],
                            ["Trong đó có đủ thông tin người giám hộ", accounts.with_guardian],
                        ],
                    )
                ],
            ),
            _section(
                "7. Phương án đảm bảo an toàn, an ninh và phương án khắc phục sự cố",
                [report.security_plan],
            ),
            _section(
                "8. Doanh thu theo từng tháng",
                tables=[
                    _table(
                        ["Tháng", "Doanh thu (đồng)"],
                        [[m, v] for m, v in zip(_months(first), revenue, strict=True)]
                        + [["Tổng cộng", sum(revenue)]],
                    )
                ],
            ),
            _section(
                "9. Hợp tác với doanh nghiệp khác (trách nhiệm của mỗi bên)",
                [report.partners or "Không có"],
            ),
            _section("10. Kiến nghị và đề xuất", [report.recommendations or "Không có"]),
        ],
    }


@dataclass(frozen=True)
class Built:
    heading: official.Heading
    content: dict
    addressees: list[str]


def build(report) -> Built:
    first, last = period(report.year, report.half)
    provinces = players_by_province(first, last)
    names = addressees(provinces)
    heading = official.Heading(
        sender=report.company,
        number=report.number,
        place=report.place,
        on=report.dated,
        addressee=_kinh_gui(names),
        signer_title=report.signer_title,
        signer_name=report.signer_name,
    )
    return Built(heading, content(report, provinces), names)


def to_docx(report) -> bytes:
    built = build(report)
    return official.to_docx(built.heading, built.content)


def to_xlsx(report) -> bytes:
    built = build(report)
    return official.to_xlsx(built.heading, built.content)
