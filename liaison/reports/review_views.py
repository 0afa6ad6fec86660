"""The participants' review of a draft report: the page where each comments paragraph by paragraph
(signed in, or through the signed link of the e-mail), and the secretariat's answers in the editor.
Views parse input and render; review.py makes every change; access.py says who may see what."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_POST

from liaison.core import spreadsheets
from liaison.core.decorators import secretariat_required
from liaison.meetings.models import Meeting

from . import access, review, services
from .models import CommentStatus, Paragraph, ReportComment, ReportStatus


class CommentForm(forms.Form):
    """A new comment (``paragraph``) or a change to one's own (``comment`` and ``version``)."""

    text = forms.CharField(label=gettext_lazy("Your comment"), max_length=review.MAX_COMMENT, widget=forms.Textarea(attrs={"rows": 3}))
    paragraph = forms.IntegerField(required=False, widget=forms.HiddenInput)
    comment = forms.IntegerField(required=False, widget=forms.HiddenInput)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class AnswerForm(forms.Form):
    status = forms.ChoiceField(choices=CommentStatus.choices)
    reply = forms.CharField(required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput)


def _page(request, report, participant, action):
    """The review page for ``participant``: GET shows it, POST records a comment or a change."""
    failed = {}  # "p<paragraph pk>" or "c<comment pk>" -> (message, the text typed, kept)
    status = 200
    if request.method == "POST":
        form = CommentForm(request.POST)
        key = f"c{request.POST['comment']}" if request.POST.get("comment") else f"p{request.POST.get('paragraph', '')}"
        if not form.is_valid():
            failed[key] = (" ".join(e for errors in form.errors.values() for e in errors), request.POST.get("text", "").replace("\x00", ""))
            status = 400
        else:
            data = form.cleaned_data
            try:
                if data["comment"]:
                    item = get_object_or_404(ReportComment, pk=data["comment"], report=report)
                    review.edit_comment(item, participant, data["text"], data["version"])
                    messages.success(request, _("Your comment is changed."))
                else:
                    paragraph = Paragraph.objects.filter(pk=data["paragraph"] or 0, report=report).first()
                    review.comment(report, participant, paragraph, data["text"])
                    messages.success(request, _("Your comment is recorded; the secretariat will answer it here."))
                return redirect(f"{action}#paragraph-{data['paragraph'] or ''}")
            except review.Refused as refused:
                failed[key] = (str(refused), data["text"])
                status = 409 if isinstance(refused, review.Stale) else 400
    mine = review.by_paragraph(review.comments_for(report, participant.person))
    sections = [
        (item, [(n, p, [(c, failed.get(f"c{c.pk}")) for c in mine.get(p.pk, [])], failed.get(f"p{p.pk}")) for n, p in rows])
        for item, rows in services.sections(report)
    ]
    return render(request, "reports/review.html", {
        "meeting": report.meeting, "report": report, "participant": participant, "sections": sections,
        "open": review.is_open(report), "action": action, "failed": failed, "orphans": mine.get(None, []),
    }, status=status)


def review_signed_in(request, group_slug, slug):
    """For a participant who is signed in; anyone else (members of the group included) gets 404."""
    meeting = get_object_or_404(Meeting.objects.select_related("group", "country"), group__slug=group_slug, slug=slug)
    participant = access.participant_of(request.user, meeting)
    report = getattr(meeting, "report", None) if participant else None
    if report is None or report.status != ReportStatus.REVIEW:
        raise Http404("No report under review.")
    return _page(request, report, participant, request.path)


def review_by_link(request, token):
    """Through the link of the e-mail, without an account."""
    found = review.from_token(token)
    if found is None:
        return render(request, "reports/review_link_invalid.html", status=404)
    report, participant = found
    return _page(request, report, participant, request.path)


@secretariat_required
@require_POST
def answer(request, pk, comment_pk):
    """The secretariat answers a comment from the report editor."""
    meeting = get_object_or_404(Meeting, pk=pk)
    report = services.report_for(meeting)
    item = get_object_or_404(ReportComment, pk=comment_pk, report=report)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            review.answer(item, form.cleaned_data["status"], form.cleaned_data["reply"], form.cleaned_data["version"])
            messages.success(request, _("Answer saved."))
        except review.Refused as refused:
            # the typed answer is shown again with the reason; nothing is lost
            messages.error(request, _("%(why)s Your answer was: “%(reply)s”") % {"why": refused, "reply": form.cleaned_data["reply"] or "—"})
    else:
        messages.error(request, _("Choose what became of the comment (a reply has at most 5,000 characters)."))
    anchor = f"paragraph-{item.paragraph_id}" if item.paragraph_id else "orphan-comments"
    return redirect(f"{reverse('manage:report', args=[pk])}#{anchor}")


COMPILATION_HEADER = [gettext_lazy("Paragraph"), gettext_lazy("Paragraph as commented"), gettext_lazy("Comment by"), gettext_lazy("Comment"),
                      gettext_lazy("Decision"), gettext_lazy("Answer"), gettext_lazy("Commented on")]


@secretariat_required
def compilation(request, pk):
    """The secretariat's compilation of the participants' comments on the current revision (XLSX, in
    the reader's language: headers, the sheet's name and 'deleted' for a paragraph deleted since)."""
    meeting = get_object_or_404(Meeting.objects.select_related("group"), pk=pk)
    report = services.report_for(meeting)
    numbers = {p.pk: n for _, rows in services.sections(report) for n, p in rows}
    deleted = pgettext("a paragraph", "deleted")
    rows = [
        (numbers.get(c.paragraph_id, deleted), c.quoted, c.author.formal_name, c.text, c.get_status_display(), c.reply,
         c.created.date().isoformat())
        for c in sorted(review.comments_for(report), key=lambda c: (numbers.get(c.paragraph_id, 10**6), c.created))
    ]
    return spreadsheets.xlsx_response(f"{meeting.group.slug}-{meeting.slug}-report-comments.xlsx",
                                      {_("Comments"): (COMPILATION_HEADER, rows)})
