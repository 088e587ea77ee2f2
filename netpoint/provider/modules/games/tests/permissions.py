"""Online games' rows of the provider's permission matrix
(netpoint/provider/authority/tests/test_permission_matrix.py, which says what each table holds)."""

from datetime import date

from netpoint.provider.modules.games import services
from netpoint.provider.modules.games.models import ApiToken, Game, SemiannualReport

ADMIN, GAMES = {"games_admin"}, {"games_admin", "games_reporter"}
MATRIX = {
    "games-list": ("get", GAMES),
    "games-new": ("get", ADMIN),
    "games-detail": ("get", GAMES),
    "games-edit": ("get", ADMIN),
    "games-server-new": ("post", ADMIN),
    "games-server-token": ("post", ADMIN),
    "games-token-revoke": ("post", ADMIN),
    "games-accounts": ("get", ADMIN),
    "games-accounts-token": ("post", ADMIN),
    "games-reports": ("get", GAMES),
    "games-report-new": ("get", GAMES),
    "games-report-edit": ("get", GAMES),
    "games-report-docx": ("get", GAMES),
    "games-report-xlsx": ("get", GAMES),
}
# A game operator's account system and game servers, with their tokens (test_api.py).
API_MATRIX = {
    "create_account": ("post", set(), {401}, 401),
    "update_account": ("patch", set(), {401}, 401),
    "close_account": ("post", set(), {401}, 401),
    "account_state": ("get", set(), {401}, 401),
    "start": ("post", set(), {401}, 401),
    "heartbeat": ("post", set(), {401}, 401),
    "stop": ("post", set(), {401}, 401),
    "heartbeat_batch": ("post", set(), {401}, 401),
}
EXEMPT: set[str] = set()
API_KWARGS = {name: {"ref": "a-1"} for name in ("update_account", "close_account", "account_state")}


def arguments() -> dict[str, list]:
    game = Game.objects.create(
        code="thu",
        name_original="Test",
        name_vi="Thử",
        kind="Thử",
        origin="Việt Nam",
        age_rating="12+",
        licence_number="1/GP",
    )
    token, _secret = services.issue_token(ApiToken.Kind.GAME_SERVER, "máy", game)
    semiannual = SemiannualReport.objects.create(
        year=2026,
        half=1,
        number="1/BC",
        place="Hà Nội",
        dated=date(2026, 7, 2),
        company="Công ty Thử",
        revenue=[1] * 6,
        security_plan="Thử",
        signer_title="Giám đốc",
        signer_name="Người Ký",
    )
    return {
        "games-detail": [game.pk],
        "games-edit": [game.pk],
        "games-server-new": [game.pk],
        "games-server-token": [game.pk],
        "games-token-revoke": [token.pk],
        "games-report-edit": [semiannual.pk],
        "games-report-docx": [semiannual.pk],
        "games-report-xlsx": [semiannual.pk],
    }
