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
    ],
    # Looks after the points: sees the registry, changes nothing.
    "provider_operator": ["registry.view_point", "registry.view_enterprise", "wifi.view_radacct"],
    # Approves or rejects authorities' written requests.
    "approving_officer": [
        "authority.view_writtenrequest",
        "authority.decide_writtenrequest",
    ],
    # Reads the audit log; nothing else.
    "auditor": ["audit.view_auditentry"],
    # Users of an authority organisation: register requests, search under approved ones.
    "authority_user": ["authority.add_writtenrequest", "authority.view_writtenrequest"],
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
