import re

from django import forms
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from liaison.core.forms import PartForm, TranslationsMixin, VersionedModelForm, checked_upload
from liaison.core.models import Person

from . import services, times
from .models import AgendaItem, Delegation, Meeting, MeetingDocument, Office, Participant, Session

SYMBOL = re.compile(r"^[A-Z][A-Za-z0-9.\-]*(/[A-Za-z0-9.\-]+)+$")

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class MeetingForm(TranslationsMixin, VersionedModelForm):
    """The meeting's fields; its title in the other languages too (core.forms.TranslationsMixin)."""

    class Meta:
        model = Meeting
        fields = [
            "number", "slug", "title", "start_date", "end_date", "start_time", "end_time", "time_zone", "mode", "city", "country", "venue", "host",
            "online_link", "opened_by", "reported_participants", "reported_governments", "reported_organizations", "summary",
        ]
        widgets = {"start_date": DATE, "end_date": DATE, "start_time": TIME, "end_time": TIME}

    def __init__(self, *args, group=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group or self.instance.group
        self.fields["slug"].required = False
        self.fields["time_zone"].widget = forms.Select(
            choices=[("", _("— not stated (all-day meeting) —")), *times.zone_choices(translation.get_language())])

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
            self.add_error("country", _("Already represented: %(name)s.") % {"name": country})
        if organization and self.duplicate(organization=organization):
            self.add_error("organization", _("Already represented: %(name)s.") % {"name": organization})
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
            self.add_error("person", _("Already a participant: %(name)s.") % {"name": person})
        if office in (Office.CHAIR, Office.RAPPORTEUR) and self.duplicate(office=office):
            self.add_error("office", _("This office is already held at this meeting: %(office)s.") % {"office": Office(office).label})
        elected_on = cleaned.get("elected_on")
        if elected_on and not (self.meeting.start_date <= elected_on <= self.meeting.end_date):
            self.add_error("elected_on", _("The election happens during the meeting."))
        if elected_on and not office:
            self.add_error("office", _("Say which office the participant was elected to."))
        return cleaned


class AgendaItemForm(forms.Form):
    """An agenda item added at the end or edited in place. No number and no position: they follow
    from the item's place in the agenda, which the secretariat changes by moving it."""

    title = forms.CharField(label=_("Title"), max_length=400)
    annotation = forms.CharField(label=_("Annotation"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    sub_item = forms.BooleanField(label=_("Sub-item of the item before it"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, item=None, **kwargs):
        if item is not None:
            kwargs.setdefault("initial", {"title": item.title, "annotation": item.annotation, "sub_item": bool(item.depth),
                                          "version": item.version})
            kwargs.setdefault("prefix", f"item-{item.pk}")
        super().__init__(*args, **kwargs)
        self.item = item

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Give the item a title."))
        return title


class DocumentForm(MeetingPartForm):
    class Meta:
        model = MeetingDocument
        fields = ["symbol", "title", "file", "url", "language", "version", "agenda_item", "distribution"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(meeting=self.meeting)
        self.fields["file"].help_text = _("PDF, DOCX, XLSX, PPTX, ODT, TXT or CSV; at most %(mb)d MB.") % {"mb": settings.MAX_UPLOAD_MB}

    def clean_symbol(self):
        symbol = self.cleaned_data["symbol"].strip()
        if symbol and not SYMBOL.match(symbol):
            raise forms.ValidationError(_("A symbol looks like UNEP/CBD/BS/LG-CB/9/1, …/Add.1 or …/INF/2."))
        return symbol

    def clean_file(self):
        return checked_upload(self.cleaned_data.get("file"))

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file") and not cleaned.get("url") and not self.errors:
            raise forms.ValidationError(_("Upload a file or give a link."))
        return cleaned

    def save(self, commit=True):
        document = super().save(commit=False)
        if document.file and hasattr(self.cleaned_data.get("file"), "size"):
            document.original_name = self.cleaned_data["file"].name[:255]
            document.size = self.cleaned_data["file"].size
        if commit:
            document.save()
        return document


class SessionForm(MeetingPartForm):
    class Meta:
        model = Session
        fields = ["date", "start", "end", "title", "items"]
        widgets = {"date": DATE, "start": forms.TimeInput(attrs={"type": "time"}), "end": forms.TimeInput(attrs={"type": "time"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = AgendaItem.objects.filter(meeting=self.meeting)
        zone = self.meeting.time_zone or _("the meeting's time zone, not yet stated")
        for name in ("start", "end"):
            self.fields[name].help_text = _("At the venue (%(zone)s).") % {"zone": zone}

    def clean(self):
        cleaned = super().clean()
        day, start, end = cleaned.get("date"), cleaned.get("start"), cleaned.get("end")
        if day and not (self.meeting.start_date <= day <= self.meeting.end_date):
            self.add_error("date", _("A session takes place during the meeting."))
        if start and end and end <= start:
            self.add_error("end", _("A session ends after it starts."))
        return cleaned


class ElectionForm(forms.Form):
    """Records the election of an officer from among the participants present."""

    office = forms.ChoiceField(label=_("Office"), choices=Office.choices)
    participant = forms.ModelChoiceField(queryset=Participant.objects.none(), label=_("Elected"))
    nominated_by = forms.ModelChoiceField(label=_("Nominated by"), queryset=Participant.objects.none(), required=False)
    elected_on = forms.DateField(label=_("Elected on"), widget=DATE)

    def __init__(self, *args, parent, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = parent
        present = Participant.objects.filter(meeting=parent, attended=True).select_related("person")
        self.fields["participant"].queryset = present
        self.fields["participant"].help_text = _("Only participants checked in as present can be elected.")
        self.fields["nominated_by"].queryset = present
        for name in ("participant", "nominated_by"):
            self.fields[name].label_from_instance = lambda p: p.person.formal_name
        self.fields["elected_on"].initial = min(max(timezone.localdate(), parent.start_date), parent.end_date)

    def clean(self):
        cleaned = super().clean()
        problems = services.election_problems(
            self.meeting, cleaned.get("office"), cleaned.get("participant"), cleaned.get("elected_on"), cleaned.get("nominated_by")
        )
        for field, problem in problems.items():
            self.add_error(field, problem)
        return cleaned

    def save(self):
        data = self.cleaned_data
        return services.elect(data["participant"], data["office"], data["elected_on"], data["nominated_by"])


class InviteForm(forms.Form):
    """Invitees chosen by ticking boxes in a searchable list (see invitation_views), then the
    e-mail previewed and its message edited before sending. ``version`` is the meeting's version
    the message was edited from: a stale send is refused and keeps the input."""

    people = forms.ModelMultipleChoiceField(
        queryset=Person.objects.exclude(email="").select_related("country"), widget=forms.CheckboxSelectMultiple,
        label=_("Invitees"), error_messages={"required": _("Tick at least one person to invite.")},
    )
    q = forms.CharField(label=_("Search people"), required=False, max_length=100)
    message = forms.CharField(
        label=_("Message"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("The text between the greeting and the personal link; used for every invitation of this meeting."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
