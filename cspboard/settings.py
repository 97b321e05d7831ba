"""cspboard settings: everything that differs between machines comes from the environment.

Safe defaults: SQLite under var/, debug off, e-mail to the console. Production sets
DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS, HTTPS and the e-mail variables (docs/deployment.md);
starting without SECRET_KEY fails unless CSPBOARD_ENV=development (a developer's machine, which
`make run` and `make test` set) or DEBUG is on, where a key is generated once into var/.
"""

import os
import secrets
from datetime import timedelta
from email.utils import getaddresses
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("CSPBOARD_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def _local_secret_key() -> str:
    """A key kept in var/ so sessions survive restarts on a developer's machine."""
    path = VAR_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key)
    path.chmod(0o600)
    return key


DEBUG = env_bool("DEBUG", False)

# --- Where this runs: production unless told otherwise (docs/decisions/0008) ------------------
# CSPBOARD_ENV=development marks a developer's machine (`make run`, `make test`, pytest): there,
# and with DEBUG on, a missing SECRET_KEY is generated once into var/secret_key. Anywhere else
# SECRET_KEY must be set, and the process refuses to start without it.
CSPBOARD_ENV = os.environ.get("CSPBOARD_ENV", "production").strip().lower()
if CSPBOARD_ENV not in {"production", "development"}:
    raise ImproperlyConfigured(
        f"CSPBOARD_ENV must be 'production' or 'development', not {CSPBOARD_ENV!r}."
    )
DEVELOPMENT = CSPBOARD_ENV == "development"
SECRET_KEY = os.environ.get("SECRET_KEY", "").strip()
if not SECRET_KEY:
    if not (DEBUG or DEVELOPMENT):
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it to a long random value (the same on every server), "
            "for example: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'. "
            "On a developer's machine set CSPBOARD_ENV=development instead to use a key "
            "generated into var/secret_key."
        )
    SECRET_KEY = _local_secret_key()
# The demo partnership (cspboard.demo and its load_demo command) is installed only when asked
# for: `make run` and the tests set CSPBOARD_DEMO=true; a production install has no demo.
CSPBOARD_DEMO = env_bool("CSPBOARD_DEMO", False)
# --- end of where this runs ---------------------------------------------------------------------

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# The council that runs this service; shown in the header and on every notice of meeting.
# The demo sets its own council's name (`make run`); a deployment sets COUNCIL_NAME.
COUNCIL_NAME = os.environ.get("COUNCIL_NAME", "Your council")
SERVICE_NAME = os.environ.get("SERVICE_NAME", "Partnership boards")

INSTALLED_APPS = [
    "cspboard.accounts.apps.AdminConfig",  # django.contrib.admin behind the second factor
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "csp",
    "govuk_frontend_django",
    "django_htmx",
    "axes",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "cspboard.core",
    "cspboard.accounts",
    "cspboard.people",
    "cspboard.boards",
    "cspboard.meetings",
    "cspboard.documents",
    "cspboard.actions",
    "cspboard.performance",
    "cspboard.packs",
    "cspboard.calendars",
    "cspboard.reports",
    "cspboard.places",
    "cspboard.funding",
    "cspboard.plans",
    "cspboard.imports",
    "cspboard.search",
    "cspboard.following",
    # The open-data API (cspboard/api); "ninja" serves its docs page's Swagger UI from its own
    # static files, never from another host (decision 0014).
    "ninja",
    "cspboard.api",
]
if CSPBOARD_DEMO:
    INSTALLED_APPS.append("cspboard.demo")

MIDDLEWARE = [
    # First, so its line has the final status and the whole time (cspboard.core.middleware).
    "cspboard.core.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cspboard.core.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # /api/ only: conditional GET, caching and CORS; after sign-in, which it reads.
    "cspboard.api.middleware.OpenDataMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks, so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cspboard.urls"
WSGI_APPLICATION = "cspboard.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cspboard.core.context_processors.service",
                "cspboard.boards.context_processors.outbox_link",
                "cspboard.actions.context_processors.my_actions_link",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'cspboard.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while a writer commits; IMMEDIATE avoids "database is locked"
    # surprises when two requests write at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work (pack builds, e-mail, reminders, charts) goes through Django's tasks framework
# (the django-tasks backport) into a queue table in the same database, run by `cspboard
# db_worker`: no broker to run (docs/decisions/0006-worker.md).
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# --- The worker, the outbox and the schedule (docs/decisions/0006-worker.md) -------------------
# Every e-mail is a row in the outbox (cspboard/core/mail.py), sent by the worker after the change
# commits; a failure is tried again after 1, 5, 25... minutes, up to EMAIL_MAX_ATTEMPTS tries,
# then shown to officers at /emails/.
EMAIL_MAX_ATTEMPTS = int(os.environ.get("EMAIL_MAX_ATTEMPTS", "5"))
EMAIL_RETRY_BASE_SECONDS = int(os.environ.get("EMAIL_RETRY_BASE_SECONDS", "60"))
EMAIL_RETRY_FACTOR = 5
# `cspboard schedule` enqueues each job once a day at its time (local time), on working days
# (Monday to Friday) or every day; it also sweeps the outbox for e-mails whose task went missing.
REMINDER_TIME = os.environ.get("REMINDER_TIME", "07:00")
SCHEDULE = [
    {
        "name": "action reminders",
        "task": "cspboard.actions.tasks.send_action_reminders",
        "at": REMINDER_TIME,
        "days": "working",
    },
    {
        "name": "report reminders",
        "task": "cspboard.reports.tasks.send_report_reminders",
        "at": REMINDER_TIME,
        "days": "working",
    },
    {
        "name": "funding return reminders",
        "task": "cspboard.funding.tasks.send_return_reminders",
        "at": REMINDER_TIME,
        "days": "working",
    },
    {"name": "tidy up", "task": "cspboard.core.tasks.tidy_up", "at": "03:00", "days": "daily"},
    {
        "name": "saved search alerts",
        "task": "cspboard.following.tasks.send_search_alerts",
        "at": os.environ.get("SEARCH_ALERT_TIME", "07:00"),
        "days": "daily",
    },
]
# The worker's records of finished tasks are kept this many days (core/housekeeping.py).
TASK_RESULTS_KEEP_DAYS = int(os.environ.get("TASK_RESULTS_KEEP_DAYS", "14"))
# A pack build the worker has not started after this many seconds is shown as waiting for the
# worker (the page stops polling and says so) rather than spinning.
PACK_BUILD_QUEUE_WAIT = int(os.environ.get("PACK_BUILD_QUEUE_WAIT", "120"))
# --- end of the worker's settings ---------------------------------------------------------------

# --- Caching (issue 12) --------------------------------------------------------------------------
# Pages are kept under generations moved by every write (cspboard/core/cache.py), never stale.
# CACHE_URL: unset for each process's own memory; "db" or "redis://host:6379/0" for a cache the
# servers share (docs/deployment.md, cspboard/core/cache_config.py).
from cspboard.core.cache_config import caches_from_url  # noqa: E402 - no Django imports in it

CACHES = caches_from_url(
    os.environ.get("CACHE_URL", ""), timeout=int(os.environ.get("CACHE_SECONDS", "3600"))
)
# The open-data API keeps each answer under its ETag this long (cspboard/api/middleware.py); 0
# builds every answer afresh.
API_CACHE_SECONDS = int(os.environ.get("API_CACHE_SECONDS", "3600"))
# --- end of caching ------------------------------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Accounts that can see restricted papers must prove a second factor (TOTP) each session; the demo
# relaxes this (REQUIRE_2FA=false) so its shared log-ins work without an authenticator app.
REQUIRE_2FA = env_bool("REQUIRE_2FA", True)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "cspboard")
# Links to set up an authenticator app (after a reset, or asked for) work once, for this long.
SECOND_FACTOR_LINK_HOURS = int(os.environ.get("SECOND_FACTOR_LINK_HOURS", "72"))
# Invitation links to set a password stay valid this long.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("INVITATION_DAYS", "7")) * 24 * 3600
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Repeated failed sign-ins lock a username at one address for a while (someone elsewhere cannot
# lock a member out), and an address that fails with many usernames (spraying one password over
# many accounts) after a higher count: cspboard/accounts/lockout.py.
AXES_HANDLER = "cspboard.accounts.lockout.AccountAtAddressHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_ADDRESS_FAILURE_LIMIT = int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# The address is the connection's (REMOTE_ADDR). Behind a reverse proxy every request would come
# from the proxy and every user would share one address: TRUSTED_PROXIES=1 (nginx in front) reads
# the address that proxy saw from X-Forwarded-For instead (accounts/lockout.client_address).
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
AXES_CLIENT_IP_CALLABLE = "cspboard.accounts.lockout.client_address"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Served by whitenoise from the finders too, so `make run` needs no collectstatic step.
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
if os.environ.get("STATICFILES_MANIFEST", "") and not DEBUG:
    STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"

# Meeting papers live outside the web root and are served only by a view that checks who may see
# them (cspboard.documents.views). Several app servers share one store through django-storages:
# set DOCUMENTS_STORAGE to "s3" and the AWS_* variables (docs/deployment.md).
DOCUMENTS_ROOT = Path(os.environ.get("DOCUMENTS_ROOT", VAR_DIR / "documents"))
# --- S3 documents store -------------------------------------------------------------------------
# DOCUMENTS_STORAGE=s3 keeps papers and packs in a private bucket (or any S3-compatible store);
# every setting comes from the environment, unset ones take django-storages' defaults (so an
# instance role or the usual AWS_* credential chain works too).
DOCUMENTS_STORAGE = os.environ.get("DOCUMENTS_STORAGE", "filesystem").strip().lower()
if DOCUMENTS_STORAGE not in {"filesystem", "s3"}:
    raise ImproperlyConfigured(
        f"DOCUMENTS_STORAGE must be 'filesystem' or 's3', not {DOCUMENTS_STORAGE!r}."
    )


def s3_documents_options() -> dict:
    """django-storages' S3Storage options read from the AWS_* variables."""
    if not os.environ.get("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured("DOCUMENTS_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    from_env = {
        "bucket_name": "AWS_STORAGE_BUCKET_NAME",
        "region_name": "AWS_S3_REGION_NAME",
        "endpoint_url": "AWS_S3_ENDPOINT_URL",
        "access_key": "AWS_ACCESS_KEY_ID",
        "secret_key": "AWS_SECRET_ACCESS_KEY",
        "security_token": "AWS_SESSION_TOKEN",
        "addressing_style": "AWS_S3_ADDRESSING_STYLE",
        "signature_version": "AWS_S3_SIGNATURE_VERSION",
        "location": "AWS_LOCATION",
        "custom_domain": "AWS_S3_CUSTOM_DOMAIN",
    }
    options = {
        option: os.environ[variable]
        for option, variable in from_env.items()
        if os.environ.get(variable)
    }
    return {
        **options,
        # Private objects, fetched by cspboard's permission-checking view only.
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
        "use_ssl": env_bool("AWS_S3_USE_SSL", True),
        "verify": env_bool("AWS_S3_VERIFY", True),
        "max_memory_size": int(os.environ.get("AWS_S3_MAX_MEMORY_SIZE", str(5 * 1024 * 1024))),
    }


if DOCUMENTS_STORAGE == "s3":
    STORAGES["documents"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": s3_documents_options(),
    }
else:
    STORAGES["documents"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(DOCUMENTS_ROOT), "base_url": None},
    }
# --- end of S3 documents store ------------------------------------------------------------------
# Nothing is served from MEDIA_URL: uploads go to the documents store only.
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media-not-served/"

DOCUMENT_MAX_BYTES = int(os.environ.get("DOCUMENT_MAX_MB", "20")) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Papers that are not PDFs are converted for the agenda pack by LibreOffice's `soffice` when it is
# on the PATH; PACK_CONVERTER names another program, or "" for none (such papers are listed).
if "PACK_CONVERTER" in os.environ:
    PACK_CONVERTER = os.environ["PACK_CONVERTER"]

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "cspboard@localhost")

# --- HTTPS and security headers (`cspboard check --deploy` is clean with HTTPS=true) -------------
# HTTPS=true: behind a proxy that terminates TLS and sets X-Forwarded-Proto. Cookies are then
# secure, plain HTTP is redirected (except /health/, for a load balancer's plain check) and HSTS
# holds for a year, including the service's own subdomains (it owns none it would serve over
# HTTP). Preloading is for whoever owns the council's registrable domain to decide and submit,
# not this one service: HSTS_PRELOAD=true adds the directive once they have (docs/decisions/0008).
HTTPS = env_bool("HTTPS", False)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG and HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SILENCED_SYSTEM_CHECKS = []
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS.append("security.W021")  # preload: the domain owner's decision
# --- end of HTTPS and security headers ----------------------------------------------------------

# --- Content-Security-Policy (django-csp; docs/decisions/0007) ---------------------------------
# Scripts and styles come only from our own static files: no inline script, no event handler
# attribute, no style attribute (charts are drawn with SVG presentation attributes instead). So
# no nonce is needed, and the whole-page cache can serve one page to every visitor.
# --- The hotspots map's tiles ---------------------------------------------------------------------
# CSPBOARD_MAP_TILES_URL: a Leaflet tile URL template ("https://tiles.example.org/{z}/{x}/{y}.png",
# "{s}" for its subdomains), and CSPBOARD_MAP_TILES_ATTRIBUTION the credit its licence asks for.
# None by default, so the map is drawn on a plain background and nothing is fetched from another
# host; when set, the policy below allows images (and nothing else) from that host.
MAP_TILES_URL = os.environ.get("CSPBOARD_MAP_TILES_URL", "").strip()
MAP_TILES_ATTRIBUTION = os.environ.get("CSPBOARD_MAP_TILES_ATTRIBUTION", "").strip()


def tile_image_source(url: str) -> str | None:
    """The Content-Security-Policy source for a tile URL template: its scheme and host, with a
    "{s}" subdomain as a wildcard; None for no URL. Refuses anything but an https (or, on a
    developer's machine, http) URL with a host."""
    if not url:
        return None
    parts = urlsplit(url)
    host = parts.netloc.replace("{s}", "*")
    if parts.scheme not in {"https", "http"} or not host or "{" in host or "@" in host:
        raise ImproperlyConfigured(
            "CSPBOARD_MAP_TILES_URL must be an https URL template such as "
            "https://tiles.example.org/{z}/{x}/{y}.png"
        )
    return f"{parts.scheme}://{host}"


MAP_TILES_SOURCE = tile_image_source(MAP_TILES_URL)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([MAP_TILES_SOURCE] if MAP_TILES_SOURCE else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}
# --- end of Content-Security-Policy -------------------------------------------------------------

# --- Error reporting and logs ------------------------------------------------------------------
# ADMINS="Name <address>, Other <address>" get an e-mail for every server error (from
# SERVER_EMAIL); SENTRY_DSN sends errors to Sentry too, without personal data. Each request is
# logged as one line by cspboard.core.middleware.RequestLogMiddleware: JSON (LOG_FORMAT=json, the
# default outside development) for a log collector, or text.
ADMINS = [
    (name or address, address)
    for name, address in getaddresses([os.environ.get("ADMINS", "")])
    if address
]
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_SUBJECT_PREFIX = os.environ.get("EMAIL_SUBJECT_PREFIX", "[cspboard] ")
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEVELOPMENT else "json").strip().lower()
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be 'json' or 'text', not {LOG_FORMAT!r}.")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING").upper()
# Request lines: INFO, so they show whatever LOG_LEVEL; REQUEST_LOG=false turns them off.
REQUEST_LOG = env_bool("REQUEST_LOG", True)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["console", "mail_admins"], "level": LOG_LEVEL, "propagate": False},
        # Server errors with their tracebacks; 4xx answers are in the request lines already.
        "django.request": {
            "handlers": ["console", "mail_admins"],
            "level": "ERROR",
            "propagate": False,
        },
        "cspboard.request": {
            "handlers": ["console"],
            "level": "INFO" if REQUEST_LOG else "WARNING",
            "propagate": False,
        },
    },
}

SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration()],
        environment=os.environ.get("SENTRY_ENVIRONMENT", CSPBOARD_ENV),
        release=os.environ.get("SENTRY_RELEASE") or None,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        # Names, addresses and cookies of board members stay out of the error reports.
        send_default_pii=False,
    )
# --- end of error reporting and logs ------------------------------------------------------------
