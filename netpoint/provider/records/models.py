"""The central customer database, built from the events every point sends.

The large tables (sessions, heartbeats, received events) carry the point and a time column; on
PostgreSQL they are partitioned by that time so that retention drops whole partitions and the
tables can later be distributed by point (see docs/DEPLOY.md). They therefore have no unique
constraints beyond what the time column can join: uniqueness comes from event de-duplication.
"""

from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from netpoint.provider.registry.models import Point


class Person(models.Model):
    """One person across every point, merged by a keyed hash of the ID document number.
    ID and phone numbers are sealed (see netpoint.common.sealing); only their blind indexes are
    searchable."""

    id_index = models.CharField(max_length=64, unique=True)
    id_type = models.CharField(_("loại giấy tờ"), max_length=20)  # as the event schema allows
    id_number_sealed = models.TextField()
    # The summary's phone and name are not indexed: the searches read every point's version
    # (PointPerson), which has the indexes.
    phone_index = models.CharField(max_length=64, blank=True)
    phone_sealed = models.TextField(blank=True)
    full_name = models.CharField(_("họ và tên"), max_length=200)
    date_of_birth = models.DateField(_("ngày sinh"))
    gender = models.CharField(_("giới tính"), max_length=10, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    first_seen_at = models.DateTimeField()
    last_seen_at = models.DateTimeField(db_index=True)
    # When the statement this row shows was said: the newest of any point's (PointPerson). Each
    # point's own version is kept there, and searches read those, not only this summary.
    stated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("người sử dụng")
        verbose_name_plural = _("người sử dụng")

    def __str__(self):
        return self.full_name


class PointPerson(models.Model):
    """A point's version of a person: its own customer id for them (events name people by it)
    and what it last said of them, as it said it, with when (`said_at`, the event's time) and
    when the provider heard it. A point's older statement never replaces a newer one, and no
    point's statement changes another's (records.people). ID and phone numbers sealed; the
    authority searches find a person by any point's stated phone or name."""

    # Not indexed alone: person_once_per_point (point, local_id) serves every lookup by point.
    point = models.ForeignKey(Point, on_delete=models.CASCADE, db_index=False)
    local_id = models.BigIntegerField()
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="registrations")
    guardian = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="wards"
    )
    guardian_relation = models.CharField(max_length=40, blank=True)
    registered_at = models.DateTimeField()
    # The point's statement. Database defaults: the rows written before versions were kept
    # (filled by migration 0008) and bulk loads that name only the mapping.
    id_type = models.CharField(max_length=20, blank=True, db_default="")
    id_number_sealed = models.TextField(blank=True, db_default="")
    phone_index = models.CharField(max_length=64, blank=True, db_default="")
    phone_sealed = models.TextField(blank=True, db_default="")
    full_name = models.CharField(max_length=200, blank=True, db_default="")
    date_of_birth = models.DateField(null=True, blank=True)
    gender = models.CharField(max_length=10, blank=True, db_default="")
    address = models.CharField(max_length=300, blank=True, db_default="")
    said_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["point", "local_id"], name="person_once_per_point")
        ]
        indexes = [
            # A person is found by any point's stated phone or name (records.attribution),
            # regardless of case for the name (`full_name__iexact`).
            models.Index(fields=["phone_index"], name="pointperson_by_phone"),
            models.Index(Upper("full_name"), name="pointperson_by_name"),
        ]

    def __str__(self):
        return f"{self.point_id}/{self.local_id}"


class StationRecord(models.Model):
    point = models.ForeignKey(Point, on_delete=models.CASCADE)
    name = models.CharField(max_length=40)
    mac = models.CharField(max_length=17, blank=True)
    registered_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["point", "name"], name="station_name_per_point")
        ]

    def __str__(self):
        return f"{self.point_id}/{self.name}"


class SessionRecord(models.Model):
    """A use of a station by a person, as the point reported it. Partitioned by started_at."""

    # Neither key is indexed alone: the indexes below begin with each (docs/PERFORMANCE.md,
    # "which index costs what": ingest kept both up to date for no search).
    point = models.ForeignKey(
        Point, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False
    )
    local_id = models.BigIntegerField()
    person = models.ForeignKey(
        Person, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False
    )
    station = models.CharField(max_length=40)
    kind = models.CharField(max_length=10)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, blank=True)
    charge = models.BigIntegerField(null=True, blank=True)
    # The cashier's pauses, [[paused_at, resumed_at or null], …] (ISO times); null: none. Time
    # paused is not play (netpoint.common.policies.playtime.played).
    pauses = models.JSONField(null=True, blank=True)
    # A session the point moved: every station it was at, [[station, since], …] (ISO times),
    # the first at started_at; `station` is then the last. Null: never moved.
    stations = models.JSONField(null=True, blank=True)
    # Whether `stations` is set: the covering indexes hold this, not the list (up to MAX_MOVES
    # of them, too long for an index entry), so the searches read a session never moved from
    # the index alone (records.attribution).
    moved = models.BooleanField(default=False, db_default=False)
    # A minor's session whose minutes at other points the point could not confirm at check-in
    # (offline): monitoring checks the day across points (monitoring.rules.minors_over_limit).
    minutes_unconfirmed = models.BooleanField(default=False, db_default=False)

    class Meta:
        indexes = [
            models.Index(fields=["point", "local_id"], name="session_by_point_id"),
            # Covering the attribution queries (records.attribution): they read no table page
            # for a session never moved, nearly all. `moved` goes beside the station, in the
            # room the next column's alignment leaves, so the entries grew by nothing.
            models.Index(
                fields=["person", "started_at"],
                include=["point", "station", "moved", "ended_at"],
                name="session_by_person",
            ),
            # A point's sessions over a time range: the IP search reads them all, the station
            # search one station's among them. On PostgreSQL the longest sessions have one more,
            # partial index (migrations 0006 and 0013, records.attribution.LONG_SESSION).
            models.Index(
                fields=["point", "started_at"],
                include=["station", "moved", "ended_at", "person"],
                name="session_by_point_time",
            ),
            # The moved ones, few, whose stations the searches read from the table.
            models.Index(
                fields=["person", "started_at"],
                condition=models.Q(moved=True),
                name="moved_session_by_person",
            ),
            models.Index(
                fields=["point", "started_at"],
                condition=models.Q(moved=True),
                name="moved_session_by_point_time",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(moved=True, stations__isnull=False)
                | models.Q(moved=False, stations__isnull=True),
                name="session_moved_when_it_has_stations",
            )
        ]

    def __str__(self):
        return f"{self.point_id}/{self.local_id}"


class Heartbeat(models.Model):
    """What a point said about itself: its software and how many stations were in use."""

    # Not indexed alone: heartbeat_by_point begins with it.
    point = models.ForeignKey(
        Point, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False
    )
    at = models.DateTimeField()
    software_version = models.CharField(max_length=40)
    software_hash = models.CharField(max_length=64)
    stations_in_use = models.IntegerField()
    stations_total = models.IntegerField()

    class Meta:
        indexes = [models.Index(fields=["point", "at"], name="heartbeat_by_point")]

    def __str__(self):
        return f"{self.point_id} {self.at:%Y-%m-%d %H:%M}"


class ReceivedEvent(models.Model):
    """Every event taken in, by id: a resend finds its id here and is not stored twice.
    Partitioned by occurred_at (the time in the event's version 7 UUID)."""

    id = models.UUIDField(primary_key=True)
    # Not indexed alone: event_by_point_seq begins with it.
    point = models.ForeignKey(
        Point, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False
    )
    seq = models.BigIntegerField()
    kind = models.CharField(max_length=40)
    occurred_at = models.DateTimeField()
    received_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["point", "seq"], name="event_by_point_seq")]

    def __str__(self):
        return f"{self.point_id}#{self.seq} {self.kind}"


class PointStream(models.Model):
    """Where each point's sequence stands. Its row is locked while a batch is taken in, so
    one point's batches are stored one after another even across app processes."""

    point = models.OneToOneField(Point, on_delete=models.CASCADE, primary_key=True)
    contiguous_seq = models.BigIntegerField(default=0)
    highest_seq = models.BigIntegerField(default=0)
    received = models.BigIntegerField(default=0)
    last_received_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.point_id} {self.contiguous_seq}/{self.highest_seq}"


class SequenceGap(models.Model):
    """Sequence numbers a point has not (yet) delivered: seen as a hole, filled when they come."""

    point = models.ForeignKey(Point, on_delete=models.CASCADE, related_name="gaps")
    first_seq = models.BigIntegerField()
    last_seq = models.BigIntegerField()
    detected_at = models.DateTimeField()

    class Meta:
        ordering = ["point", "first_seq"]

    def __str__(self):
        return f"{self.point_id} {self.first_seq}-{self.last_seq}"


class Deletion(models.Model):
    """Proof of what retention deleted: how many records of which kind, older than what."""

    kind = models.CharField(max_length=40)
    cutoff = models.DateTimeField()
    count = models.BigIntegerField()
    method = models.CharField(max_length=20)
    detail = models.CharField(max_length=200, blank=True)
    ran_at = models.DateTimeField()

    class Meta:
        ordering = ["-ran_at"]

    def __str__(self):
        return f"{self.kind} {self.count}"
