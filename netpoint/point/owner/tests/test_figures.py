from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from netpoint.point.owner import figures

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=HCM).astimezone(UTC)


def test_revenue_is_counted_on_the_local_day_it_was_settled():
    charges = [
        figures.Charge(at(10, 23, 30), "Thường", 6000),
        figures.Charge(at(11, 0, 30), "VIP", 12000),  # 17:30 UTC the day before
    ]
    board = figures.dashboard(date(2026, 3, 10), date(2026, 3, 11), charges, [], [], 2, HCM)
    assert [(row.label, row.amount) for row in board.by_day] == [("10/03", 6000), ("11/03", 12000)]
    assert board.revenue == 18000


def test_revenue_by_zone_adds_each_zones_charges():
    charges = [
        figures.Charge(at(10, 9), "VIP", 12000),
        figures.Charge(at(10, 10), "Thường", 5000),
        figures.Charge(at(10, 11), "VIP", 1000),
    ]
    board = figures.dashboard(date(2026, 3, 10), date(2026, 3, 10), charges, [], [], 2, HCM)
    assert board.by_zone == (figures.Row("Thường", 5000), figures.Row("VIP", 13000))


def test_cash_is_added_by_shift_and_top_ups_apart():
    cash = [
        figures.Cash(at(10, 9), "thungan 10/03 08:00", 50000, top_up=50000),
        figures.Cash(at(10, 10), "thungan 10/03 08:00", 7000),
        figures.Cash(at(10, 11), "thungan 10/03 08:00", -2000),
    ]
    board = figures.dashboard(date(2026, 3, 10), date(2026, 3, 10), [], cash, [], 2, HCM)
    assert board.by_shift == (figures.Row("thungan 10/03 08:00", 55000),)
    assert board.top_up_total == 50000


def test_occupancy_splits_a_session_across_the_hours_it_spans():
    used = [figures.Used(at(10, 9, 30), at(10, 11, 0))]
    board = figures.dashboard(date(2026, 3, 10), date(2026, 3, 10), [], [], used, 2, HCM)
    shares = {row.label: row.amount for row in board.occupancy}
    assert shares["09h"] == 25  # half an hour of one of two stations
    assert shares["10h"] == 50
    assert shares["11h"] == 0


def test_the_tallest_bar_fills_the_chart():
    drawn = figures.bars((figures.Row("a", 10), figures.Row("b", 5)))
    assert drawn[0].height == figures.CHART_HEIGHT
    assert drawn[1].height == figures.CHART_HEIGHT // 2


def test_a_top_up_paid_by_transfer_counts_as_a_top_up_but_not_as_drawer_cash():
    cash = [figures.Cash(at(10, 9), "thungan 10/03 08:00", 0, top_up=30000)]
    board = figures.dashboard(date(2026, 3, 10), date(2026, 3, 10), [], cash, [], 2, HCM)
    assert board.top_up_total == 30000
    assert board.by_shift == ()
