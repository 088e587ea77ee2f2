"""A provider runs with any choice of modules (NETPOINT_MODULES): the core finds their pages,
API routes, retention steps and event handlers through doors (netpoint.common.core.doors),
never by importing them, so a module left out leaves nothing behind."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.urls import NoReverseMatch, reverse

from netpoint.common.events.schema import FIELDS
from netpoint.provider.records import rows
from netpoint.provider.settings import modules_named

ROOT = Path(__file__).resolve().parents[3]
# A page and an API operation of each module that has them.
PAGE = {"antispam": "antispam-customers", "games": "games-list", "wifi": "wifi-sessions"}
OPERATION = {"antispam": "check_one", "games": "start", "wifi": "wifi-api-statistics"}


def test_all_four_modules_unless_told_and_none_when_told_none():
    assert modules_named("antispam,games,wifi,nat") == ["antispam", "games", "wifi", "nat"]
    assert modules_named(" nat, wifi ,") == ["wifi", "nat"]
    assert modules_named("") == []


def test_nat_is_refused_without_the_wifi_it_reads():
    with pytest.raises(ImproperlyConfigured, match="the nat module needs the wifi module"):
        modules_named("games,nat")


def test_an_unknown_module_is_named_in_the_refusal():
    with pytest.raises(ImproperlyConfigured, match="names radio: the modules are"):
        modules_named("wifi,radio")


@pytest.mark.urls("netpoint.provider.urls")
def test_a_modules_pages_and_api_are_there_exactly_when_it_is_installed(settings):
    for module in PAGE:
        installed = module in settings.NETPOINT_MODULES
        for name in (PAGE[module], f"provider-api:{OPERATION[module]}"):
            try:
                reverse(name)
                found = True
            except NoReverseMatch:
                found = False
            assert found == installed, (module, name)
    # The core's own are always there.
    assert reverse("registry-points") and reverse("provider-api:receive")


@pytest.mark.django_db
@pytest.mark.urls("netpoint.provider.urls")
def test_the_menu_links_a_modules_pages_exactly_when_it_is_installed(
    client, settings, django_user_model
):
    client.force_login(django_user_model.objects.create_superuser("quantri", password="mk-dai-1"))
    menu = client.get(reverse("registry-points")).content.decode()
    for link, module in (("Phiên Wi-Fi", "wifi"), ("Trò chơi trực tuyến", "games")):
        assert (link in menu) == (module in settings.NETPOINT_MODULES), link
    assert "Điểm truy nhập" in menu and "Văn bản yêu cầu" in menu


def test_every_kind_of_event_has_one_handler_whatever_the_modules():
    # Records and access records are the core's: no module is needed to take a point's events.
    assert set(rows.handlers()) == set(FIELDS)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the provider runs on PostgreSQL")
def test_the_provider_with_this_runs_modules_migrates_and_serves(settings, tmp_path):
    """The provider's own settings (not the tests'), on a database of its own: migrate, no
    model change without its migration, the system checks, and the login page."""
    pg = settings.DATABASES["default"]
    server = f"postgres://{pg['USER']}@{pg['HOST']}:{pg['PORT']}"
    name = f"netpoint_modules_{uuid.uuid4().hex[:8]}"
    base = {k: v for k, v in os.environ.items() if not k.startswith(("NETPOINT", "DJANGO"))}
    env = base | {
        "NETPOINT_ROLE": "provider",
        "NETPOINT_MODULES": ",".join(settings.NETPOINT_MODULES),
        "NETPOINT_DATABASE_URL": f"{server}/{name}",
        "NETPOINT_DATA_DIR": str(tmp_path),
        "NETPOINT_SECRET_KEY": "modules-test-only-secret-0123456789abcdef",
        "NETPOINT_SEALING_KEYS": settings.NETPOINT_SEALING_KEYS,
        # As a deployment sets it: the file gateway (tests, demo) is warned against (W024).
        "NETPOINT_SMS_GATEWAY": '{"kind": "http", "url": "https://sms.vn/gui", "token": "t"}',
    }
    script = (
        "from django.core.management import call_command\n"
        "from django.test import Client\n"
        "call_command('migrate', verbosity=0)\n"
        "call_command('makemigrations', '--check', '--dry-run', verbosity=0)\n"
        "call_command('check', fail_level='WARNING')\n"
        "page = Client().get('/login/')\n"
        "assert page.status_code == 200 and b'password' in page.content, page.status_code\n"
        "assert Client().get('/')['Location'].startswith('/login/')\n"
    )
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "netpoint.cli", "shell", "-c", script],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-3000:]
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
