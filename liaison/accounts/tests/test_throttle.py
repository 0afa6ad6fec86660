"""One throttle for every login path, per account and client, with growing pauses (issue 11, 1–2)."""

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from liaison.accounts import throttle
from liaison.accounts.models import LoginFailure

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def staff(make_user):
    return make_user("staff@example.org", staff=True)


def admin_login(client, email, password, **meta):
    return client.post("/admin/login/?next=/admin/", {"username": email, "password": password}, **meta)


def site_login(client, email, password, **meta):
    return client.post("/accounts/login/", {"username": email, "password": password}, **meta)


def test_admin_login_failures_are_recorded_and_throttled(client, staff, settings):
    for _ in range(30):
        admin_login(client, staff.email, "wrong-password")
    assert LoginFailure.objects.filter(email=staff.email, kind="login").count() == settings.LOGIN_FAILURE_LIMIT
    response = admin_login(client, staff.email, PASSWORD)
    assert response.status_code == 200
    assert "Too many failed attempts" in response.content.decode()
    assert client.get("/admin/").status_code == 302  # still not signed in


def test_admin_and_site_share_one_throttle(client, staff, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        site_login(client, staff.email, "wrong-password")
    assert "Too many failed attempts" in admin_login(client, staff.email, PASSWORD).content.decode()


def test_a_guesser_elsewhere_does_not_lock_the_owner_out(client, staff):
    for _ in range(30):
        site_login(client, staff.email, "guess", REMOTE_ADDR="203.0.113.7")
    assert site_login(client, staff.email, PASSWORD, REMOTE_ADDR="198.51.100.20").status_code == 302
    client.logout()
    # the owner's success does not wipe the guesser's record: the guesser is still paused
    response = site_login(client, staff.email, PASSWORD, REMOTE_ADDR="203.0.113.7")
    assert "Too many failed attempts" in response.content.decode()


def test_pauses_grow_and_are_capped_not_a_lock(settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_FAILURE_MAX_DELAY_SECONDS = 60
    settings.LOGIN_FAILURE_BASE_DELAY_SECONDS = 1
    assert [throttle.delay_after(n, 3) for n in range(0, 11)] == [0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60]


@pytest.mark.django_db
def test_retry_after_counts_from_the_last_failure(settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    settings.LOGIN_FAILURE_BASE_DELAY_SECONDS = 1
    now = timezone.now()
    for seconds_ago in (100, 50):
        LoginFailure.objects.create(email="a@example.org", client="192.0.2.1", at=now - timedelta(seconds=seconds_ago))
    assert throttle.retry_after("a@example.org", "192.0.2.1") == 0  # the 1 s pause is long over
    for _ in range(4):
        throttle.record_failure("a@example.org", "192.0.2.1")
    last = LoginFailure.objects.latest("at").at
    wait = throttle.retry_after("a@example.org", "192.0.2.1")
    elapsed = (timezone.now() - last).total_seconds()  # however slow the machine
    assert 16 - elapsed <= wait <= 16  # 6 failures: 2 ** (6 - 2) s after the last one
    assert throttle.retry_after("a@example.org", "192.0.2.2") == 0  # another client is not paused


def test_users_behind_a_trusted_proxy_are_told_apart(client, make_user, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    victim = make_user("victim@example.org")
    for _ in range(30):  # someone in the same office trying every account through the proxy
        site_login(client, victim.email, "guess", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="198.51.100.66")
    ok = site_login(client, victim.email, PASSWORD, REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert ok.status_code == 302


def test_client_address_reads_x_forwarded_for_only_from_trusted_proxies(settings):
    factory = RequestFactory()
    settings.TRUSTED_PROXIES = []
    spoofed = factory.get("/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert throttle.client_address(spoofed) == "203.0.113.5"
    settings.TRUSTED_PROXIES = ["10.0.0.1", "10.0.1.0/24"]
    assert throttle.client_address(spoofed) == "203.0.113.5"  # not from a trusted proxy
    chained = factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.99, 198.51.100.4, 10.0.1.7")
    assert throttle.client_address(chained) == "198.51.100.4"  # right-most untrusted; the rest may be forged
    garbage = factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="not-an-address")
    assert throttle.client_address(garbage) == "10.0.0.1"


def test_password_reset_requests_are_throttled_per_address_and_client(client, make_user, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    user = make_user("forgetful@example.org")
    for _ in range(3):
        assert client.post("/accounts/password-reset/", {"email": user.email}).status_code == 302
    response = client.post("/accounts/password-reset/", {"email": user.email})
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    other = client.post("/accounts/password-reset/", {"email": user.email}, REMOTE_ADDR="198.51.100.3")
    assert other.status_code == 302


def test_a_paused_login_can_still_reset_its_password(client, make_user, settings):
    user = make_user("paused@example.org")
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        site_login(client, user.email, "wrong")
    assert client.post("/accounts/password-reset/", {"email": user.email}).status_code == 302
