"""The provider's roles as Django groups with the least permissions each needs (REQUIREMENTS
B.4). Kept in code and applied after every migrate, so a deployment never drifts.

The roles door (netpoint.common.core.doors): every installed app that grants permissions of its
own has a `roles` module with `ROLES: dict[str, list[str]]`, role name -> the permissions
("app_label.codename") the app gives that role. A role is the union over the installed apps, so
a module left out takes its roles (and its share of shared ones) with it. This module is the
authority app's own door too: its ROLES are below.
"""

from django.contrib.auth.models import Group, Permission

from netpoint.common.core.doors import opened

ROLES: dict[str, list[str]] = {
    # Approves or rejects authorities' written requests.
    "approving_officer": [
        "authority.view_writtenrequest",
        "authority.decide_writtenrequest",
    ],
    # Users of an authority organisation: register requests, search under approved ones.
    "authority_user": ["authority.add_writtenrequest", "authority.view_writtenrequest"],
}


def installed_roles() -> dict[str, list[str]]:
    """Every role the installed apps make, with its permissions, in INSTALLED_APPS order."""
    roles: dict[str, list[str]] = {}
    for door in opened("roles"):
        for name, codenames in door.ROLES.items():
            roles.setdefault(name, []).extend(codenames)
    return roles


def apply_roles(**kwargs) -> None:
    for name, codenames in installed_roles().items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = []
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            wanted.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(wanted)
