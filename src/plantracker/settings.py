"""One settings module, driven by environment variables.

PLANTRACKER_DEBUG     "1" for development (default "1" unless PLANTRACKER_SECRET_KEY is set)
PLANTRACKER_SECRET_KEY  required when debug is off
DATABASE_URL          default: a SQLite file under PLANTRACKER_DATA_DIR
PLANTRACKER_DATA_DIR  where the default SQLite file lives (default ./var)
PLANTRACKER_ALLOWED_HOSTS  comma-separated (default localhost names)
PLANTRACKER_BASE_URL  the address people use, for links in reminder emails
PLANTRACKER_HTTPS     "0" to serve production without HTTPS redirects and secure cookies
PLANTRACKER_HSTS_SECONDS  Strict-Transport-Security max-age in production (default one year)
PLANTRACKER_MAX_IMPORT_MB  the largest file an import reads (default 50)
PLANTRACKER_SQLITE_BUSY_SECONDS  how long a SQLite write waits for another to finish (default 60)
PLANTRACKER_WORKER_LEASE_SECONDS, PLANTRACKER_TASK_ATTEMPTS  a task worker that died (deployment.md)
PLANTRACKER_S3_BUCKET, _S3_ENDPOINT, _S3_REGION  files in object storage (docs/deployment.md)
PLANTRACKER_EMAIL_HOST, _PORT, _USER, _PASSWORD, _TLS, _FROM  SMTP for emails (default: console)
PLANTRACKER_NOTIFY_API_KEY, PLANTRACKER_NOTIFY_TEMPLATE_ID  GOV.UK Notify instead of SMTP
PLANTRACKER_OIDC_SERVER_URL, _CLIENT_ID, _SECRET, _NAME  single sign-on (docs/deployment.md)
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("PLANTRACKER_DATA_DIR", Path.cwd() / "var"))

_secret = os.environ.get("PLANTRACKER_SECRET_KEY", "")
DEBUG = os.environ.get("PLANTRACKER_DEBUG", "0" if _secret else "1") == "1"
SECRET_KEY = _secret or "plantracker-development-only-key-never-use-in-production"
ALLOWED_HOSTS = os.environ.get("PLANTRACKER_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(
    ","
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # its API docs page then serves Swagger UI from our static files, not a CDN
    "simple_history",
    "axes",
    "plantracker.worker",  # before django_tasks_db: its `db_worker` command is ours
    "django_tasks_db",
    "plantracker.core",
    "plantracker.strategy",
    "plantracker.plans",
    "plantracker.updates",
    "plantracker.risks",
    "plantracker.indicators",
    "plantracker.carbon",
    "plantracker.imports",
    "plantracker.reports",
    "plantracker.notifications",
    "plantracker.operations",  # demo, backups, restore: above every domain app
    "plantracker.web",
    # Password reset and change, single sign-on (OpenID Connect) and two-factor: django-allauth,
    # after our web app so that our templates of its pages are the ones used.
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "plantracker.urls"
WSGI_APPLICATION = "plantracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "plantracker.web.context.navigation",
            ],
        },
    },
]

if "DATABASE_URL" in os.environ:
    # Each app process keeps its database connection between requests (checked before reuse)
    # instead of opening one per request: a new PostgreSQL connection costs a process on the
    # server and a handshake, a large share of a quick page's time.
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"],
            conn_max_age=int(os.environ.get("PLANTRACKER_DB_CONN_MAX_AGE", "300")),
            conn_health_checks=True,
        )
    }
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {"default": dj_database_url.parse(f"sqlite:///{DATA_DIR / 'plantracker.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # Readers never wait for a writer (WAL); a write takes the lock when its
            # transaction begins (IMMEDIATE), so two writers queue instead of one failing
            # half-way; and a writer waits up to this long for a long import to finish
            # rather than failing with "database is locked" (Python's default is 5 s).
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": float(os.environ.get("PLANTRACKER_SQLITE_BUSY_SECONDS", "60")),
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "files"
# Uploaded and generated files: the app server's disk by default; object storage (Amazon S3 or
# any S3-compatible service) when a bucket is named, so app servers keep nothing of their own.
# Credentials come from the standard AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables or
# the machine's role. Needs the s3 extra: pip install 'plantracker[s3]'.
if os.environ.get("PLANTRACKER_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["PLANTRACKER_S3_BUCKET"],
            "endpoint_url": os.environ.get("PLANTRACKER_S3_ENDPOINT") or None,
            "region_name": os.environ.get("PLANTRACKER_S3_REGION") or None,
            "default_acl": None,  # private, as the bucket's own policy says
            "querystring_auth": True,  # links expire (one hour)
            "file_overwrite": False,
        },
    }
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Background work (committee reports for big plans): queued in the database, run by
# `plantracker db_worker` (docs/deployment.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A worker that has not renewed its lease for this long, on another machine, is taken to have
# died (on its own machine the worker's process is looked for instead); its running task is
# queued again, and marked failed after this many runs in all (worker/attempts.py).
PLANTRACKER_WORKER_LEASE_SECONDS = float(os.environ.get("PLANTRACKER_WORKER_LEASE_SECONDS", "300"))
PLANTRACKER_TASK_ATTEMPTS = int(os.environ.get("PLANTRACKER_TASK_ATTEMPTS", "2"))

# Imports refuse bigger files (and workbooks that unpack to far more: see imports/limits.py).
PLANTRACKER_MAX_IMPORT_MB = float(os.environ.get("PLANTRACKER_MAX_IMPORT_MB", "50"))
# Form posts: Django's own limits, stated here so they are visible (no upload forms yet).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

LOGIN_URL = "sign-in"
# How long an invitation's link to choose a password works (Django's password-reset tokens;
# the email states it).
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600
LOGIN_REDIRECT_URL = "my-work"
LOGOUT_REDIRECT_URL = "home"

# Sign-in throttling (django-axes): after 5 failed tries for one username from one address,
# that pair waits 15 minutes. Successful sign-ins reset the count.
AXES_FAILURE_LIMIT = int(os.environ.get("PLANTRACKER_SIGNIN_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
AXES_VERBOSE = False

# Sign-in, passwords, single sign-on and two-factor: django-allauth (docs/user-guide.md).
# People sign in with their username (an invited person's is their email address); nobody
# signs themselves up: an organisation's administrator invites them (web/accounts.py).
ACCOUNT_ADAPTER = "plantracker.web.accounts.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "plantracker.web.accounts.SingleSignOnAdapter"
ACCOUNT_FORMS = {
    "login": "plantracker.web.forms.accounts.SignInForm",
    "reset_password": "plantracker.web.forms.accounts.ResetPasswordForm",
    "reset_password_from_key": "plantracker.web.forms.accounts.ResetPasswordKeyForm",
    "change_password": "plantracker.web.forms.accounts.ChangePasswordForm",
    "set_password": "plantracker.web.forms.accounts.SetPasswordForm",
    "reauthenticate": "plantracker.web.forms.accounts.ConfirmPasswordForm",
}
MFA_FORMS = {
    "authenticate": "plantracker.web.forms.accounts.TwoFactorForm",
    "reauthenticate": "plantracker.web.forms.accounts.TwoFactorReauthenticateForm",
    "activate_totp": "plantracker.web.forms.accounts.ActivateTwoFactorForm",
    "deactivate_totp": "plantracker.web.forms.accounts.DeactivateTwoFactorForm",
}
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = False  # addresses are matched case-insensitively, in web/accounts.py
ACCOUNT_SESSION_REMEMBER = False
# A reset asked for an address that has no account sends nothing (no email to strangers).
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_LOGOUT_REDIRECT_URL = LOGOUT_REDIRECT_URL
# django-axes counts failed sign-ins (above); allauth's own count of them is off so that one
# rule, stated on the sign-in page, applies. allauth still limits reset emails.
ACCOUNT_RATE_LIMITS = {"login_failed": False}
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # matched by our adapter, to a member only
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
MFA_SUPPORTED_TYPES = ["totp"]
MFA_TOTP_ISSUER = "Plan Tracker"
# Single sign-on with the council's identity provider over OpenID Connect (Microsoft Entra ID,
# Google Workspace or any other): on when its discovery address and client are configured.
# Microsoft Entra ID does not say whether an address is verified: its tenant's addresses are the
# council's own, so PLANTRACKER_OIDC_TRUST_EMAIL=1 takes the provider's word for them.
PLANTRACKER_OIDC_TRUST_EMAIL = os.environ.get("PLANTRACKER_OIDC_TRUST_EMAIL", "0") == "1"
SOCIALACCOUNT_PROVIDERS: dict[str, dict[str, object]] = {"openid_connect": {"APPS": []}}
if os.environ.get("PLANTRACKER_OIDC_SERVER_URL"):
    SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"] = [
        {
            "provider_id": "council",
            "name": os.environ.get("PLANTRACKER_OIDC_NAME", "your council account"),
            "client_id": os.environ["PLANTRACKER_OIDC_CLIENT_ID"],
            "secret": os.environ.get("PLANTRACKER_OIDC_SECRET", ""),
            "settings": {
                "server_url": os.environ["PLANTRACKER_OIDC_SERVER_URL"],
                "oauth_pkce_enabled": True,
                "fetch_userinfo": True,
            },
        }
    ]

# Email: printed to the console unless an SMTP server is configured.
DEFAULT_FROM_EMAIL = os.environ.get("PLANTRACKER_EMAIL_FROM", "plantracker@localhost")
if os.environ.get("PLANTRACKER_NOTIFY_API_KEY"):
    # GOV.UK Notify (django-gov-notify): a plain template whose subject is ((subject)) and
    # body ((body)), its id in PLANTRACKER_NOTIFY_TEMPLATE_ID (docs/deployment.md).
    EMAIL_BACKEND = "django_gov_notify.backends.NotifyEmailBackend"
    GOVUK_NOTIFY_API_KEY = os.environ["PLANTRACKER_NOTIFY_API_KEY"]
    GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID = os.environ.get("PLANTRACKER_NOTIFY_TEMPLATE_ID", "")
elif os.environ.get("PLANTRACKER_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["PLANTRACKER_EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("PLANTRACKER_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("PLANTRACKER_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("PLANTRACKER_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("PLANTRACKER_EMAIL_TLS", "1") == "1"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
PLANTRACKER_BASE_URL = os.environ.get("PLANTRACKER_BASE_URL", "http://127.0.0.1:8000")
# Notification emails: tries in all for one email, and the wait between tries.
PLANTRACKER_EMAIL_ATTEMPTS = int(os.environ.get("PLANTRACKER_EMAIL_ATTEMPTS", "5"))
PLANTRACKER_EMAIL_RETRY_SECONDS = int(os.environ.get("PLANTRACKER_EMAIL_RETRY_SECONDS", "300"))

SECURE_CONTENT_TYPE_NOSNIFF = True
# Content-Security-Policy on every response, in development too so the browser tests see what
# production does: scripts and styles only from our own files (no inline script, no eval: the
# charts run through vega-interpreter), images from us or data: URLs (GOV.UK's icons), nothing
# framed, forms posted only to us. A view that must differ uses django.views.decorators.csp.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
# Production is served over HTTPS, usually behind a proxy or load balancer that terminates TLS
# and sets X-Forwarded-Proto. PLANTRACKER_HTTPS=0 turns this off (e.g. a private test box).
if not DEBUG and os.environ.get("PLANTRACKER_HTTPS", "1") == "1":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("PLANTRACKER_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True  # the subdomains of this host, not the council's
    # Preloading commits a whole domain in browsers for good: the council's web team decides
    # that for its domain, not this application.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
