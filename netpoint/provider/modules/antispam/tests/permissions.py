"""Anti-spam's rows of the provider's permission matrix
(netpoint/provider/authority/tests/test_permission_matrix.py, which says what each table holds)."""

from datetime import date

from netpoint.common.core import clock
from netpoint.provider.modules.antispam import services
from netpoint.provider.modules.antispam.models import ApiToken, Customer, SpamReport

OPERATOR, REPORTER = {"antispam_operator"}, {"antispam_reporter"}
MATRIX = {
    "antispam-customers": ("get", OPERATOR | REPORTER),
    "antispam-customer-new": ("get", OPERATOR),
    "antispam-customer": ("get", OPERATOR),
    "antispam-token-new": ("post", OPERATOR),
    "antispam-token-revoke": ("post", OPERATOR),
    "antispam-message-new": ("post", OPERATOR),
    "antispam-optouts": ("get", OPERATOR),
    "antispam-optout-new": ("get", OPERATOR),
    "antispam-dnc": ("get", OPERATOR),
    "antispam-spam-reports": ("get", OPERATOR),
    "antispam-spam-report-handle": ("post", OPERATOR),
    "antispam-reports": ("get", REPORTER),
    "antispam-figures": ("post", REPORTER),
    "antispam-records-send": ("post", REPORTER),
    "antispam-archive": ("get", REPORTER),
    "antispam-archive-file": ("get", REPORTER),
}
# An advertiser's sending systems, with their own tokens (test_check_api.py).
API_MATRIX = {
    "check_batch": ("post", set(), {401}, 401),
    "check_one": ("post", set(), {401}, 401),
    "unsubscribe_link": ("post", set(), {401}, 401),
}
# Recipients refuse advertising on these public pages (test_optouts.py).
EXEMPT = {"antispam-optout-form", "antispam-unsubscribe"}
API_KWARGS: dict[str, dict] = {}


def arguments() -> dict[str, list]:
    advertiser = Customer.objects.create(name="Khách Thử")
    services.issue_token(advertiser)
    archived = services.archive_report(
        kind="periodic",
        form="1",
        start=date(2025, 11, 1),
        end=date(2026, 4, 30),
        by="baocao",
        file_name="mau-so-1.docx",
        body=b"PK",
    )
    spam = SpamReport.objects.create(
        source="reported", channel="sms", received_at=clock.now(), summary="Thử"
    )
    return {
        "antispam-customer": [advertiser.pk],
        "antispam-token-new": [advertiser.pk],
        "antispam-token-revoke": [advertiser.pk, ApiToken.objects.get().pk],
        "antispam-message-new": [advertiser.pk],
        "antispam-spam-report-handle": [spam.pk],
        "antispam-archive-file": [archived.pk],
    }
