"""Development: debug on, a secret key generated once and kept under var/."""

from .base import *  # noqa: F403
from .base import VAR_DIR
from .environment import development_secret_key, env_bool, env_str

DEBUG = env_bool("DEBUG", default=True)
SECRET_KEY = env_str("SECRET_KEY") or development_secret_key(VAR_DIR)
