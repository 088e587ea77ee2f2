"""Staff pages of an online game operator: the games catalogue, servers, API tokens, an
account's state and history, and the semi-annual report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netpoint.common.audit import services as audit
from netpoint.common.core.collation import vietnamese_key
from netpoint.provider.modules.games import deadlines, report, services
from netpoint.provider.modules.games.accounts import state_of, today
from netpoint.provider.modules.games.conf import conf
from netpoint.provider.modules.games.forms import GameForm, GameServerForm, ReportForm, TokenForm
from netpoint.provider.modules.games.models import (
    Account,
    ApiToken,
    Game,
    PlayDay,
    SemiannualReport,
)
from netpoint.provider.registry.divisions import province_name


@login_required
@permission_required("games.view_game", raise_exception=True)
def game_list(request):
    games = sorted(Game.objects.all(), key=lambda game: vietnamese_key(game.name_vi))
    return render(request, "games/game_list.html", {"games": games})


@login_required
@permission_required("games.view_game", raise_exception=True)
def game_detail(request, pk):
    game = get_object_or_404(Game, pk=pk)
    context = {
        "game": game,
        "servers": game.servers.all(),
        "tokens": ApiToken.objects.filter(game=game).order_by("-created_at"),
        "token_form": TokenForm(),
        "server_form": GameServerForm(),
    }
    return render(request, "games/game_detail.html", context)


@login_required
@permission_required("games.add_game", raise_exception=True)
def game_new(request):
    return _game_form(request)


@login_required
@permission_required("games.change_game", raise_exception=True)
def game_edit(request, pk):
    return _game_form(request, get_object_or_404(Game, pk=pk))


def _game_form(request, instance=None):
    form = GameForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        game = form.save()
        audit.record("game_saved", user=request.user, target=game.code)
        messages.success(request, _("Đã lưu trò chơi %(name)s.") % {"name": game.name_vi})
        return redirect("games-detail", game.pk)
    return render(request, "games/game_form.html", {"form": form, "game": instance})


@login_required
@permission_required("games.add_gameserver", raise_exception=True)
@require_POST
def server_new(request, pk):
    game = get_object_or_404(Game, pk=pk)
    form = GameServerForm(request.POST)
    if form.is_valid():
        form.instance.game = game
        form.save()
        audit.record("game_server_saved", user=request.user, target=game.code)
        messages.success(request, _("Đã thêm cụm máy chủ."))
        return redirect("games-detail", game.pk)
    context = {"game": game, "server_form": form, "servers": game.servers.all()}
    return render(request, "games/game_detail.html", context, status=422)


def _issued(request, kind, game=None):
    form = TokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy đặt tên cho mã truy cập."))
        return None
    token, secret = services.issue_token(kind, form.cleaned_data["name"], game)
    audit.record("games_token_issued", user=request.user, target=token.name)
    return render(request, "games/token_issued.html", {"token": token, "secret": secret})


@login_required
@permission_required("games.add_apitoken", raise_exception=True)
@require_POST
def server_token(request, pk):
    game = get_object_or_404(Game, pk=pk)
    return _issued(request, ApiToken.Kind.GAME_SERVER, game) or redirect("games-detail", pk)


@login_required
@permission_required("games.add_apitoken", raise_exception=True)
@require_POST
def accounts_token(request):
    return _issued(request, ApiToken.Kind.ACCOUNTS) or redirect("games-accounts")


@login_required
@permission_required("games.change_apitoken", raise_exception=True)
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, revoked_at__isnull=True)
    services.revoke_token(token)
    audit.record("games_token_revoked", user=request.user, target=token.name)
    messages.success(request, _("Đã thu hồi mã truy cập %(name)s.") % {"name": token.name})
    return redirect("games-detail", token.game_id) if token.game_id else redirect("games-accounts")


@login_required
@permission_required("games.view_account", raise_exception=True)
def accounts(request):
    """One account by the operator's id: its state and the history of its changes. Looking at
    it is a view of personal data, so it is audited."""
    ref = request.GET.get("ref", "").strip()[:64]
    account = Account.objects.filter(ref=ref).first() if ref else None
    context = {
        "ref": ref,
        "account": account,
        "totals": Account.objects.filter(closed_at__isnull=True).count(),
        "tokens": ApiToken.objects.filter(kind=ApiToken.Kind.ACCOUNTS).order_by("-created_at"),
        "token_form": TokenForm(),
    }
    if account is not None:
        audit.record("games_account_viewed", user=request.user, target=account.ref)
        context |= {
            "state": state_of(account, today()),
            "province": province_name(account.province_code),
            "revisions": account.revisions.all(),
            "days": PlayDay.objects.filter(account=account)
            .select_related("game")
            .order_by("-day")[:30],
        }
    return render(request, "games/accounts.html", context)


@login_required
@permission_required("games.view_semiannualreport", raise_exception=True)
def report_list(request):
    """The reports saved, under the calendar from last year's to next January's (done,
    overdue or to come)."""
    reports = SemiannualReport.objects.order_by("-year", "-half")
    day = today()
    context = {
        "reports": reports,
        "deadlines": deadlines.calendar(day.year - 1, day)
        + deadlines.calendar(day.year, day)
        + deadlines.calendar(day.year + 1, day)[:1],
        "agency": conf().agency,
    }
    return render(request, "games/report_list.html", context)


@login_required
@permission_required("games.add_semiannualreport", raise_exception=True)
def report_new(request):
    return _report_form(request)


@login_required
@permission_required("games.change_semiannualreport", raise_exception=True)
def report_edit(request, pk):
    return _report_form(request, get_object_or_404(SemiannualReport, pk=pk))


def _report_form(request, instance=None):
    form = ReportForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        audit.record("games_report_saved", user=request.user, target=str(saved))
        messages.success(request, _("Đã lưu báo cáo."))
        return redirect("games-reports")
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "agency": conf().agency}
    if instance is not None:
        first, last = report.period(instance.year, instance.half)
        context["addressees"] = report.addressees(report.players_by_province(first, last))
    return render(request, "games/report_form.html", context, status=status)


FORMATS = {
    "docx": (
        report.to_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": (report.to_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


@login_required
@permission_required("games.view_semiannualreport", raise_exception=True)
def report_file(request, pk, kind):
    saved = get_object_or_404(SemiannualReport, pk=pk)
    build, content_type = FORMATS[kind]
    answer = HttpResponse(build(saved), content_type=content_type)
    name = f"bao-cao-tro-choi-{saved.year}-{saved.half}.{kind}"
    answer["Content-Disposition"] = f'attachment; filename="{name}"'
    audit.record("games_report_downloaded", user=request.user, target=name)
    return answer
