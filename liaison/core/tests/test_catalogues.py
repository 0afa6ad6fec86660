"""The translation catalogues are current, complete and compiled: every message the code and the
templates mark is in each of the five catalogues (the same extraction as ``make messages``), every
entry is translated and none is fuzzy (``msgfmt --check --statistics``), and each committed .mo holds
exactly its .po. With the pseudo-locale test (no English left unmarked on any page), this is what
"no English left" means for a reader of Arabic, Chinese, French, Russian or Spanish."""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.core.management import call_command

import liaison

PACKAGE = Path(liaison.__file__).parent
LANGUAGES = ["ar", "zh_Hans", "fr", "ru", "es"]


def catalogue(language):
    return PACKAGE / "locale" / language / "LC_MESSAGES" / "django.po"


def msgids(po_path):
    with open(po_path, "rb") as f:
        return {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(f) if m.id}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalogue_is_complete(language):
    result = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(catalogue(language))],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    statistics = result.stderr.strip().splitlines()[-1]
    assert statistics.endswith("translated messages.") and "untranslated" not in statistics and "fuzzy" not in statistics, statistics


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_holds_its_source(language):
    with open(catalogue(language), "rb") as f:
        source = [(m.context, m.id if isinstance(m.id, str) else m.id[0], m.string) for m in read_po(f) if m.id]
    with open(catalogue(language).with_suffix(".mo"), "rb") as f:
        compiled = gettext.GNUTranslations(f)
    for context, msgid, string in source:
        if isinstance(string, str):
            found = compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)
            assert found == string, msgid
        else:
            found = compiled.npgettext(context, msgid, msgid + "\0", 1) if context else compiled.ngettext(msgid, msgid + "\0", 1)
            assert found in string, msgid


def test_the_catalogues_hold_every_marked_message(tmp_path, settings, monkeypatch):
    """Extract as `make messages` does, into a scratch folder, and compare with the committed catalogues."""
    assert shutil.which("msgfmt") and shutil.which("xgettext")
    # On a copy of the code, so that makemessages cannot touch the committed catalogues.
    shutil.copytree(PACKAGE, tmp_path / "src", ignore=shutil.ignore_patterns("locale", "tests", "__pycache__", "static"))
    settings.LOCALE_PATHS = [str(tmp_path / "locale")]
    monkeypatch.chdir(tmp_path / "src")
    call_command("makemessages", locale=["fr"], extensions=["html", "txt", "py"], ignore_patterns=["*/tests/*", "locale/*"],
                 no_obsolete=True, verbosity=0)
    extracted = msgids(tmp_path / "locale" / "fr" / "LC_MESSAGES" / "django.po")
    assert len(extracted) > 1000
    for language in LANGUAGES:
        committed = msgids(catalogue(language))
        missing, stale = extracted - committed, committed - extracted
        assert not missing and not stale, (
            f"{language}: run `make messages` and translate. Not in the catalogue: {sorted(m[1] for m in missing)[:10]}; "
            f"no longer in the code: {sorted(m[1] for m in stale)[:10]}")
