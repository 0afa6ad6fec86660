"""The consolidated list's exports and briefing e-mail, the IATI export, trends and stock-taking."""

import io
from datetime import date
from decimal import Decimal

import pytest
from lxml import etree
from openpyxl import load_workbook
from pypdf import PdfReader

from liaison.assistance import iati, services
from liaison.assistance.exports import neutral
from liaison.assistance.models import Initiative, Share
from liaison.core import mail
from liaison.core.dates import day_month_year


def test_consolidated_exports_carry_only_requests_shared_with_the_audience(client_as, people, full):
    client = client_as(people["partner"])
    book = load_workbook(io.BytesIO(client.get("/assistance/shared/gpwg.xlsx").content))
    titles = [row[2] for row in book.active.iter_rows(min_row=2, values_only=True)]
    assert titles == [full["shared"].title]
    pdf = client.get("/assistance/shared/gpwg.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Model law on biological agents" in text and "Customs officers" not in text and "Laboratory physical" not in text


def test_xlsx_cells_that_look_like_formulas_are_neutralised(client_as, people, world):
    services.edit_request(world["shared"], by=people["secretariat"], expected_version=world["shared"].version,
                          title='=HYPERLINK("http://evil.example","x")', description="-1+2")
    book = load_workbook(io.BytesIO(client_as(people["partner"]).get("/assistance/shared/gpwg.xlsx").content))
    row = next(book.active.iter_rows(min_row=2, values_only=True))
    assert row[2] == '\'=HYPERLINK("http://evil.example","x")' and row[-1] == "'-1+2"
    assert [neutral(v) for v in ("@SUM(A1)", "\tx", "\rx", "+1", "plain", 5)] == ["'@SUM(A1)", "'\tx", "'\rx", "'+1", "plain", 5]


def test_briefing_goes_to_current_members_only_over_smtp(smtp_server, client_as, people, world):
    client = client_as(people["secretariat"])
    response = client.post("/assistance/shared/gpwg/brief/", follow=True)
    assert "Briefing on 1 new request" in response.content.decode()
    messages = smtp_server.wait_for(2)
    recipients = sorted(address for m in messages for address in m["to"])
    assert recipients == ["member@gpwg.example", "poc@swe.example"]  # not the former member, not the IAS
    body = smtp_server.body(messages[0])
    assert "Model law on biological agents" in body and "Customs officers" not in body and "Laboratory physical" not in body
    assert Share.objects.get(request=world["shared"]).briefed_on == date.today()
    assert services.brief(world["gpwg"], by=people["secretariat"])[2] == []  # nothing new: nothing sent again


def test_the_briefing_e_mail_counts_the_requests_and_links_each(people, world, mailoutbox, settings):
    group, shared = world["gpwg"], world["shared"]
    tag = group.acronym or group.name
    services.brief(group, by=people["secretariat"])
    assert {m.subject for m in mailoutbox} == {f"{tag}: 1 new assistance request shared"}
    body = mailoutbox[0].body
    assert body.startswith(f"Dear members of the {group.name},\n\nThe following assistance request has been approved")
    assert f"{settings.SITE_URL}{shared.get_absolute_url()}" in body
    assert f"{settings.SITE_URL}/assistance/shared/{group.slug}/" in body
    subject, body = mail.render("assistance/email/briefing", {"group": group, "requests": [shared, world["received"]]})
    assert subject == f"{tag}: 2 new assistance requests shared" and "requests have been approved" in body


def test_approving_briefs_the_audience(smtp_server, client_as, people, world):
    req = world["received"]
    client = client_as(people["secretariat"])
    client.post(f"/assistance/requests/{req.pk}/move/", {"to": "approved", "version": req.version, "audiences": [world["gpwg"].pk]})
    req.refresh_from_db()
    assert req.status == "approved"
    messages = smtp_server.wait_for(2)
    assert all("Customs officers" in smtp_server.body(m) for m in messages)


def test_briefing_survives_a_mail_server_that_is_down(settings, client_as, people, world):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens on the discard port
    response = client_as(people["secretariat"]).post("/assistance/shared/gpwg/brief/", follow=True)
    assert response.status_code == 200 and "Not sent" in response.content.decode()
    assert Share.objects.get(request=world["shared"]).briefed_on is None  # can be sent again


def test_iati_export_validates_against_the_shipped_2_03_schema(client, full):
    schema = iati.schema()
    for url in ("/assistance/initiatives.xml", f"/assistance/initiatives/{full['initiative'].pk}.xml", "/api/v1/initiatives.xml"):
        document = etree.fromstring(client.get(url).content)
        assert schema.validate(document), schema.error_log
    activity = document.find("iati-activity")
    assert activity.findtext("iati-identifier") == "XM-LIAISON-0001"
    assert activity.find("recipient-country").get("code") == "KG"
    assert [p.get("role") for p in activity.findall("participating-org")] == ["1", "4"]
    budgets = activity.findall("budget")
    assert [b.find("period-start").get("iso-date") for b in budgets] == ["2024-03-01", "2025-03-01"]
    assert sum(Decimal(b.findtext("value")) for b in budgets) == Decimal("250000.00")


def test_an_invalid_document_fails_the_schema(full):
    document = etree.fromstring(iati.activities_xml([full["initiative"]]))
    document.find("iati-activity").remove(document.find("iati-activity/activity-status"))
    assert not iati.schema().validate(document)


@pytest.mark.parametrize("start, end, total, expected", [
    (date(2024, 1, 1), date(2024, 12, 31), Decimal("100"), [Decimal("100")]),
    (date(2024, 1, 1), date(2025, 12, 31), Decimal("100.00"), [Decimal("50.07"), Decimal("49.93")]),
    (date(2024, 2, 29), date(2025, 3, 1), Decimal("10"), [Decimal("9.95"), Decimal("0.05")]),
])
def test_budget_periods_are_at_most_a_year_and_keep_the_total(start, end, total, expected):
    periods = iati.budget_periods(start, end, total)
    assert [amount for _, _, amount in periods] == expected and sum(expected) == total
    assert all((b - a).days < 366 for a, b, _ in periods)


def test_trends_are_aggregates_for_everyone(client, full):
    page = client.get("/assistance/trends/").content.decode()
    assert "Model law" not in page and "Customs officers" not in page and "Kyrgyzstan" not in page
    assert '<svg' in page and 'id="trend-type"' in page
    rows = client.get("/assistance/trends.csv").content.decode("utf-8-sig").splitlines()
    assert "type,Training,2" in rows and "status,Approved for sharing,2" in rows and "status,Received,1" in rows


def test_stocktaking_keeps_currencies_apart(client, full):
    page = client.get("/assistance/stocktaking/").content.decode()
    assert "EUR 90,000.00" in page and "USD 250,000.00" in page
    rows = client.get("/assistance/stocktaking/?format=csv").content.decode("utf-8-sig").splitlines()
    assert "donor,Sweden,2,\"EUR 90,000.00; USD 250,000.00\"" in rows
    assert "year,2025,2," in "\n".join(rows)


def test_initiatives_search_and_filters(client, full):
    def titles(query):
        return {i.title for i in Initiative.objects.all() if i.title in client.get(f"/assistance/initiatives/?{query}").content.decode()}
    both = {full["initiative"].title, full["other"].title}
    assert titles("q=border") == {full["initiative"].title}
    assert titles(f"recipient={full['kgz'].pk}") == both
    assert titles("year=2023") == set() and titles("year=2025") == both
    assert titles(f"donor=country:{full['swe'].pk}") == both
    assert client.get("/assistance/initiatives/?year=abc").status_code == 200  # a bad filter is ignored, with its error shown


def test_who_has_not_submitted_a_point_of_contact_and_the_e_mail_asking_them(smtp_server, client_as, people, mechanisms):
    """The secretariat's page lists the states without a current point of contact with the addresses
    known for them; ticking some sends each an e-mail through the outbox, and the date is kept."""
    from liaison.assistance.models import ContactReminder
    from liaison.core.models import Country

    swe, fra = Country.objects.get(iso3="SWE"), Country.objects.get(iso3="FRA")
    client = client_as(people["secretariat"])
    page = client.get("/assistance/1540/contacts/missing/").content.decode()
    assert "191 have not submitted a point of contact to the 1540 Committee" in page
    assert f'value="country:{swe.pk}"' in page and "poc@swe.example" in page
    assert "Kyrgyzstan" not in page  # it has a current point of contact
    assert f'value="country:{fra.pk}"' not in page  # no address known: nothing to tick
    kgz = Country.objects.get(iso3="KGZ")
    response = client.post("/assistance/1540/contacts/missing/", {"party": [f"country:{swe.pk}", f"country:{fra.pk}", f"country:{kgz.pk}"]},
                           follow=True)
    text = response.content.decode()
    assert "1 e-mail sent." in text and "France: no known e-mail address" in text and f"country:{kgz.pk}: not missing" in text
    message = smtp_server.wait_for(1)[0]
    assert message["to"] == ["poc@swe.example"] and "no current point of contact for Sweden" in smtp_server.body(message)
    assert "1540 Committee: please submit a point of contact" in message["message"]["Subject"]
    reminder = ContactReminder.objects.get()
    assert reminder.country == swe and reminder.recipients == "poc@swe.example" and reminder.sent_by == people["secretariat"]
    assert day_month_year(date.today()) in client.get("/assistance/1540/contacts/missing/").content.decode()
    assert client.post("/assistance/1540/contacts/missing/", {}, follow=True).content.decode().count("Choose at least one") == 1


def test_only_a_states_official_channels_are_asked_for_its_point_of_contact(people, mechanisms, demo, make_user):
    """Not every national with an e-mail address: an expert of Senegal on a roster does not speak for
    Senegal. Its focal point in a group does, and so does its point of contact for another
    mechanism; a focal point whose membership has ended does not."""
    from datetime import timedelta

    from liaison.assistance.models import PointOfContact
    from liaison.core.models import Country, Person
    from liaison.groups.models import Membership

    sen, tgo = Country.objects.get(iso3="SEN"), Country.objects.get(iso3="TGO")
    Person.objects.create(last_name="Diallo", email="expert@sen.example", country=sen)  # a national, nothing more
    make_user("fp@sen.example", group=demo["lg-biosafety"], role="focal_point", country=sen)
    make_user("former-fp@sen.example", group=demo["lg-biosafety"], role="focal_point", country=sen)
    Membership.objects.filter(person__email="former-fp@sen.example").update(until=date.today() - timedelta(days=1))
    gpwg_contact = Person.objects.create(last_name="Agbeko", email="contact@tgo.example")  # no nationality recorded
    PointOfContact.objects.create(mechanism=mechanisms["gpwg"], person=gpwg_contact, body="Ministry", country=tgo,
                                  submitted_on=date(2025, 3, 1))
    addresses = {row["party"].iso3: row["addresses"] for row in services.missing_contacts(mechanisms["1540"]) if row["kind"] == "country"}
    assert addresses["SEN"] == ["fp@sen.example"]
    assert addresses["TGO"] == ["contact@tgo.example"]  # by the party it is the contact of


def test_the_e_mail_asking_for_a_point_of_contact_names_the_mechanism_and_links_the_list(people, mechanisms, mailoutbox, settings):
    from liaison.core.models import Country

    swe = Country.objects.get(iso3="SWE")
    assert services.ask_for_contacts(mechanisms["1540"], [f"country:{swe.pk}"], by=people["secretariat"]) == (1, [])
    assert mailoutbox[0].subject == "1540 Committee: please submit a point of contact"
    assert mailoutbox[0].body.startswith("Dear colleagues,\n\n1540 Committee keeps a point of contact for each State taking part")
    assert f"The list of points of contact: {settings.SITE_URL}/assistance/1540/contacts/\n" in mailoutbox[0].body
