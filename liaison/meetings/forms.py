from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.core.forms import PartForm, VersionedModelForm

from .models import AgendaItem, Delegation, Meeting, MeetingDocument, Participant

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MeetingForm(VersionedModelForm):
    class Meta:
        model = Meeting
        fields = [
            "number", "slug", "title", "start_date", "end_date", "mode", "city", "country", "venue", "host",
            "opened_by", "reported_participants", "reported_governments", "reported_organizations", "summary",
        ]
        widgets = {"start_date": DATE, "end_date": DATE}

    def __init__(self, *args, group=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group or self.instance.group
        self.fields["slug"].required = False

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day cannot be before the first day."))
        slug = cleaned.get("slug") or (str(cleaned["number"]) if cleaned.get("number") else (start.isoformat() if start else ""))
        cleaned["slug"] = slug
        others = Meeting.objects.filter(group=self.group).exclude(pk=self.instance.pk)
        if slug and others.filter(slug=slug).exists():
            self.add_error("slug", _("Another meeting of this group already uses “%(slug)s”.") % {"slug": slug})
        if cleaned.get("number") and others.filter(number=cleaned["number"]).exists():
            self.add_error("number", _("This group already has a meeting with that number."))
        return cleaned

    def _post_clean(self):
        self.instance.group = self.group
        super()._post_clean()


class MeetingPartForm(PartForm):
    """A row added to one part of a meeting (delegation, participant, agenda item, document)."""

    parent_field = "meeting"

    @property
    def meeting(self):
        return self.parent


class DelegationForm(MeetingPartForm):
    class Meta:
        model = Delegation
        fields = ["country", "organization", "headcount", "is_observer"]

    def clean(self):
        cleaned = super().clean()
        country, organization = cleaned.get("country"), cleaned.get("organization")
        if bool(country) == bool(organization):
            raise forms.ValidationError(_("Choose a country or an organization, not both and not neither."))
        if country and self.duplicate(country=country):
            self.add_error("country", _("%(name)s is already represented.") % {"name": country})
        if organization and self.duplicate(organization=organization):
            self.add_error("organization", _("%(name)s is already represented.") % {"name": organization})
        return cleaned


class ParticipantForm(MeetingPartForm):
    class Meta:
        model = Participant
        fields = ["person", "capacity", "delegation", "office", "elected_on"]
        widgets = {"elected_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegation"].queryset = Delegation.objects.filter(meeting=self.meeting).select_related("country", "organization")

    def clean(self):
        cleaned = super().clean()
        person, office = cleaned.get("person"), cleaned.get("office")
        if person and self.duplicate(person=person):
            self.add_error("person", _("%(name)s is already a participant.") % {"name": person})
        if office in ("chair", "rapporteur") and self.duplicate(office=office):
            self.add_error("office", _("This meeting already has a %(office)s.") % {"office": office})
        elected_on = cleaned.get("elected_on")
        if elected_on and not (self.meeting.start_date <= elected_on <= self.meeting.end_date):
            self.add_error("elected_on", _("The election happens during the meeting."))
        if elected_on and not office:
            self.add_error("office", _("Say which office the participant was elected to."))
        return cleaned


class AgendaItemForm(MeetingPartForm):
    class Meta:
        model = AgendaItem
        fields = ["number", "title", "position"]

    def clean_number(self):
        number = self.cleaned_data["number"].strip().rstrip(".")
        if not all(part.isdigit() for part in number.split(".")):
            raise forms.ValidationError(_("Number items as 1, 2, 2.1 …"))
        if self.duplicate(number=number):
            raise forms.ValidationError(_("Item %(number)s exists already.") % {"number": number})
        return number


class DocumentForm(MeetingPartForm):
    class Meta:
        model = MeetingDocument
        fields = ["symbol", "title", "url", "distribution"]
