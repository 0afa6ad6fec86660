"""The terms of reference's operating rules (pure module) and their warnings on the meeting pages."""

from datetime import date

from liaison.meetings.rules import PlannedMeeting, warnings

F2F = PlannedMeeting(date(2027, 3, 10), date(2027, 3, 11), True)


def test_a_two_day_face_to_face_meeting_with_continuity_has_no_warning():
    assert warnings(F2F, [], {1, 2}, {2, 3}) == []


def test_longer_than_two_days():
    long = PlannedMeeting(date(2027, 3, 10), date(2027, 3, 12), True)
    assert any("lasts 3 days" in w for w in warnings(long, [], set(), None))


def test_no_face_to_face_meeting_in_the_year():
    online = PlannedMeeting(date(2027, 3, 10), date(2027, 3, 10), False)
    assert any("No face-to-face meeting is planned in 2027" in w for w in warnings(online, [], set(), None))
    other_f2f = PlannedMeeting(date(2027, 9, 1), date(2027, 9, 2), True)
    assert warnings(online, [other_f2f], set(), None) == []


def test_no_returning_participant():
    assert any("continuity" in w for w in warnings(F2F, [], {1, 2}, {3, 4}))
    assert warnings(F2F, [], {1, 2}, set()) == []  # the previous meeting named nobody


def test_warnings_show_but_never_block(client_as, roles, demo):
    from liaison.meetings.models import Meeting

    staff = client_as(roles["secretariat"])
    response = staff.post("/manage/groups/lg-biosafety/meetings/new/", {
        "number": 13, "title": "Thirteenth", "start_date": "2027-03-10", "end_date": "2027-03-13", "mode": "online",
    })
    assert response.status_code == 302
    meeting = Meeting.objects.get(number=13)  # created despite the warnings
    html = staff.get(f"/manage/meetings/{meeting.pk}/").content.decode()
    assert "lasts 4 days" in html and "No face-to-face meeting is planned in 2027" in html
