"""Two-factor sign-in for the secretariat (TOTP with recovery codes), required when
LIAISON_REQUIRE_2FA is on; sessions that expire after inactivity."""

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def code(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def wait_out_the_throttle():
    """What waiting out django-otp's pause (1 s, 2 s, 4 s …) comes to, without sleeping in a test."""
    TOTPDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    StaticDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)


def log_in(client, email):
    response = client.post("/accounts/login/", {"username": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302, response.content
    return response


def enrol(client):
    page = client.get("/accounts/two-factor/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml' in html  # the QR code is drawn here, not fetched from anywhere
    device = TOTPDevice.objects.get(user=page.wsgi_request.user, confirmed=False)
    wrong = client.post("/accounts/two-factor/", {"code": "000000" if code(device) != "000000" else "111111"})
    assert wrong.status_code == 400
    # django-otp throttles guesses: right after a wrong code even the right one is refused …
    assert client.post("/accounts/two-factor/", {"code": code(device)}).status_code == 400
    wait_out_the_throttle()  # … until the pause has passed
    done = client.post("/accounts/two-factor/", {"code": code(device)})
    assert done.status_code == 200
    return device, done.context["codes"]


def test_staff_must_enrol_when_two_factor_is_required(client, roles, settings):
    settings.REQUIRE_2FA = True
    log_in(client, roles["secretariat"].email)
    response = client.get("/manage/")
    assert response.status_code == 302 and response["Location"] == "/accounts/two-factor/"
    device, codes = enrol(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/manage/").status_code == 200


def test_members_are_not_asked_and_staff_may_choose_when_not_required(client, roles, settings):
    settings.REQUIRE_2FA = True
    log_in(client, roles["member"].email)
    assert client.get("/groups/lg-biosafety/workspace/").status_code == 200
    client.logout()
    settings.REQUIRE_2FA = False
    log_in(client, roles["secretariat"].email)
    assert client.get("/manage/").status_code == 200


def test_an_enrolled_account_gives_its_code_at_every_sign_in(client, roles, settings):
    staff = roles["secretariat"]
    log_in(client, staff.email)
    device, codes = enrol(client)
    client.logout()

    log_in(client, staff.email)
    response = client.get("/manage/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/two-factor/verify/")
    assert client.get("/admin/").status_code == 302  # the admin too
    assert client.post("/accounts/two-factor/verify/", {"code": "12345x", "next": "/manage/"}).status_code == 400
    assert client.get("/manage/").status_code == 302
    wait_out_the_throttle()
    # A recovery code works once.
    response = client.post("/accounts/two-factor/verify/", {"code": codes[0], "next": "/manage/"})
    assert response.status_code == 302 and response["Location"] == "/manage/"
    assert client.get("/manage/").status_code == 200
    assert not StaticToken.objects.filter(token=codes[0]).exists()
    client.logout()
    log_in(client, staff.email)
    assert client.post("/accounts/two-factor/verify/", {"code": codes[0]}).status_code == 400
    wait_out_the_throttle()
    # An off-site "next" is not followed.
    response = client.post("/accounts/two-factor/verify/", {"code": codes[1], "next": "https://evil.example/"})
    assert response["Location"] == "/accounts/profile/"


def test_sessions_expire_after_inactivity(client, roles, settings):
    settings.SESSION_COOKIE_AGE = 600
    log_in(client, roles["member"].email)
    client.get("/accounts/profile/")
    session = Session.objects.get(session_key=client.session.session_key)
    remaining = (session.expire_date - timezone.now()).total_seconds()
    assert 500 < remaining <= 600  # every request pushes the end of the session forward
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    response = client.get("/accounts/profile/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_activity_pushes_the_session_end_forward_at_most_once_a_minute(client, roles, settings):
    from liaison.accounts.idle import IdleSessionMiddleware

    settings.SESSION_COOKIE_AGE = 600
    log_in(client, roles["member"].email)
    client.get("/accounts/profile/")
    session = Session.objects.get(session_key=client.session.session_key)
    first = session.expire_date
    client.get("/accounts/profile/")  # within the minute: no session write
    assert Session.objects.get(pk=session.pk).expire_date == first
    store = client.session
    store[IdleSessionMiddleware.KEY] = 0  # as if the last activity were long ago
    store.save()
    client.get("/accounts/profile/")
    assert Session.objects.get(pk=session.pk).expire_date > first
