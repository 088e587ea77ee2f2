"""The provider's roles as Django groups with the least permissions each needs (REQUIREMENTS
B.4). Kept in code and applied after every migrate, so a deployment never drifts."""

from django.contrib.auth.models import Group, Permission

ROLES: dict[str, list[str]] = {
    # Registers enterprises and points, issues enrollment codes.
    "provider_admin": [
        "registry.view_point",
        "registry.add_point",
        "registry.change_point",
        "registry.view_enterprise",
        "registry.add_enterprise",
        "registry.change_enterprise",
        "wifi.view_radacct",
        "wifi.disconnect_radacct",
        "wifi.view_gatewayevent",
    ],
    # Looks after the points: sees the registry, changes nothing.
    "provider_operator": [
        "registry.view_point",
        "registry.view_enterprise",
        "monitoring.view_violation",
        "wifi.view_radacct",
        "wifi.view_gatewayevent",
    ],
    # Approves or rejects authorities' written requests.
    "approving_officer": [
        "authority.view_writtenrequest",
        "authority.decide_writtenrequest",
    ],
    # Watches every province's points, handles violations, makes the periodic reports.
    "compliance_officer": [
        "monitoring.view_violation",
        "monitoring.change_violation",
        "reports.view_report",
        "reports.add_report",
    ],
    # Reads the audit log; nothing else.
    "auditor": ["audit.view_auditentry"],
    # Runs anti-spam: advertisers, their tokens and messages, opt-outs, DNC, spam reports.
    "antispam_operator": [
        "antispam.view_customer",
        "antispam.add_customer",
        "antispam.change_customer",
        "antispam.add_apitoken",
        "antispam.change_apitoken",
        "antispam.add_admessage",
        "antispam.view_optoutrequest",
        "antispam.add_optoutrequest",
        "antispam.add_donotcall",
        "antispam.view_spamreport",
        "antispam.add_spamreport",
        "antispam.handle_spamreport",
    ],
    # Makes the periodic anti-spam reports (Mẫu số 1, 2, 3) and enters their figures.
    "antispam_reporter": ["antispam.make_report", "antispam.view_customer"],
    # Users of an authority organisation: register requests, search under approved ones.
    "authority_user": ["authority.add_writtenrequest", "authority.view_writtenrequest"],
    # An online game operator's manager: games, servers, API tokens, players' accounts.
    "games_admin": [
        "games.view_game",
        "games.add_game",
        "games.change_game",
        "games.add_gameserver",
        "games.add_apitoken",
        "games.change_apitoken",
        "games.view_account",
        "games.view_semiannualreport",
        "games.add_semiannualreport",
        "games.change_semiannualreport",
    ],
    # Writes the semi-annual report: sees the catalogue, not the players.
    "games_reporter": [
        "games.view_game",
        "games.view_semiannualreport",
        "games.add_semiannualreport",
        "games.change_semiannualreport",
    ],
}


def apply_roles(**kwargs) -> None:
    for name, codenames in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = []
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            wanted.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(wanted)
