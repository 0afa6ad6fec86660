"""The agenda editor: numbers follow the order (never typed), items move with their sub-items,
edits are versioned, reorders based on a stale agenda are refused, an adopted agenda is frozen,
and only the secretariat may change anything."""

from datetime import timedelta

import pytest
from django.utils import timezone

from liaison.core.concurrency import VersionConflict
from liaison.meetings import agenda, services
from liaison.meetings.models import AgendaItem, Meeting


# --- the pure rules ----------------------------------------------------------------------------
def test_renumber_from_depths():
    assert agenda.renumber([0, 0, 1, 1, 0, 1]) == ["1", "2", "2.1", "2.2", "3", "3.1"]
    assert agenda.renumber([]) == []
    with pytest.raises(ValueError):
        agenda.renumber([1, 0])


def test_an_item_moves_with_its_sub_items_and_a_sub_item_within_its_item():
    depths = [0, 0, 1, 1, 0]  # 1, 2, 2.1, 2.2, 3
    assert agenda.blocks(depths) == [[0], [1, 2, 3], [4]]
    assert agenda.moved(depths, 1, -1) == [1, 2, 3, 0, 4]  # item 2 (with 2.1, 2.2) before item 1
    assert agenda.moved(depths, 1, +1) == [0, 4, 1, 2, 3]
    assert agenda.moved(depths, 2, +1) == [0, 1, 3, 2, 4]  # 2.1 after 2.2
    assert agenda.moved(depths, 2, -1) is None  # the first sub-item stays under its item
    assert agenda.moved(depths, 3, +1) is None
    assert agenda.moved(depths, 0, -1) is None and agenda.moved(depths, 4, +1) is None


def test_changes_at_adoption_name_moved_items_by_their_title():
    issued = [("1", "Opening"), ("2", "Roster"), ("3", "Action plan"), ("4", "Closure")]
    adopted = [("1", "Opening"), ("2", "Action plan"), ("3", "Roster of experts"), ("4", "Closure")]
    # A moved item keeps its title; one both moved and renamed reads as deleted and added.
    assert agenda.changes(issued, adopted) == [
        "Item 3 “Action plan” became item 2.",
        "Item 3 “Roster of experts” was added.",
        "Item 2 “Roster” was deleted.",
    ]


def test_changes_at_adoption_of_a_swap():
    issued = [("1", "Opening"), ("2", "Roster"), ("3", "Action plan")]
    adopted = [("1", "Opening"), ("2", "Action plan"), ("3", "Roster")]
    assert agenda.changes(issued, adopted) == ["Item 3 “Action plan” became item 2.", "Item 2 “Roster” became item 3."]


# --- services ----------------------------------------------------------------------------------
@pytest.fixture
def meeting(demo):
    today = timezone.localdate()
    return Meeting.objects.create(group=demo["lg-biosafety"], number=13, title="Thirteenth meeting",
                                  start_date=today, end_date=today + timedelta(days=1))


def rows(meeting):
    return [(i.number, i.title) for i in AgendaItem.objects.filter(meeting=meeting)]


def build(meeting):
    for title, sub in [("Opening", False), ("Organizational matters", False), ("Election of officers", True),
                       ("Adoption of the agenda", True), ("Action plan", False), ("Closure", False)]:
        services.add_agenda_item(meeting, title, sub_item=sub)
    return {i.title: i for i in AgendaItem.objects.filter(meeting=meeting)}


def test_items_are_numbered_by_their_place(meeting):
    build(meeting)
    assert rows(meeting) == [("1", "Opening"), ("2", "Organizational matters"), ("2.1", "Election of officers"),
                             ("2.2", "Adoption of the agenda"), ("3", "Action plan"), ("4", "Closure")]
    assert list(AgendaItem.objects.filter(meeting=meeting).values_list("position", flat=True)) == [1, 2, 3, 4, 5, 6]


def test_an_agenda_cannot_begin_with_a_sub_item(meeting):
    with pytest.raises(services.Refused):
        services.add_agenda_item(meeting, "Orphan", sub_item=True)
    items = build(meeting)
    with pytest.raises(services.Refused):
        services.edit_agenda_item(items["Opening"], "Opening", "", True, items["Opening"].version)
    with pytest.raises(services.Refused):
        ids = [items[t].pk for t in ("Election of officers", "Opening", "Organizational matters", "Adoption of the agenda", "Action plan", "Closure")]
        services.reorder_agenda(meeting, ids)
    assert rows(meeting)[0] == ("1", "Opening")


def test_moving_renumbers_and_keeps_sub_items_with_their_item(meeting):
    items = build(meeting)
    services.move_agenda_item(items["Organizational matters"], -1)
    assert rows(meeting) == [("1", "Organizational matters"), ("1.1", "Election of officers"), ("1.2", "Adoption of the agenda"),
                             ("2", "Opening"), ("3", "Action plan"), ("4", "Closure")]
    services.move_agenda_item(items["Election of officers"], +1)
    assert rows(meeting)[1:3] == [("1.1", "Adoption of the agenda"), ("1.2", "Election of officers")]
    before = rows(meeting)
    services.move_agenda_item(items["Closure"], +1)  # already last: nothing happens
    assert rows(meeting) == before


def test_a_reorder_based_on_a_stale_agenda_is_refused(meeting):
    items = build(meeting)
    seen = services.agenda_state(AgendaItem.objects.filter(meeting=meeting))
    services.move_agenda_item(items["Action plan"], -1)  # someone else moves an item meanwhile
    with pytest.raises(services.StaleAgenda):
        services.move_agenda_item(items["Closure"], -1, state=seen)
    ids = [i.pk for i in AgendaItem.objects.filter(meeting=meeting)]
    with pytest.raises(services.StaleAgenda):
        services.reorder_agenda(meeting, list(reversed(ids)), state=seen)
    with pytest.raises(services.StaleAgenda):  # not every item, once
        services.reorder_agenda(meeting, ids[:-1])
    assert rows(meeting)[1] == ("2", "Action plan") and rows(meeting)[-1] == ("4", "Closure")


def test_edits_are_versioned_and_may_change_the_depth(meeting):
    items = build(meeting)
    item = items["Action plan"]
    services.edit_agenda_item(item, "Capacity-building action plan", "Document 13/2.", True, item.version)
    assert rows(meeting)[4] == ("2.3", "Capacity-building action plan")
    with pytest.raises(VersionConflict):
        services.edit_agenda_item(item, "A stale title", "", True, item.version - 1)
    assert AgendaItem.objects.get(pk=item.pk).title == "Capacity-building action plan"


def test_removing_an_item_removes_its_sub_items(meeting):
    items = build(meeting)
    services.delete_agenda_item(items["Organizational matters"])
    assert rows(meeting) == [("1", "Opening"), ("2", "Action plan"), ("3", "Closure")]
    services.delete_agenda_item(items["Opening"])
    assert rows(meeting) == [("1", "Action plan"), ("2", "Closure")]


def test_an_adopted_agenda_is_frozen(meeting):
    items = build(meeting)
    services.issue_agenda(meeting)
    services.move_agenda_item(items["Action plan"], -1)  # amended after issue, before adoption
    meeting.refresh_from_db()
    services.adopt_agenda(meeting)
    meeting.refresh_from_db()
    assert meeting.agenda_changes == [
        "Item 3 “Action plan” became item 2.", "Item 2 “Organizational matters” became item 3.",
        "Item 2.1 “Election of officers” became item 3.1.", "Item 2.2 “Adoption of the agenda” became item 3.2.",
    ]
    before = rows(meeting)
    for change in (lambda: services.add_agenda_item(meeting, "Late"),
                   lambda: services.move_agenda_item(items["Closure"], -1),
                   lambda: services.reorder_agenda(meeting, [i.pk for i in reversed(list(items.values()))]),
                   lambda: services.edit_agenda_item(items["Closure"], "x", "", False, None),
                   lambda: services.delete_agenda_item(items["Closure"])):
        with pytest.raises(services.Refused):
            change()
    assert rows(meeting) == before


# --- pages, by role ----------------------------------------------------------------------------
def urls(meeting, item):
    base = f"/manage/meetings/{meeting.pk}/agenda/"
    return [
        (base, {"agenda-title": "Intruding item"}),
        (f"{base}{item.pk}/move/", {"step": "down"}),
        (f"{base}reorder/", {"order": ",".join(str(i.pk) for i in reversed(list(AgendaItem.objects.filter(meeting=meeting))))}),
        (f"{base}{item.pk}/edit/", {f"item-{item.pk}-title": "Renamed", f"item-{item.pk}-version": item.version}),
        (f"{base}{item.pk}/delete/", {}),
    ]


@pytest.mark.parametrize("role", ["anonymous", "other_member", "observer", "member", "chair"])
def test_only_the_secretariat_changes_the_agenda(client_as, roles, meeting, role):
    items = build(meeting)
    before = rows(meeting)
    client = client_as(roles[role])
    for url, data in urls(meeting, items["Opening"]):
        response = client.post(url, data, HTTP_HX_REQUEST="true")
        assert response.status_code == (302 if role == "anonymous" else 403), url
        if role == "anonymous":
            assert response["Location"].startswith("/accounts/login/")
    assert client.get(f"/manage/meetings/{meeting.pk}/agenda/").status_code == (302 if role == "anonymous" else 403)
    assert rows(meeting) == before


def test_the_secretariat_edits_moves_and_reorders_in_place(client_as, roles, meeting):
    items = build(meeting)
    staff = client_as(roles["secretariat"])
    base = f"/manage/meetings/{meeting.pk}/agenda/"
    page = staff.get(base, HTTP_HX_REQUEST="true").content.decode()
    state = page.split('name="state" value="')[1].split('"')[0]

    moved = staff.post(f"{base}{items['Action plan'].pk}/move/", {"step": "up", "state": state}, HTTP_HX_REQUEST="true")
    text = moved.content.decode()
    assert moved.status_code == 200 and "“Action plan” is now item 2, 2 of 6." in text
    assert 'hx-swap-oob="innerHTML"' in text and f'data-focus-id="agenda-{items["Action plan"].pk}-up"' in text
    assert rows(meeting)[1] == ("2", "Action plan")

    stale = staff.post(f"{base}{items['Closure'].pk}/move/", {"step": "up", "state": state}, HTTP_HX_REQUEST="true")
    assert "changed by someone else meanwhile" in stale.content.decode()
    assert rows(meeting)[-1] == ("4", "Closure")

    order = [items[t].pk for t in ("Opening", "Closure", "Action plan", "Organizational matters", "Election of officers", "Adoption of the agenda")]
    done = staff.post(f"{base}reorder/", {"order": ",".join(map(str, order)), "moved": items["Closure"].pk}, HTTP_HX_REQUEST="true")
    assert "“Closure” is now item 2, 2 of 6." in done.content.decode()
    assert [t for _n, t in rows(meeting)] == ["Opening", "Closure", "Action plan", "Organizational matters", "Election of officers", "Adoption of the agenda"]

    bad = staff.post(f"{base}reorder/", {"order": "1,x"}, HTTP_HX_REQUEST="true")
    assert bad.status_code == 400
    bad_step = staff.post(f"{base}{items['Closure'].pk}/move/", {"step": "sideways"}, HTTP_HX_REQUEST="true")
    assert bad_step.status_code == 400


def test_an_item_is_edited_in_place_and_a_stale_save_keeps_the_input(client_as, roles, meeting):
    items = build(meeting)
    item = items["Action plan"]
    staff = client_as(roles["secretariat"])
    url = f"/manage/meetings/{meeting.pk}/agenda/{item.pk}/edit/"
    form = staff.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert form.startswith("<li") and 'value="Action plan"' in form
    saved = staff.post(url, {f"item-{item.pk}-title": "Capacity-building action plan", f"item-{item.pk}-version": item.version},
                       HTTP_HX_REQUEST="true")
    assert saved["HX-Retarget"] == "#part-agenda" and "3.</strong> Capacity-building action plan" in saved.content.decode()
    stale = staff.post(url, {f"item-{item.pk}-title": "My late title", f"item-{item.pk}-version": item.version}, HTTP_HX_REQUEST="true")
    text = stale.content.decode()
    assert "Someone else saved this item" in text and 'value="My late title"' in text
    assert AgendaItem.objects.get(pk=item.pk).title == "Capacity-building action plan"
    without_js = staff.post(url, {f"item-{item.pk}-title": " ", f"item-{item.pk}-version": item.version + 1})
    assert without_js.status_code == 400 and "<html" in without_js.content.decode() and "This field is required" in without_js.content.decode()
    assert staff.post(url, {f"item-{item.pk}-title": "Bad\x00title"}).status_code == 400


def test_after_adoption_the_editor_shows_no_controls(client_as, roles, meeting):
    items = build(meeting)
    services.adopt_agenda(meeting)
    staff = client_as(roles["secretariat"])
    page = staff.get(f"/manage/meetings/{meeting.pk}/agenda/", HTTP_HX_REQUEST="true").content.decode()
    assert "can no longer change" in page and "Move up" not in page and 'draggable="true"' not in page
    refused = staff.post(f"/manage/meetings/{meeting.pk}/agenda/{items['Closure'].pk}/move/", {"step": "up"})
    assert refused.status_code == 409
    edit = staff.get(f"/manage/meetings/{meeting.pk}/agenda/{items['Closure'].pk}/edit/", HTTP_HX_REQUEST="true")
    assert edit["HX-Retarget"] == "#part-agenda" and "can no longer change" in edit.content.decode()
