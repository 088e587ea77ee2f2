"""The station's own settings file: which point server, and the token it was paired with.

The token unlocks this PC's account on the point server, so the file is readable by its owner
only and written whole or not at all. On Windows it is the machine's, not a user's: in
%ProgramData%\\Netpoint, which the SYSTEM service owns (the customer's %APPDATA% is theirs to
read), with the token sealed by DPAPI and the folder closed to all but SYSTEM and
Administrators (netpoint.station_client.windows.dpapi).
"""

import json
import os
import sys
import tempfile
from pathlib import Path

from netpoint.station_client.windows import dpapi


def default_path() -> Path:
    if sys.platform == "win32":
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData"), "Netpoint", "station.json")
    base = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config"))
    return base / "netpoint" / "station.json"


def load(path: Path) -> dict:
    try:
        stored = json.loads(path.read_text())
    except FileNotFoundError:
        return {}
    if dpapi.active():
        return dpapi.unseal(stored, dpapi.unprotect)
    return stored


def save(path: Path, data: dict) -> None:
    fresh = not path.parent.exists()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if dpapi.active():
        if fresh:
            dpapi.restrict(path.parent)
        data = dpapi.seal(data, dpapi.protect)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".station-")
    try:
        os.chmod(temporary, 0o600)
        with os.fdopen(handle, "w") as out:
            json.dump(data, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
