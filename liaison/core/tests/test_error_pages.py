"""403, 404 and 500 are pages of the site: its header, its navigation, its favicon; the 500 page
renders without touching the database."""

import pytest
from django.test import Client, RequestFactory

from liaison.core.errors import server_error


def _in_layout(html):
    assert 'class="site-header"' in html
    assert 'class="site-footer"' in html
    assert 'rel="icon" href="/static/core/favicon.svg"' in html
    assert 'href="/"' in html  # back to the groups


@pytest.mark.django_db
def test_404_is_styled(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    _in_layout(html)
    assert "<h1>Page not found</h1>" in html
    assert "/no/such/page/" in html
    assert "Liaison" in html.split("</title>")[0]


@pytest.mark.django_db
def test_404_of_a_missing_record_is_styled(client, demo):
    response = client.get("/groups/lg-biosafety/meetings/no-such-meeting/")
    assert response.status_code == 404
    _in_layout(response.content.decode())


@pytest.mark.django_db
def test_403_is_styled(client_as, make_user):
    client = client_as(make_user("someone@example.org"))
    response = client.get("/manage/")
    assert response.status_code == 403
    html = response.content.decode()
    _in_layout(html)
    assert "You may not open this page" in html
    assert "Only the secretariat may do this." in html
    assert "someone@example.org" in html  # the header knows who is signed in


def test_500_renders_without_the_database():
    """No ``db`` fixture: pytest-django makes any query here fail the test."""
    response = server_error(RequestFactory().get("/anything/"))
    assert response.status_code == 500
    html = response.content.decode()
    _in_layout(html)
    assert "Something went wrong on our side" in html
    assert "<title>Server error · Liaison</title>" in html


@pytest.mark.django_db
@pytest.mark.urls("liaison.core.tests.error_urls")
def test_an_unhandled_error_shows_the_500_page():
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    _in_layout(response.content.decode())


def test_the_project_uses_the_500_handler():
    import liaison.urls

    assert liaison.urls.handler500 == "liaison.core.errors.server_error"


def test_favicon_is_a_local_svg():
    from django.contrib.staticfiles import finders

    path = finders.find("core/favicon.svg")
    assert path
    svg = open(path, encoding="utf-8").read()
    assert svg.startswith("<svg") and "http://" not in svg.replace("http://www.w3.org/2000/svg", "")


@pytest.mark.django_db
def test_a_form_without_its_csrf_token_gets_a_styled_403():
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "a@example.org", "password": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    _in_layout(html)
    assert "The form could not be sent" in html and "Nothing was saved." in html
