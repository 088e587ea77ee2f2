"""Settings shared by the point and the provider roles.

Every number that comes from law is an app setting citing its article (the app's conf.py), so
that a new decree is a settings change, not a code change. Secrets and the database come from
the environment.
"""

import os
from pathlib import Path

from netpoint.common.database import database_from_env, secret_key_file
from netpoint.common.mail import mail_from_env

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("NETPOINT_DATA_DIR", Path.cwd() / "var"))

SECRET_KEY = os.environ.get("NETPOINT_SECRET_KEY") or secret_key_file(DATA_DIR / "secret.key")
DEBUG = os.environ.get("NETPOINT_DEBUG", "") == "1"
ALLOWED_HOSTS = os.environ.get("NETPOINT_ALLOWED_HOSTS", "*").split(",")
# Proxies whose X-Real-IP names the client (netpoint.common.core.middleware; the provider's
# setting).
NETPOINT_TRUSTED_PROXIES: list[str] = []

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "netpoint.common.core",
    "netpoint.common.audit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "netpoint.common.core.middleware.SessionUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "netpoint.wsgi.application"
DATABASES = {"default": database_from_env(DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The mail server (violation notices, report reminders), from the environment
# (netpoint.common.mail, docs/DEPLOY.md).
_MAIL = mail_from_env()
EMAIL_HOST, EMAIL_PORT = _MAIL.host, _MAIL.port
EMAIL_HOST_USER, EMAIL_HOST_PASSWORD = _MAIL.user, _MAIL.password
EMAIL_USE_TLS, EMAIL_USE_SSL, EMAIL_TIMEOUT = _MAIL.use_tls, _MAIL.use_ssl, _MAIL.timeout
DEFAULT_FROM_EMAIL = SERVER_EMAIL = _MAIL.sender

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["netpoint.common.audit.backends.LockoutBackend"]
SESSION_ENGINE = "netpoint.common.core.sessions"
# Failed logins that lock a username: netpoint.common.audit.conf.
NETPOINT_LOGIN_LOCKOUT: dict = {}
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

# Vietnamese first: source strings are Vietnamese, English is the translation.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True

STATIC_URL = "static/"
# Uploads (scans of written requests) live in the data folder, which is backed up.
MEDIA_ROOT = DATA_DIR / "media"
# Served by WhiteNoise straight from the installed apps: no collectstatic step on a café server.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    # Request lines can carry query strings; personal data never goes in URLs, but stay quiet.
    "loggers": {"django.request": {"level": "ERROR"}},
}

# Each app's settings are declared once, typed, with their defaults (and, for a number from law,
# its article) in the app's conf.py (netpoint.common.core.appsettings). The NETPOINT_* dicts here
# and in the role's settings hold only what this deployment changes: a partial dict, each key one
# of the app's settings (a key it does not have stops the server at start).
# The law's numbers for sessions: netpoint.common.core.conf (both roles).
NETPOINT_POLICY: dict = {}

# The audit log's signing key (Ed25519, PEM, made 0600 on first use) and the file its signed
# tree heads are appended to: both outside the database it protects (netpoint.common.audit,
# docs/DEPLOY.md).
NETPOINT_AUDIT_KEY_FILE = os.environ.get("NETPOINT_AUDIT_KEY_FILE") or str(
    DATA_DIR / "audit" / "signing.key"
)
NETPOINT_AUDIT_HEADS_FILE = os.environ.get("NETPOINT_AUDIT_HEADS_FILE") or str(
    DATA_DIR / "audit" / "heads.jsonl"
)
