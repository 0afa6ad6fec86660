"""User accounts: e-mail login, API tokens and the record of failed logins used for throttling."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractUser):
    """A login. ``is_staff`` marks the secretariat: staff who manage every group."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC", help_text=_("e.g. Africa/Nairobi"))
    # The language pages and e-mails are written in for this account ("" = the browser's preference).
    language = models.CharField(_("language"), max_length=10, blank=True, default="")

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def is_secretariat(self) -> bool:
        return self.is_active and (self.is_staff or self.is_superuser)


class LoginFailure(models.Model):
    """One failed login (or one password-reset request, ``kind="reset"``); recent failures of an
    account from a client, or of a client on any account, pause further attempts (throttle.py)."""

    kind = models.CharField(max_length=8, default="login", db_index=True)
    email = models.CharField(max_length=254, db_index=True)
    client = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class APIToken(models.Model):
    """A bearer token for the API. Only its SHA-256 digest is stored; the key is shown once.

    A token reads only, or reads and writes (``scope``); it stops working at ``expires`` (tokens
    made before expiry existed have none) and records when it was last used."""

    class Scope(models.TextChoices):
        READ = "read", _("read only")
        WRITE = "write", _("read and write")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    scope = models.CharField(_("scope"), max_length=5, choices=Scope.choices, default=Scope.READ)
    created = models.DateTimeField(default=timezone.now, editable=False)
    expires = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires is not None and self.expires <= timezone.now()

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.WRITE

    @classmethod
    def issue(cls, user, name: str, *, scope: str = Scope.WRITE, days: int | None = None) -> tuple["APIToken", str]:
        key = "lia_" + secrets.token_urlsafe(32)
        days = settings.API_TOKEN_DAYS if days is None else days
        token = cls.objects.create(
            user=user, name=name, prefix=key[:8], digest=_digest(key), scope=scope,
            expires=timezone.now() + timedelta(days=days),
        )
        return token, key

    @classmethod
    def find(cls, key: str):
        """The usable token of ``key`` (known, not expired, its user active), or None; records its use."""
        if not key or not key.startswith("lia_"):
            return None
        token = cls.objects.select_related("user").filter(digest=_digest(key)).first()
        if token is None or token.is_expired or not token.user.is_active:
            return None
        now = timezone.now()
        cls.objects.filter(pk=token.pk).update(last_used=now)
        token.last_used = now
        return token

    @classmethod
    def authenticate(cls, key: str):
        """The active user owning ``key``, or None."""
        token = cls.find(key)
        return token.user if token else None
