"""E-mail login, argon2 hashing and login throttling."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from liaison.accounts.models import LoginFailure

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def user(make_user):
    return make_user("expert@example.org")


def login(client, email, password):
    return client.post("/accounts/login/", {"username": email, "password": password})


def test_login_with_email_and_password(client, user):
    response = login(client, "Expert@Example.org", PASSWORD)
    assert response.status_code == 302
    assert client.get("/accounts/profile/").context["user"] == user


def test_wrong_password_says_so_and_logs_nothing_in(client, user):
    response = login(client, "expert@example.org", "wrong-password")
    assert response.status_code == 200
    assert "do not match an active account" in response.content.decode()
    assert client.get("/accounts/profile/").status_code == 302  # still anonymous


def test_passwords_are_hashed_with_argon2(user):
    assert get_user_model().objects.get(pk=user.pk).password.startswith("argon2")


def test_throttled_after_repeated_failures_even_with_the_right_password(client, user, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        login(client, "expert@example.org", "wrong-password")
    response = login(client, "expert@example.org", PASSWORD)
    assert response.status_code == 200
    assert "Too many failed attempts" in response.content.decode()
    assert client.get("/accounts/profile/").status_code == 302


def test_throttle_lifts_after_the_window(client, user, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        login(client, "expert@example.org", "wrong-password")
    LoginFailure.objects.update(at=timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS + 1))
    assert login(client, "expert@example.org", PASSWORD).status_code == 302


def test_success_clears_earlier_failures(client, user):
    login(client, "expert@example.org", "wrong-password")
    assert LoginFailure.objects.count() == 1
    login(client, "expert@example.org", PASSWORD)
    assert LoginFailure.objects.filter(email="expert@example.org").count() == 0


def test_one_client_trying_many_accounts_is_throttled(client, make_user, settings):
    settings.LOGIN_FAILURE_LIMIT = 2  # per client: 2 × 4 = 8 failures
    for n in range(8):
        login(client, f"nobody{n}@example.org", "guess")
    victim = make_user("victim@example.org")
    response = login(client, victim.email, PASSWORD)
    assert "Too many failed attempts" in response.content.decode()


def test_inactive_account_cannot_log_in(client, user):
    user.is_active = False
    user.save()
    assert login(client, "expert@example.org", PASSWORD).status_code == 200


def test_logout_needs_post(client, user):
    client.force_login(user)
    client.post("/accounts/logout/")
    assert client.get("/accounts/profile/").status_code == 302
