"""Monitoring's permissions in the provider's roles (netpoint.provider.authority.roles)."""

ROLES: dict[str, list[str]] = {
    "provider_operator": ["monitoring.view_violation"],
    # Watches every province's points, handles violations.
    "compliance_officer": ["monitoring.view_violation", "monitoring.change_violation"],
}
