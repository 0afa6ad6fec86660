from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from . import throttle
from .models import APIToken


class LoginForm(AuthenticationForm):
    """E-mail and password, refused for a while after repeated failures."""

    username = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("That e-mail address and password do not match an active account."),
        "throttled": _("Too many failed attempts. Try again in %(minutes)d minute(s), or reset your password."),
    }

    def clean(self):
        email = (self.cleaned_data.get("username") or "").lower()
        client = throttle.client_address(self.request) if self.request else None
        wait = throttle.retry_after(email, client)
        if wait:
            raise forms.ValidationError(
                self.error_messages["throttled"], code="throttled", params={"minutes": (wait + 59) // 60}
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if self.cleaned_data.get("password") is not None:
                throttle.record_failure(email, client)
            raise
        throttle.clear(email)
        return cleaned


class TokenForm(forms.ModelForm):
    class Meta:
        model = APIToken
        fields = ["name"]
        help_texts = {"name": _("What the token is for, e.g. 'BCH synchronisation'.")}
