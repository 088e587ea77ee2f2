"""The example systemd units (deploy/systemd): each timer starts a unit that is there, running
a netpoint command that exists, and every job meant to run on a schedule has its timer."""

import configparser
from pathlib import Path

from django.core.management import get_commands

UNITS = Path(__file__).resolve().parents[4] / "deploy" / "systemd"
SCHEDULED_JOBS = {
    "retention",
    "violations",
    "report_reminders",
    "antispam_retention",
    "games_retention",
    "games_report_reminders",
    "wifi_portal_purge",
}
# The jobs of the provider's modules, whose commands exist only where the module is installed
# (NETPOINT_MODULES).
MODULE_OF_JOB = {
    "antispam_retention": "antispam",
    "games_retention": "games",
    "games_report_reminders": "games",
    "wifi_portal_purge": "wifi",
}


def read(path: Path) -> configparser.ConfigParser:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str
    unit.read_string(path.read_text(encoding="utf-8"))
    return unit


def job_of(timer: Path) -> str:
    """The netpoint command the timer's unit runs."""
    service = read(timer)["Timer"].get("Unit", timer.stem + ".service")
    prefix, at, instance = service.removesuffix(".service").partition("@")
    command = read(UNITS / f"{prefix}{at}.service")["Service"]["ExecStart"]
    program, job, *_arguments = command.replace("%i", instance).split()
    assert program == "/opt/netpoint/.venv/bin/netpoint", timer.name
    return job


def test_each_timer_runs_a_netpoint_command_that_exists(settings):
    jobs = {timer.name: job_of(timer) for timer in UNITS.glob("*.timer")}
    left_out = {
        job for job, module in MODULE_OF_JOB.items() if module not in settings.NETPOINT_MODULES
    }
    assert jobs and set(jobs.values()) - left_out <= set(get_commands()), jobs


def test_every_scheduled_job_has_a_timer():
    assert {job_of(timer) for timer in UNITS.glob("*.timer")} == SCHEDULED_JOBS
