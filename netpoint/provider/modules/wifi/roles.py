"""Public Wi-Fi's permissions in the provider's roles (netpoint.provider.authority.roles)."""

ROLES: dict[str, list[str]] = {
    # Sees the open sessions and ends one by Disconnect-Request.
    "provider_admin": ["wifi.view_radacct", "wifi.disconnect_radacct", "wifi.view_gatewayevent"],
    "provider_operator": ["wifi.view_radacct", "wifi.view_gatewayevent"],
}
