"""Messages of pure modules, translated where they are shown. Pure Python.

A pure module cannot call Django's gettext; it marks its sentences with :func:`gettext_noop` (which
``make messages`` finds by name) and raises a :class:`TranslatableError` keeping the sentence and its
named values apart: ``str(error)`` is the English sentence (the command line), a page or a job shows
``error.translated(gettext)``, the same sentence in the reader's language."""


def gettext_noop(message: str) -> str:
    """Marks a message for the catalogues without translating it."""
    return message


class TranslatableError(ValueError):
    def __init__(self, message: str, **params):
        self.message, self.params = message, params
        super().__init__(message % params if params else message)

    def translated(self, gettext) -> str:
        return gettext(self.message) % self.params if self.params else gettext(self.message)
