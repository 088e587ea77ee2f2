"""An online game operator's records: its games and servers, players' accounts with real
identity (ID and phone numbers sealed, found by blind index), play sessions and time per day,
and the semi-annual report's parts that only staff can enter."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from netpoint.common.tokens import StoredToken


class Game(models.Model):
    # The age classes of Nghị định 147/2024/NĐ-CP, which added 16+ to the 00+/12+/18+ of Nghị
    # định 72/2013 (article: chưa đối chiếu được điều khoản).
    class Rating(models.TextChoices):
        ALL = "00+", "00+"
        TWELVE = "12+", "12+"
        SIXTEEN = "16+", "16+"
        EIGHTEEN = "18+", "18+"

    code = models.SlugField(_("mã trò chơi"), max_length=40, unique=True)
    name_original = models.CharField(_("tên gốc"), max_length=200)
    name_vi = models.CharField(_("tên tiếng Việt"), max_length=200)
    kind = models.CharField(_("loại hình"), max_length=100)
    origin = models.CharField(_("nguồn gốc"), max_length=100)
    age_rating = models.CharField(_("độ tuổi"), max_length=3, choices=Rating.choices)
    licence_number = models.CharField(_("số giấy phép"), max_length=100)
    value_added_services = models.TextField(_("dịch vụ giá trị gia tăng"), blank=True)

    class Meta:
        ordering = ["name_vi"]

    def __str__(self):
        return self.name_vi

    @property
    def minimum_age(self) -> int:
        return int(self.age_rating[:2])


class GameServer(models.Model):
    game = models.ForeignKey(Game, on_delete=models.CASCADE, related_name="servers")
    name = models.CharField(_("tên cụm máy chủ"), max_length=100)
    count = models.PositiveIntegerField(_("số máy chủ"))
    configuration = models.CharField(_("cấu hình"), max_length=300)
    location = models.CharField(_("địa điểm đặt"), max_length=300)
    connection = models.CharField(_("phương thức kết nối"), max_length=200)
    bandwidth_mbps = models.PositiveIntegerField(_("dung lượng kết nối (Mbps)"))
    # "thuê kênh (nếu có)" of the report: whose leased line and how wide; empty if none.
    leased_line = models.CharField(_("kênh thuê riêng (nếu có)"), max_length=300, blank=True)

    class Meta:
        ordering = ["game", "name"]

    def __str__(self):
        return self.name


class ApiToken(StoredToken):
    """A credential for the operator's systems: a game server's (play time of its game) or the
    account system's. Only a hash of the token is kept (netpoint.common.tokens)."""

    class Kind(models.TextChoices):
        GAME_SERVER = "game_server", _("máy chủ trò chơi")
        ACCOUNTS = "accounts", _("hệ thống tài khoản")

    name = models.CharField(_("tên"), max_length=100)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    game = models.ForeignKey(Game, null=True, blank=True, on_delete=models.CASCADE)

    def __str__(self):
        return self.name


class Account(models.Model):
    ref = models.CharField(max_length=64, unique=True)  # the operator's own account id
    full_name = models.CharField(max_length=200)
    date_of_birth = models.DateField()
    gender = models.CharField(max_length=10)
    address = models.CharField(max_length=300)
    province_code = models.PositiveSmallIntegerField()
    id_type = models.CharField(max_length=20)
    id_index = models.CharField(max_length=64, db_index=True)
    id_number_sealed = models.TextField()
    id_issued_on = models.DateField()
    id_issued_by = models.CharField(max_length=200)
    phone_index = models.CharField(max_length=64, db_index=True)
    phone_sealed = models.TextField()
    phone_verified_at = models.DateTimeField(null=True, blank=True)
    # A guardian's details, for a player under the guardian age.
    guardian_name = models.CharField(max_length=200, blank=True)
    guardian_relation = models.CharField(max_length=50, blank=True)
    guardian_address = models.CharField(max_length=300, blank=True)
    guardian_id_type = models.CharField(max_length=20, blank=True)
    guardian_id_index = models.CharField(max_length=64, blank=True, db_index=True)
    guardian_id_number_sealed = models.TextField(blank=True)
    guardian_id_issued_on = models.DateField(null=True, blank=True)
    guardian_id_issued_by = models.CharField(max_length=200, blank=True)
    guardian_phone_sealed = models.TextField(blank=True)
    games = models.ManyToManyField(Game, blank=True, related_name="accounts")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.ref  # the operator's id, never a name or number


class AccountRevision(models.Model):
    """The account as it was before each change (sealed numbers stay sealed)."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="revisions")
    changed_at = models.DateTimeField()
    changed_fields = models.JSONField()
    before = models.JSONField()

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.account_id}@{self.changed_at:%Y-%m-%d %H:%M}"


class PlaySession(models.Model):
    """One session of a player on a game server, named by the server's own id."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE)
    ref = models.CharField(max_length=64)
    game = models.ForeignKey(Game, on_delete=models.CASCADE)
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="sessions")
    minor = models.BooleanField()
    started_at = models.DateTimeField(db_index=True)
    lease_until = models.DateTimeField()
    last_seq = models.BigIntegerField()
    warned = models.PositiveIntegerField(default=0)
    heartbeats = models.PositiveIntegerField(default=0)
    late_heartbeats = models.PositiveIntegerField(default=0)
    ended_at = models.DateTimeField(null=True, blank=True)
    # "stopped", "game_limit", "day_limit", or why the start was refused.
    end_reason = models.CharField(max_length=20, blank=True)
    # The answer last given, as JSON text (stored as it was sent, for retries to get it again).
    last_answer = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "ref"], name="games_session_per_server")
        ]

    def __str__(self):
        return self.ref


class PlayDay(models.Model):
    """Time charged to an account for a game on one local day (00:00-24:00 Vietnam time)."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE)
    game = models.ForeignKey(Game, on_delete=models.CASCADE)
    day = models.DateField(db_index=True)
    seconds = models.PositiveIntegerField(default=0)
    covered_until = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "day", "game"], name="games_playday_once")
        ]

    def __str__(self):
        return f"{self.account_id}/{self.game_id}/{self.day}"


class SemiannualReport(models.Model):
    """What staff enter for the semi-annual report; everything else comes from the records."""

    year = models.PositiveSmallIntegerField(_("năm"))
    half = models.PositiveSmallIntegerField(
        _("kỳ"), choices=[(1, _("6 tháng đầu năm")), (2, _("6 tháng cuối năm"))]
    )
    number = models.CharField(_("số văn bản"), max_length=50)
    place = models.CharField(_("địa danh"), max_length=100)
    dated = models.DateField(_("ngày ký"))
    company = models.CharField(_("tên doanh nghiệp"), max_length=200)
    # "số lượng tài khoản tối đa hệ thống có thể đáp ứng được tại thời điểm báo cáo": what the
    # systems could hold when the report is made, entered with it (empty on reports saved
    # before it was asked).
    capacity_accounts = models.PositiveBigIntegerField(
        _("số tài khoản tối đa hệ thống đáp ứng được tại thời điểm báo cáo"), null=True
    )
    # Whole VND, one per month of the half year.
    revenue = models.JSONField(_("doanh thu theo tháng"), default=list)
    security_plan = models.TextField(_("phương án đảm bảo an toàn, an ninh"))
    partners = models.TextField(_("hợp tác với doanh nghiệp khác"), blank=True)
    recommendations = models.TextField(_("kiến nghị, đề xuất"), blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100)
    signer_name = models.CharField(_("họ tên người ký"), max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["year", "half"], name="games_report_per_half")
        ]

    def __str__(self):
        return f"{self.half}/{self.year}"
