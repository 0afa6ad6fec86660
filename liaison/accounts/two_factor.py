"""Two-factor sign-in for the secretariat (django-otp): a time-based code (TOTP, any authenticator
app) after the password, with ten single-use recovery codes (django-otp's static device).

A staff account that has a confirmed device must give its code before any page; with
``LIAISON_REQUIRE_2FA`` on, a staff account without one is sent to enrol first. Wrong codes are
throttled by django-otp (growing delays). API tokens are not affected (they are their own factor,
made by a signed-in, verified user)."""

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
OPEN_PREFIXES = ("/accounts/two-factor/", "/accounts/logout/", "/static/", "/api/")


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=16, widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}))


def needs_second_factor(user) -> bool:
    return user.is_authenticated and user.is_staff


class TwoFactorMiddleware:
    """After django_otp's OTPMiddleware: staff who have not given their code this session see only
    the two-factor pages (and log out)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (user is not None and needs_second_factor(user) and not user.is_verified()
                and not request.path_info.startswith(OPEN_PREFIXES)):
            if user_has_device(user):
                return redirect(f"{reverse('accounts:two_factor_verify')}?next={request.get_full_path()}")
            if settings.REQUIRE_2FA:
                return redirect("accounts:two_factor_setup")
        return self.get_response(request)


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("portal:profile")


@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"].replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("code", _("That code is not valid (or was used already). Try the next one, or a recovery code."))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _next(request)}, status=200 if request.method == "GET" or form.is_valid() else 400)


@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    """Enrol an authenticator app: scan the QR code (drawn here, no outside service), confirm a code,
    receive the recovery codes once."""
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].replace(" ", "")):
            TOTPDevice.objects.filter(user=user, confirmed=True).delete()  # one authenticator at a time
            device.confirmed = True
            device.save()
            StaticDevice.objects.filter(user=user).delete()
            static = StaticDevice.objects.create(user=user, name="recovery codes")
            codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
            StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
            otp_login(request, device)
            return render(request, "accounts/two_factor_codes.html", {"codes": codes})
        form.add_error("code", _("That code does not match. Check the time on your phone and try the current code."))
    qr = segno.make(device.config_url, error="m")
    return render(request, "accounts/two_factor_setup.html", {
        "form": form, "qr": qr.svg_data_uri(scale=4, border=2), "secret": _base32(device.bin_key),
        "enrolled": user_has_device(user),
    }, status=400 if request.method == "POST" else 200)


def _base32(key: bytes) -> str:
    import base64

    text = base64.b32encode(key).decode().rstrip("=")
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))
