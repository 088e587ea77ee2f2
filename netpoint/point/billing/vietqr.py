"""VietQR: the NAPAS 247 merchant-presented QR payload (EMVCo), as bank apps scan it.

A pure builder: no PyPI package fitted (the few there are single releases, unmaintained),
and the format is small. Tags: 00 payload format, 01 point of initiation (12 = dynamic, one
amount), 38 the beneficiary (NAPAS GUID, bank BIN, account, service QRIBFTTA = transfer to
an account), 53 currency (704 = VND), 54 amount, 58 country, 62 additional data (08 = purpose,
our reference), 63 CRC-16/CCITT-FALSE over everything before it including "6304".
"""

import unicodedata
from dataclasses import dataclass

NAPAS_GUID = "A000000727"
TO_ACCOUNT = "QRIBFTTA"


class VietQRError(ValueError):
    pass


@dataclass(frozen=True)
class Transfer:
    bank_bin: str  # 6 digits, e.g. 970416 (ACB)
    account: str
    amount: int  # whole VND; 0 leaves the amount to the payer
    reference: str = ""


def _field(tag: str, value: str) -> str:
    if len(value) > 99:
        raise VietQRError(f"tag {tag} too long")
    return f"{tag}{len(value):02d}{value}"


def crc16_ccitt_false(data: bytes) -> int:
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def with_crc(body: str) -> str:
    body += "6304"
    return body + f"{crc16_ccitt_false(body.encode()):04X}"


def _reference(text: str) -> str:
    # Bank apps take the purpose as plain ASCII: accents dropped, only letters, digits, spaces.
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    cleaned = "".join(c for c in text if c.isascii() and (c.isalnum() or c == " "))
    return " ".join(cleaned.split())[:25]


def payload(transfer: Transfer) -> str:
    if not (transfer.bank_bin.isascii() and transfer.bank_bin.isdigit()):
        raise VietQRError("bank BIN must be digits")
    if not transfer.account.isascii() or not transfer.account.isalnum():
        raise VietQRError("account must be letters and digits")
    if transfer.amount < 0:
        raise VietQRError("amount must not be negative")
    beneficiary = _field("00", transfer.bank_bin) + _field("01", transfer.account)
    merchant = _field("00", NAPAS_GUID) + _field("01", beneficiary) + _field("02", TO_ACCOUNT)
    body = _field("00", "01") + _field("01", "12" if transfer.amount else "11")
    body += _field("38", merchant) + _field("53", "704")
    if transfer.amount:
        body += _field("54", str(transfer.amount))
    body += _field("58", "VN")
    reference = _reference(transfer.reference)
    if reference:
        body += _field("62", _field("08", reference))
    return with_crc(body)


def parse(text: str) -> dict[str, str]:
    """Top-level tags of a payload (nested values as they are), after checking its CRC."""
    if len(text) < 8 or text[-8:-4] != "6304":
        raise VietQRError("no CRC")
    if f"{crc16_ccitt_false(text[:-4].encode()):04X}" != text[-4:].upper():
        raise VietQRError("bad CRC")
    return fields(text[:-8])


def fields(text: str) -> dict[str, str]:
    found, at = {}, 0
    while at < len(text):
        tag, size = text[at : at + 2], text[at + 2 : at + 4]
        if not size.isdigit() or at + 4 + int(size) > len(text):
            raise VietQRError("malformed field")
        found[tag] = text[at + 4 : at + 4 + int(size)]
        at += 4 + int(size)
    return found
