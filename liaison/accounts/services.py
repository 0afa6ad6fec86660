"""Writes on accounts that pages ask for: API tokens issued and revoked by their owner."""

from .models import APIToken


def issue_token(user, name: str, scope: str, days: int) -> tuple[APIToken, str]:
    """A new token of ``user`` and its key, shown once (only its digest is kept)."""
    return APIToken.issue(user, name, scope=scope, days=days)


def revoke_token(token: APIToken) -> None:
    """The token stops working at once: it is deleted, digest and all."""
    token.delete()
