"""Anti-spam's roles (netpoint.provider.authority.roles)."""

ROLES: dict[str, list[str]] = {
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
}
