"""The portal's page under /manage/ (the "manage" namespace is assembled in liaison/manage_urls.py)."""

from django.urls import path

from . import views

urlpatterns = [path("", views.dashboard, name="dashboard")]
