"""A pytest plugin, loaded first (``-p liaison.core.testing`` in pyproject.toml's addopts), before
pytest-django reads the settings: the tests run with debug off, where the settings refuse to start
without a secret key, so they bring their own, new for each run."""

import os
import secrets

os.environ.setdefault("LIAISON_SECRET_KEY", "tests-" + secrets.token_urlsafe(40))
