from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from . import throttle
from .backends import retry_after_of
from .models import APIToken

THROTTLED_MESSAGE = _("Too many failed attempts. Try again in %(wait)s, or reset your password.")


class ThrottledMessageMixin:
    """Says that the login is paused (rather than 'wrong password') when the throttle refused it.
    The throttle itself is in the authentication backend, so it holds for every login form."""

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            wait = retry_after_of(self.request)
            if wait:
                raise forms.ValidationError(THROTTLED_MESSAGE, code="throttled", params={"wait": throttle.describe(wait)}) from None
            raise


class AdminLoginForm(ThrottledMessageMixin, AdminAuthenticationForm):
    pass


class LoginForm(ThrottledMessageMixin, AuthenticationForm):
    """E-mail and password, paused for a growing while after repeated failures."""

    username = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("That e-mail address and password do not match an active account."),
    }


class TokenForm(forms.ModelForm):
    DAYS = [(7, _("7 days")), (30, _("30 days")), (90, _("90 days")), (365, _("one year"))]
    days = forms.TypedChoiceField(label=_("Valid for"), choices=DAYS, coerce=int, initial=90)

    class Meta:
        model = APIToken
        fields = ["name", "scope"]
        help_texts = {
            "name": _("What the token is for, e.g. 'BCH synchronisation'."),
            "scope": _("Give a program only what it needs: most only read."),
        }


class ThrottledPasswordResetForm(PasswordResetForm):
    """Reset requests are counted per address and client like logins (separately from them), so the
    form cannot be used to flood someone's mailbox."""

    throttled_message = _("Too many requests for this address. Try again in %(wait)s.")

    def check_throttle(self, request) -> bool:
        email = self.cleaned_data.get("email", "")
        client = throttle.client_address(request)
        wait = throttle.retry_after(email, client, kind=throttle.RESET)
        if wait:
            self.add_error(None, forms.ValidationError(self.throttled_message, code="throttled", params={"wait": throttle.describe(wait)}))
            return False
        throttle.record_failure(email, client, kind=throttle.RESET)
        return True
