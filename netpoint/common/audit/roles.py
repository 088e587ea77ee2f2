"""The audit log's permission in the provider's roles (netpoint.provider.authority.roles)."""

ROLES: dict[str, list[str]] = {
    # Reads the audit log; nothing else.
    "auditor": ["audit.view_auditentry"],
}
