"""The secretariat reads where the records and the report disagree in its own language."""

from liaison.core.tests.pseudo import pseudo_locale
from liaison.meetings.models import Meeting


def test_the_meeting_page_writes_the_disagreements_in_the_readers_language(client_as, roles):
    meeting = Meeting.objects.get(group__slug="lg-biosafety", number=9)
    recorded = meeting.delegations.filter(country__isnull=False).count()
    Meeting.objects.filter(pk=meeting.pk).update(reported_governments=recorded + 5)
    staff = client_as(roles["secretariat"])
    english = staff.get(meeting.get_absolute_url()).content.decode()
    assert f"The report gives {recorded + 5} governments; {recorded} delegations are recorded." in english
    with pseudo_locale():
        page = staff.get(meeting.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert f"⟦The report gives {recorded + 5} governments; {recorded} delegations are recorded.⟧" in page
