"""Translation done right: lazy strings where a module or class is defined, e-mails from templates,
and LOCALE_PATHS that exist."""

import ast
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings

import liaison
from liaison.core import mail

ROOT = Path(liaison.__file__).parent

def eager_calls(tree, names):
    """Line numbers of calls to ``names`` made when the module is imported (outside any function)."""
    found = []

    def visit(node, in_function):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            for default in [*node.args.defaults, *[d for d in node.args.kw_defaults if d]]:
                visit(default, in_function)
            for decorator in getattr(node, "decorator_list", []):
                visit(decorator, in_function)
            body = node.body if isinstance(node.body, list) else [node.body]
            for child in body:
                visit(child, True)
            return
        if not in_function and isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names:
            found.append(node.lineno)
        for child in ast.iter_child_nodes(node):
            visit(child, in_function)

    visit(tree, False)
    return found


def test_no_string_is_translated_when_a_module_or_class_is_defined():
    offences = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if "/tests/" in relative or "/migrations/" in relative:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        eager = set()  # the names a module binds to django.utils.translation.gettext/ngettext
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
                eager |= {alias.asname or alias.name for alias in node.names if alias.name in ("gettext", "ngettext", "pgettext")}
        offences += [(relative, line) for line in eager_calls(tree, eager)]
    assert offences == [], "use gettext_lazy at module and class level: " + ", ".join(f"{p}:{n}" for p, n in offences)


def test_the_check_finds_an_eager_call():
    tree = ast.parse("from django.utils.translation import gettext as _\nclass F:\n    label = _('x')\ndef f():\n    return _('y')\n")
    assert eager_calls(tree, {"_"}) == [3]


def test_locale_paths_exist():
    assert settings.LOCALE_PATHS and all(Path(path).is_dir() for path in settings.LOCALE_PATHS)


def test_emails_come_from_a_subject_and_a_body_template():
    group = type("Group", (), {"slug": "lg-biosafety", "__str__": lambda self: 'Liaison Group "R&D"'})()
    expert = SimpleNamespace(pk=7, group=group, person=SimpleNamespace(formal_name="Dr. A & B"))
    subject, body = mail.render("roster/email/reconfirm", {"expert": expert, "site_url": "https://liaison.example"})
    assert subject == 'Please re-confirm your record on the roster of the Liaison Group "R&D"'  # one line, not escaped
    assert body.startswith("Dear Dr. A & B,\n\nYour record on the roster of experts of the Liaison Group \"R&D\" reached")
    assert "https://liaison.example/roster/lg-biosafety/7/edit/" in body
    subjects = sorted(ROOT.glob("*/templates/*/email/*_subject.txt"))
    assert {path.parts[-3] for path in subjects} >= {"actionplan", "assistance", "meetings", "roster", "workspace"}
    for subject_template in subjects:
        assert subject_template.with_name(subject_template.name.replace("_subject", "_body")).exists()
    for body_template in ROOT.glob("*/templates/*/email/*_body.txt"):
        assert body_template.with_name(body_template.name.replace("_body", "_subject")).exists()


# Django's ways of making an e-mail: outside core/mail.py, each one is a message assembled in Python.
MAILERS = {"EmailMessage", "EmailMultiAlternatives", "send_mail", "send_mass_mail", "mail_admins", "mail_managers"}


def mailer_calls(tree):
    """Line numbers of the calls that build or send an e-mail directly (by name or as an attribute)."""
    return sorted(node.lineno for node in ast.walk(tree) if isinstance(node, ast.Call) and (
        (isinstance(node.func, ast.Name) and node.func.id in MAILERS)
        or (isinstance(node.func, ast.Attribute) and node.func.attr in MAILERS)))


def test_no_email_is_assembled_outside_core_mail():
    offences = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if "/tests/" in relative or "/migrations/" in relative or relative == "core/mail.py":
            continue
        offences += [(relative, line) for line in mailer_calls(ast.parse(path.read_text(encoding="utf-8")))]
    assert offences == [], "send e-mails through core/mail.py (subject and body templates): " + ", ".join(
        f"{p}:{n}" for p, n in offences)


def test_the_check_finds_an_email_assembled_in_python():
    tree = ast.parse("from django.core import mail\nfrom django.core.mail import EmailMessage\n"
                     "def f(g):\n    EmailMessage(f'{g}: news', 'b').send()\n    mail.send_mail('s', 'b', None, [])\n"
                     "    ours.send('app/email/x', {}, [])\n")
    assert mailer_calls(tree) == [4, 5]


def test_emails_are_written_in_english_whatever_the_senders_page_language():
    from datetime import date

    from django.utils import translation

    context = {"group": SimpleNamespace(acronym="LG", name="x", local_name="x"), "days": 3, "country": SimpleNamespace(name="Senegal"),
               "cycle": SimpleNamespace(deadline=date(2027, 3, 1), title="2026", pk=1), "site_url": "https://liaison.example"}
    with translation.override("fr"):
        subject, body = mail.render("actionplan/email/report_reminder", context)
        assert translation.get_language() == "fr"  # the page's language is back after the e-mail
    assert subject == "[LG] Report due 1 March 2027: 2026"
    assert "is due on 1 March 2027 (3 days from now)" in body
    with translation.override("en"):
        assert "1 mars 2027" in mail.render("actionplan/email/report_reminder", context, language="fr")[0]
