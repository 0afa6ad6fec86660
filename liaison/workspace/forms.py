"""The workspace's forms: they parse and check input; the services (services.py) make the changes."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.core.forms import checked_upload
from liaison.core.models import Person
from liaison.groups.models import Membership
from liaison.meetings.models import MeetingDocument

from . import text
from .models import Action, Discussion, Poll, PollKind, Teleconference

DATE = forms.DateInput(attrs={"type": "date"})


class PostForm(forms.Form):
    body = forms.CharField(label=_("Your message (Markdown)"), widget=forms.Textarea(attrs={"rows": 4}), max_length=20_000)
    attachment = forms.FileField(label=_("Attachment"), required=False)

    def clean_body(self):
        body = self.cleaned_data["body"]
        if text.has_script(body):
            raise forms.ValidationError(_("Scripts are not allowed in posts. Remove the <script> or javascript: part."))
        return body

    def clean_attachment(self):
        return checked_upload(self.cleaned_data.get("attachment"))


class PostEditForm(PostForm):
    """A post's new text and the version it was written against (see services.edit_post)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["attachment"]


class DiscussionForm(forms.ModelForm):
    class Meta:
        model = Discussion
        fields = ["title", "opening", "closes_on", "agenda_item", "document"]
        widgets = {"closes_on": DATE}
        labels = {"agenda_item": _("Agenda item")}

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = self.fields["agenda_item"].queryset.filter(meeting__group=group)
        self.fields["document"].queryset = MeetingDocument.objects.filter(meeting__group=group)

    def clean_opening(self):
        if text.has_script(self.cleaned_data["opening"]):
            raise forms.ValidationError(_("Scripts are not allowed."))
        return self.cleaned_data["opening"]


class PollForm(forms.ModelForm):
    options_text = forms.CharField(
        label=_("Options, one per line (questions with options)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    class Meta:
        model = Poll
        fields = ["kind", "question", "text", "deadline"]
        widgets = {"deadline": forms.DateTimeInput(attrs={"type": "datetime-local"})}
        labels = {"kind": _("Kind")}

    def clean(self):
        cleaned = super().clean()
        options = [o.strip() for o in cleaned.get("options_text", "").splitlines() if o.strip()]
        if cleaned.get("kind") == PollKind.CHOICE and len(options) < 2:
            self.add_error("options_text", _("A question needs at least two options."))
        if cleaned.get("deadline") and cleaned["deadline"] <= timezone.now():
            self.add_error("deadline", _("The deadline must be in the future."))
        cleaned["options"] = options
        return cleaned


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["title", "owner", "due", "meeting", "discussion"]
        widgets = {"due": DATE}

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        # Owners are members: an observer cannot see a members-only action, so cannot own one.
        self.fields["owner"].queryset = Person.objects.filter(
            memberships__in=Membership.objects.members().filter(group=group)
        ).distinct()
        self.fields["meeting"].queryset = group.meetings.all()
        self.fields["discussion"].queryset = group.discussions.all()


class TeleconferenceForm(forms.ModelForm):
    class Meta:
        model = Teleconference
        fields = ["title", "starts_at", "minutes", "join_link", "notes"]
        widgets = {"starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}
        help_texts = {"starts_at": _("In UTC.")}
