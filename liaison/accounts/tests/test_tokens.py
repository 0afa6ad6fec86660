"""API tokens: the secretariat issues and revokes them; only a digest is stored."""

import hashlib

from liaison.accounts.models import APIToken


def test_secretariat_creates_a_token_shown_once(client_as, roles):
    client = client_as(roles["secretariat"])
    response = client.post("/accounts/tokens/", {"name": "BCH sync", "scope": "write", "days": "90"})
    key = response.context["key"]
    assert key.startswith("lia_")
    token = APIToken.objects.get(name="BCH sync")
    assert token.digest == hashlib.sha256(key.encode()).hexdigest()
    assert key not in client.get("/accounts/profile/").content.decode()
    assert APIToken.authenticate(key) == roles["secretariat"]


def test_revoked_token_no_longer_authenticates(client_as, roles):
    token, key = APIToken.issue(roles["secretariat"], "old")
    client_as(roles["secretariat"]).post(f"/accounts/tokens/{token.pk}/revoke/")
    assert APIToken.authenticate(key) is None


def test_others_cannot_create_or_revoke_tokens(client_as, roles):
    assert client_as(roles["member"]).post("/accounts/tokens/", {"name": "x"}).status_code == 403
    token, key = APIToken.issue(roles["secretariat"], "kept")
    assert client_as(roles["member"]).post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    assert APIToken.authenticate(key) == roles["secretariat"]


def test_token_of_a_deactivated_user_is_refused(roles):
    token, key = APIToken.issue(roles["secretariat"], "t")
    roles["secretariat"].is_active = False
    roles["secretariat"].save()
    assert APIToken.authenticate(key) is None


def test_profile_lists_the_users_groups(client_as, roles):
    html = client_as(roles["member"]).get("/accounts/profile/").content.decode()
    assert "Liaison Group on the Cartagena Protocol on Biosafety" in html
    assert "API tokens" not in html


# --- scope, expiry, last use --------------------------------------------------------------------
from datetime import timedelta  # noqa: E402

from django.utils import timezone  # noqa: E402

NEW_GROUP = {"slug": "lg-new", "name": "A new liaison group", "kind": "liaison"}


def test_token_form_sets_scope_and_expiry(client_as, roles):
    client = client_as(roles["secretariat"])
    response = client.post("/accounts/tokens/", {"name": "reader", "scope": "read", "days": "30"})
    assert response.status_code == 200
    token = APIToken.objects.get(name="reader")
    assert token.scope == "read"
    assert abs((token.expires - timezone.now()) - timedelta(days=30)) < timedelta(minutes=1)
    html = client.get("/accounts/profile/").content.decode()
    assert "read only" in html
    # A validity outside the offered choices is refused, nothing made.
    client.post("/accounts/tokens/", {"name": "forever", "scope": "write", "days": "100000"})
    assert not APIToken.objects.filter(name="forever").exists()


def test_read_token_reads_but_may_not_write(client, roles):
    _, key = APIToken.issue(roles["secretariat"], "reader", scope="read")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get("/api/v1/groups", **auth).status_code == 200
    response = client.post("/api/v1/groups", NEW_GROUP, content_type="application/json", **auth)
    assert response.status_code == 403
    assert "write scope" in response.json()["detail"]
    _, writer = APIToken.issue(roles["secretariat"], "writer", scope="write")
    response = client.post("/api/v1/groups", NEW_GROUP, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {writer}")
    assert response.status_code == 201, response.content


def test_expired_token_is_refused_everywhere(client, roles):
    token, key = APIToken.issue(roles["secretariat"], "old", scope="write", days=1)
    APIToken.objects.filter(pk=token.pk).update(expires=timezone.now() - timedelta(seconds=1))
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get("/api/v1/groups", **auth).status_code == 401
    assert client.post("/api/v1/groups", NEW_GROUP, content_type="application/json", **auth).status_code == 401
    assert APIToken.authenticate(key) is None


def test_last_use_is_recorded(client, roles):
    token, key = APIToken.issue(roles["secretariat"], "t", scope="read")
    assert token.last_used is None
    client.get("/api/v1/groups", HTTP_AUTHORIZATION=f"Bearer {key}")
    token.refresh_from_db()
    assert timezone.now() - token.last_used < timedelta(minutes=1)
