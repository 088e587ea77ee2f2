"""May this advertisement go to this recipient now? A pure function of the facts and the rules.

Every reason that refuses a send is returned, not only the first, so that a sending system
can tell its customer everything that is wrong at once (Nghị định 91/2020/NĐ-CP).

Besides the hours, caps, label, brandname, opt-outs and the Do-Not-Call list, each send says
on what basis it goes to its recipient (Nghị định 91/2020/NĐ-CP; the articles are not quoted
in seed 004 or REQUIREMENTS, so "chưa đối chiếu được điều khoản"; docs/ANTISPAM.md):
- advertising goes only to a recipient who agreed beforehand (CONSENTED);
- without that agreement, only the first and only registration message (tin nhắn đăng ký)
  asking for it may go (REGISTRATION), once per recipient, customer and channel;
- an agreement with the recipient on other hours or numbers (AGREEMENT) lifts the sending
  hours and the daily caps, and nothing else: an opt-out made since still refuses.
The sending system holds the consents and states the basis; Netpoint keeps which
registration messages went (by keyed hash), so a second one is refused.
"""

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo

from netpoint.provider.modules.antispam.conf import AntispamSettings

CHANNELS = ("sms", "email", "call", "messaging")

OPTED_OUT = "opted_out"
DO_NOT_CALL = "do_not_call"
OUTSIDE_HOURS = "outside_hours"
OVER_CAP = "over_cap"
MISSING_LABEL = "missing_label"
MISSING_BRANDNAME = "missing_brandname"
NO_CONSENT = "no_consent"
REGISTRATION_REPEATED = "registration_repeated"

# The basis a send goes on.
CONSENTED = "consented"
REGISTRATION = "registration"
AGREEMENT = "agreement"
NO_BASIS = "none"
BASES = (CONSENTED, REGISTRATION, AGREEMENT, NO_BASIS)


@dataclass(frozen=True)
class SendRules:
    hours: Mapping[str, tuple[time, time]]
    caps: Mapping[str, int]
    cap_window: timedelta
    label: str
    label_channels: frozenset[str]
    brandname_channels: frozenset[str]
    dnc_channels: frozenset[str]

    @classmethod
    def from_settings(cls, values: AntispamSettings) -> "SendRules":
        return cls(
            hours={ch: (parse_time(a), parse_time(b)) for ch, (a, b) in values.send_hours.items()},
            caps=dict(values.daily_caps),
            cap_window=timedelta(hours=values.cap_window_hours),
            label=values.label,
            label_channels=frozenset(values.label_channels),
            brandname_channels=frozenset(values.brandname_channels),
            dnc_channels=frozenset(values.dnc_channels),
        )


@dataclass(frozen=True)
class RecipientFacts:
    """What the provider knows about the recipient on this channel, for this sender."""

    opted_out: bool
    on_dnc: bool
    sent_in_window: int
    # A registration message already went to this recipient from this customer.
    registration_sent: bool = False


@dataclass(frozen=True)
class Decision:
    reasons: tuple[str, ...]

    @property
    def allowed(self) -> bool:
        return not self.reasons


def parse_time(value: str) -> time:
    try:
        hour, minute = value.split(":")
        return time(int(hour), int(minute))
    except (ValueError, AttributeError) as err:
        raise ValueError(f"send hours must be 'HH:MM', not {value!r}") from err


def within_hours(window: tuple[time, time] | None, at: datetime, tz: tzinfo) -> bool:
    """From the first moment up to, not including, the last (22:00 itself is too late)."""
    if window is None:
        return True
    start, end = window
    local = at.astimezone(tz).time()
    if start <= end:
        return start <= local < end
    return local >= start or local < end


def has_label(content: str, label: str) -> bool:
    """The label opens the message (an e-mail's subject line), in any letter case."""
    return content.lstrip()[: len(label)].upper() == label.upper()


def consent_reasons(basis: str, facts: RecipientFacts) -> list[str]:
    """Advertising needs the recipient's prior consent; a registration message does not, but
    only the first one may go."""
    if basis not in BASES:
        raise ValueError(f"unknown basis {basis!r}")
    if basis == NO_BASIS:
        return [NO_CONSENT]
    if basis == REGISTRATION and facts.registration_sent:
        return [REGISTRATION_REPEATED]
    return []


def limits_apply(basis: str) -> bool:
    """The sending hours and daily caps hold unless the recipient agreed otherwise."""
    return basis != AGREEMENT


def needs_label(channel: str, basis: str, rules: SendRules) -> bool:
    """The advertising label marks an advertisement; a registration message asks for consent
    and advertises nothing yet."""
    return channel in rules.label_channels and basis != REGISTRATION


def decide(
    channel: str,
    content: str,
    at: datetime,
    tz: tzinfo,
    facts: RecipientFacts,
    rules: SendRules,
    *,
    brandname_registered: bool,
    basis: str = CONSENTED,
) -> Decision:
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    reasons = consent_reasons(basis, facts)
    if facts.opted_out:
        reasons.append(OPTED_OUT)
    if facts.on_dnc and channel in rules.dnc_channels:
        reasons.append(DO_NOT_CALL)
    if limits_apply(basis):
        if not within_hours(rules.hours.get(channel), at, tz):
            reasons.append(OUTSIDE_HOURS)
        cap = rules.caps.get(channel)
        if cap is not None and facts.sent_in_window >= cap:
            reasons.append(OVER_CAP)
    if needs_label(channel, basis, rules) and not has_label(content, rules.label):
        reasons.append(MISSING_LABEL)
    if channel in rules.brandname_channels and not brandname_registered:
        reasons.append(MISSING_BRANDNAME)
    return Decision(tuple(reasons))


def fold(text: str) -> str:
    """Upper case without Vietnamese accents: "Hủy" and "HUY" are the same keyword."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).upper()


def is_optout_keyword(text: str, keywords) -> bool:
    """An SMS that is an opt-out keyword, alone or followed by what it refuses ("TC ABC")."""
    words = " ".join(fold(text).split())
    wanted = (" ".join(fold(k).split()) for k in keywords)
    return any(k and (words == k or words.startswith(k + " ")) for k in wanted)
