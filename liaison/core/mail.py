"""E-mails written from templates, never assembled in Python: each message ``name`` has a subject
template ``<name>_subject.txt`` (its text, whitespace collapsed to one line) and a body template
``<name>_body.txt``. Both are rendered without HTML escaping (plain text); the translations of
their wording come from the catalogues like any template's.

Every e-mail is written in its recipient's language, its dates included, whatever the language of
the page that sends it. A caller that knows the person passes ``language`` (``person.correspondence_language``);
otherwise ``send`` reads each address's language (core/languages.py: the person with that address,
else the account, else English; two queries at most for all the addresses of the call) and sends
one message per language, each to the recipients who read it. Every message says its language in a
``Content-Language`` header."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from . import languages


def render(name: str, context: dict, language: str | None = None) -> tuple[str, str]:
    """(subject, body) of the message ``name`` for ``context``, in ``language`` (default English)."""
    with translation.override(languages.supported(language) or languages.default()):
        subject = " ".join(render_to_string(f"{name}_subject.txt", context).split())
        body = render_to_string(f"{name}_body.txt", context)
    return subject, body


def by_language(to: list[str], language: str | None = None) -> dict[str, list[str]]:
    """The recipients grouped by the language they read (``language`` for all when given), in the
    order of ``to``."""
    if language:
        return {languages.supported(language) or languages.default(): list(to)}
    groups: dict[str, list[str]] = {}
    for address, code in languages.for_addresses(to).items():
        groups.setdefault(code, []).append(address)
    return groups


def message(name: str, context: dict, to: list[str], language: str | None = None, **kwargs) -> EmailMessage:
    """One message to ``to``, ready to send (or to be given attachments first); ``kwargs`` go to
    EmailMessage. Without ``language``: the language the recipients share, English if they do not
    share one (``messages`` writes one per language)."""
    if not language:
        codes = set(by_language(to))
        language = codes.pop() if len(codes) == 1 else languages.default()
    language = languages.supported(language) or languages.default()
    subject, body = render(name, {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL, **context}, language)
    headers = {"Content-Language": languages.tag(language), **(kwargs.pop("headers", None) or {})}
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to, headers=headers, **kwargs)


def messages(name: str, context: dict, to: list[str], language: str | None = None, **kwargs) -> list[EmailMessage]:
    """One message per language among the recipients (one message when ``language`` is given)."""
    return [message(name, context, addresses, code, **kwargs) for code, addresses in by_language(to, language).items()]


def send(name: str, context: dict, to: list[str], language: str | None = None, **kwargs) -> None:
    for each in messages(name, context, to, language, **kwargs):
        each.send()
