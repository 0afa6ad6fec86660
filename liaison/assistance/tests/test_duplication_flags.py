"""Duplication flags kept in the database: the check flags overlapping initiatives and requests
already covered, with the evidence; the secretariat's decisions are kept through later checks until
the evidence changes; the page reads a fixed number of queries."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from liaison.assistance import services
from liaison.assistance.models import DuplicationFlag, FlagDecision
from liaison.core.models import Country, Organization

BORDER = "Training of customs and border officers in detecting dual-use goods at the border crossings."


def initiative(world, sec, identifier, title, description=BORDER, recipients=None, start=date(2025, 1, 1), end=date(2026, 12, 31),
               area="export-control"):
    data = {"identifier": identifier, "title": title, "description": description,
            "implementer": Organization.objects.get(name="1540 Committee"), "start": start, "end": end,
            "budget": Decimal("1000"), "currency": "USD", "status": "2", "donor_countries": [world["swe"]], "donor_organizations": [],
            "recipients": recipients or [world["kgz"]], "areas": [world["areas"][area]]}
    return services.save_initiative(world["mechanism"], data, by=sec)


@pytest.fixture
def pair(world, people):
    sec = people["secretariat"]
    a = initiative(world, sec, "XM-T-1", "Border officers' training")
    b = initiative(world, sec, "XM-T-2", "Detecting dual-use goods at borders")
    return a, b


def overlap_flag(a, b):
    return DuplicationFlag.objects.get(kind="overlap", initiative=min(a, b, key=lambda i: i.pk), other_initiative=max(a, b, key=lambda i: i.pk))


def test_the_check_flags_overlaps_and_covered_requests_with_the_evidence(client_as, people, world, pair):
    a, b = pair
    counts = services.scan_duplicates(by=people["secretariat"])
    assert counts["new"] == counts["found"] >= 2 and counts["reopened"] == counts["gone"] == 0
    flag = overlap_flag(a, b)
    assert flag.status == "open" and flag.present and len(flag.fingerprint) == 64
    assert flag.evidence["shared_recipients"] == ["KGZ"] and flag.evidence["shared_areas"] == ["export-control"]
    assert flag.evidence["overlapping_period"] == {"from": "2025-01-01", "to": "2026-12-31", "days": 730}
    assert flag.evidence["text_similarity"] >= flag.evidence["threshold"]
    # the received request (Kyrgyzstan, export controls, customs officers, no dates) is covered by both
    covered = DuplicationFlag.objects.filter(kind="covered", request=world["received"])
    assert {f.initiative_id for f in covered} == {a.pk, b.pk}
    page = client_as(people["secretariat"]).get("/assistance/duplicates/").content.decode()
    for shown in ("Same recipient state", "Kyrgyzstan", "Same area", "Export and border controls", "1 January 2025 – 31 December 2026 (730 days)",
                  "Text similarity", "Requesting state, a recipient of the initiative", "Customs officers&#x27; training"):
        assert shown in page, shown
    assert services.scan_duplicates(by=people["secretariat"])["new"] == 0  # found again: nothing new


def test_a_dismissed_flag_stays_dismissed_when_the_evidence_is_the_same(client_as, people, world, pair):
    a, b = pair
    sec = people["secretariat"]
    services.scan_duplicates(by=sec)
    flag = overlap_flag(a, b)
    client = client_as(sec)
    client.post(f"/assistance/duplicates/{flag.pk}/", {"decision": "dismissed", "reason": "Two phases of one programme."})
    flag.refresh_from_db()
    assert (flag.status, flag.reason, flag.decided_by) == ("dismissed", "Two phases of one programme.", sec)
    similarity = flag.evidence["text_similarity"]
    # another initiative elsewhere changes every TF-IDF weight, but not this pair's evidence
    initiative(world, sec, "XM-T-3", "Laboratory biosafety", "Biosafety cabinets and waste for two laboratories.",
               recipients=[Country.objects.get(iso3="MDG")], area="physical-protection")
    counts = services.scan_duplicates(by=sec)
    flag.refresh_from_db()
    assert counts["reopened"] == 0 and flag.status == "dismissed" and flag.present
    assert flag.evidence["text_similarity"] != similarity  # the figure moved; the decision stands
    assert list(flag.decisions.values_list("decision", "reason")) == [("dismissed", "Two phases of one programme.")]
    page = client.get("/assistance/duplicates/?status=dismissed").content.decode()
    assert f'id="flag-{flag.pk}"' in page and "Two phases of one programme." in page


@pytest.mark.parametrize("change", ["period", "text"])
def test_changed_evidence_reopens_a_decided_flag_and_keeps_the_history(people, world, pair, change):
    a, b = pair
    sec = people["secretariat"]
    services.scan_duplicates(by=sec)
    flag = services.decide_flag(overlap_flag(a, b), "confirmed", by=sec, reason="Same project reported twice.")
    if change == "period":
        b.end = date(2025, 6, 30)
    else:
        b.description = BORDER + " Also the training of trainers."
    b.save_versioned()
    counts = services.scan_duplicates(by=sec)
    flag.refresh_from_db()
    assert counts["reopened"] == 1 and flag.status == "open" and flag.decided_by is None
    assert [d.decision for d in flag.decisions.all()] == ["confirmed", FlagDecision.REOPENED]
    assert flag.decisions.first().evidence["overlapping_period"]["to"] == "2026-12-31"  # what the decision was taken on
    if change == "period":
        assert flag.evidence["overlapping_period"]["to"] == "2025-06-30"


def test_a_flag_no_longer_found_keeps_its_decision(people, world, pair):
    a, b = pair
    sec = people["secretariat"]
    services.scan_duplicates(by=sec)
    flag = services.decide_flag(overlap_flag(a, b), "dismissed", by=sec)
    b.recipients.set([Country.objects.get(iso3="MDG")])
    counts = services.scan_duplicates(by=sec)
    flag.refresh_from_db()
    assert counts["gone"] >= 1 and not flag.present and flag.status == "dismissed"


def test_only_the_secretariat_checks_and_decides(client_as, people, world, pair):
    services.scan_duplicates(by=people["secretariat"])
    flag = DuplicationFlag.objects.first()
    for role in ("requester", "partner", "gpwg_member"):
        with pytest.raises(PermissionDenied):
            services.scan_duplicates(by=people[role])
        with pytest.raises(PermissionDenied):
            services.decide_flag(flag, "dismissed", by=people[role])
    client = client_as(people["secretariat"])
    assert "Confirm or dismiss" in client.post(f"/assistance/duplicates/{flag.pk}/", {"decision": "maybe"}, follow=True).content.decode()
    flag.refresh_from_db()
    assert flag.status == "open" and not flag.decisions.exists()


def test_the_flags_page_reads_a_fixed_number_of_queries(client_as, people, world):
    sec = people["secretariat"]
    client = client_as(sec)

    def queries():
        services.scan_duplicates(by=sec)
        for flag in DuplicationFlag.objects.filter(status="open")[:2]:
            services.decide_flag(flag, "dismissed", by=sec, reason="Checked.")
        client.get("/assistance/duplicates/")  # warm the session
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/assistance/duplicates/")
        assert response.status_code == 200
        return len(captured), DuplicationFlag.objects.count()

    for n in range(3):
        initiative(world, sec, f"XM-Q-{n}", f"Border training {n}")
    few, flags_few = queries()
    for n in range(3, 9):
        initiative(world, sec, f"XM-Q-{n}", f"Border training {n}")
    many, flags_many = queries()
    assert flags_many > flags_few * 3 and many == few


def test_the_evidence_is_worded_for_one_value_or_several():
    from types import SimpleNamespace

    from liaison.assistance.views.initiatives import evidence_items

    one = SimpleNamespace(evidence={"shared_recipients": ["KGZ"], "shared_areas": ["a", "b"], "text_similarity": 0.5, "threshold": 0.4,
                                    "overlapping_period": {"from": "2025-01-01", "to": "2025-01-01", "days": 1}})
    items = dict(evidence_items(one, {"KGZ": "Kyrgyzstan"}, {"a": "Area A", "b": "Area B"}))
    assert items["Same recipient state"] == "Kyrgyzstan" and items["Same areas"] == "Area A, Area B"
    assert items["Overlapping period"] == "1 January 2025 – 1 January 2025 (1 day)"
    assert items["Text similarity (TF-IDF cosine, 0 to 1)"] == "0.50 (flagged from 0.40)"
    several = SimpleNamespace(evidence={"shared_recipients": ["KGZ", "KAZ"], "shared_areas": ["a"]})
    assert [label for label, _ in evidence_items(several, {}, {})] == ["Same recipient states", "Same area"]
