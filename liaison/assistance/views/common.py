"""Helpers shared by the assistance views."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _, ngettext

from .. import access
from ..models import AssistanceRequest


def errors(error: ValidationError) -> str:
    """A service's ValidationError as one sentence for the page."""
    if hasattr(error, "error_dict"):
        return " ".join(f"{m}" for msgs in error.message_dict.values() for m in msgs)
    return " ".join(error.messages)


def visible_request(user, pk):
    """The request, or 404 if the user may not see it (its existence is not disclosed)."""
    req = get_object_or_404(AssistanceRequest.objects.select_related("country", "mechanism").prefetch_related("areas"), pk=pk)
    if not access.can_see_request(user, req):
        raise Http404
    return req


def briefing_messages(request, sent, problems, briefed, group=None):
    """Say what a briefing e-mail did (for the approval and the consolidated list's button)."""
    if briefed:
        if group is None:
            text = ngettext("Briefing on %(n)d new request e-mailed to the current members (%(m)d).",
                            "Briefing on %(n)d new requests e-mailed to the current members (%(m)d).", len(briefed))
        else:
            text = ngettext("Briefing on %(n)d new request e-mailed to the current members (%(m)d): %(group)s.",
                            "Briefing on %(n)d new requests e-mailed to the current members (%(m)d): %(group)s.", len(briefed))
        text = text % {"n": len(briefed), "m": sent, "group": group}
        (messages.success if group is None else messages.info)(request, text)
    for problem in problems:
        messages.warning(request, _("Not sent: %(problem)s") % {"problem": problem})
