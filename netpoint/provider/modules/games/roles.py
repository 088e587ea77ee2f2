"""Online games' roles (netpoint.provider.authority.roles)."""

ROLES: dict[str, list[str]] = {
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
