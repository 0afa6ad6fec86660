"""Lists of a record's rows that the secretariat adds to and removes from in place.

A meeting has delegations, participants, agenda items and documents; a group has decisions and
members; terms of reference have tasks. Each is a *part*: a queryset of rows, a form to add one,
and a line describing a row. ``PartsEditor`` serves the part as an htmx fragment (or a full page
without JavaScript), so every part behaves the same way and is tested the same way.
"""

from dataclasses import dataclass
from typing import Any, Callable

from django.contrib import messages
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import services
from .decorators import secretariat_required


def _never_locked(parent):
    return None


@dataclass(frozen=True)
class Part:
    title: str
    form: type
    rows: Callable[[Any], Any]
    describe: Callable[[Any], str] = str
    remove: Callable[[Any], None] = services.remove_row  # the service "Remove" calls on a row
    add: Callable[[Any], Any] = services.add_row  # the service that saves a valid form's new row
    locked: Callable[[Any], str | None] = _never_locked  # why the part cannot change now, or None


class PartsEditor:
    def __init__(self, *, parent: Callable[[Any], Any], parts: dict[str, Part], url: str, delete_url: str, back: Callable[[Any], str]):
        self.parent = parent  # key from the URL -> the record (raises Http404)
        self.parts = parts
        self.url = url
        self.delete_url = delete_url
        self.back = back  # the record -> the page to return to without htmx
        self.view = secretariat_required(self._view)
        self.delete = secretariat_required(self._delete)

    def part(self, name) -> Part:
        try:
            return self.parts[name]
        except KeyError:
            raise Http404("No such part.") from None

    def form(self, name, parent, data=None, files=None):
        # Each part's form has its own prefix, so its fields' ids never clash with another form's.
        return self.part(name).form(data, files, parent=parent, prefix=name)

    def render(self, request, key, parent, name, form=None, status=200, refusal=None):
        part = self.part(name)
        rows = [
            (row, part.describe(row), reverse(self.delete_url, args=[key, name, row.pk]))
            for row in part.rows(parent)
        ]
        context = {
            "locked": part.locked(parent),
            "refusal": refusal,
            "parent": parent,
            "name": name,
            "title": part.title,
            "rows": rows,
            "form": form or self.form(name, parent),
            "add_url": reverse(self.url, args=[key, name]),
            "back_url": self.back(parent),
        }
        template = "core/manage/part.html" if request.htmx else "core/manage/part_page.html"
        return render(request, template, context, status=status)

    def _view(self, request, key, name):
        parent = self.parent(key)
        if request.method != "POST":
            return self.render(request, key, parent, name)
        form = self.form(name, parent, request.POST, request.FILES)
        locked = self.part(name).locked(parent)
        if locked:
            return self.render(request, key, parent, name, status=409 if not request.htmx else 200, refusal=locked)
        if form.is_valid():
            try:
                self.part(name).add(form)
            except IntegrityError:
                form.add_error(None, _("This entry conflicts with one saved meanwhile; reload the page."))
            else:
                if not request.htmx:
                    messages.success(request, _("Added."))
                    return redirect(self.back(parent))
                return self.render(request, key, parent, name)
        # htmx swaps only 2xx answers by default; a full page answers 400 with the same errors.
        return self.render(request, key, parent, name, form=form, status=200 if request.htmx else 400)

    def _delete(self, request, key, name, item):
        if request.method != "POST":
            from django.http import HttpResponseNotAllowed

            return HttpResponseNotAllowed(["POST"])
        parent = self.parent(key)
        part = self.part(name)
        row = get_object_or_404(part.rows(parent), pk=item)
        locked = part.locked(parent)
        if locked:
            return self.render(request, key, parent, name, status=409 if not request.htmx else 200, refusal=locked)
        part.remove(row)
        if request.htmx:
            return self.render(request, key, parent, name)
        return redirect(self.back(parent))
