"""Every API list is paged (limit/offset, total in X-Total-Count, documented in the OpenAPI) and
answers in a constant number of SQL queries however many records there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

LISTS = ["/api/v1/groups", "/api/v1/countries", "/api/v1/organizations", "/api/v1/meetings",
         "/api/v1/groups/lg-biosafety/meetings", "/api/v1/groups/lg-biosafety/experts"]


def grow_meetings(group, start, count, participants=5):
    from liaison.core.models import Person
    from liaison.meetings.models import Meeting, Participant

    for i in range(start, start + count):
        meeting = Meeting.objects.create(group=group, number=500 + i, title=f"Synthetic meeting {i}",
                                         start_date=f"{1990 + i}-05-01", end_date=f"{1990 + i}-05-02")
        people = Person.objects.bulk_create(Person(first_name="Synthetic", last_name=f"P{i}-{n}") for n in range(participants))
        Participant.objects.bulk_create(Participant(meeting=meeting, person=p) for p in people)


@pytest.mark.parametrize("url", LISTS)
def test_lists_are_paged_with_the_total(client, demo, url):
    everything = client.get(url, {"limit": 1000})
    total = int(everything["X-Total-Count"])
    assert everything.status_code == 200 and len(everything.json()) == min(total, 1000)
    if total >= 2:
        page = client.get(url, {"limit": 1, "offset": 1})
        assert page.json() == everything.json()[1:2] and int(page["X-Total-Count"]) == total
    assert client.get(url, {"limit": 0}).status_code == 422
    assert client.get(url, {"limit": 5000}).status_code == 422
    assert client.get(url, {"offset": -1}).status_code == 422


def test_participants_are_paged(client_as, roles, demo):
    from liaison.meetings.models import Meeting

    meeting = Meeting.objects.filter(participants__isnull=False).distinct().first()
    staff = client_as(roles["secretariat"])
    everyone = staff.get(f"/api/v1/meetings/{meeting.pk}/participants", {"limit": 1000})
    total = int(everyone["X-Total-Count"])
    assert total == len(everyone.json()) >= 2
    assert staff.get(f"/api/v1/meetings/{meeting.pk}/participants", {"limit": 1, "offset": total - 1}).json() == everyone.json()[-1:]


def test_the_openapi_documents_paging():
    from liaison.api import api

    import json

    schema = json.loads(json.dumps(api.get_openapi_schema()))  # as served: keys are strings
    operation = schema["paths"]["/api/v1/meetings"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"limit", "offset"} <= names
    assert "X-Total-Count" in operation["responses"]["200"]["headers"]
    assert operation["responses"]["200"]["content"]  # the generated list schema is kept


@pytest.mark.parametrize("url", ["/api/v1/meetings", "/api/v1/groups/lg-biosafety/meetings", "/groups/lg-biosafety/"])
def test_meeting_lists_take_constant_queries_as_meetings_and_participants_grow(client, demo, url):
    group = demo["lg-biosafety"]

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    grow_meetings(group, 0, 2)
    before = queries()
    grow_meetings(group, 2, 10, participants=20)
    assert queries() == before


def test_the_group_history_is_paged_and_filtered_by_year(client, demo):
    group = demo["lg-biosafety"]
    grow_meetings(group, 0, 30, participants=1)
    page = client.get("/groups/lg-biosafety/")
    assert len(page.context["meetings"]) == 20 and "Older meetings" in page.content.decode()
    second = client.get("/groups/lg-biosafety/", {"page": 2}).context["meetings"]
    assert not {m.pk for m in second} & {m.pk for m in page.context["meetings"]}
    one_year = client.get("/groups/lg-biosafety/", {"year": 1995})
    assert [m.title for m in one_year.context["meetings"]] == ["Synthetic meeting 5"]
    assert client.get("/groups/lg-biosafety/", {"year": "1800"}).status_code == 400
    assert client.get("/groups/lg-biosafety/", {"year": "x"}).status_code == 400
