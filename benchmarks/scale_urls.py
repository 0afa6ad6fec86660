"""The project's URLs plus a bare Django view, the reference of benchmarks/scale.py."""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("bare/", bare), path("", include("liaison.urls"))]
