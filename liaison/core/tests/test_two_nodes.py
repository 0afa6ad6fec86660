"""Two application servers (gunicorn, `liaison serve`) on one PostgreSQL and one Redis, as on two
machines: a login on one is valid on the other, a file uploaded on one is served by the other, a new
expert is found by a search on the other, and a task queued on one is run by one worker only.

PostgreSQL is the suite's server when the suite runs on PostgreSQL, else scripts/postgres.sh starts one for this test;
Redis (Debian's redis-server) is started here on a free loopback port by scripts/redis.sh. Uploaded
files live in one directory shared by both nodes, as a shared mount would be (S3 through
django-storages is the other choice, docs/operations.md)."""

import http.cookiejar
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import Mailbox, _free_port

ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "two-nodes-password-2026"
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n% two nodes\n"

SETUP = """
from django.contrib.auth import get_user_model
from liaison.core.models import Country, Person
from liaison.groups.models import Group
from liaison.meetings.models import Meeting
from liaison.roster.models import Expert, Status
user = get_user_model().objects.create_user("staff@nodes.example", "{password}", is_staff=True)
Person.objects.create(user=user, first_name="Sam", last_name="Staff", email="staff@nodes.example")
group = Group.objects.create(name="Two-node group", slug="two-nodes", acronym="TN")
meeting = Meeting.objects.create(group=group, number=1, title="First meeting", start_date="2027-03-10", end_date="2027-03-11")
country = Country.objects.get(iso3="KEN")
for n in range(30):
    person = Person.objects.create(first_name=f"Expert{{n}}", last_name="Known", email=f"e{{n}}@nodes.example", country=country)
    Expert.objects.create(group=group, person=person, nationality=country, nominating_country=country, stakeholder="government",
                          profile=f"Works on soil fertility and maize breeding, trial {{n}}.", highest_degree=2, years_experience=8,
                          references="a\\nb", status=Status.APPROVED)
print(meeting.pk)
"""

NEW_EXPERT = """
from liaison.core.models import Country, Person
from liaison.groups.models import Group
from liaison.roster.models import Expert, Status
country = Country.objects.get(iso3="PER")
person = Person.objects.create(first_name="Quilla", last_name="Newcomer", email="quilla@nodes.example", country=country)
Expert.objects.create(group=Group.objects.get(slug="two-nodes"), person=person, nationality=country, nominating_country=country,
                      stakeholder="academia", profile="Studies zebrafish embryology and gene drives.", highest_degree=3,
                      years_experience=10, references="a\\nb", status=Status.APPROVED)
"""


def _run(args, env, timeout=300):
    result = subprocess.run([sys.executable, "-m", "liaison", *args], env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture
def postgres_database():
    import psycopg

    base = os.environ.get("LIAISON_DATABASE_URL", "")
    own = None
    if not base.startswith("postgres"):  # a cluster of this test's own, on a free port, stopped afterwards
        port = _free_port()  # the directory sits in /tmp itself: PostgreSQL runs as 'postgres' under root
        own = {**os.environ, "LIAISON_PG_PORT": str(port), "LIAISON_PG_DIR": f"/tmp/liaison-pg-two-nodes-{port}"}
        result = subprocess.run([str(ROOT / "scripts/postgres.sh"), "start"], env=own, capture_output=True, text=True)
        if result.returncode != 0:
            pytest.fail(f"PostgreSQL did not start (`make test` installs it): {result.stderr}")
        base = result.stdout.strip()
    name = f"liaison_two_nodes_{os.getpid()}"
    with psycopg.connect(base, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    parts = urllib.parse.urlsplit(base)
    yield parts._replace(path=f"/{name}").geturl()
    if own:
        subprocess.run([str(ROOT / "scripts/postgres.sh"), "stop"], env=own, check=False)
        shutil.rmtree(own["LIAISON_PG_DIR"], ignore_errors=True)
        return
    with psycopg.connect(base, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def redis_url(tmp_path):
    env = {**os.environ, "LIAISON_REDIS_PORT": str(_free_port()), "LIAISON_REDIS_DIR": str(tmp_path / "redis")}
    result = subprocess.run([str(ROOT / "scripts/redis.sh"), "start"], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"Redis did not start (`make test` installs Debian's redis-server): {result.stderr}")
    yield result.stdout.strip()
    subprocess.run([str(ROOT / "scripts/redis.sh"), "stop"], env=env, check=False)


@pytest.fixture
def mail_server():
    from aiosmtpd.controller import Controller

    mailbox, port = Mailbox(), _free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    mailbox.port = port
    yield mailbox
    controller.stop()


class Browser:
    """Cookies shared by every node, as behind one load balancer (same host name)."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, url):
        with self.opener.open(url, timeout=60) as response:
            return response.status, response.read()

    def csrf(self):
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def post(self, url, fields, files=None, referer=None, htmx=False):
        headers = {"X-CSRFToken": self.csrf(), "Referer": referer or url, **({"HX-Request": "true"} if htmx else {})}
        if files:
            boundary = secrets.token_hex(12)
            body = b""
            for key, value in fields.items():
                body += f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
            for key, (filename, data) in files.items():
                body += (f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"; filename="{filename}"\r\n'
                         f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + b"\r\n"
            body += f"--{boundary}--\r\n".encode()
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        else:
            body = urllib.parse.urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        with self.opener.open(request, timeout=60) as response:
            return response.status, response.read()


def _serve(env, port, log):
    return subprocess.Popen(
        [sys.executable, "-m", "liaison", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--access-log", "-"],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )


def _wait(url, server):
    for _ in range(300):
        assert server.poll() is None, "the node stopped"
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer")


def test_two_nodes_share_sessions_files_search_and_tasks(postgres_database, redis_url, mail_server, tmp_path):
    import psycopg

    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("LIAISON_")},
        "DJANGO_SETTINGS_MODULE": "liaison.settings",
        "LIAISON_DATABASE_URL": postgres_database, "LIAISON_CACHE_URL": redis_url,
        "LIAISON_SECRET_KEY": secrets.token_urlsafe(40), "LIAISON_VAR_DIR": str(tmp_path / "var"),
        "LIAISON_MEDIA_ROOT": str(tmp_path / "shared-media"),
        "LIAISON_EMAIL_HOST": "127.0.0.1", "LIAISON_EMAIL_PORT": str(mail_server.port),
    }
    _run(["migrate", "--no-input", "-v", "0"], env)
    meeting_pk = int(_run(["shell", "-c", SETUP.format(password=PASSWORD)], env).split()[-1])

    ports = [_free_port(), _free_port()]
    with open(tmp_path / "nodes.log", "wb") as log:
        nodes = [_serve(env, port, log) for port in ports]
        try:
            a, b = (f"http://127.0.0.1:{port}" for port in ports)
            for url, node in zip((a, b), nodes):
                _wait(f"{url}/accounts/login/", node)

            # A login on node A is valid on node B.
            browser = Browser()
            browser.get(f"{a}/accounts/login/")
            browser.post(f"{a}/accounts/login/", {"username": "staff@nodes.example", "password": PASSWORD})
            status, page = browser.get(f"{b}/manage/")
            assert status == 200 and b"/accounts/login/" not in page.split(b"<main", 1)[-1][:200]
            assert browser.opener.open(f"{b}/manage/", timeout=30).geturl() == f"{b}/manage/"  # not sent to log in

            # A file uploaded on node A is served by node B.
            browser.get(f"{a}/manage/meetings/{meeting_pk}/")
            status, page = browser.post(
                f"{a}/manage/meetings/{meeting_pk}/documents/",
                {"documents-title": "Draft report", "documents-language": "en", "documents-distribution": "members"},
                files={"documents-file": ("report.pdf", PDF)}, htmx=True,
            )
            document = re.search(rb"/documents/(\d+)/", page)
            assert status == 200 and document, page[-3000:]
            assert browser.get(f"{b}/documents/{int(document.group(1))}/") == (200, PDF)

            # A new expert is found by a search on the other node (each node had its index already).
            for url in (a, b):
                status, page = browser.get(f"{url}/roster/two-nodes/?q=zebrafish+embryology")
                assert status == 200 and b"Newcomer" not in page
            _run(["shell", "-c", NEW_EXPERT], env)
            status, page = browser.get(f"{b}/roster/two-nodes/?q=zebrafish+embryology")
            assert status == 200 and b"Newcomer" in page
            assert b"Newcomer" in browser.get(f"{a}/roster/two-nodes/?q=zebrafish+embryology")[1]

            # A task queued on node A (a password-reset e-mail) is run once, by one of two workers.
            anonymous = Browser()
            anonymous.get(f"{a}/accounts/password-reset/")
            status, page = anonymous.post(f"{a}/accounts/password-reset/", {"email": "staff@nodes.example"})
            assert status == 200 and b"queued" in page
            with psycopg.connect(postgres_database) as connection:
                assert connection.execute("SELECT status, attempts FROM core_outboxmessage").fetchall() == [("queued", 0)]
            workers = [
                subprocess.Popen([sys.executable, "-m", "liaison", "worker", "--batch", "--no-schedule", "--worker-id", f"w{n}"],
                                 env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                for n in (1, 2)
            ]
            for worker in workers:
                output = worker.communicate(timeout=180)[0]
                assert worker.returncode == 0, output.decode()
            [message] = mail_server.wait_for(1)
            assert message["to"] == ["staff@nodes.example"] and "reset" in message["message"]["Subject"].lower()
            with psycopg.connect(postgres_database) as connection:
                assert connection.execute("SELECT status, attempts FROM core_outboxmessage").fetchall() == [("sent", 1)]
                runs = connection.execute("SELECT count(*), count(DISTINCT worker_ids::text) FROM django_tasks_database_dbtaskresult WHERE status = 'SUCCESSFUL'").fetchone()
            assert runs[0] == 1
            time.sleep(0.5)
            assert len(mail_server.messages) == 1
        finally:
            for node in nodes:
                node.terminate()
            for node in nodes:
                node.wait(timeout=30)
