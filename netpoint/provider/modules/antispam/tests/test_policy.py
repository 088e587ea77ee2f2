"""The sending policy at its edges: hour boundaries, caps, time zones, every reason at once."""

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netpoint.provider.modules.antispam import policy
from netpoint.provider.modules.antispam.conf import AntispamSettings
from netpoint.provider.modules.antispam.policy import Decision, RecipientFacts, SendRules, decide

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
RULES = SendRules.from_settings(AntispamSettings())
CLEAN = RecipientFacts(opted_out=False, on_dnc=False, sent_in_window=0)
instants = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31), timezones=st.just(UTC)
)


def check(channel, at, facts=CLEAN, content="[QC] Khuyến mãi", brandname=True) -> Decision:
    return decide(channel, content, at, HCM, facts, RULES, brandname_registered=brandname)


def local(hour, minute=0, second=0, day=10):
    return datetime(2026, 3, day, hour, minute, second, tzinfo=HCM).astimezone(UTC)


def test_the_defaults_are_the_decree_s_numbers():
    assert RULES.hours["sms"] == (time(7), time(22))
    assert RULES.hours["call"] == (time(8), time(17))
    assert RULES.caps == {"sms": 3, "email": 3, "call": 1, "messaging": 3}
    assert RULES.cap_window == timedelta(hours=24)


@pytest.mark.parametrize(
    ("channel", "at", "allowed"),
    [
        ("sms", local(6, 59, 59), False),
        ("sms", local(7), True),
        ("sms", local(21, 59, 59), True),
        ("sms", local(22), False),
        ("call", local(7, 59, 59), False),
        ("call", local(8), True),
        ("call", local(16, 59, 59), True),
        ("call", local(17), False),
        ("email", local(3), True),
    ],
)
def test_hours_begin_at_their_first_second_and_end_before_their_last(channel, at, allowed):
    assert check(channel, at).allowed is allowed


@given(instants)
def test_sms_hours_are_vietnam_time_whatever_the_utc_date(at):
    local_hour = at.astimezone(HCM).hour
    expected = 7 <= local_hour < 22
    assert (policy.OUTSIDE_HOURS not in check("sms", at).reasons) is expected


@given(instants)
def test_call_hours_are_vietnam_time(at):
    expected = 8 <= at.astimezone(HCM).hour < 17
    assert (policy.OUTSIDE_HOURS not in check("call", at).reasons) is expected


@given(instants)
def test_email_has_no_hours(at):
    assert policy.OUTSIDE_HOURS not in check("email", at).reasons


def test_utc_midnight_is_seven_in_the_morning_in_vietnam():
    # 00:00 UTC = 07:00 Asia/Ho_Chi_Minh: the first allowed SMS second of the Vietnamese day,
    # while 23:59:59 UTC the day before is 06:59:59 there.
    assert check("sms", datetime(2026, 1, 1, 0, 0, tzinfo=UTC)).allowed
    assert not check("sms", datetime(2025, 12, 31, 23, 59, 59, tzinfo=UTC)).allowed


@given(
    st.sampled_from(["sms", "email", "call", "messaging"]),
    st.integers(min_value=0, max_value=50),
)
def test_the_cap_allows_exactly_its_number_of_sends(channel, sent):
    facts = RecipientFacts(opted_out=False, on_dnc=False, sent_in_window=sent)
    at = local(10) if channel != "call" else local(9)
    over = policy.OVER_CAP in check(channel, at, facts).reasons
    assert over is (sent >= RULES.caps[channel])


def test_every_reason_is_given_at_once():
    facts = RecipientFacts(opted_out=True, on_dnc=True, sent_in_window=3)
    decision = check("sms", local(23), facts, content="Khuyến mãi", brandname=False)
    assert not decision.allowed
    assert set(decision.reasons) == {
        policy.OPTED_OUT,
        policy.DO_NOT_CALL,
        policy.OUTSIDE_HOURS,
        policy.OVER_CAP,
        policy.MISSING_LABEL,
        policy.MISSING_BRANDNAME,
    }


def test_the_do_not_call_list_is_about_phones_not_e_mail():
    facts = RecipientFacts(opted_out=False, on_dnc=True, sent_in_window=0)
    assert check("email", local(10), facts).allowed
    assert check("call", local(10), facts).reasons == (policy.DO_NOT_CALL,)


@given(st.text(max_size=40))
def test_the_label_must_open_the_message(rest):
    assert policy.MISSING_LABEL not in check("email", local(10), content="[QC]" + rest).reasons
    assert policy.MISSING_LABEL not in check("email", local(10), content=" [qc]" + rest).reasons
    if not rest.lstrip().upper().startswith("[QC]"):
        assert policy.MISSING_LABEL in check("email", local(10), content=rest).reasons


def test_a_call_needs_no_label():
    assert check("call", local(10), content="Xin chào").allowed


def test_limits_are_settings():
    values = replace(
        AntispamSettings(),
        daily_caps={"sms": 5, "email": 3, "call": 1, "messaging": 3},
        send_hours={"sms": ("06:30", "23:00")},
    )
    rules = SendRules.from_settings(values)
    facts = RecipientFacts(opted_out=False, on_dnc=False, sent_in_window=4)
    assert decide(
        "sms", "[QC] a", local(6, 30), HCM, facts, rules, brandname_registered=True
    ).allowed
    assert decide("call", "a", local(3), HCM, CLEAN, rules, brandname_registered=True).allowed


def test_hours_may_cross_midnight():
    window = (time(20), time(2))
    assert policy.within_hours(window, local(1, 59), HCM)
    assert not policy.within_hours(window, local(2), HCM)


def test_an_unknown_channel_is_a_programming_error():
    with pytest.raises(ValueError):
        check("fax", local(10))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TC", True),
        ("tc", True),
        ("Hủy", True),
        (" huy  abc ", True),
        ("tu  chối", True),
        ("TCB", False),
        ("Cảm ơn", False),
        ("", False),
    ],
)
def test_sms_opt_out_keywords(text, expected):
    assert policy.is_optout_keyword(text, AntispamSettings().optout_keywords) is expected


@given(st.emails())
def test_every_address_django_accepts_normalises_the_same_by_either_path(address):
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    from netpoint.provider.modules.antispam import recipients

    lowered = address.strip().lower()
    try:
        validate_email(lowered)
    except ValidationError:
        return
    assert recipients.normal_email(address) == lowered


@pytest.mark.parametrize("bad", ["a..b@vi-du.vn", "a@b", "@vi-du.vn", "a@-x.vn", "a b@c.vn"])
def test_addresses_that_are_not_addresses(bad):
    from netpoint.provider.modules.antispam import recipients

    with pytest.raises(recipients.InvalidRecipient):
        recipients.normal_email(bad)


@given(
    st.from_regex(
        r"\A[a-z0-9][a-z0-9._%+-]{0,10}@(?:[a-z0-9](?:[a-z0-9-]{0,5}[a-z0-9])?\.)+[a-z]{2,5}\Z"
    )
)
def test_the_fast_path_accepts_only_what_django_accepts(address):
    from django.core.validators import validate_email

    from netpoint.provider.modules.antispam import recipients

    if recipients.PLAIN_EMAIL.match(address):
        validate_email(address)


# --- Nghị định 91/2020: consent, registration messages, agreements --------------------------

NIGHT = local(23)


def on_basis(basis, facts=CLEAN, content="[QC] Khuyến mãi", at=None, channel="sms") -> Decision:
    return decide(
        channel, content, at or local(10), HCM, facts, RULES, brandname_registered=True, basis=basis
    )


def test_advertising_without_the_recipients_prior_consent_is_refused():
    assert on_basis(policy.NO_BASIS).reasons == (policy.NO_CONSENT,)


def test_advertising_with_the_recipients_prior_consent_goes():
    assert on_basis(policy.CONSENTED).allowed


def test_the_first_registration_message_goes_without_consent():
    assert on_basis(policy.REGISTRATION, content="Bạn có muốn nhận ưu đãi? Trả lời CO").allowed


def test_a_second_registration_message_to_the_same_recipient_is_refused():
    facts = replace(CLEAN, registration_sent=True)
    assert on_basis(policy.REGISTRATION, facts).reasons == (policy.REGISTRATION_REPEATED,)


def test_a_registration_message_needs_no_advertising_label():
    assert policy.MISSING_LABEL not in on_basis(policy.REGISTRATION, content="Đăng ký?").reasons


def test_a_registration_message_to_a_do_not_call_number_is_refused():
    facts = replace(CLEAN, on_dnc=True)
    assert policy.DO_NOT_CALL in on_basis(policy.REGISTRATION, facts).reasons


def test_a_registration_message_keeps_to_the_sending_hours():
    assert policy.OUTSIDE_HOURS in on_basis(policy.REGISTRATION, at=NIGHT).reasons


def test_an_agreement_with_the_recipient_lifts_the_sending_hours():
    assert on_basis(policy.AGREEMENT, at=NIGHT).allowed


def test_an_agreement_with_the_recipient_lifts_the_daily_cap():
    assert on_basis(policy.AGREEMENT, replace(CLEAN, sent_in_window=10)).allowed


def test_an_agreement_does_not_override_a_later_opt_out():
    facts = replace(CLEAN, opted_out=True)
    assert on_basis(policy.AGREEMENT, facts).reasons == (policy.OPTED_OUT,)


def test_an_agreement_still_needs_the_advertising_label():
    assert on_basis(policy.AGREEMENT, content="Khuyến mãi").reasons == (policy.MISSING_LABEL,)


def test_an_unknown_basis_is_a_programming_error():
    with pytest.raises(ValueError, match="basis"):
        on_basis("maybe")
