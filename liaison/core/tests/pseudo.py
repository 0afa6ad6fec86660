"""A pseudo-locale for finding English that never passes through the catalogues.

Under ``pseudo_locale()`` the active language is Russian (the *carrier*: its dates come from
Babel/CLDR in Cyrillic, its country names from pycountry's Russian catalogue, Django's own messages
from Django's Russian catalogue), but every message that goes through gettext, whether or not it is
in a catalogue yet, comes back wrapped as ``⟦message⟧``. A page rendered so has three kinds of text:
wrapped text (marked for translation), Cyrillic and digits (locale data), and the user's data (names,
titles, profiles). Anything else written in Latin letters is English that no translator will ever
see: ``english_left`` finds it.

Whether every marked message is also in the committed catalogues, and translated there, is checked
apart (core/tests/test_catalogues.py): marked + extracted + translated = no English left.
"""

import re
from contextlib import contextmanager
from html.parser import HTMLParser

from django.apps import apps
from django.db import models
from django.utils import translation
from django.utils.translation import trans_real

CARRIER = "ru"
OPEN, CLOSE = "⟦", "⟧"
INNERMOST = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}", re.S)

# Latin-letter text that is not English prose: addresses, e-mails, UN document symbols, file names,
# acronyms (all capitals, e.g. CSV, GRULAC, UNEP/CBD/BS/LG/1/2), the product's name, and each language
# named in itself by the switcher.
NOT_PROSE = [
    re.compile(r"https?://\S+|mailto:\S+|\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b"),
    re.compile(r"\b[\w-]+\.(csv|xlsx|docx|pdf|ics|json|txt|po)\b", re.I),
    re.compile(r"\b[A-Z][A-Z0-9]*(/[A-Za-z0-9.-]+)+\b"),  # UN symbols
    re.compile(r"\b[A-Z0-9]{2,}s?\b"),  # acronyms and codes
    re.compile(r"\b(Liaison|OpenAPI|iCalendar|ORCID|htmx)\b"),  # names of products and standards
]
LATIN_WORD = re.compile(r"[A-Za-z]*[a-z][A-Za-z]+")  # two Latin letters or more, one of them lower case


def _mark(text):
    return f"{OPEN}{text}{CLOSE}"


class PseudoTranslation(trans_real.DjangoTranslation):
    """Django's Russian translation, with every message wrapped instead of translated."""

    def gettext(self, message):
        if trans_real.CONTEXT_SEPARATOR in message:  # pgettext asks for "context\x04message"
            message = message.split(trans_real.CONTEXT_SEPARATOR, 1)[1]
        return _mark(message)

    def ngettext(self, singular, plural, number):
        return _mark(singular if number == 1 else plural)


@contextmanager
def pseudo_locale():
    """Activate the pseudo-locale (under the carrier's code) for the block; restore Django's own after."""
    previous = trans_real._translations.get(CARRIER)
    trans_real._translations[CARRIER] = PseudoTranslation(CARRIER)
    try:
        with translation.override(CARRIER):
            yield CARRIER
    finally:
        if previous is None:
            trans_real._translations.pop(CARRIER, None)
        else:
            trans_real._translations[CARRIER] = previous


class _Text(HTMLParser):
    """Visible text and the attributes a reader meets (title, alt, aria-label, placeholder, a button's value)."""

    SKIP = {"script", "style", "template", "code"}  # code: literal identifiers (columns, codes, paths), not prose
    READ = {"title", "alt", "aria-label", "placeholder", "aria-description"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        attrs = dict(attrs)
        for name in self.READ:
            if attrs.get(name):
                self.pieces.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.pieces.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.pieces.append(data)


def unwrap(text):
    """The text with every wrapped (marked) message removed, innermost first, as a space."""
    while True:
        stripped = INNERMOST.sub(" ", text)
        if stripped == text:
            return text
        text = stripped


def english_left(html, data=()):
    """The pieces of ``html`` (rendered under the pseudo-locale) written in Latin letters that are
    neither marked for translation nor the user's ``data`` (an iterable of strings from the database)."""
    from django.conf import settings

    parser = _Text()
    parser.feed(unwrap(html))
    # The switcher names each language in itself, whatever the page's language.
    names = [translation.get_language_info(code)[key] for code, _ in settings.LANGUAGES for key in ("name", "name_local")]
    names += [name for _, name in settings.LANGUAGES]  # as the site spells them ("Français")
    values = sorted({" ".join(v.split()) for v in [*data, *names] if v and len(v.strip()) >= 3}, key=len, reverse=True)
    blob = "\n".join(values)
    found = []
    for piece in parser.pieces:
        text = " ".join(piece.split()).strip("…").removesuffix("...").strip()  # a value cut short is still the value
        if not LATIN_WORD.search(text) or text in blob:
            continue
        for value in values:  # the data within a sentence ("Dr. A. Diallo (Senegal)"), whole words only
            if value in text:
                text = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", " ", text)
        for pattern in NOT_PROSE:
            text = pattern.sub(" ", text)
        rest = " ".join(text.split())
        if LATIN_WORD.search(rest):
            found.append(rest)
    return found


def database_strings():
    """Every text value stored in the database: the user's data, which is never translated."""
    values = []
    for model in apps.get_models():
        fields = [f.attname for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))]
        if fields:
            for row in model._default_manager.values_list(*fields):
                values.extend(v for v in row if isinstance(v, str))
    return values
