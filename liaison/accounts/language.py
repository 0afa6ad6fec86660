"""The reader's language.

Django's LocaleMiddleware chooses from the language cookie (set by the switcher in every page's
header) and the browser's Accept-Language. A signed-in account that saved a language is then read in
it on every page, whatever the browser or the cookie says (AccountLanguageMiddleware, placed after
authentication); choosing a language with the switcher while signed in saves it to the account. The
API (/api/) follows Accept-Language alone: a program says what it reads in each request.
"""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from liaison.core.languages import supported


def account_language(user) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return supported(getattr(user, "language", ""))


def save_language(user, code: str) -> bool:
    """Keep the account's choice; False (and nothing saved) for a language the site does not offer."""
    code = supported(code)
    if not code:
        return False
    if user.language != code:
        user.language = code
        user.save(update_fields=["language"])
    return True


class AccountLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = "" if request.path.startswith("/api/") else account_language(getattr(request, "user", None))
        if code:
            translation.activate(code)
            request.LANGUAGE_CODE = code
        return self.get_response(request)


@receiver(user_logged_in)
def apply_at_login(sender, request, user, **kwargs):
    """The page answering the login is already in the account's language."""
    code = account_language(user)
    if code and request is not None:
        translation.activate(code)
        request.LANGUAGE_CODE = code


@require_POST
def choose(request):
    """Django's set_language (cookie, safe redirect to ``next``), and the account's saved choice."""
    response = set_language(request)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        save_language(user, request.POST.get("language", ""))
    return response
