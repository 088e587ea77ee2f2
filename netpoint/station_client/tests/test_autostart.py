"""The XDG autostart entry shipped for Linux stations starts the lock screen."""

import configparser
import shlex
from pathlib import Path

AUTOSTART = Path(__file__).resolve().parents[1] / "autostart" / "netpoint-station.desktop"


def entry() -> configparser.SectionProxy:
    parsed = configparser.ConfigParser(interpolation=None, strict=True)
    parsed.optionxform = str  # desktop entry keys are case-sensitive
    parsed.read_string(AUTOSTART.read_text(encoding="utf-8"))
    return parsed["Desktop Entry"]


def test_the_autostart_entry_starts_the_lock_screen():
    desktop = entry()
    command = shlex.split(desktop["Exec"])
    assert desktop["Type"] == "Application"
    assert Path(command[0]).name == "netpoint" and command[1:] == ["station"]


def test_the_autostart_entry_leaves_restarting_to_the_guardian():
    # A session manager restarting it too would start a second lock screen, which exits at
    # once since the first holds the desktop: a restart loop.
    assert "X-GNOME-AutoRestart" not in entry()
    assert entry()["NoDisplay"] == "true"
