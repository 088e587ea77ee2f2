"""The till: NETPOINT_BILLING overrides any of these (the point's bank account for VietQR)."""

from dataclasses import dataclass

from netpoint.common.core.appsettings import AppSettings


@dataclass(frozen=True)
class BillingSettings:
    # The account customers transfer to (NAPAS bank BIN, account number, holder's name).
    # Empty: the payment step offers cash only.
    bank_bin: str = ""
    bank_account: str = ""
    bank_account_name: str = ""
    bank_name: str = ""
    # True for a made-up account (the demo): the page says so, nobody should pay into it.
    bank_is_demo: bool = False
    # An ESC/POS receipt printer on the network (host, raw TCP port); empty: the browser prints.
    printer_host: str = ""
    printer_port: int = 9100


conf = AppSettings(BillingSettings, "NETPOINT_BILLING")
