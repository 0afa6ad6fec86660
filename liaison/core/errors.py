"""The 500 page: rendered without the request, so that a broken database cannot break the error page
too (Django's own handler does the same, but then the layout would lack the site's name)."""

from django.conf import settings
from django.http import HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def server_error(request, template_name="500.html"):
    html = loader.get_template(template_name).render({"SITE_NAME": settings.SITE_NAME})
    return HttpResponseServerError(html)


def csrf_failure(request, reason=""):
    """A form sent without its security token (an old tab, cookies blocked): the 403 page of the site,
    saying what to do, instead of Django's bare one."""
    from django.shortcuts import render

    return render(request, "403_csrf.html", {"reason": reason}, status=403)
