from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import LoginForm, ThrottledPasswordResetForm, TokenForm
from .models import APIToken


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    form_class = ThrottledPasswordResetForm

    def form_valid(self, form):
        if not form.check_throttle(self.request):
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)

    @property
    def extra_email_context(self):
        return {"site_name": settings.SITE_NAME}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


@login_required
@require_POST
def token_create(request):
    if not request.user.is_secretariat:
        raise PermissionDenied
    form = TokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the token a name, a scope and a validity."))
        return redirect("portal:profile")
    token, key = services.issue_token(request.user, form.cleaned_data["name"], form.cleaned_data["scope"], form.cleaned_data["days"])
    return render(request, "accounts/token_created.html", {"token": token, "key": key})


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(APIToken, pk=pk, user=request.user)
    services.revoke_token(token)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("portal:profile")
