"""The mail server from the environment: one URL or separate variables; a wrong one stops
the start with a message, never a default silently in force."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from netpoint.common.mail import MailSettings, mail_from_env


def test_a_starttls_url_gives_every_setting():
    found = mail_from_env(
        {
            "NETPOINT_EMAIL_URL": "smtp+tls://giamsat:m%40t-khau@mail.example.vn:2525?from=gs@example.vn"
        }
    )
    assert found == MailSettings(
        host="mail.example.vn",
        port=2525,
        user="giamsat",
        password="m@t-khau",
        use_tls=True,
        use_ssl=False,
        sender="gs@example.vn",
    )


def test_an_smtps_url_without_a_port_takes_465():
    found = mail_from_env({"NETPOINT_EMAIL_URL": "smtps://mail.example.vn"})
    assert (found.port, found.use_ssl, found.use_tls) == (465, True, False)


def test_the_separate_variables_give_the_same():
    found = mail_from_env(
        {
            "NETPOINT_EMAIL_HOST": "mail.example.vn",
            "NETPOINT_EMAIL_PORT": "587",
            "NETPOINT_EMAIL_USER": "giamsat",
            "NETPOINT_EMAIL_PASSWORD": "mat-khau",
            "NETPOINT_EMAIL_USE_TLS": "1",
            "NETPOINT_DEFAULT_FROM_EMAIL": "gs@example.vn",
        }
    )
    assert (found.host, found.port, found.user, found.use_tls, found.sender) == (
        "mail.example.vn",
        587,
        "giamsat",
        True,
        "gs@example.vn",
    )


def test_nothing_set_means_a_mail_server_on_this_machine():
    assert mail_from_env({}) == MailSettings()
    assert (MailSettings().host, MailSettings().port) == ("localhost", 25)


@pytest.mark.parametrize(
    "environ",
    [
        {"NETPOINT_EMAIL_URL": "http://mail.example.vn"},
        {"NETPOINT_EMAIL_URL": "smtp://"},
        {"NETPOINT_EMAIL_URL": "smtp://mail.example.vn:port"},
        {"NETPOINT_EMAIL_PORT": "25a"},
        {"NETPOINT_EMAIL_USE_TLS": "1", "NETPOINT_EMAIL_USE_SSL": "1"},
    ],
)
def test_a_wrong_mail_setting_stops_the_start(environ):
    with pytest.raises(ImproperlyConfigured):
        mail_from_env(environ)
