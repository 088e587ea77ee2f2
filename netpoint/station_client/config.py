"""The station's own settings file: which point server, and the token it was paired with.

The token unlocks this PC's account on the point server, so the file is readable by its owner
only and written whole or not at all.
"""

import json
import os
import sys
import tempfile
from pathlib import Path


def default_path() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home()))
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config"))
    return base / "netpoint" / "station.json"


def load(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except FileNotFoundError:
        return {}


def save(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
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
