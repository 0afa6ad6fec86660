"""Django settings for Liaison.

Every setting an operator may change is read from a ``LIAISON_*`` environment variable; see
``docs/operations.md`` for the full list. Defaults give a working development installation on
SQLite with no set-up at all.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("LIAISON_VAR_DIR", BASE_DIR.parent / "var"))


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(f"LIAISON_{name}", default)


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"LIAISON_{name} must be true or false, not {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
NO_SECRET_KEY = (
    "LIAISON_SECRET_KEY is not set. Liaison signs sessions, invitation links and unsubscribe links "
    "with it, so it refuses to start without one. Set it to a long random value, e.g. the output of "
    "`python3 -c 'import secrets; print(secrets.token_urlsafe(50))'` (see docs/operations.md), or set "
    "LIAISON_DEBUG=1 on a development machine to use a key made for that machine."
)


def development_key() -> str:
    """With debug on and no key set: a random key made once for this machine (in the var directory),
    never a key published with the code."""
    path = VAR_DIR / "development-secret-key"
    if not path.exists():
        import secrets

        VAR_DIR.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(NO_SECRET_KEY)
    SECRET_KEY = development_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = (env("SITE_URL", "http://127.0.0.1:8000") or "").rstrip("/")
SITE_NAME = env("SITE_NAME", "Liaison")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # serves Swagger UI from its own static files (no CDN, no inline script)
    "csp",
    "liaison.core",
    "liaison.accounts",
    "liaison.groups",
    "liaison.meetings",
    "liaison.actionplan",
    "liaison.reports",
    "liaison.roster",
    "liaison.workspace",
    "liaison.assistance",
    "liaison.demo",
    "liaison.portal",
    "simple_history",
    "liaison.audit",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "liaison.core.middleware.InputGuardMiddleware",  # NUL characters, oversized API bodies: clear 4xx
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "liaison.accounts.idle.IdleSessionMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "liaison.accounts.two_factor.TwoFactorMiddleware",
    "liaison.accounts.ratelimit.RateLimitMiddleware",
    "liaison.accounts.api_auth.APITokenMiddleware",
    "liaison.accounts.language.AccountLanguageMiddleware",  # the signed-in account's saved language
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "liaison.core.security.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "liaison.urls"
WSGI_APPLICATION = "liaison.wsgi.application"

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
                "liaison.core.context_processors.site",
                "liaison.portal.context_processors.enums",
            ],
            # The UN date style (un_date, un_date_range, un_datetime) and fallback_lang (a record's words
            # shown in English on a page in another language) in every template, no {% load %}.
            "builtins": ["liaison.core.templatetags.un_dates", "liaison.core.templatetags.multilingual"],
        },
    },
]

# Database: SQLite by default, any database URL otherwise (postgres://user:pass@host:port/name).
DATABASE_URL = env("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'liaison.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# The bearer-token model core.api_auth authenticates with (core names it here instead of importing accounts).
API_TOKEN_MODEL = "accounts.APIToken"
AUTHENTICATION_BACKENDS = ["liaison.accounts.backends.ThrottledModelBackend"]  # ModelBackend behind the login throttle
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day

# Login throttling (accounts/throttle.py): after this many failures of one account from one client
# (×4 for one client on any account) within the window, each further failure doubles the pause
# before the next attempt (1 s, 2 s, 4 s …, at most the maximum). No hard lock.
LOGIN_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5") or 5)
LOGIN_FAILURE_WINDOW_SECONDS = int(env("LOGIN_FAILURE_WINDOW_SECONDS", "86400") or 86400)
LOGIN_FAILURE_BASE_DELAY_SECONDS = int(env("LOGIN_FAILURE_BASE_DELAY_SECONDS", "1") or 1)
LOGIN_FAILURE_MAX_DELAY_SECONDS = int(env("LOGIN_FAILURE_MAX_DELAY_SECONDS", "900") or 900)
# Reverse proxies (addresses or networks) whose X-Forwarded-For names the client; nobody else's is read.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
try:
    import ipaddress

    [ipaddress.ip_network(item, strict=False) for item in TRUSTED_PROXIES]
except ValueError as error:
    raise ImproperlyConfigured(f"LIAISON_TRUSTED_PROXIES: {error}") from None

# E-mail: SMTP when LIAISON_EMAIL_HOST is set, the console otherwise (development).
EMAIL_HOST = env("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(env("EMAIL_PORT", "25") or 25)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", "") or ""
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "") or ""
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Liaison <liaison@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "en"
# The six official languages of the United Nations, each named in itself (the switcher shows these).
# The reader's language: the account's saved choice (accounts/language.py) when signed in, else the
# language cookie set by the switcher, else the browser's Accept-Language, else English.
LANGUAGES = [
    ("ar", "العربية"),
    ("zh-hans", "中文"),
    ("en", "English"),
    ("fr", "Français"),
    ("ru", "Русский"),
    ("es", "Español"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "UTC")
USE_I18N = True
# A form whose CSRF token fails gets the site's own 403 page (core/errors.py).
CSRF_FAILURE_VIEW = "liaison.core.errors.csrf_failure"
# Dates as the UN writes them wherever Django formats one (core/formats/en/formats.py).
FORMAT_MODULE_PATH = ["liaison.core.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("MANIFEST_STATIC", False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

WHITENOISE_USE_FINDERS = not env_bool("MANIFEST_STATIC", False)
if WHITENOISE_USE_FINDERS:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)

MAX_UPLOAD_MB = int(env("MAX_UPLOAD_MB", "20") or 20)
# Bulk nomination sheets (roster): the largest file and the most rows one upload may hold.
ROSTER_SHEET_MAX_MB = int(env("ROSTER_SHEET_MAX_MB", "5") or 5)
ROSTER_SHEET_MAX_ROWS = int(env("ROSTER_SHEET_MAX_ROWS", "5000") or 5000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

# The demo loader reads its data from the package; LIAISON_DEMO_PASSWORD sets the demo accounts'.
DEMO_PASSWORD = env("DEMO_PASSWORD", "liaison-demo-2026")

# --- Security headers (docs/operations.md, "Security") ------------------------------------------
# Content-Security-Policy: everything from this site, nothing inline (no script or style
# attribute, no inline <script>/<style>), no framing, forms post only here.
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), midi=(), payment=(), usb=()"
)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# HTTPS: with LIAISON_SECURE_COOKIES on, plain HTTP is redirected and HSTS tells browsers to
# never use it again. Behind a TLS-terminating proxy, LIAISON_PROXY_SSL_HEADER names the header
# the proxy sets (e.g. X-Forwarded-Proto); set it only if the proxy always sets or strips it.
SECURE_SSL_REDIRECT = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(env("HSTS_SECONDS", "31536000" if SESSION_COOKIE_SECURE else "0") or 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", SESSION_COOKIE_SECURE)
if env("PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + env("PROXY_SSL_HEADER").upper().replace("-", "_"), "https")
SECURE_REDIRECT_EXEMPT = []

# --- API tokens and rate limits -----------------------------------------------------------------
API_TOKEN_DAYS = int(env("API_TOKEN_DAYS", "90") or 90)  # validity of a token made without a choice
# Requests per caller (token, user or client address) per window, over the whole API and for
# searches (any GET with a non-empty ?q=); 0 turns a limit off.
API_RATE_LIMIT = int(env("API_RATE_LIMIT", "300") or 0)
SEARCH_RATE_LIMIT = int(env("SEARCH_RATE_LIMIT", "60") or 0)
RATE_LIMIT_WINDOW_SECONDS = int(env("RATE_LIMIT_WINDOW_SECONDS", "60") or 60)
# The cache holding the counters: local memory by default (one process); name a shared backend to
# count across processes, e.g. django.core.cache.backends.db.DatabaseCache with location
# liaison_cache (then run `liaison createcachetable`), or ...redis.RedisCache with redis://host:6379.
CACHES = {
    "default": {
        "BACKEND": env("CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": env("CACHE_LOCATION", "liaison"),
    }
}

# --- Operations (docs/operations.md): background tasks, e-mail outbox ---------------------------
# Background work runs on the Django tasks framework (django-tasks, the backport of Django 6's
# django.tasks) with its database backend; `liaison worker` runs it and the daily jobs.
INSTALLED_APPS += ["django_tasks", "django_tasks_db"]
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# Every e-mail goes through the persistent outbox (liaison/core/outbox.py); the worker delivers it
# with the backend chosen above (SMTP with LIAISON_EMAIL_HOST, the console otherwise).
OUTBOX_DELIVERY_BACKEND = EMAIL_BACKEND
EMAIL_BACKEND = "liaison.core.outbox.OutboxBackend"
OUTBOX_MAX_ATTEMPTS = int(env("OUTBOX_MAX_ATTEMPTS", "8") or 8)
OUTBOX_RETRY_SECONDS = int(env("OUTBOX_RETRY_SECONDS", "60") or 60)
# Reports whose content (as plain data) is longer than this many characters have their PDF/DOCX made by
# the worker, with a progress page, instead of inside the request (reports/documents.py).
INLINE_DOCUMENT_CHARS = int(env("INLINE_DOCUMENT_CHARS", "100000") or 100000)
# Exports (consolidated lists, comment tables) with more rows than this are made by the worker.
INLINE_EXPORT_ROWS = int(env("INLINE_EXPORT_ROWS", "500") or 500)
# The composition planner runs in the worker for rosters with more approved records than this.
INLINE_PLANNER_EXPERTS = int(env("INLINE_PLANNER_EXPERTS", "2000") or 2000)
# The lottery's chances are computed by the worker for pools of more qualified experts than this.
INLINE_LOTTERY_PEOPLE = int(env("INLINE_LOTTERY_PEOPLE", "300") or 300)
# Uploaded reports larger than this (KB) are read (text extraction, parsing) by the worker.
INLINE_IMPORT_KB = int(env("INLINE_IMPORT_KB", "256") or 256)
# The daily `liaison prune` (core/prune.py): sent e-mails, successful tasks and finished jobs older than
# PRUNE_DAYS go, failed e-mails and tasks after PRUNE_FAILED_DAYS.
PRUNE_DAYS = int(env("PRUNE_DAYS", "30") or 30)
PRUNE_FAILED_DAYS = int(env("PRUNE_FAILED_DAYS", "90") or 90)

# Cache: local memory by default (one machine); LIAISON_CACHE_URL=redis://host:6379/0 shares it between
# nodes with Django's own Redis backend (the roster's search indexes live there).
CACHE_URL = env("CACHE_URL")
if CACHE_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL, "KEY_PREFIX": "liaison"}}

# Uploaded files go through Django's storage API: local disk (LIAISON_MEDIA_ROOT) by default;
# LIAISON_STORAGE=s3://bucket/prefix?endpoint_url=…&region_name=… uses django-storages' S3 storage
# (pip install "liaison[s3]"; credentials from the usual AWS_* variables) so several nodes share them.
def s3_storage(url: str) -> dict:
    """The STORAGES entry of ``LIAISON_STORAGE=s3://bucket/prefix?option=value&…`` (the options are
    django-storages' S3Storage settings, e.g. endpoint_url, region_name, addressing_style)."""
    from urllib.parse import parse_qsl, urlsplit

    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.netloc:
        raise ImproperlyConfigured("LIAISON_STORAGE must look like s3://bucket/prefix")
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": parts.netloc, "location": parts.path.strip("/"), "default_acl": None,
                    "querystring_auth": True, "file_overwrite": False, **dict(parse_qsl(parts.query))},
    }


STORAGE_URL = env("STORAGE_URL") or env("STORAGE")
if STORAGE_URL:
    STORAGES["default"] = s3_storage(STORAGE_URL)

# --- Two-factor sign-in and idle sessions -------------------------------------------------------
# Staff who enrolled an authenticator give its code after the password; with LIAISON_REQUIRE_2FA on,
# staff without one must enrol before any other page.
REQUIRE_2FA = env_bool("REQUIRE_2FA", False)
OTP_TOTP_ISSUER = SITE_NAME
# A session ends after this many seconds without a request (each request starts the count again).
SESSION_IDLE_SECONDS = int(env("SESSION_IDLE_SECONDS", "3600") or 3600)
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS  # pushed forward on activity by accounts.idle.IdleSessionMiddleware
