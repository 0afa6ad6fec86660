"""The ``liaison`` console script: Django's management commands under the project's name.

``liaison migrate``, ``liaison demo``, ``liaison runserver`` … are the same commands as
``python -m django`` with ``DJANGO_SETTINGS_MODULE=liaison.settings``.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaison.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.SECRET_KEY  # noqa: B018 (loads the settings, which refuse an unsafe configuration)
    except ImproperlyConfigured as error:
        sys.exit(f"liaison: {error}")

    argv = list(sys.argv if argv is None else argv)
    argv[0] = "liaison"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
