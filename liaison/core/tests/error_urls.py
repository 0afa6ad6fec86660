"""The project's routes plus one that fails, to see the 500 page as a visitor would."""

from django.urls import path

from liaison.urls import handler500, urlpatterns as project_urlpatterns  # noqa: F401


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", boom), *project_urlpatterns]
