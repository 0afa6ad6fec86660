"""Fixtures shared by every app's tests: users for each role, the demo data, a real SMTP server on
loopback, and a real headless Chromium driven by Playwright."""

import os
import shutil
import socket
import threading
from email import message_from_bytes, policy

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run inside
# one unless told that this thread is synchronous code (which it is).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DEMO_PASSWORD = "correct-horse-battery-staple"


def log_in(page, email, password=DEMO_PASSWORD):
    """Sign in through the login form, as a person does, and wait for the signed-in header (browser tests)."""
    from playwright.sync_api import expect

    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def fill_nomination(page, profile, years, references):
    """Fill in the roster's nomination form for Dr. Amina Diallo of Senegal (browser tests)."""
    page.get_by_label("Honorific").fill("Dr.")
    page.get_by_label("First name").fill("Amina")
    page.get_by_label("Last name").fill("Diallo")
    page.get_by_label("E-mail (private)").fill("amina@example.sn")
    page.get_by_label("Nationality").select_option(label="Senegal")
    page.get_by_label("Nominating government").select_option(label="Senegal")
    page.get_by_label("Stakeholder type").select_option(label="Academia / research")
    page.get_by_label("Risk assessment and risk management").check()
    page.get_by_label("Short profile / CV").fill(profile)
    page.get_by_label("Highest degree").select_option(label="Doctorate")
    page.get_by_label("Years of experience").fill(years)
    page.get_by_label("References").fill(references)


@pytest.fixture(autouse=True)
def _each_test_starts_in_english():
    """A request in another language (Accept-Language, the switcher, an account's saved choice)
    leaves that language active in the thread, as Django does between requests; the next test
    starts again from LANGUAGE_CODE."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _login_pauses_outlast_the_test(settings):
    """The first login pause lasts longer than any test: a test that expects to be paused is paused
    however slow the machine (with the production 1 s, a loaded CI once let a 6th failure through).
    Tests of the pause lengths themselves set the base back to 1 s."""
    settings.LOGIN_FAILURE_BASE_DELAY_SECONDS = 600


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """Background tasks run in the test's thread (Django's ImmediateBackend) unless a test sets the
    database backend and runs the worker itself (core/tests/test_outbox.py)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _cheap_argon2(settings):
    """The same argon2 algorithm (hashes still start 'argon2'), at a test-sized cost."""
    settings.PASSWORD_HASHERS = ["conftest.CheapArgon2PasswordHasher"]


from django.contrib.auth.hashers import Argon2PasswordHasher  # noqa: E402


class CheapArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 256
    parallelism = 1


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters (and anything else cached) do not carry from one test to the next."""
    from django.core.cache import cache

    cache.clear()


# --- people and roles --------------------------------------------------------------------------
@pytest.fixture
def countries(db):
    """The ISO countries of the data migration; a transactional test's flush empties the table,
    so they are loaded again when missing (by the same service as the migration)."""
    from liaison.core.models import Country
    from liaison.core.services import load_countries

    if not Country.objects.exists():
        load_countries()


@pytest.fixture
def demo(countries):
    from liaison.demo.services import load_demo

    return {group.slug: group for group in load_demo(accounts=False)}


@pytest.fixture
def make_user(db):
    from django.contrib.auth import get_user_model

    from liaison.core.models import Person
    from liaison.groups.models import Group, Membership

    def make(email, *, staff=False, group=None, role="member", **person_fields):
        user = get_user_model().objects.create_user(email, DEMO_PASSWORD, is_staff=staff)
        person = Person.objects.create(
            user=user, first_name=person_fields.pop("first_name", email.split("@")[0].title()),
            last_name=person_fields.pop("last_name", "Tester"), email=email, **person_fields,
        )
        if group is not None:
            group = group if isinstance(group, Group) else Group.objects.get(slug=group)
            Membership.objects.create(group=group, person=person, role=role)
        return user

    return make


@pytest.fixture
def roles(demo, make_user):
    """One user per role around the Biosafety group; ``None`` is the anonymous visitor."""
    return {
        "anonymous": None,
        "other_member": make_user("other@ias.example", group=demo["ias"]),
        "observer": make_user("observer@lg.example", group=demo["lg-biosafety"], role="observer"),
        "member": make_user("member@lg.example", group=demo["lg-biosafety"]),
        "chair": make_user("chair@lg.example", group=demo["lg-biosafety"], role="chair"),
        "secretariat": make_user("staff@secretariat.example", staff=True),
    }


@pytest.fixture
def client_as(client):
    def as_user(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return as_user


@pytest.fixture
def secretariat_token(make_user):
    from liaison.accounts.models import APIToken

    user = make_user("api@secretariat.example", staff=True)
    return APIToken.issue(user, "tests")[1]


# --- a real SMTP server on loopback ------------------------------------------------------------
class Mailbox:
    def __init__(self):
        self.messages = []
        self.arrived = threading.Condition()

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd handler hook
        message = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        with self.arrived:
            self.messages.append({"from": envelope.mail_from, "to": list(envelope.rcpt_tos), "message": message})
            self.arrived.notify_all()
        return "250 Message accepted for delivery"

    def wait_for(self, count=1, timeout=10):
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.messages) >= count, timeout=timeout)
        assert len(self.messages) >= count, f"expected {count} e-mail(s), got {len(self.messages)}"
        return self.messages

    @staticmethod
    def body(entry):
        return entry["message"].get_body(preferencelist=("plain",)).get_content()


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """aiosmtpd listening on 127.0.0.1; every e-mail goes through the outbox, whose task sends it
    through Django's SMTP backend to this server."""
    from aiosmtpd.controller import Controller

    mailbox = Mailbox()
    port = _free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "liaison.core.outbox.OutboxBackend"
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield mailbox
    finally:
        controller.stop()


# --- a real headless Chromium ------------------------------------------------------------------
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path():
    path = os.environ.get("LIAISON_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        pytest.fail(
            "Browser tests need Debian's chromium (apt-get install chromium); `make test` installs it. "
            "Set LIAISON_CHROMIUM to use another path."
        )
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
