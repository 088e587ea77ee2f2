"""The station's token at rest on Windows: in %ProgramData%\\Netpoint\\station.json, sealed
with DPAPI in machine scope (CryptProtectData with CRYPTPROTECT_LOCAL_MACHINE: any process on
this PC can unseal it, so the folder's ACL is what keeps the customer out: SYSTEM and
Administrators only), and useless copied to another PC.

`seal`/`unseal` turn the settings as the client holds them into what is written and back; the
DPAPI calls themselves are passed in, so the layout is tested on any OS."""

import base64
import sys
from collections.abc import Callable
from pathlib import Path

SEALED_FIELD = "token_dpapi"
CRYPTPROTECT_LOCAL_MACHINE = 0x4
CRYPTPROTECT_UI_FORBIDDEN = 0x1
# SYSTEM and the Administrators group, by their well-known SIDs: names differ by language.
SYSTEM_SID = "S-1-5-18"
ADMINISTRATORS_SID = "S-1-5-32-544"


def seal(settings: dict, protect: Callable[[bytes], bytes]) -> dict:
    if "token" not in settings:
        return dict(settings)
    sealed = {k: v for k, v in settings.items() if k != "token"}
    sealed[SEALED_FIELD] = base64.b64encode(protect(settings["token"].encode())).decode()
    return sealed


def unseal(stored: dict, unprotect: Callable[[bytes], bytes]) -> dict:
    if SEALED_FIELD not in stored:
        return dict(stored)
    settings = {k: v for k, v in stored.items() if k != SEALED_FIELD}
    settings["token"] = unprotect(base64.b64decode(stored[SEALED_FIELD])).decode()
    return settings


def protect(data: bytes) -> bytes:  # pragma: no cover - Windows only
    import win32crypt

    flags = CRYPTPROTECT_LOCAL_MACHINE | CRYPTPROTECT_UI_FORBIDDEN
    return win32crypt.CryptProtectData(data, "netpoint station token", None, None, None, flags)


def unprotect(data: bytes) -> bytes:  # pragma: no cover - Windows only
    import win32crypt

    _description, clear = win32crypt.CryptUnprotectData(
        data, None, None, None, CRYPTPROTECT_UI_FORBIDDEN
    )
    return clear


def restrict(path: Path) -> None:  # pragma: no cover - Windows only
    """Give `path` (the folder, or the file) an ACL of its own: SYSTEM and Administrators full
    control, nobody else, nothing inherited from %ProgramData% (where Users may read)."""
    import ntsecuritycon
    import win32security

    acl = win32security.ACL()
    for sid in (SYSTEM_SID, ADMINISTRATORS_SID):
        acl.AddAccessAllowedAceEx(
            win32security.ACL_REVISION,
            win32security.OBJECT_INHERIT_ACE | win32security.CONTAINER_INHERIT_ACE,
            ntsecuritycon.FILE_ALL_ACCESS,
            win32security.ConvertStringSidToSid(sid),
        )
    win32security.SetNamedSecurityInfo(
        str(path),
        win32security.SE_FILE_OBJECT,
        win32security.DACL_SECURITY_INFORMATION | win32security.PROTECTED_DACL_SECURITY_INFORMATION,
        None,
        None,
        acl,
        None,
    )


def active() -> bool:
    return sys.platform == "win32"
