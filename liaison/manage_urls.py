"""The secretariat's pages, under /manage/. Each app owns its routes (its manage_urls.py); they share
the "manage" namespace. The meetings' parts editor matches any /manage/meetings/<id>/<name>/, so it comes last."""

from liaison.audit import manage_urls as audit
from liaison.core import manage_urls as core
from liaison.groups import manage_urls as groups
from liaison.meetings import manage_urls as meetings
from liaison.portal import manage_urls as portal
from liaison.reports import manage_urls as reports
from liaison.roster import manage_urls as roster

app_name = "manage"
urlpatterns = [
    *portal.urlpatterns,
    *audit.urlpatterns,
    *core.urlpatterns,
    *groups.urlpatterns,
    *meetings.urlpatterns,
    *reports.urlpatterns,
    *roster.urlpatterns,
    *meetings.parts_urlpatterns,
]
