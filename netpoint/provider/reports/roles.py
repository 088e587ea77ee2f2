"""The reports' permissions in the provider's roles (netpoint.provider.authority.roles)."""

ROLES: dict[str, list[str]] = {
    # Makes the periodic reports.
    "compliance_officer": ["reports.view_report", "reports.add_report"],
}
