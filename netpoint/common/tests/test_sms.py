"""The SMS gateway's setting as the environment file gives it, and the file gateway the demo and
the tests use (netpoint.common.sms)."""

import json
import stat
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured

from netpoint.common.sms import FileGateway, config_from_env


def test_no_gateway_in_the_environment_means_the_file_gateway():
    assert config_from_env("") == {}


def test_the_environment_names_the_operators_http_gateway():
    text = '{"kind": "http", "url": "https://sms.example.vn/gui", "token": "t"}'
    assert config_from_env(text) == {
        "kind": "http",
        "url": "https://sms.example.vn/gui",
        "token": "t",
    }


@pytest.mark.parametrize("text", ["http", "[1, 2]", '{"kind": '])
def test_a_gateway_that_is_not_a_json_object_stops_the_server(text):
    with pytest.raises(ImproperlyConfigured, match="NETPOINT_SMS_GATEWAY"):
        config_from_env(text)


def test_the_file_gateways_outbox_is_readable_by_its_owner_only(tmp_path):
    gateway = FileGateway(tmp_path / "sms" / "outbox.jsonl", tmp_path / "sms" / "inbox.jsonl")
    gateway.send("+84912345678", "Mã 123456")
    assert stat.S_IMODE((tmp_path / "sms" / "outbox.jsonl").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "sms").stat().st_mode) == 0o700


def test_the_file_gateway_drops_old_messages_on_each_write(tmp_path):
    outbox = tmp_path / "outbox.jsonl"
    old = datetime.now(UTC) - timedelta(minutes=31)
    outbox.write_text(
        json.dumps({"at": old.isoformat(), "to": "+84912000001", "text": "Mã 111111"})
        + "\n"
        + json.dumps({"to": "+84912000002", "text": "Mã 222222"})
        + "\n",
        encoding="utf-8",
    )
    gateway = FileGateway(outbox, tmp_path / "inbox.jsonl", keep_minutes=30)
    gateway.send("+84912000003", "Mã 333333")
    gateway.send("+84912000004", "Mã 444444")
    kept = [json.loads(line)["text"] for line in outbox.read_text(encoding="utf-8").splitlines()]
    assert kept == ["Mã 333333", "Mã 444444"]


def test_an_old_outbox_left_world_readable_is_replaced_by_a_private_one(tmp_path):
    outbox = tmp_path / "outbox.jsonl"
    outbox.write_text("", encoding="utf-8")
    outbox.chmod(0o644)
    FileGateway(outbox, tmp_path / "inbox.jsonl").send("+84912345678", "Mã 123456")
    assert stat.S_IMODE(outbox.stat().st_mode) == 0o600
