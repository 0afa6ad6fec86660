import csv
import io


def test_meeting_history_as_csv(client, demo):
    response = client.get("/groups/lg-biosafety/meetings.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="lg-biosafety-meetings.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["number"] for row in rows] == [str(n) for n in range(1, 13)]
    ninth = rows[8]
    assert (ninth["city"], ninth["iso3"], ninth["participants"], ninth["governments"], ninth["organizations"]) == (
        "Prague", "CZE", "21", "13", "7"
    )
    assert rows[2]["city"] == "Tromsø"
    assert ninth["mode"] == "Face to face"  # the label a reader knows, not the code face_to_face
    assert ninth["url"].endswith("/groups/lg-biosafety/meetings/9/")
    assert ninth["country"] == "Czechia"
    french = list(csv.reader(io.StringIO(client.get("/groups/lg-biosafety/meetings.csv", HTTP_ACCEPT_LANGUAGE="fr").content.decode("utf-8-sig"))))
    assert french[9][5:7] == ["Tchéquie", "CZE"]  # the country named in the reader's language, its code as it is


def test_csv_of_unknown_group_is_404(client, db):
    assert client.get("/groups/nope/meetings.csv").status_code == 404


def test_meetings_csv_neutralises_formulas(client, demo):
    from liaison.meetings.models import Meeting

    Meeting.objects.filter(group__slug="lg-biosafety", number=9).update(title='=HYPERLINK("http://evil.example","Open")', city="@SUM(1)")
    text = client.get("/groups/lg-biosafety/meetings.csv").content.decode()
    assert "'=HYPERLINK" in text and "'@SUM(1)" in text
    assert ',=HYPERLINK' not in text and ',"=HYPERLINK' not in text
