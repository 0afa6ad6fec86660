import csv
import io

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.core.forms import VersionedModelForm

from .models import Annex, Report


class ParagraphForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), strip=True)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReportForm(VersionedModelForm):
    class Meta:
        model = Report
        fields = ["symbol"]


class AnnexForm(forms.ModelForm):
    table_csv = forms.CharField(
        label=_("Table (CSV)"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Paste rows separated by commas or tabs; the first row is the header."),
    )

    class Meta:
        model = Annex
        fields = ["title", "body", "position"]
        labels = {"position": _("Position")}

    def clean_table_csv(self):
        text = self.cleaned_data["table_csv"].strip()
        if not text:
            return []
        dialect = "excel-tab" if "\t" in text.splitlines()[0] else "excel"
        rows = [row for row in csv.reader(io.StringIO(text), dialect=dialect) if any(cell.strip() for cell in row)]
        if len(rows) < 2:
            raise forms.ValidationError(_("A table needs a header row and at least one row."))
        return [[cell.strip() for cell in row] for row in rows]

    def save(self, commit=True):
        annex = super().save(commit=False)
        annex.table = self.cleaned_data.get("table_csv") or []
        if commit:
            annex.save()
        return annex
