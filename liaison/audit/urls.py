from django.urls import path

from . import views_privacy

app_name = "privacy"
urlpatterns = [path("my-data.json", views_privacy.my_data, name="my_data")]
