"""Settings shared by every environment; values that differ come from the environment."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from .environment import (
    SMTP_BACKEND,
    database_from_url,
    env_bool,
    env_list,
    env_str,
    mailer_from_environment,
    media_storage_from_env,
    replica_database,
)

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(env_str("NEWSROOM_VAR_DIR") or BASE_DIR / "var")

DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Django's admin with our site class: staff pass a second factor (newsroom.second_factor).
    "newsroom.second_factor.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "taggit",
    "django_filters",
    "newsroom.lockout_app.LoginLockoutConfig",  # django-axes
    "newsroom.second_factor.apps.OtpConfig",  # django-otp
    "newsroom.second_factor.apps.TotpConfig",
    "newsroom.second_factor.apps.StaticConfig",
    "reversion",
    "newsroom.task_queue_app.TaskQueueConfig",  # django-tasks-db
    # Only for its templates and static files: the API docs page is served from our own host.
    "ninja",
    "people",
    "articles",
    "newsroom.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside everything that reads the database, so it times and logs outages too.
    "newsroom.ops.logs.RequestLogMiddleware",
    # Before anything parses the query string or reads the body.
    "newsroom.request_bounds.RequestBoundsMiddleware",
    # Before anything reads the database: picks the replica this request may read from.
    "newsroom.replicas.ReplicaReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks request.user verified when this session passed its second factor.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it watches the response of the login views.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"
ASGI_APPLICATION = "newsroom.asgi.application"

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
                "django.template.context_processors.csp",
                "articles.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'newsroom.sqlite3'}",
        base_dir=BASE_DIR,
    )
}
# DATABASE_REPLICA_URLS: comma-separated read replicas (replica_1, replica_2 …); public page
# reads go to them, everything else to the primary (newsroom.replicas).
DATABASE_REPLICAS = []
for number, url in enumerate(env_list("DATABASE_REPLICA_URLS", []), start=1):
    DATABASES[f"replica_{number}"] = replica_database(url, base_dir=BASE_DIR)
    DATABASE_REPLICAS.append(f"replica_{number}")
DATABASE_ROUTERS = ["newsroom.replicas.ReplicaRouter"]
# A browser that wrote reads from the primary this long; a replica that is down is retried after.
DATABASE_REPLICA_STICKY_SECONDS = 10
DATABASE_REPLICA_RETRY_SECONDS = 30
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background tasks (django.tasks) are rows in the database, run by `manage.py db_worker`: slow
# work (renditions, reindexing, batch loads, the thorough people pass) and scheduled purges
# (`run_after`); the list is in articles/tasks.py and docs/operations.md.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

REDIS_URL = env_str("REDIS_URL") or ""
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
            "TIMEOUT": 300,
            # An unreachable Redis must cost milliseconds, not the default minutes-long wait.
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The anonymous page cache (articles/page_cache, docs/performance.md). Shared only through
# Redis: a local-memory cache is per process, so production keeps it off without REDIS_URL.
NEWSROOM_PAGE_CACHE = env_bool("NEWSROOM_PAGE_CACHE", default=True)
NEWSROOM_PAGE_CACHE_TIMEOUT = 600  # seconds an unchanged page stays in the cache
NEWSROOM_HTTP_MAX_AGE = 60  # seconds browsers and CDNs may reuse a page unasked
NEWSROOM_HTTP_STALE_WHILE_REVALIDATE = 300
# Who hears of changed pages: LogPurge, or HttpPurge for a CDN's purge-by-tag API.
NEWSROOM_PURGE_BACKEND = env_str("NEWSROOM_PURGE_BACKEND") or "articles.page_cache.purge.LogPurge"
NEWSROOM_PURGE_URL = env_str("NEWSROOM_PURGE_URL") or ""
NEWSROOM_PURGE_TOKEN = env_str("NEWSROOM_PURGE_TOKEN") or ""
NEWSROOM_PURGE_TIMEOUT = 2.0

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out login never reaches the password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
# A reset link works once (its token is bound to the password hash) and for an hour at most.
PASSWORD_RESET_TIMEOUT = 60 * 60


# Lock an account out (from every address), and an address out (for every account), after
# repeated failed logins.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Behind TRUSTED_PROXY_COUNT proxies the client address is that many entries from the right
# of X-Forwarded-For; with none, REMOTE_ADDR.
TRUSTED_PROXY_COUNT = int(env_str("TRUSTED_PROXY_COUNT") or 0)
AXES_CLIENT_IP_CALLABLE = "newsroom.client_ip.client_ip_address"

# Second factor (TOTP with recovery codes): always for superusers and editors, for reporters when
# this is on, and for anyone who enrolled a device.
SECOND_FACTOR_FOR_REPORTERS = env_bool("SECOND_FACTOR_FOR_REPORTERS", default=False)
OTP_TOTP_ISSUER = "新民晚报编辑系统"
# Nobody, superusers included, reads another person's TOTP key or QR code in the admin.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Staff sessions end after 8 idle hours and when the browser closes.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
# Our catalogue first: Chinese for what Django 6.1 and django-axes ship untranslated.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or VAR_DIR / "media")
# MEDIA_STORAGE=local (default: files under MEDIA_ROOT) or s3 (django-storages, AWS_* variables).
media_storage, media_origins = media_storage_from_env()
STORAGES = {
    "default": media_storage,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Request bounds (newsroom.request_bounds): a whole request may carry a few 10 MB photos; the
# same body limit is in deploy/Caddyfile. Form fields beyond the photos stay under 10 MB.
MAX_REQUEST_BYTES = 32 * 1024 * 1024
MAX_QUERY_STRING_BYTES = 4096
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Strict by default: our own scripts and styles only. No nonce: cached pages are shared, so
# nothing inline may need one (JSON-LD is data, which CSP does not govern).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *media_origins],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Workflow and password-reset mail through Django's mailers: SMTP from the
# environment (EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS,
# EMAIL_USE_SSL, EMAIL_TIMEOUT); development prints to the console instead.
MAILERS = {"default": mailer_from_environment(default_backend=SMTP_BACKEND)}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL") or "新民晚报编辑系统 <newsroom@localhost>"
# The site's public address, for links made outside a request: workflow mail, export_ninjs.
NEWSROOM_BASE_URL = (env_str("NEWSROOM_BASE_URL") or "http://127.0.0.1:8000").rstrip("/")

# The paper's own name, shown on every page and in feeds and structured data.
NEWSROOM_PUBLICATION_NAME = "新民晚报"
NEWSROOM_SITE_NAME = env_str("NEWSROOM_SITE_NAME") or "新民晚报·社区新闻"
NEWSROOM_SOURCES_DIR = BASE_DIR / "fixtures" / "sources"

# LOG_FORMAT=json writes one JSON object per line (production's default); plain is for people.
LOG_FORMAT = env_str("LOG_FORMAT") or "plain"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "newsroom.ops.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL") or "INFO"},
    "loggers": {
        "axes": {"level": "WARNING"},
        # Our request line replaces Django's own 4xx/5xx warnings, which say less.
        "django.request": {"level": "ERROR"},
    },
}
if LOG_FORMAT not in LOGGING["formatters"]:
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r}: use json or plain.")
