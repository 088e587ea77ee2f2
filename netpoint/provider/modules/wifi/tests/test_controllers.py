"""The controllers' math against vectors worked out here independently: OpenSSL's own command
line encrypts what openNDS would send, hashlib gives the tokens and UAM answers."""

import base64
import hashlib
import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest

from netpoint.provider.modules.wifi import controllers

FASKEY = "1234567890"
HID = "f3a1c9" * 8
LIST = (
    f"hid={HID}, clientip=10.1.0.23, clientmac=04:15:52:6a:e4:ad, "
    "gatewayname=Quan%20Ca%20Phe, gatewayaddress=10.1.0.1:2050, authdir=opennds_auth, "
    "originurl=http%3A%2F%2Fvi-du.vn%2F, clientif=br-lan"
)


def openssl_fas(text: str, iv: str, faskey: str) -> str:
    """What openNDS's level 3 sends, made by OpenSSL itself: AES-256-CBC with the faskey NUL
    padded to 32 bytes, base64, then base64 again."""
    done = subprocess.run(
        [
            "openssl",
            "enc",
            "-aes-256-cbc",
            "-K",
            faskey.encode().ljust(32, b"\0").hex(),
            "-iv",
            iv.encode().hex(),
            "-base64",
            "-A",
        ],
        input=text.encode(),
        capture_output=True,
        check=True,
    )
    return base64.b64encode(done.stdout.strip()).decode()


def test_level1_fas_is_a_base64_list():
    client = controllers.decode_fas_level1(base64.b64encode(LIST.encode()).decode())
    assert client.hid == HID
    assert client.client_mac == "04:15:52:6a:e4:ad"
    assert client.gateway_name == "Quan Ca Phe"
    assert client.gateway_address == "10.1.0.1:2050"
    assert client.origin_url == "http://vi-du.vn/"
    assert client.gateway_hash == hashlib.sha256(b"Quan Ca Phe").hexdigest()


def test_level3_fas_decrypts_what_openssl_encrypted():
    iv = "a1b2c3d4e5f6a7b8"
    client = controllers.decode_fas_level3(openssl_fas(LIST, iv, FASKEY), iv, FASKEY)
    assert client.hid == HID and client.client_ip == "10.1.0.23"
    assert controllers.encode_fas_level3(LIST, iv, FASKEY) == openssl_fas(LIST, iv, FASKEY)


def test_the_token_is_sha256_of_hid_and_faskey():
    expected = hashlib.sha256(f"{HID}{FASKEY}".encode()).hexdigest()
    assert controllers.fas_token(HID, FASKEY) == expected
    client = controllers.decode_fas_level1(base64.b64encode(LIST.encode()).decode())
    url = urlsplit(controllers.fas_auth_url(client, FASKEY, "http://vi-du.vn/"))
    assert (url.scheme, url.netloc, url.path) == ("http", "10.1.0.1:2050", "/opennds_auth/")
    assert parse_qs(url.query) == {"tok": [expected], "redir": ["http://vi-du.vn/"]}
    assert controllers.fas_token(HID, "khoa-khac") != expected


@pytest.mark.parametrize(
    "fas",
    [
        "",
        "khong-phai-base64!!",
        base64.b64encode(b"\xff\xfe").decode(),
        base64.b64encode(b"clientip=10.1.0.2, gatewayaddress=10.1.0.1").decode(),
        base64.b64encode(b"hid=abc, gatewayaddress=10.1.0.1").decode(),
        base64.b64encode(f"hid={HID}, gatewayaddress=evil.example:80".encode()).decode(),
        base64.b64encode(f"hid={HID}, gatewayaddress=10.1.0.1:99999".encode()).decode(),
        base64.b64encode(f"hid={HID}, gatewayaddress=10.1.0.1, authdir=../x".encode()).decode(),
        "A" * 5000,
    ],
)
def test_malformed_level1_fas_is_refused(fas):
    with pytest.raises(controllers.ControllerError):
        controllers.decode_fas_level1(fas)


def test_level3_refuses_a_wrong_key_iv_or_data():
    iv = "a1b2c3d4e5f6a7b8"
    fas = openssl_fas(LIST, iv, FASKEY)
    with pytest.raises(controllers.ControllerError):
        controllers.decode_fas_level3(fas, iv, "khoa-sai-0000")
    with pytest.raises(controllers.ControllerError):
        controllers.decode_fas_level3(fas, "ngan", FASKEY)
    with pytest.raises(controllers.ControllerError):
        controllers.decode_fas_level3(base64.b64encode(b"QUJD").decode(), iv, FASKEY)
    with pytest.raises(controllers.ControllerError):
        controllers.decode_fas_level3("%%%", iv, FASKEY)


CHALLENGE = "00112233445566778899aabbccddeeff"
PASSWORD = "Mk7_pQ2-zX9aLs0w"  # 16 characters, as services.verify_user issues


def test_pap_password_is_xor_with_the_secret_mixed_challenge():
    mixed = hashlib.md5(bytes.fromhex(CHALLENGE) + b"uam-bi-mat").digest()
    expected = bytes(p ^ k for p, k in zip(PASSWORD.encode(), mixed, strict=True)).hex()
    assert controllers.pap_password(PASSWORD, CHALLENGE, "uam-bi-mat") == expected
    # Without a uamsecret the challenge itself is the key; a shorter password is NUL padded.
    short = bytes(
        p ^ k for p, k in zip(b"abc".ljust(16, b"\0"), bytes.fromhex(CHALLENGE), strict=True)
    )
    assert controllers.pap_password("abc", CHALLENGE, "") == short.hex()
    with pytest.raises(controllers.ControllerError):
        controllers.pap_password("x" * 17, CHALLENGE, "")


def test_chap_response_is_md5_of_id_password_and_challenge():
    mixed = hashlib.md5(bytes.fromhex(CHALLENGE) + b"uam-bi-mat").digest()
    expected = hashlib.md5(b"\x00" + PASSWORD.encode() + mixed).hexdigest()
    assert controllers.chap_response(PASSWORD, CHALLENGE, "uam-bi-mat") == expected


def test_uam_logon_url():
    query = {
        "res": "notyet",
        "uamip": "10.1.0.1",
        "uamport": "3990",
        "challenge": CHALLENGE.upper(),
        "mac": "AA-BB-CC-00-11-22",
        "userurl": "http://vi-du.vn/",
    }
    client = controllers.parse_uam(query)
    pap = urlsplit(controllers.uam_logon_url(client, "wf01", PASSWORD, "s", chap=False))
    assert (pap.netloc, pap.path) == ("10.1.0.1:3990", "/logon")
    assert parse_qs(pap.query) == {
        "username": ["wf01"],
        "password": [controllers.pap_password(PASSWORD, CHALLENGE, "s")],
        "userurl": ["http://vi-du.vn/"],
    }
    chap = parse_qs(urlsplit(controllers.uam_logon_url(client, "wf01", PASSWORD, "s", True)).query)
    assert chap["response"] == [controllers.chap_response(PASSWORD, CHALLENGE, "s")]
    assert "password" not in chap


@pytest.mark.parametrize(
    "change",
    [
        {"res": "khac"},
        {"challenge": "1234"},
        {"challenge": "zz" * 16},
        {"uamip": "chilli.example"},
        {"uamport": "0"},
        {"uamport": "abc"},
    ],
)
def test_malformed_uam_queries_are_refused(change):
    query = {"res": "notyet", "uamip": "10.1.0.1", "uamport": "3990", "challenge": CHALLENGE}
    with pytest.raises(controllers.ControllerError):
        controllers.parse_uam(query | change)


def test_authmon_lines_are_url_encoded_entries():
    line = controllers.authmon_line("ab" * 32, 1440, "wf0011")
    assert line == ("ab" * 32) + "%201440%200%200%200%200%20wf0011"
    assert controllers.authmon_answer([line, line]) == f"* {line} {line}"
    assert controllers.authmon_answer([]) == "*"


URL = "https://cong.vi-du.vn/wifi/cong/7/?res=notyet&uamip=10.1.0.1&mac=AA-BB-CC-00-11-22"


def test_a_url_chilli_signed_is_known_by_its_md():
    signed = controllers.sign_uam_url(URL, "bi-mat")
    md = hashlib.md5(f"{URL}bi-mat".encode()).hexdigest().upper()
    assert signed == f"{URL}&md={md}"
    assert controllers.uam_url_signed(signed, "bi-mat")
    assert controllers.uam_url_signed(signed.replace(md, md.lower()), "bi-mat")


@pytest.mark.parametrize(
    "change",
    [
        lambda url: url.replace("mac=AA", "mac=AB"),
        lambda url: url + "&them=1",
        lambda url: url.rpartition("&md=")[0],
        lambda url: url[:-2],
        lambda url: url.replace("https://", "http://"),
    ],
)
def test_a_changed_or_unsigned_url_is_not_chillis(change):
    assert not controllers.uam_url_signed(change(controllers.sign_uam_url(URL, "bi-mat")), "bi-mat")
    assert not controllers.uam_url_signed(controllers.sign_uam_url(URL, "bi-mat"), "khac")
