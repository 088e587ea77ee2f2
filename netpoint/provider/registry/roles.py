"""The registry's permissions in the provider's roles (netpoint.provider.authority.roles)."""

ROLES: dict[str, list[str]] = {
    # Registers enterprises and points, issues enrollment codes.
    "provider_admin": [
        "registry.view_point",
        "registry.add_point",
        "registry.change_point",
        "registry.view_enterprise",
        "registry.add_enterprise",
        "registry.change_enterprise",
        "registry.view_provincerule",
        "registry.add_provincerule",
        "registry.change_provincerule",
    ],
    # Looks after the points: sees the registry, changes nothing.
    "provider_operator": [
        "registry.view_point",
        "registry.view_enterprise",
        "registry.view_provincerule",
    ],
}
