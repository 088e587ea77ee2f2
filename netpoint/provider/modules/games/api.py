"""The operator's systems: accounts with real identity, and play time for game servers.

Each caller sends `Authorization: Bearer <token>`: the account system's token for accounts, a
game server's token (which names its game) for play time. Personal data travels only in
bodies; URLs carry the operator's own account id.
"""

from datetime import date
from typing import Annotated, Literal

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import StringConstraints

from netpoint.common.core.api import Input, PlainText
from netpoint.common.identity.validators import ID_TYPES
from netpoint.common.tokens import TokenBearer
from netpoint.provider.modules.games import playtime, services
from netpoint.provider.modules.games.accounts import Refused, state_of, today
from netpoint.provider.modules.games.conf import conf
from netpoint.provider.modules.games.models import Account, ApiToken

router = Router(tags=["games"])

Ref = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._:-]+$")]
Text = Annotated[PlainText, StringConstraints(max_length=300)]
IdType = Literal[tuple(ID_TYPES)]  # type: ignore[valid-type]
Seq = Annotated[int, Field(ge=0, le=2**62)]


class TokenAuth(TokenBearer):
    """A live token of this kind; any other answers 401 with TokenBearer's message."""

    def __init__(self, kind: str):
        super().__init__()
        self.kind = kind

    def authenticate(self, request, token):
        found = services.token_for(token)
        return found if found is not None and found.kind == self.kind else None


accounts_auth = TokenAuth(ApiToken.Kind.ACCOUNTS)
server_auth = TokenAuth(ApiToken.Kind.GAME_SERVER)


class GuardianIn(Input):
    full_name: Text = Field(min_length=1)
    relation: Text = Field(min_length=1, max_length=50)
    address: Text = Field(min_length=1)
    id_type: IdType
    id_number: PlainText = Field(min_length=1, max_length=20)
    id_issued_on: date
    id_issued_by: Text = Field(min_length=1)
    phone: PlainText = Field(default="", max_length=20)


class AccountIn(Input):
    ref: Ref
    full_name: Text = Field(min_length=1)
    date_of_birth: date
    gender: Literal["male", "female"]
    address: Text = Field(min_length=1)
    province_code: int = Field(ge=1, le=999)
    id_type: IdType
    id_number: PlainText = Field(min_length=1, max_length=20)
    id_issued_on: date
    id_issued_by: Text = Field(min_length=1)
    phone: PlainText = Field(min_length=1, max_length=20)
    phone_verified: bool = False
    guardian: GuardianIn | None = None
    games: list[Ref] = Field(default=[], max_length=100)


class AccountChange(Input):
    full_name: Text | None = Field(default=None, min_length=1)
    date_of_birth: date | None = None
    gender: Literal["male", "female"] | None = None
    address: Text | None = Field(default=None, min_length=1)
    province_code: int | None = Field(default=None, ge=1, le=999)
    id_type: IdType | None = None
    id_number: PlainText | None = Field(default=None, min_length=1, max_length=20)
    id_issued_on: date | None = None
    id_issued_by: Text | None = Field(default=None, min_length=1)
    phone: PlainText | None = Field(default=None, min_length=1, max_length=20)
    phone_verified: bool | None = None
    guardian: GuardianIn | None = None
    games: list[Ref] | None = Field(default=None, max_length=100)


class AccountOut(Schema):
    ref: str
    minor: bool
    needs_guardian: bool
    has_guardian: bool
    phone_verified: bool
    closed: bool
    revisions: int
    changed: list[str] = []


class StartIn(Input):
    session: Ref
    account: Ref
    seq: Seq = 0


class BeatIn(Input):
    session: Ref
    seq: Seq


class BatchIn(Input):
    heartbeats: list[BeatIn] = Field(min_length=1)


def _refused(error: Refused):
    return HttpError(error.status, error.message)


def _out(account, changed=()) -> dict:
    state = state_of(account, today())
    return {
        "ref": account.ref,
        "minor": state.minor,
        "needs_guardian": state.needs_guardian,
        "has_guardian": bool(account.guardian_name),
        "phone_verified": account.phone_verified_at is not None,
        "closed": account.closed_at is not None,
        "revisions": account.revisions.count(),
        "changed": list(changed),
    }


@router.post("/games/accounts", response={201: AccountOut}, auth=accounts_auth)
def create_account(request, data: AccountIn):
    try:
        account = services.create_account(data.ref, data.model_dump(exclude={"ref"}))
    except Refused as error:
        raise _refused(error) from None
    return Status(201, _out(account))


@router.patch("/games/accounts/{ref}", response=AccountOut, auth=accounts_auth)
def update_account(request, ref: Ref, data: AccountChange):
    changes = data.model_dump(exclude_unset=True)
    nulls = sorted(k for k, v in changes.items() if v is None and k != "guardian")
    if nulls:
        raise HttpError(422, _("Không được xoá trường: %(fields)s.") % {"fields": ", ".join(nulls)})
    try:
        account, changed = services.update_account(ref, changes)
    except Refused as error:
        raise _refused(error) from None
    return _out(account, changed)


@router.post("/games/accounts/{ref}/close", response=AccountOut, auth=accounts_auth)
def close_account(request, ref: Ref):
    try:
        return _out(services.close_account(ref))
    except Refused as error:
        raise _refused(error) from None


@router.get("/games/accounts/{ref}", response=AccountOut, auth=accounts_auth)
def account_state(request, ref: Ref):
    account = Account.objects.filter(ref=ref).first()
    if account is None:
        raise HttpError(404, _("Không có tài khoản %(ref)s.") % {"ref": ref})
    return _out(account)


@router.post("/games/sessions/start", auth=server_auth)
def start(request, data: StartIn):
    try:
        return playtime.start(request.auth, data.session, data.account, data.seq)
    except Refused as error:
        raise _refused(error) from None


@router.post("/games/sessions/heartbeat", auth=server_auth)
def heartbeat(request, data: BeatIn):
    (answer,) = playtime.heartbeats(request.auth, [(data.session, data.seq)])
    if "error" in answer:
        raise HttpError(404, answer["error"])
    return answer


@router.post("/games/sessions/stop", auth=server_auth)
def stop(request, data: BeatIn):
    try:
        return playtime.stop(request.auth, data.session, data.seq)
    except Refused as error:
        raise _refused(error) from None


@router.post("/games/heartbeats", auth=server_auth)
def heartbeat_batch(request, data: BatchIn):
    """Many players' heartbeats at once; each answered as the single call would be."""
    most = conf().max_batch_heartbeats
    if len(data.heartbeats) > most:
        raise HttpError(413, _("Tối đa %(most)s nhịp trong một lần gửi.") % {"most": most})
    answers = playtime.heartbeats(request.auth, [(b.session, b.seq) for b in data.heartbeats])
    return {"answers": answers}
