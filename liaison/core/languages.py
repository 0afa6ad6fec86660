"""The language a person reads: for e-mails, letters of invitation and documents.

A person's correspondence language is ``Person.language`` when set, else the saved language of the
person's account, else English (``LANGUAGE_CODE``). An e-mail address is read the same way: the
person with that address, else the account with it, else English (``for_addresses``, two queries at
most for any number of addresses). A download names its language with ``?language=xx`` (one of
``LANGUAGES``), else it is in the reader's active language (``requested``).
"""

from __future__ import annotations

from email.utils import parseaddr

from django.conf import settings
from django.utils import translation


class UnknownLanguage(ValueError):
    """A language the site does not offer was asked for (a 400 for a download)."""


def normalised(code) -> str:
    """A language code spelt as LANGUAGES spells its codes ("zh-hans" for " zh_Hans"), offered or not."""
    return str(code).strip().lower().replace("_", "-") if code else ""


def supported(code) -> str:
    """The code as LANGUAGES spells it ("zh-hans" for "zh-Hans", "zh_Hans"), or "" when not offered."""
    code = normalised(code) if isinstance(code, str) else ""
    return code if code in dict(settings.LANGUAGES) else ""


def default() -> str:
    return supported(settings.LANGUAGE_CODE) or "en"


def active() -> str:
    """The active language as LANGUAGES spells it (English when none or not offered)."""
    return supported(translation.get_language()) or default()


def of_person(person) -> str:
    """The person's correspondence language (the account's saved one when the person chose none)."""
    if person is None:
        return default()
    own = supported(getattr(person, "language", ""))
    if own:
        return own
    user = person.user if getattr(person, "user_id", None) else None
    return supported(getattr(user, "language", "")) or default()


def _address(value: str) -> str:
    return parseaddr(value or "")[1].strip().lower()


def for_addresses(addresses) -> dict[str, str]:
    """Each address's language: the person with that address (their own choice, else their account's),
    else the account with it, else English. Keys are the addresses as given."""
    from django.contrib.auth import get_user_model
    from django.db.models.functions import Lower

    from .models import Person

    addresses = list(addresses)
    wanted = {_address(a) for a in addresses} - {""}
    found: dict[str, str] = {}
    if wanted:
        rows = (Person.objects.annotate(lowered_email=Lower("email")).filter(lowered_email__in=wanted)
                .order_by("pk").values_list("lowered_email", "language", "user__language"))
        for address, own, account in rows:
            code = supported(own) or supported(account)
            if code:
                found.setdefault(address, code)
        rest = wanted - found.keys()
        if rest:
            users = get_user_model().objects.annotate(lowered_email=Lower("email")).filter(lowered_email__in=rest)
            for address, code in users.order_by("pk").values_list("lowered_email", "language"):
                if supported(code):
                    found.setdefault(address, supported(code))
    return {a: found.get(_address(a), default()) for a in addresses}


def requested(request, name: str = "language") -> str:
    """The language a download is asked in: ``?language=xx`` (UnknownLanguage when the site does not
    offer it), else the reader's active language."""
    value = request.GET.get(name)
    if value is None or value == "":
        return supported(getattr(request, "LANGUAGE_CODE", "")) or active()
    code = supported(value)
    if not code:
        raise UnknownLanguage(value)
    return code


def is_rtl(code: str) -> bool:
    return bool(translation.get_language_info(supported(code) or default())["bidi"])


def direction(code: str) -> str:
    return "rtl" if is_rtl(code) else "ltr"


def tag(code: str) -> str:
    """The BCP 47 tag of a Django language code, for Content-Language and documents: 'zh-hans' -> 'zh-Hans'."""
    return translation.to_locale(code).replace("_", "-")


def offered() -> list[tuple[str, str]]:
    """(code, name in itself) of every language a document can be downloaded in."""
    return list(settings.LANGUAGES)


def of_user(user) -> str:
    """An account's correspondence language: its person's choice, else the account's saved language."""
    from .models import Person

    person = Person.objects.filter(user=user).select_related("user").first() if getattr(user, "pk", None) else None
    if person is not None:
        return of_person(person)
    return supported(getattr(user, "language", "")) or default()


def set_docx_language(document, code: str) -> None:
    """A python-docx document's language (Word's proofing and shaping): the Normal style's ``w:lang``
    (with the right-to-left or East Asian slot for Arabic and Chinese) and the core property."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    value = tag(code)
    properties = document.styles["Normal"].element.get_or_add_rPr()
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), value)
    if is_rtl(code):
        lang.set(qn("w:bidi"), value)
    if value.startswith("zh"):
        lang.set(qn("w:eastAsia"), value)
    document.core_properties.language = value


def bad_request():
    """The 400 answer to a download asked in a language the site does not offer."""
    from django.http import HttpResponseBadRequest
    from django.utils.translation import gettext

    codes = ", ".join(code for code, _name in offered())
    return HttpResponseBadRequest(gettext("Unknown language: choose one of %(codes)s.") % {"codes": codes},
                                  content_type="text/plain; charset=utf-8")
