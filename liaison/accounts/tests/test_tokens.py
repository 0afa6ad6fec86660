"""API tokens: the secretariat issues and revokes them; only a digest is stored."""

import hashlib

from liaison.accounts.models import APIToken


def test_secretariat_creates_a_token_shown_once(client_as, roles):
    client = client_as(roles["secretariat"])
    response = client.post("/accounts/tokens/", {"name": "BCH sync"})
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
