"""The BinAuth script openNDS routers run, called with openNDS's arguments, reports to the
provider server (a live server on loopback) through curl, and through wget."""

import shutil
import subprocess
from pathlib import Path

import pytest

from netpoint.provider.modules.wifi import portal, services
from netpoint.provider.modules.wifi.models import GatewayEvent

pytestmark = pytest.mark.django_db(transaction=True)

SCRIPT = Path(__file__).resolve().parent.parent / "hotspot" / "binauth-netpoint.sh"
EVENT_KEY = "khoa-bao-su-kien-binauth"


@pytest.fixture
def run_script(live_server, settings, hotspot, tmp_path):
    settings.ROOT_URLCONF = "netpoint.provider.urls"
    nas = services.register_nas(hotspot, "openNDS", "192.0.2.10", "bi-mat-radius-thu-nghiem")
    portal.configure_controller(nas, "opennds", "khoaFas", event_key=EVENT_KEY)

    def run(*args, key=EVENT_KEY, without_curl=False):
        env = {
            "PATH": "/usr/bin:/bin",
            "NETPOINT_BINAUTH_CONF": str(tmp_path / "khong-co.conf"),
            "NETPOINT_BINAUTH_URL": f"{live_server.url}/wifi/cong/{nas.pk}/binauth/",
            "NETPOINT_BINAUTH_KEY": key,
        }
        if without_curl:
            # A router with BusyBox-style wget only: a PATH without curl.
            bin_dir = tmp_path / "bin"
            bin_dir.mkdir(exist_ok=True)
            for tool in ("wget", "logger"):
                target = bin_dir / tool
                if not target.exists():
                    target.symlink_to(shutil.which(tool))
            env["PATH"] = str(bin_dir)
        done = subprocess.run(
            ["/usr/bin/dash", str(SCRIPT), *args], env=env, capture_output=True, timeout=30
        )
        return done.returncode

    return run


def test_openndss_calls_are_reported(run_script):
    assert (
        run_script(
            "auth_client",
            "04:15:52:6a:e4:ad",
            "",
            "",
            "http%3A%2F%2Fvi-du.vn%2F",
            "Mozilla",
            "10.1.0.23",
            "a1b2c3d4",
            "wf0123456789abcdef",
        )
        == 0
    )
    assert (
        run_script(
            "ndsctl_auth",
            "04:15:52:6a:e4:ad",
            "0",
            "0",
            "1773111600",
            "1773198000",
            "a1b2c3d4",
            "wf0123456789abcdef",
        )
        == 0
    )
    assert (
        run_script(
            "idle_deauth",
            "04:15:52:6a:e4:ad",
            "123456",
            "654321",
            "1773111600",
            "1773115200",
            "a1b2c3d4",
        )
        == 0
    )
    events = {e.event: e for e in GatewayEvent.objects.all()}
    assert set(events) == {"auth_client", "ndsctl_auth", "idle_deauth"}
    assert str(events["auth_client"].ip_address) == "10.1.0.23"
    assert events["ndsctl_auth"].login == "wf0123456789abcdef"
    assert (events["idle_deauth"].bytes_in, events["idle_deauth"].bytes_out) == (123456, 654321)
    assert events["idle_deauth"].session_end.timestamp() == 1773115200


def test_wget_when_there_is_no_curl(run_script):
    run_script(
        "client_deauth",
        "04:15:52:6a:e4:ad",
        "1",
        "2",
        "1773111600",
        "1773115200",
        "t",
        without_curl=True,
    )
    assert GatewayEvent.objects.get().event == "client_deauth"


def test_hostile_arguments_do_not_reach_the_json(run_script):
    """A quote in an argument would break out of the JSON string: such fields become null,
    and the report is refused as a whole rather than stored half right."""
    run_script("client_auth", '04:15:52:6a:e4:ad","event":"x', "0", "0", "1", "2", "t")
    assert not GatewayEvent.objects.exists()


def test_a_wrong_key_stores_nothing_but_still_lets_the_client_on(run_script):
    assert run_script("client_auth", "04:15:52:6a:e4:ad", "0", "0", "1", "2", "t", key="sai") == 0
    assert not GatewayEvent.objects.exists()
