"""`netpoint law` and the list it prints (netpoint.common.core.lawbook): every legal number of
every installed app's conf.py, its value in force, its default, and its source."""

import os
import subprocess
import sys
import tempfile

import pytest
from django.core.management import call_command

from netpoint.common.core import lawbook


def printed(capsys) -> list[str]:
    call_command("law")
    return capsys.readouterr().out.splitlines()


def test_the_command_lists_a_number_of_a_module_with_its_source(capsys, settings):
    if "games" not in getattr(settings, "NETPOINT_MODULES", ()):
        pytest.skip("the games module, whose number this reads, is not installed")
    line = next(x for x in printed(capsys) if x.startswith('NETPOINT_GAMES["minor_game_minutes"]'))
    assert line.startswith('NETPOINT_GAMES["minor_game_minutes"] = 60\t[mặc định]\t')
    assert "Nghị định 147/2024/NĐ-CP, Điều 39 khoản 1 điểm e" in line


def test_the_command_shows_an_override_beside_its_default(capsys, settings):
    settings.NETPOINT_RETENTION_DAYS = {"sessions": 90}
    lines = printed(capsys)
    line = next(x for x in lines if x.startswith('NETPOINT_RETENTION_DAYS["sessions"]'))
    assert line.startswith('NETPOINT_RETENTION_DAYS["sessions"] = 90\t[đã thay đổi, mặc định 30]')


def test_only_numbers_with_a_legal_source_are_listed():
    names = {number.name for number in lawbook.numbers()}
    assert 'NETPOINT_POLICY["minor_daily_minutes"]' in names
    assert 'NETPOINT_UPLINK["batch_events"]' not in names  # a number of ours, not of the law


def test_a_point_lists_its_own_numbers():
    """On a point (its own settings, SQLite, no provider app) the command lists the point's
    conf.py files and none of the provider's."""
    with tempfile.TemporaryDirectory() as data:
        env = os.environ | {
            "NETPOINT_ROLE": "point",
            "DJANGO_SETTINGS_MODULE": "netpoint.point.settings",
            "NETPOINT_DATABASE_URL": "",
            "NETPOINT_DATA_DIR": data,
        }
        answer = subprocess.run(
            [sys.executable, "-m", "netpoint.cli", "law"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    lines = answer.stdout.splitlines()
    assert any(x.startswith('NETPOINT_ACCESSLOG["retention_days"] = 30') for x in lines)
    assert any(x.startswith('NETPOINT_POLICY["minor_daily_minutes"] = 180') for x in lines)
    assert not any(x.startswith("NETPOINT_RETENTION_DAYS") for x in lines)


def test_no_source_of_the_core_is_left_to_confirm():
    """Each source names its article, or says plainly that it could not be checked or that the
    number is a setting; the modules' own (netpoint.provider.modules) are theirs to cite."""
    core = [n for n in lawbook.numbers() if not n.app.startswith("netpoint.provider.modules.")]
    assert core and [n.name for n in core if "to confirm" in n.source] == []
