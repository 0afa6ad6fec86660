"""E-mails written from templates, never assembled in Python: each message ``name`` has a subject
template ``<name>_subject.txt`` (its text, whitespace collapsed to one line) and a body template
``<name>_body.txt``. Both are rendered without HTML escaping (plain text); the translations of
their wording come from the catalogues like any template's."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string


def render(name: str, context: dict) -> tuple[str, str]:
    """(subject, body) of the message ``name`` for ``context``."""
    subject = " ".join(render_to_string(f"{name}_subject.txt", context).split())
    body = render_to_string(f"{name}_body.txt", context)
    return subject, body


def message(name: str, context: dict, to: list[str], **kwargs) -> EmailMessage:
    """The message, ready to send (or to be given attachments first); ``kwargs`` go to EmailMessage."""
    subject, body = render(name, {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL, **context})
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to, **kwargs)


def send(name: str, context: dict, to: list[str], **kwargs) -> None:
    message(name, context, to, **kwargs).send()
