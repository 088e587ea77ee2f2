"""Public Wi-Fi's permissions in the provider's roles (netpoint.provider.authority.roles)."""

ROLES: dict[str, list[str]] = {
    # Sets up the hotspots' access controllers and portal; sees the open sessions and ends one
    # by Disconnect-Request.
    "provider_admin": [
        "wifi.view_nas",
        "wifi.add_nas",
        "wifi.change_nas",
        "wifi.view_radacct",
        "wifi.disconnect_radacct",
        "wifi.view_gatewayevent",
    ],
    "provider_operator": ["wifi.view_nas", "wifi.view_radacct", "wifi.view_gatewayevent"],
}
