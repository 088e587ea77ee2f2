"""The VietQR payload against NAPAS samples published with bank-QR libraries."""

import pytest

from netpoint.point.billing import vietqr

# Published in the README of vietnam-qr-pay (PyPI): ACB 970416, account 257678859.
PUBLISHED_DYNAMIC = (
    "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA"
    "5303704540410005802VN62150811Chuyen tien6304BBB8"
)
PUBLISHED_STATIC = (
    "00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F"
)


def test_the_crc_is_ccitt_false_on_its_check_string():
    assert vietqr.crc16_ccitt_false(b"123456789") == 0x29B1


@pytest.mark.parametrize("sample", [PUBLISHED_DYNAMIC, PUBLISHED_STATIC])
def test_the_crc_matches_the_published_samples(sample):
    assert vietqr.with_crc(sample[:-8]) == sample


def test_the_builder_writes_the_published_dynamic_sample():
    transfer = vietqr.Transfer("970416", "257678859", 1000, "Chuyen tien")
    assert vietqr.payload(transfer) == PUBLISHED_DYNAMIC


def test_the_builder_writes_the_published_static_sample_without_an_amount():
    assert vietqr.payload(vietqr.Transfer("970416", "257678859", 0)) == PUBLISHED_STATIC


def test_a_payload_carries_amount_currency_country_and_reference():
    text = vietqr.payload(vietqr.Transfer("970436", "0011001234567", 160350, "NP S42"))
    tags = vietqr.parse(text)
    assert (tags["00"], tags["01"], tags["53"], tags["54"], tags["58"]) == (
        "01",
        "12",
        "704",
        "160350",
        "VN",
    )
    merchant = vietqr.fields(tags["38"])
    assert merchant["00"] == "A000000727" and merchant["02"] == "QRIBFTTA"
    assert vietqr.fields(merchant["01"]) == {"00": "970436", "01": "0011001234567"}
    assert vietqr.fields(tags["62"]) == {"08": "NP S42"}


def test_a_reference_is_written_without_accents_or_signs():
    text = vietqr.payload(vietqr.Transfer("970436", "123", 1000, "Phiên #7 — Đức"))
    assert vietqr.fields(vietqr.parse(text)["62"]) == {"08": "Phien 7 Duc"}


def test_a_changed_payload_fails_its_crc():
    with pytest.raises(vietqr.VietQRError):
        vietqr.parse(PUBLISHED_DYNAMIC.replace("1000", "9000"))


@pytest.mark.parametrize(
    "transfer",
    [
        vietqr.Transfer("97O416", "257678859", 1000),
        vietqr.Transfer("970416", "2576-78859", 1000),
        vietqr.Transfer("970416", "257678859", -1),
    ],
)
def test_a_bad_account_or_amount_is_refused(transfer):
    with pytest.raises(vietqr.VietQRError):
        vietqr.payload(transfer)
