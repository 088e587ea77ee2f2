"""Where the station keeps its settings and token, on each OS."""

import base64
import json
import sys
import zlib

from netpoint.station_client import command, config
from netpoint.station_client.windows import dpapi


def test_on_windows_the_token_lives_in_programdata_not_in_the_customers_appdata(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("PROGRAMDATA", r"D:\ProgramData")
    monkeypatch.setenv("APPDATA", r"C:\Users\khach\AppData\Roaming")
    path = str(config.default_path())
    assert path.startswith(r"D:\ProgramData") and "Netpoint" in path
    assert "AppData" not in path


def test_on_windows_without_programdata_set_the_usual_folder_is_used(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.delenv("PROGRAMDATA", raising=False)
    assert str(config.default_path()).startswith(r"C:\ProgramData")


def test_on_linux_the_settings_follow_xdg(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert config.default_path() == tmp_path / "netpoint" / "station.json"


def test_a_sealed_token_is_not_written_in_the_clear():
    # zlib stands in for DPAPI here: the layout is what is tested, not Windows' cipher.
    sealed = dpapi.seal({"server": "http://p", "token": "bí-mật"}, zlib.compress)
    assert "token" not in sealed and "bí-mật" not in json.dumps(sealed)
    assert zlib.decompress(base64.b64decode(sealed[dpapi.SEALED_FIELD])) == "bí-mật".encode()


def test_a_sealed_token_is_read_back_as_it_was():
    settings = {"server": "http://p", "token": "bí-mật", "station": "M01"}
    sealed = dpapi.seal(settings, zlib.compress)
    assert dpapi.unseal(sealed, zlib.decompress) == settings


def test_settings_without_a_token_are_written_as_they_are():
    assert dpapi.seal({"server": "http://p"}, zlib.compress) == {"server": "http://p"}


def test_an_unpaired_agent_registers_on_windows_unless_told_not_to():
    assert command.registers(None, {}, platform="win32")
    assert not command.registers(False, {}, platform="win32")


def test_an_unpaired_agent_on_linux_registers_only_when_asked():
    assert not command.registers(None, {}, platform="linux")
    assert command.registers(True, {}, platform="linux")
    assert command.registers(None, {"register": True}, platform="linux")
