"""The check before sending (Nghị định 91/2020/NĐ-CP): each send a customer's system asks
about is decided by the pure rules (policy.py) from what the database knows of its recipient,
and the allowed ones are recorded, in one transaction, under each recipient's row lock. This
module writes what the check records (the recent sends, the sent counts) and keeps them: it is
the anti-spam module's measured path (bench/sendcheck.py), so its SQL is written by hand, each
statement beside the part of the rule it mirrors. The module's other writes are in services.py."""

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection, transaction

from netpoint.common.core import clock
from netpoint.common.core.policy import local_tz
from netpoint.provider.modules.antispam import policy, recipients
from netpoint.provider.modules.antispam.conf import conf
from netpoint.provider.modules.antispam.models import Customer, RegistrationSent


def send_rules() -> policy.SendRules:
    return policy.SendRules.from_settings(conf())


@dataclass
class Check:
    channel: str
    recipient: str  # the raw number or address, as the sending system has it
    content: str
    sender: str = ""
    message_id: int | None = None
    # On what the send goes to its recipient (policy.BASES); the sending system holds the
    # consents.
    basis: str = policy.CONSENTED


@dataclass
class Outcome:
    allowed: bool
    reasons: list[str] = field(default_factory=list)


class CheckRefused(ValueError):
    """The request itself is wrong (not the send): nothing is checked or recorded."""

    def __init__(self, index: int, problem: str):
        super().__init__(problem)
        self.index = index
        self.problem = problem


def _joined(values) -> str:
    # Lists go to PostgreSQL as one comma-joined string (string_to_array): quoting an array
    # parameter element by element costs more than the checks themselves. Only keyed hashes,
    # channel names and numbers pass here, none of which holds a comma.
    return ",".join(map(str, values))


# What the policy needs to know of each (recipient, channel) in a batch, in one statement:
# its sends in the cap window, an opt-out covering this customer, the DNC list (looked up only
# for the channels it applies to). Each is a scalar subquery per pair, so each is one probe of
# its index (EXISTS would let the planner hash the whole table; OFFSET 0 keeps each computed
# once, not again in the WHERE). Given a thousand-element `= ANY`, the planner found a scan
# cheaper, and its cost then grew with the table (9,000 checks/s at 400,000 recipients,
# against 30,000 at the start). Only pairs with something to tell come back.
FACTS = (
    "SELECT r, c, sent, opted_out, on_dnc FROM (SELECT t.r, t.c, "
    "(SELECT count(*) FROM antispam_recentsends AS s, unnest(s.times) AS x "
    "WHERE s.recipient = decode(t.r, 'hex') AND s.channel = t.c "
    "AND s.customer_key = %(key)s AND x > %(since)s) AS sent, "
    "coalesce((SELECT true FROM antispam_suppression WHERE recipient = t.r AND channel = t.c "
    "AND (customer_id IS NULL OR customer_id = %(customer)s) LIMIT 1), false) AS opted_out, "
    "CASE WHEN t.c = ANY(string_to_array(%(dnc)s, ',')) THEN coalesce((SELECT true "
    "FROM antispam_donotcall WHERE recipient = t.r LIMIT 1), false) ELSE false END AS on_dnc "
    "FROM unnest(string_to_array(%(r)s, ','), string_to_array(%(c)s, ',')) AS t(r, c) "
    "OFFSET 0) AS f WHERE sent > 0 OR opted_out OR on_dnc"
)


def _facts(cursor, customer_id: int, key: int, pairs, since, rules) -> dict:
    """(recipient, channel) -> [sends in the window, opted out, on the DNC list], for the
    pairs with anything to tell; the sends as last committed."""
    cursor.execute(
        FACTS,
        {
            "r": _joined(r for r, _c in pairs),
            "c": _joined(c for _r, c in pairs),
            "key": key,
            "since": since,
            "customer": customer_id,
            "dnc": _joined(sorted(rules.dnc_channels)),
        },
    )
    return {(r, c): [sent, opted_out, on_dnc] for r, c, sent, opted_out, on_dnc in cursor}


# Records the sends a batch was allowed, recipient by recipient in a fixed order (so two
# batches never wait on each other in a circle), each under its row's lock: a recipient's
# sends are added only if, counted again under the lock, they still fit the channel's cap. A
# concurrent batch that got there first makes the WHERE fail, and the row is not returned.
# The table keeps the keyed hashes as bytes; they come and go as hex, as everywhere else.
RECORD = (
    "INSERT INTO antispam_recentsends AS s (recipient, channel, customer_key, times) "
    "SELECT decode(r, 'hex'), c, %(key)s, array_fill(%(now)s::timestamptz, ARRAY[n]) "
    "FROM unnest(string_to_array(%(r)s, ','), string_to_array(%(c)s, ','), "
    "string_to_array(%(n)s, ',')::int[]) AS t(r, c, n) ORDER BY r, c "
    "ON CONFLICT ON CONSTRAINT antispam_recent_once DO UPDATE "
    "SET times = ARRAY(SELECT x FROM unnest(s.times) AS x WHERE x > %(since)s) || EXCLUDED.times "
    "WHERE (SELECT count(*) FROM unnest(s.times) AS x WHERE x > %(since)s) "
    "+ cardinality(EXCLUDED.times) <= coalesce((%(caps)s::jsonb ->> s.channel)::int, 2147483647) "
    "RETURNING encode(s.recipient, 'hex'), s.channel"
)


def _validate(customer: Customer, checks: list[Check]) -> list[str]:
    """Each check's recipient index; refuses the whole batch on the first malformed check."""
    if not checks:
        raise CheckRefused(0, "empty")
    if len(checks) > conf().max_batch_checks:
        raise CheckRefused(0, "too_many")
    own_messages = None
    keyed = []
    for n, item in enumerate(checks):
        if item.channel not in policy.CHANNELS:
            raise CheckRefused(n, "channel")
        if item.basis not in policy.BASES:
            raise CheckRefused(n, "basis")
        try:
            keyed.append(recipients.recipient_index(item.channel, item.recipient))
        except recipients.InvalidRecipient:
            raise CheckRefused(n, "recipient") from None
        if item.message_id is not None:
            if own_messages is None:
                own_messages = set(customer.messages.values_list("pk", flat=True))
            if item.message_id not in own_messages:
                raise CheckRefused(n, "message")
    return keyed


NOTHING_KNOWN = (0, False, False)


def check_sends(
    customer: Customer, checks: list[Check], at: datetime | None = None
) -> list[Outcome]:
    """Decides each send in order. With no `at` the sends are happening now: the allowed ones
    are recorded in the same transaction, each recipient's under its row lock and counted
    again there, so that concurrent checks cannot together pass a cap. With `at` it is a
    preview and nothing is recorded."""
    keyed = _validate(customer, checks)
    record = at is None
    rules = send_rules()
    tz = local_tz()
    brandnames = customer.brandname_set()
    key = customer.pk if conf().cap_scope == "customer" else 0
    pairs = sorted({(index, item.channel) for index, item in zip(keyed, checks, strict=True)})
    with transaction.atomic(), connection.cursor() as cursor:
        now = clock.now() if record else at
        known = _facts(cursor, customer.pk, key, pairs, now - rules.cap_window, rules)
        registered = _registrations(customer, checks, keyed)
        outcomes, allowed_rows = [], []
        for item, index in zip(checks, keyed, strict=True):
            sent, opted_out, on_dnc = known.get((index, item.channel), NOTHING_KNOWN)
            facts = policy.RecipientFacts(
                opted_out=opted_out,
                on_dnc=on_dnc,
                sent_in_window=sent,
                registration_sent=(index, item.channel) in registered,
            )
            decision = policy.decide(
                item.channel,
                item.content,
                now,
                tz,
                facts,
                rules,
                brandname_registered=item.sender.strip().upper() in brandnames,
                basis=item.basis,
            )
            outcome = Outcome(decision.allowed, list(decision.reasons))
            outcomes.append(outcome)
            if decision.allowed:
                # The batch's own sends count against the cap of its later checks.
                known.setdefault((index, item.channel), [0, False, False])[0] += 1
                allowed_rows.append((index, item, outcome))
                if item.basis == policy.REGISTRATION:
                    registered.add((index, item.channel))
        if record and allowed_rows:
            _record(cursor, customer.pk, key, allowed_rows, now, rules, tz)
            _record_registrations(customer, allowed_rows, now)
    return outcomes


def _registrations(customer: Customer, checks: list[Check], keyed: list[str]) -> set:
    """The (recipient, channel) pairs of the batch's registration messages that already had
    one from this customer. Looked up only when a batch holds one: advertising needs none."""
    wanted = {
        (index, item.channel)
        for item, index in zip(checks, keyed, strict=True)
        if item.basis == policy.REGISTRATION
    }
    if not wanted:
        return set()
    found = RegistrationSent.objects.filter(
        customer=customer, recipient__in=[r for r, _c in wanted]
    ).values_list("recipient", "channel")
    return {pair for pair in found if pair in wanted}


def _record_registrations(customer: Customer, rows: list, now) -> None:
    RegistrationSent.objects.bulk_create(
        [
            RegistrationSent(recipient=index, channel=item.channel, customer=customer, sent_at=now)
            for index, item, outcome in rows
            if item.basis == policy.REGISTRATION and outcome.allowed
        ],
        ignore_conflicts=True,
    )


def message_key(item: Check) -> str:
    """The advertising message a send carried: the registered one it names, or its content
    (spaces and letter case aside, so one template sent twice is one message). Only a hash
    is kept: the content may greet the recipient by name. A sending system that fills a
    template per recipient names the template (message_id), or each send counts as its own
    message."""
    if item.message_id is not None:
        return f"m{item.message_id}"
    text = " ".join(item.content.split()).casefold()
    return hashlib.sha256(text.encode()).hexdigest()[:32] if text else ""


def _record(cursor, customer_id: int, key: int, rows: list, now, rules, tz) -> None:
    """Adds the allowed sends to each recipient's recent times; those a concurrent batch left
    no room for become refusals (over the cap). Then counts what went for the reports."""
    per_recipient = Counter((index, item.channel) for index, item, _outcome in rows)
    cursor.execute(
        RECORD,
        {
            "key": key,
            "now": now,
            "since": now - rules.cap_window,
            "r": _joined(r for r, _c in per_recipient),
            "c": _joined(c for _r, c in per_recipient),
            "n": _joined(per_recipient.values()),
            "caps": json.dumps(dict(rules.caps)),
        },
    )
    recorded = set(cursor.fetchall())
    sent = []
    for index, item, outcome in rows:
        if (index, item.channel) in recorded:
            sent.append(item)
        else:
            outcome.allowed, outcome.reasons = False, [policy.OVER_CAP]
    per_message = Counter((item.message_id or 0, message_key(item), item.channel) for item in sent)
    if not per_message:
        return
    cursor.execute(
        "INSERT INTO antispam_sentcount (customer_id, message_id, content_key, channel, day, "
        "sent) SELECT %s, NULLIF(m, 0), coalesce(NULLIF(k, '-'), ''), c, %s, n "
        "FROM unnest(string_to_array(%s, ',')::bigint[], string_to_array(%s, ','), "
        "string_to_array(%s, ','), string_to_array(%s, ',')::bigint[]) AS t(m, k, c, n)",
        [
            customer_id,
            now.astimezone(tz).date(),
            _joined(m for m, _k, _c in per_message),
            # "-" for no key: an empty string would vanish from a one-element list.
            _joined(k or "-" for _m, k, _c in per_message),
            _joined(c for _m, _k, c in per_message),
            _joined(per_message.values()),
        ],
    )


# --- Keeping what the check records ---------------------------------------------------------


def fold_sent_counts() -> int:
    """One row per customer, message, content, channel and day for every day before today; returns
    how many rows went."""
    today = clock.now().astimezone(local_tz()).date()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "WITH gone AS (DELETE FROM antispam_sentcount WHERE day < %s "
            "RETURNING customer_id, message_id, content_key, channel, day, sent), "
            "folded AS (INSERT INTO antispam_sentcount (customer_id, message_id, content_key, "
            "channel, day, sent) SELECT customer_id, message_id, content_key, channel, day, "
            "sum(sent) FROM gone GROUP BY customer_id, message_id, content_key, channel, day "
            "RETURNING 1) "
            "SELECT (SELECT count(*) FROM gone) - (SELECT count(*) FROM folded)",
            [today],
        )
        return cursor.fetchone()[0]


def delete_idle_recipients() -> int:
    """Recipients with no send left in the cap window go; the reports keep their counts."""
    since = clock.now() - send_rules().cap_window
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM antispam_recentsends WHERE NOT EXISTS "
            "(SELECT 1 FROM unnest(times) AS x WHERE x > %s)",
            [since],
        )
        return cursor.rowcount
