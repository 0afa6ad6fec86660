"""E-mails written from templates, never assembled in Python: each message ``name`` has a subject
template ``<name>_subject.txt`` (its text, whitespace collapsed to one line) and a body template
``<name>_body.txt``. Both are rendered without HTML escaping (plain text); the translations of
their wording come from the catalogues like any template's. A message is written in ``language``
(English by default, whatever the language of the page that sends it: recipients' languages are not
chosen yet), its dates included."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation


def render(name: str, context: dict, language: str | None = None) -> tuple[str, str]:
    """(subject, body) of the message ``name`` for ``context``, in ``language`` (default English)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{name}_subject.txt", context).split())
        body = render_to_string(f"{name}_body.txt", context)
    return subject, body


def message(name: str, context: dict, to: list[str], language: str | None = None, **kwargs) -> EmailMessage:
    """The message, ready to send (or to be given attachments first); ``kwargs`` go to EmailMessage."""
    subject, body = render(name, {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL, **context}, language)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to, **kwargs)


def send(name: str, context: dict, to: list[str], language: str | None = None, **kwargs) -> None:
    message(name, context, to, language, **kwargs).send()
