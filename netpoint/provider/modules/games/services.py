"""The writers of what an online game operator's staff and account system keep: the API tokens
of its systems (netpoint.common.tokens) and accounts with real identity, each change kept in the
account's history; and the lookups an authority's search makes in those accounts.

The checks of an account's data are in accounts.py; play time, which game servers write on
their own measured path, in playtime.py.
"""

from datetime import date, datetime

from django.db import transaction
from django.utils.translation import gettext as _

from netpoint.common import tokens
from netpoint.common.core import clock
from netpoint.provider.modules.games.accounts import (
    Refused,
    apply_changes,
)
from netpoint.provider.modules.games.models import (
    Account,
    AccountRevision,
    ApiToken,
    Game,
)

# A token's secret starts with this: a leaked one is recognised.
TOKEN_PREFIX = "np_"

# Tokens --------------------------------------------------------------------------------------


def issue_token(kind: str, name: str, game: Game | None = None) -> tokens.Issued[ApiToken]:
    """A new token; the secret is shown once and only its hash is kept."""
    if (kind == ApiToken.Kind.GAME_SERVER) != (game is not None):
        raise ValueError("a game server's token names its game; the account system's does not")
    return tokens.issue(ApiToken, TOKEN_PREFIX, kind=kind, name=name, game=game)


def token_for(secret: str) -> ApiToken | None:
    return tokens.find(ApiToken.objects.select_related("game"), secret)


def revoke_token(token: ApiToken) -> None:
    tokens.revoke(token)


# Accounts ------------------------------------------------------------------------------------


def _games(codes: list[str]) -> list[Game]:
    found = list(Game.objects.filter(code__in=codes))
    missing = sorted(set(codes) - {g.code for g in found})
    if missing:
        raise Refused(_("games: không có trò chơi mã %(codes)s.") % {"codes": ", ".join(missing)})
    return found


def _snapshot(account: Account) -> dict:
    fields = [f.attname for f in Account._meta.concrete_fields if f.attname != "id"]
    return {f: _plain(getattr(account, f)) for f in fields} | {
        "games": sorted(account.games.values_list("code", flat=True)) if account.pk else []
    }


def _plain(value):
    return value.isoformat() if isinstance(value, date | datetime) else value


def create_account(ref: str, data: dict) -> Account:
    now = clock.now()
    if Account.objects.filter(ref=ref).exists():
        raise Refused(
            _("Tài khoản %(ref)s đã có; hãy cập nhật thay vì tạo mới.") % {"ref": ref}, 409
        )
    account = Account(ref=ref, created_at=now, updated_at=now, id_issued_on=data["id_issued_on"])
    account.date_of_birth = data["date_of_birth"]
    account.gender = data["gender"]
    games = _games(data.get("games", []))
    apply_changes(account, data, now)
    with transaction.atomic():
        account.save()
        account.games.set(games)
    return account


def update_account(ref: str, data: dict) -> tuple[Account, list[str]]:
    """Takes effect at once; the account as it was is kept in its history."""
    now = clock.now()
    with transaction.atomic():
        account = Account.objects.select_for_update().filter(ref=ref).first()
        if account is None:
            raise Refused(_("Không có tài khoản %(ref)s.") % {"ref": ref}, 404)
        if account.closed_at:
            raise Refused(_("Tài khoản %(ref)s đã đóng.") % {"ref": ref}, 409)
        before = _snapshot(account)
        changed = apply_changes(account, data, now)
        if "games" in data:
            games = _games(data["games"])
            if sorted(g.code for g in games) != before["games"]:
                changed.append("games")
                account.games.set(games)
        if changed:
            account.updated_at = now
            account.save()
            AccountRevision.objects.create(
                account=account, changed_at=now, changed_fields=changed, before=before
            )
    return account, changed


def close_account(ref: str) -> Account:
    now = clock.now()
    with transaction.atomic():
        account = Account.objects.select_for_update().filter(ref=ref).first()
        if account is None:
            raise Refused(_("Không có tài khoản %(ref)s.") % {"ref": ref}, 404)
        if account.closed_at is None:
            AccountRevision.objects.create(
                account=account,
                changed_at=now,
                changed_fields=["closed_at"],
                before=_snapshot(account),
            )
            account.closed_at = now
            account.save(update_fields=["closed_at"])
    return account
