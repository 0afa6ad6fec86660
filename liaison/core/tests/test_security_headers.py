"""Security headers on every answer, no inline script or style anywhere a browser renders, and
`liaison check --deploy` clean with the production settings documented in docs/operations.md."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

import liaison

pytestmark = pytest.mark.django_db

NO_STORE = {"private", "no-store"}


def cache_directives(response):
    return {part.strip().split("=")[0] for part in response.headers.get("Cache-Control", "").split(",") if part.strip()}


def test_public_page_carries_the_policy_headers(client, demo):
    response = client.get("/groups/lg-biosafety/")
    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    # The public record, for an anonymous visitor, may be cached.
    assert not NO_STORE & cache_directives(response)


def test_members_only_pages_downloads_and_api_answers_are_never_stored(client_as, roles, demo, secretariat_token):
    member = client_as(roles["member"])
    for url in ["/groups/lg-biosafety/", "/groups/lg-biosafety/workspace/", "/accounts/profile/",
                "/groups/lg-biosafety/meetings/9/", "/groups/lg-biosafety/meetings.ics"]:
        response = member.get(url)
        assert response.status_code == 200, url
        assert NO_STORE <= cache_directives(response), (url, response.headers.get("Cache-Control"))
    staff = client_as(roles["secretariat"])
    response = staff.get("/manage/")
    assert response.status_code == 200
    assert NO_STORE <= cache_directives(response)
    anonymous = client_as(None)
    for url in ["/api/v1/groups", "/api/v1/openapi.json", "/accounts/login/"]:
        response = anonymous.get(url)
        assert response.status_code == 200, url
        assert NO_STORE <= cache_directives(response), url
    response = anonymous.get("/api/v1/groups", HTTP_AUTHORIZATION=f"Bearer {secretariat_token}")
    assert response.status_code == 200
    assert NO_STORE <= cache_directives(response)


def test_members_only_document_download_is_never_stored(client_as, roles, demo, settings, tmp_path):
    from django.core.files.base import ContentFile

    from liaison.meetings.models import MeetingDocument

    settings.MEDIA_ROOT = tmp_path
    meeting = demo["lg-biosafety"].meetings.get(number=9)
    document = MeetingDocument(meeting=meeting, title="Members' note", distribution="members")
    document.file.save("note.txt", ContentFile(b"restricted"), save=False)
    document.save()
    response = client_as(roles["member"]).get(f"/documents/{document.pk}/")
    assert response.status_code == 200
    assert NO_STORE <= cache_directives(response)
    assert client_as(None).get(f"/documents/{document.pk}/").status_code in (302, 403, 404)


@override_settings(SECURE_SSL_REDIRECT=True, SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
                   SECURE_HSTS_PRELOAD=True)
def test_https_is_enforced_when_secure(client, demo):
    response = client.get("/groups/lg-biosafety/")
    assert response.status_code == 301
    assert response.headers["Location"].startswith("https://")
    response = client.get("/groups/lg-biosafety/", secure=True)
    assert response.status_code == 200
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


TEMPLATE_ROOT = Path(liaison.__file__).parent
# Rendered only into PDFs by WeasyPrint (never sent to a browser), where a <style> block is the way.
PDF_ONLY = {"meetings/templates/meetings/letter.html"}
INLINE = [
    (re.compile(r"\sstyle\s*="), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "inline event handler"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I), "inline <script>"),
]


def test_no_template_needs_unsafe_inline():
    offences = []
    for path in TEMPLATE_ROOT.rglob("templates/**/*.html"):
        relative = path.relative_to(TEMPLATE_ROOT).as_posix()
        if relative in PDF_ONLY:
            continue
        text = path.read_text()
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                offences.append(f"{relative}:{text.count(chr(10), 0, match.start()) + 1}: {what}")
        # A <style> block only inside the PDF branch of a template that serves both.
        for match in re.finditer(r"<style", text):
            if "{% if for_print %}" not in text[: match.start()]:
                offences.append(f"{relative}: <style> block outside the PDF branch")
    assert offences == []


PRODUCTION = {
    "LIAISON_SECRET_KEY": "k" * 10 + "production-secret-for-the-deploy-check-0123456789abcdefXYZ",
    "LIAISON_ALLOWED_HOSTS": "liaison.example.org",
    "LIAISON_CSRF_TRUSTED_ORIGINS": "https://liaison.example.org",
    "LIAISON_SITE_URL": "https://liaison.example.org",
    "LIAISON_SECURE_COOKIES": "true",
    "LIAISON_MANIFEST_STATIC": "true",
    "LIAISON_DEBUG": "false",
}


def test_check_deploy_is_clean_with_the_documented_production_settings(tmp_path):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("LIAISON_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment.update(PRODUCTION, LIAISON_VAR_DIR=str(tmp_path), LIAISON_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    result = subprocess.run(
        [sys.executable, "-m", "liaison", "check", "--deploy", "--fail-level", "WARNING"],
        env=environment, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_complains_without_them(tmp_path):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("LIAISON_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    # a secret key (without one no command starts at all, see test_settings_safety), nothing else
    environment.update(LIAISON_VAR_DIR=str(tmp_path), LIAISON_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
                       LIAISON_SECRET_KEY=PRODUCTION["LIAISON_SECRET_KEY"])
    result = subprocess.run(
        [sys.executable, "-m", "liaison", "check", "--deploy", "--fail-level", "WARNING"],
        env=environment, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout  # no HSTS
    assert "security.W008" in result.stderr + result.stdout  # no HTTPS redirect


def test_documented_production_settings_are_the_ones_tested():
    operations = (TEMPLATE_ROOT.parent / "docs" / "operations.md").read_text()
    for name in PRODUCTION:
        assert f"`{name}`" in operations or name in operations, name
