"""Development: debug on, a secret key generated once and kept under var/."""

from .base import *  # noqa: F403
from .base import VAR_DIR
from .environment import (
    CONSOLE_BACKEND,
    development_secret_key,
    env_bool,
    env_str,
    mailer_from_environment,
)

DEBUG = env_bool("DEBUG", default=True)
SECRET_KEY = env_str("SECRET_KEY") or development_secret_key(VAR_DIR)
# Workflow mail is printed where runserver runs, unless EMAIL_BACKEND says otherwise.
MAILERS = {"default": mailer_from_environment(default_backend=CONSOLE_BACKEND)}
