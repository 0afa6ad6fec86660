import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaison.settings")
application = get_wsgi_application()

from liaison.core import schedule  # noqa: E402

schedule.server_start()  # heavy imports (scikit-learn) at start, not in the first request
