"""Check-in, the end of a session and its bill, and the policies applied while time runs."""

from datetime import datetime, time, timedelta
from typing import NamedTuple

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from netpoint.common.audit import services as audit
from netpoint.common.core import clock
from netpoint.common.core.policy import local_tz
from netpoint.common.policies import pricing
from netpoint.common.policies.age import is_minor, needs_guardian
from netpoint.common.policies.playtime import Interval, played
from netpoint.common.policies.session import (
    Ending,
    SessionFacts,
    Warning,
    check_in_refusals,
    session_ending,
    warnings_due,
)
from netpoint.point.billing import services as till
from netpoint.point.billing.models import LedgerEntry
from netpoint.point.customers.models import Customer, MemberAccount
from netpoint.point.customers.services import person_data
from netpoint.point.outbox import services as outbox
from netpoint.point.sessions.models import Session, SessionMove, SessionPause
from netpoint.point.stations import live
from netpoint.point.stations.models import Station
from netpoint.point.uplink import minutes as elsewhere
from netpoint.point.uplink import policy
from netpoint.point.uplink.conf import conf as uplink_conf

MAX_PREPAYMENT = 10_000_000
# Other sessions that can still count towards today's limit started at most this long ago.
LOOKBACK = timedelta(days=2)


RUNNING_FIELDS = (
    "station_id",
    "customer_id",
    "kind",
    "rate_bands",
    "prepaid",
    "started_at",
    "ended_at",
    "customer__full_name",
    "customer__date_of_birth",
    "customer__account__balance",
)


class Others(NamedTuple):
    """What else counts towards a running session's customer's day: their other sessions at
    this point, and the seconds the provider last said they played at its other points."""

    intervals: tuple[Interval, ...]
    elsewhere: int = 0


class CheckInRefused(Exception):
    def __init__(self, reasons: list[str]):
        super().__init__(" ".join(reasons))
        self.reasons = reasons


def bands_to_json(bands: list[tuple[time, int]]) -> list:
    return [[start.strftime("%H:%M"), rate] for start, rate in bands]


def bands_from_json(data: list) -> list[tuple[time, int]]:
    return [(time.fromisoformat(start), rate) for start, rate in data]


def _local(instant: datetime) -> str:
    return instant.astimezone(local_tz()).strftime("%H:%M %d/%m/%Y")


def point_hours():
    """The provider's hours for this point once its policy came; till then the profile's."""
    return policy.in_force().hours


def _intervals_by_customer(customer_ids, since: datetime) -> dict[int, list[tuple]]:
    """Each customer's sessions since `since` as (session id, its played stretches)."""
    rows = list(
        Session.objects.filter(customer_id__in=customer_ids)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gte=since))
        .values_list("pk", "customer_id", "started_at", "ended_at")
    )
    pauses: dict[int, list[Interval]] = {}
    for session_id, started, ended in SessionPause.objects.filter(
        session_id__in=[row[0] for row in rows]
    ).values_list("session_id", "started_at", "ended_at"):
        pauses.setdefault(session_id, []).append((started, ended))
    found: dict[int, list[tuple]] = {}
    for pk, customer_id, started, ended in rows:
        stretches = played(started, ended, pauses.get(pk, ()))
        found.setdefault(customer_id, []).append((pk, stretches))
    return found


def _others(rows: list[tuple], exclude_pk=None) -> tuple[Interval, ...]:
    return tuple(stretch for pk, stretches in rows if pk != exclude_pk for stretch in stretches)


def _paid_until(kind: str, bands, stretches: tuple[Interval, ...], balance: int):
    """When the money runs out if the last stretch of play goes on; None when the session is
    billed afterwards, is free, or has not been played at all."""
    if kind == Session.Kind.WALK_IN and balance <= 0:
        return None
    if all(rate == 0 for _start, rate in bands) or not stretches:
        return None
    *before, (last_start, _end) = stretches
    return pricing.paid_until_played(bands, before, last_start, balance, local_tz())


def _pauses(session: Session) -> tuple[Interval, ...]:
    return tuple((pause.started_at, pause.ended_at) for pause in session.pauses.all())


def _available_money(session_kind: str, customer: Customer, prepaid: int) -> int:
    if session_kind == Session.Kind.MEMBER:
        return customer.account.balance
    return prepaid


def refusal_text(code: str, until: datetime | None) -> str:
    texts = {
        "closed": _("Điểm đang ngoài giờ mở cửa theo quy định; mở lại lúc %(until)s."),
        "minor_limit": _(
            "Người chưa thành niên đã sử dụng đủ %(minutes)s phút hôm nay; "
            "được sử dụng lại từ %(until)s."
        ),
        "no_balance": _("Tài khoản không đủ tiền; hãy nạp thêm trước khi mở máy."),
    }
    return texts[code] % {
        "until": _local(until) if until else "",
        "minutes": policy.limits().minor_daily_seconds // 60,
    }


def check_in(
    *, station: Station, customer: Customer, kind: str, cashier=None, prepaid: int = 0
) -> Session:
    now = clock.now()
    tz = local_tz()
    if not 0 <= prepaid <= MAX_PREPAYMENT:
        raise CheckInRefused([_("Số tiền trả trước không hợp lệ.")])
    # Asked before the transaction: the provider may be slow or away.
    elsewhere_seconds, unconfirmed = _minutes_elsewhere(customer, now)
    with transaction.atomic():
        station = Station.objects.select_for_update().select_related("zone").get(pk=station.pk)
        reasons = []
        if Session.objects.filter(station=station, ended_at__isnull=True).exists():
            reasons.append(_("Máy %(station)s đang có người sử dụng.") % {"station": station})
        busy = Session.objects.filter(customer=customer, ended_at__isnull=True).first()
        if busy:
            reasons.append(_("Khách này đang dùng máy %(station)s.") % {"station": busy.station})
        today = now.astimezone(tz).date()
        if needs_guardian(customer.date_of_birth, today, policy.limits().guardian_age) and (
            customer.guardian_id is None
        ):
            reasons.append(_("Trẻ em phải có người giám hộ đã đăng ký trước khi sử dụng."))
        money = prepaid
        if kind == Session.Kind.MEMBER:
            account = MemberAccount.objects.filter(customer=customer, is_active=True).first()
            if account is None:
                raise CheckInRefused([_("Khách này chưa có tài khoản hội viên.")])
            money = account.balance  # read now: the customer object may predate a top-up
        elif kind != Session.Kind.WALK_IN:
            raise CheckInRefused([_("Loại phiên không hợp lệ.")])
        money_ok = kind == Session.Kind.WALK_IN or money > 0
        rows = _intervals_by_customer([customer.pk], now - LOOKBACK).get(customer.pk, [])
        for refusal in check_in_refusals(
            customer.date_of_birth,
            _others(rows),
            point_hours(),
            money_ok,
            policy.limits(),
            now,
            tz,
            elsewhere_seconds=elsewhere_seconds,
        ):
            reasons.append(refusal_text(refusal.code, refusal.until))
        bands = station.zone.rate_bands()
        if not bands:
            reasons.append(_("Khu vực %(zone)s chưa có bảng giá.") % {"zone": station.zone})
        if money_ok and bands:
            until = _paid_until(kind, bands, ((now, None),), money)
            if until is not None and until <= now:
                reasons.append(refusal_text("no_balance", None))
        if reasons:
            raise CheckInRefused(reasons)
        session = Session.objects.create(
            station=station,
            customer=customer,
            kind=kind,
            rate_bands=bands_to_json(bands),
            prepaid=prepaid if kind == Session.Kind.WALK_IN else 0,
            started_at=now,
            opened_by=cashier,
            minutes_unconfirmed=unconfirmed,
        )
        if session.prepaid:
            till.record(
                LedgerEntry.Kind.PREPAYMENT,
                cashier=cashier,
                session=session,
                station=station,
                cash=session.prepaid,
            )
        till.record(LedgerEntry.Kind.CHECK_IN, cashier=cashier, session=session, station=station)
        if _identity_stale(customer, session, now):
            # The provider forgets people it has not seen for its retention period; it must
            # know who this session is, so the identity travels again first.
            outbox.emit("person.updated", person_data(customer))
        outbox.emit(
            "session.started",
            {
                "session": session.pk,
                "person": customer.pk,
                "station": station.name,
                "kind": kind,
                "started_at": now.isoformat(),
            },
        )
        if unconfirmed:
            outbox.emit(
                "session.minutes_unconfirmed",
                {"session": session.pk, "started_at": now.isoformat()},
            )
    live.forget(station.pk)
    return session


def _minutes_elsewhere(customer: Customer, now: datetime) -> tuple[int, bool]:
    """A minor's minutes today at the provider's other points, where the policy counts them,
    and whether the provider could not confirm them now (then the last answer, or none,
    stands and the session is marked for the provider's monitoring)."""
    today = now.astimezone(local_tz()).date()
    if not policy.in_force().minors_across_points or not is_minor(
        customer.date_of_birth, today, policy.limits().adult_age
    ):
        return 0, False
    seconds = elsewhere.confirm(customer.pk, now)
    if seconds is not None:
        return seconds, False
    return elsewhere.known([customer.pk], today).get(customer.pk, 0), True


def _identity_stale(customer: Customer, session: Session, now: datetime) -> bool:
    since = now - timedelta(days=uplink_conf().resend_identity_after_days)
    if customer.registered_at >= since:
        return False
    earlier = Session.objects.filter(customer=customer, started_at__gte=since)
    return not earlier.exclude(pk=session.pk).exists()


def session_facts(
    session: Session,
    others: tuple[Interval, ...],
    hours,
    resumed_at: datetime | None = None,
    elsewhere_seconds: int = 0,
) -> SessionFacts:
    """`resumed_at`: the facts as they would be were a paused session resumed then."""
    bands = bands_from_json(session.rate_bands)
    money = _available_money(session.kind, session.customer, session.prepaid)
    pauses = _pauses(session)
    if resumed_at is not None:
        pauses = tuple((start, end or resumed_at) for start, end in pauses)
    stretches = played(session.started_at, None, pauses)
    return SessionFacts(
        started_at=session.started_at,
        date_of_birth=session.customer.date_of_birth,
        other_intervals=others,
        hours=hours,
        paid_until=_paid_until(session.kind, bands, stretches, money),
        pauses=pauses,
        elsewhere_seconds=elsewhere_seconds,
    )


def current_charge(session: Session, at: datetime) -> int:
    """The charge for the time played up to `at`: the paused stretches cost nothing."""
    stretches = played(session.started_at, at, _pauses(session))
    return pricing.charge_played(bands_from_json(session.rate_bands), stretches, local_tz())


@transaction.atomic
def end_session(session: Session, *, at: datetime, reason: str, cashier=None) -> Session:
    """End at `at` (the policy's moment, not when it was noticed) and bill it. Idempotent."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.ended_at is not None:
        return session
    at = max(at, session.started_at)
    charge = current_charge(session, at)
    session.ended_at, session.end_reason = at, reason
    # A paused session ends paused (closing time, or the cashier ends it): its pause ends too.
    pause = session.pauses.filter(ended_at__isnull=True).first()
    if pause is not None:
        pause.ended_at = max(at, pause.started_at)
        pause.save(update_fields=["ended_at"])
        _emit_pauses(session)
    if session.kind == Session.Kind.MEMBER:
        account = MemberAccount.objects.select_for_update().get(customer_id=session.customer_id)
        # The runner ends a member's session when the money is spent, so the charge fits;
        # never take more than there is.
        charge = min(charge, account.balance)
        account.balance -= charge
        account.save(update_fields=["balance"])
        till.record(
            LedgerEntry.Kind.MEMBER_CHARGE,
            cashier=cashier,
            session=session,
            account=account,
            station_id=session.station_id,
            balance_change=-charge,
            at=at,
        )
        session.settled_at = clock.now()
    session.charge = charge
    session.save(update_fields=["ended_at", "end_reason", "charge", "settled_at"])
    outbox.emit(
        "session.ended",
        {
            "session": session.pk,
            "started_at": session.started_at.isoformat(),
            "ended_at": at.isoformat(),
            "end_reason": reason,
            "charge": charge,
        },
    )
    live.forget(session.station_id)
    kind = LedgerEntry.Kind.CHECK_OUT if cashier else LedgerEntry.Kind.AUTO_END
    till.record(
        kind,
        cashier=cashier,
        session=session,
        station_id=session.station_id,
        note=session.get_end_reason_display(),
    )
    return session


@transaction.atomic
def settle(session: Session, cashier, method: str = "cash", received: int | None = None):
    """Take a walk-in's payment (cash with change, or a bank transfer), or give back what they
    prepaid beyond the charge; the receipt for the counter. None when already settled."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.ended_at is None or session.settled_at is not None:
        return None
    owed = session.charge - session.prepaid
    links = {"session": session, "station_id": session.station_id}
    description = _("Phiên trên máy %(station)s") % {"station": session.station}
    if owed >= 0:
        payment = till.check_payment(owed, method, received)
        receipt = till.take_payment(
            payment,
            cashier=cashier,
            description=description,
            cash_kind=LedgerEntry.Kind.WALK_IN_PAYMENT,
            transfer_kind=LedgerEntry.Kind.WALK_IN_TRANSFER,
            **links,
        )
    else:
        payment = till.Payment(owed, "cash", owed)
        receipt = till.take_payment(
            payment,
            cashier=cashier,
            description=description,
            cash_kind=LedgerEntry.Kind.REFUND,
            transfer_kind=LedgerEntry.Kind.REFUND,
            **links,
        )
    session.settled_at = clock.now()
    session.save(update_fields=["settled_at"])
    return receipt


def check_out(session: Session, cashier, reason: str = Session.EndReason.CHECK_OUT) -> Session:
    with transaction.atomic():
        session = end_session(session, at=clock.now(), reason=reason, cashier=cashier)
        settle(session, cashier)
        session.refresh_from_db()
        return session


def running_with_others(now: datetime, station=None, session_ids=None):
    running = Session.objects.filter(ended_at__isnull=True)
    if station is not None:
        running = running.filter(station=station)
    if session_ids is not None:
        running = running.filter(pk__in=session_ids)
    # Read every second by the runner and on every station poll: only the columns used.
    sessions = list(
        running.order_by()
        .select_related("customer__account")
        .only(*RUNNING_FIELDS)
        .prefetch_related("pauses")
    )
    # Only minors' other sessions matter (the daily limit); most customers are adults.
    today = now.astimezone(local_tz()).date()
    adult_age = policy.limits().adult_age
    minors = [
        s.customer_id for s in sessions if is_minor(s.customer.date_of_birth, today, adult_age)
    ]
    rows = _intervals_by_customer(minors, now - LOOKBACK) if minors else {}
    away = elsewhere.known(minors, today) if minors else {}
    return [
        (
            s,
            Others(
                _others(rows.get(s.customer_id, []), exclude_pk=s.pk), away.get(s.customer_id, 0)
            ),
        )
        for s in sessions
    ]


def open_session_ids() -> dict[int, int]:
    """The running sessions' ids, each with a number that changes whenever it is paused or
    resumed (and so whenever its end moment may have moved)."""
    rows = (
        Session.objects.filter(ended_at__isnull=True)
        .order_by()
        .annotate(
            pauses_count=Count("pauses"),
            open_pauses=Count("pauses", filter=Q(pauses__ended_at__isnull=True)),
        )
        .values_list("pk", "pauses_count", "open_pauses")
    )
    return {pk: 2 * count - still_open for pk, count, still_open in rows}


def endings(now: datetime, session_ids=None) -> dict[int, Ending | None]:
    """When each running session must end (None: nothing ends it), by session id."""
    hours = point_hours()
    return {
        session.pk: session_ending(
            session_facts(session, others.intervals, hours, elsewhere_seconds=others.elsewhere),
            policy.limits(),
            now,
            local_tz(),
        )
        for session, others in running_with_others(now, session_ids=session_ids)
    }


def enforce(now: datetime | None = None, session_ids=None) -> list[Session]:
    """End every running session (or those named) whose policy moment has come."""
    now = now or clock.now()
    ended = []
    for pk, ending in endings(now, session_ids).items():
        if ending is not None and ending.at <= now:
            session = Session(pk=pk)
            ended.append(end_session(session, at=ending.at, reason=ending.reason))
    return ended


def warning_text(warning: Warning) -> str:
    minutes = -(-(warning.seconds_left or 0) // 60)
    if warning.code == "health":
        return _("Chơi quá %(minutes)s phút một ngày sẽ ảnh hưởng xấu đến sức khỏe.") % {
            "minutes": policy.limits().minor_daily_seconds // 60
        }
    texts = {
        "closing": _("Điểm sẽ đóng cửa sau %(minutes)s phút."),
        "low_balance": _("Sắp hết tiền: còn khoảng %(minutes)s phút."),
        "minor_limit_soon": _("Sắp hết thời gian sử dụng trong ngày: còn %(minutes)s phút."),
    }
    return texts[warning.code] % {"minutes": minutes}


def running_view(session: Session, others, hours, now: datetime) -> dict:
    """What the station and the grid show of a running session. Paused, the time left is what
    the customer would have on coming back now: it does not run down."""
    facts = session_facts(session, others.intervals, hours, elsewhere_seconds=others.elsewhere)
    paused_since = facts.paused_since
    # The time played so far: the paused stretches are not the customer's time.
    stretches = played(session.started_at, None, facts.pauses)
    used = sum(((end or now) - start).total_seconds() for start, end in stretches)
    warnings = warnings_due(facts, policy.limits(), now, local_tz())
    if paused_since is not None:
        facts = session_facts(
            session, others.intervals, hours, resumed_at=now, elsewhere_seconds=others.elsewhere
        )
    ending = session_ending(facts, policy.limits(), now, local_tz())
    return {
        "session": session,
        "paused_since": paused_since,
        "ends_at": ending.at if ending else None,
        "end_reason": ending.reason if ending else None,
        "seconds_left": max(0, int((ending.at - now).total_seconds())) if ending else None,
        "charge_so_far": current_charge(session, now),
        "used_seconds": int(used),
        "warnings": [
            {"key": w.key, "code": w.code, "text": warning_text(w), "seconds_left": w.seconds_left}
            for w in warnings
        ],
    }


def running_views(now: datetime, station=None) -> dict[int, dict]:
    """Running sessions by station id, with their end moments and warnings."""
    hours = point_hours()
    return {
        s.station_id: running_view(s, others, hours, now)
        for s, others in running_with_others(now, station)
    }


def sessions_of_day(now: datetime | None = None):
    now = now or clock.now()
    start = datetime.combine(now.astimezone(local_tz()).date(), time(), local_tz())
    return (
        Session.objects.filter(Q(started_at__gte=start) | Q(ended_at__isnull=True))
        .select_related("station", "customer")
        .order_by("-started_at")
    )


class PauseRefused(Exception):
    """A pause or resume that cannot be done; the message is for the cashier."""


def running_session(station: Station) -> Session | None:
    return Session.objects.filter(station=station, ended_at__isnull=True).first()


def pause(session: Session, cashier=None) -> SessionPause:
    """Stop the session's clock and charge until it is resumed; the station locks."""
    now = clock.now()
    # A moment that came before the pause (money, a minor's limit) ends the session first.
    enforce(now, session_ids=[session.pk])
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        if session.ended_at is not None:
            raise PauseRefused(_("Phiên trên máy %(station)s đã kết thúc.") % _named(session))
        if session.pauses.filter(ended_at__isnull=True).exists():
            raise PauseRefused(_("Phiên trên máy %(station)s đang tạm dừng.") % _named(session))
        paused = SessionPause.objects.create(session=session, started_at=now, paused_by=cashier)
        _pauses_changed(session, LedgerEntry.Kind.SESSION_PAUSE, cashier, now)
    live.forget(session.station_id)
    return paused


def resume(session: Session, cashier=None) -> SessionPause:
    """Start the paused session's clock again; the station unlocks."""
    now = clock.now()
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        paused = session.pauses.filter(ended_at__isnull=True).first()
        if session.ended_at is not None or paused is None:
            raise PauseRefused(
                _("Phiên trên máy %(station)s không ở trạng thái tạm dừng.") % _named(session)
            )
        paused.ended_at, paused.resumed_by = now, cashier
        paused.save(update_fields=["ended_at", "resumed_by"])
        _pauses_changed(session, LedgerEntry.Kind.SESSION_RESUME, cashier, now)
    live.forget(session.station_id)
    return paused


def _pauses_changed(session: Session, kind: str, cashier, now: datetime) -> None:
    """In the pause's transaction: the provider told, the cashier's act on the ledger."""
    _emit_pauses(session)
    till.record(kind, cashier=cashier, session=session, station_id=session.station_id, at=now)


def _emit_pauses(session: Session) -> None:
    """The provider counts a minor's daily play from the sessions it holds: it must know the
    time paused, or it would find a paused minor over the limit."""
    outbox.emit(
        "session.pauses",
        {
            "session": session.pk,
            "started_at": session.started_at.isoformat(),
            "pauses": [
                [pause.started_at.isoformat(), pause.ended_at and pause.ended_at.isoformat()]
                for pause in session.pauses.order_by("started_at")
            ],
        },
    )


def _emit_moved(session: Session) -> None:
    """The provider answers "who used station X at time T": it must know each station the
    session was at and from when. The whole list each time, so a replay or a late event
    cannot leave it wrong."""
    moves = list(session.moves.order_by("at", "pk"))
    first = moves[0].from_station
    outbox.emit(
        "session.moved",
        {
            "session": session.pk,
            "started_at": session.started_at.isoformat(),
            "stations": [[first, session.started_at.isoformat()]]
            + [[move.to_station, move.at.isoformat()] for move in moves],
        },
    )


def _named(session: Session) -> dict:
    return {"station": Station.objects.only("name").get(pk=session.station_id)}


class MoveRefused(Exception):
    """A move that cannot be done; the message is for the owner."""


def move(session: Session, station: Station, by) -> Session:
    """Move a running session to another, free station (a broken screen, a customer who wants
    a quieter seat): the same session, so its time, pauses, rates and limits carry on as they
    were; only the station changes. A paused session moves paused. The rates stay those of
    check-in, as for a price change. Audited: who moved it, from where to where."""
    with transaction.atomic():
        # Stations locked in id order, as check-in locks one: two moves cannot deadlock.
        target = Station.objects.select_for_update().get(pk=station.pk)
        session = Session.objects.select_for_update().get(pk=session.pk)
        source = Station.objects.get(pk=session.station_id)
        if session.ended_at is not None:
            raise MoveRefused(_("Phiên trên máy %(station)s đã kết thúc.") % {"station": source})
        if target.pk == source.pk:
            raise MoveRefused(_("Phiên đang ở máy %(station)s.") % {"station": target})
        if Session.objects.filter(station=target, ended_at__isnull=True).exists():
            raise MoveRefused(_("Máy %(station)s đang có người sử dụng.") % {"station": target})
        if target.maintenance_unlocked:
            raise MoveRefused(_("Máy %(station)s đang mở khóa bảo trì.") % {"station": target})
        session.station = target
        session.save(update_fields=["station"])
        SessionMove.objects.create(
            session=session, from_station=source.name, to_station=target.name, at=clock.now(), by=by
        )
        _emit_moved(session)
        audit.record(
            "session_moved",
            user=by,
            target=f"session:{session.pk}",
            detail={"from": source.name, "to": target.name},
        )
    live.forget(source.pk)
    live.forget(target.pk)
    return session
