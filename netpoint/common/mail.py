"""The mail server, from the environment as the database is (docs/DEPLOY.md): either one URL,

    NETPOINT_EMAIL_URL=smtp+tls://user:password@mail.example.vn:587?from=giamsat@example.vn

(`smtp://` plain, `smtp+tls://` STARTTLS, `smtps://` TLS from the start), or the same in
separate variables: NETPOINT_EMAIL_HOST, _PORT, _USER, _PASSWORD, _USE_TLS (1), _USE_SSL (1),
NETPOINT_DEFAULT_FROM_EMAIL. Unset: a mail server on this machine (localhost:25), as Django's
defaults say. A send that fails is the caller's to retry (the violations job keeps it)."""

import os
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

SCHEMES = {"smtp": (False, False), "smtp+tls": (True, False), "smtps": (False, True)}
DEFAULT_PORTS = {"smtp": 25, "smtp+tls": 587, "smtps": 465}


@dataclass(frozen=True)
class MailSettings:
    host: str = "localhost"
    port: int = 25
    user: str = ""
    password: str = ""
    use_tls: bool = False
    use_ssl: bool = False
    sender: str = "netpoint@localhost"
    # A mail server that does not answer must not hold a job for long.
    timeout: int = 20


def _port(value: str, name: str) -> int:
    if not value.isascii() or not value.isdigit() or not 0 < int(value) < 65536:
        raise ImproperlyConfigured(f"{name}: the port must be a number from 1 to 65535")
    return int(value)


def mail_from_env(environ=os.environ) -> MailSettings:
    url = environ.get("NETPOINT_EMAIL_URL", "")
    if url:
        parts = urlsplit(url)
        if parts.scheme not in SCHEMES or not parts.hostname:
            raise ImproperlyConfigured(
                "NETPOINT_EMAIL_URL must be smtp://, smtp+tls:// or smtps:// with a host"
            )
        use_tls, use_ssl = SCHEMES[parts.scheme]
        query = parse_qs(parts.query)
        try:
            port = parts.port or DEFAULT_PORTS[parts.scheme]
        except ValueError as error:
            raise ImproperlyConfigured(
                "NETPOINT_EMAIL_URL: the port must be a number from 1 to 65535"
            ) from error
        return MailSettings(
            host=parts.hostname,
            port=port,
            user=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            use_tls=use_tls,
            use_ssl=use_ssl,
            sender=query.get("from", [MailSettings.sender])[0],
        )
    use_tls = environ.get("NETPOINT_EMAIL_USE_TLS", "") == "1"
    use_ssl = environ.get("NETPOINT_EMAIL_USE_SSL", "") == "1"
    if use_tls and use_ssl:
        raise ImproperlyConfigured("NETPOINT_EMAIL_USE_TLS and _USE_SSL: choose one")
    port = environ.get("NETPOINT_EMAIL_PORT", "")
    return MailSettings(
        host=environ.get("NETPOINT_EMAIL_HOST", "") or MailSettings.host,
        port=_port(port, "NETPOINT_EMAIL_PORT") if port else MailSettings.port,
        user=environ.get("NETPOINT_EMAIL_USER", ""),
        password=environ.get("NETPOINT_EMAIL_PASSWORD", ""),
        use_tls=use_tls,
        use_ssl=use_ssl,
        sender=environ.get("NETPOINT_DEFAULT_FROM_EMAIL", "") or MailSettings.sender,
    )
