import json

import pytest

from netpoint.point.accesslog.classify import DEFAULT_SERVICES, Classifier, load


@pytest.fixture
def kinds():
    return Classifier(DEFAULT_SERVICES)


@pytest.mark.parametrize(
    ("destination", "port", "kind"),
    [
        ("chat.zalo.me", 443, "chat"),
        ("zalo.me", 0, "chat"),
        ("www.messenger.com", 443, "chat"),
        ("mail.google.com", 443, "email"),
        ("www.google.com", 443, "web"),
        ("lienquan.garena.vn", 443, "game"),
        ("www.fshare.vn", 443, "file_transfer"),
        ("vnexpress.net", 80, "web"),
        ("vnexpress.net", 0, "other"),
        ("203.0.113.5", 993, "email"),
        ("203.0.113.5", 21, "file_transfer"),
        ("203.0.113.5", 27015, "game"),
        ("203.0.113.5", 5222, "chat"),
        ("203.0.113.5", 12345, "other"),
    ],
)
def test_the_domain_decides_then_the_port(kinds, destination, port, kind):
    assert kinds.kind(destination, port) == kind


def test_the_providers_file_replaces_the_lists_it_names(tmp_path):
    path = tmp_path / "services.json"
    path.write_text(json.dumps({"game": {"domains": ["gamemoi.vn"], "ports": []}}))
    kinds = Classifier(load(str(path)))
    assert kinds.kind("play.gamemoi.vn", 443) == "game"
    assert kinds.kind("garena.vn", 443) == "web"  # no longer on the game list
    assert kinds.kind("chat.zalo.me", 443) == "chat"  # the other lists stay


def test_a_file_of_another_shape_is_refused(tmp_path):
    path = tmp_path / "services.json"
    path.write_text(json.dumps({"torrent": {"domains": []}}))
    with pytest.raises(ValueError, match="keys are among"):
        load(str(path))
