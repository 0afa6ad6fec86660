"""Initiatives as IATI 2.03 activity XML (validated against the shipped schema in the tests).

Mapping: the implementer is the participating organization with role 4 (implementing), each donor
one with role 1 (funding); recipient states are ``recipient-country`` (ISO alpha-2) with equal
percentages; areas are ``sector`` codes in the reporting organization's own vocabulary (99) with
their names; dates are planned start (1) and planned end (3). IATI budgets may not span more than a
year, so the total budget is split pro rata by days into periods of at most one year, marked
indicative (status 1); the total is kept exactly (the last period takes the rounding).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from lxml import etree

SCHEMA_DIR = Path(__file__).with_name("data") / "iati-2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ORGANIZATION_TYPE = {"government": "10", "un_igo": "40", "ngo": "21", "industry": "70", "academia": "80", "other": "90"}


def reporting_org_ref() -> str:
    return getattr(settings, "IATI_REPORTING_ORG_REF", "XM-LIAISON")


def _narrative(parent, text):
    node = etree.SubElement(parent, "narrative")
    node.set(XML_LANG, "en")
    node.text = text
    return node


def budget_periods(start: date, end: date | None, total: Decimal):
    """[(period start, period end, amount)]: periods of at most one year, amounts pro rata by days."""
    end = end or start
    periods = []
    cursor = start
    while cursor <= end:
        try:
            year_later = cursor.replace(year=cursor.year + 1)
        except ValueError:  # 29 February
            year_later = cursor.replace(year=cursor.year + 1, day=28)
        stop = min(end, year_later - timedelta(days=1))
        periods.append((cursor, stop))
        cursor = stop + timedelta(days=1)
    days = sum((b - a).days + 1 for a, b in periods)
    amounts, given = [], Decimal(0)
    for i, (a, b) in enumerate(periods):
        if i == len(periods) - 1:
            amount = total - given
        else:
            amount = (total * ((b - a).days + 1) / days).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        given += amount
        amounts.append(amount)
    return [(a, b, amount) for (a, b), amount in zip(periods, amounts)]


def _org(parent, tag, organization=None, country=None, role=None):
    node = etree.SubElement(parent, tag)
    if role:
        node.set("role", role)
    if organization is not None:
        node.set("type", ORGANIZATION_TYPE.get(organization.type, "90"))
        _narrative(node, organization.label)
    else:
        node.set("type", "10")  # government
        _narrative(node, f"Government of {country.name}")
    return node


def activity(initiative, now=None):
    now = now or timezone.now()
    node = etree.Element("iati-activity")
    node.set("last-updated-datetime", (initiative.updated or now).replace(microsecond=0).isoformat())
    node.set(XML_LANG, "en")
    node.set("default-currency", initiative.currency)
    etree.SubElement(node, "iati-identifier").text = initiative.identifier
    reporting = etree.SubElement(node, "reporting-org")
    reporting.set("ref", reporting_org_ref())
    reporting.set("type", ORGANIZATION_TYPE.get(initiative.mechanism.body.type, "40") if initiative.mechanism.body else "40")
    _narrative(reporting, str(initiative.mechanism.body or initiative.mechanism))
    _narrative(etree.SubElement(node, "title"), initiative.title)
    description = etree.SubElement(node, "description")
    description.set("type", "1")
    _narrative(description, initiative.description or initiative.title)
    for country in initiative.donor_countries.all():
        _org(node, "participating-org", country=country, role="1")
    for organization in initiative.donor_organizations.all():
        _org(node, "participating-org", organization=organization, role="1")
    _org(node, "participating-org", organization=initiative.implementer, role="4")
    etree.SubElement(node, "activity-status").set("code", initiative.status)
    started = etree.SubElement(node, "activity-date")
    started.set("type", "1")
    started.set("iso-date", initiative.start.isoformat())
    if initiative.end:
        ended = etree.SubElement(node, "activity-date")
        ended.set("type", "3")
        ended.set("iso-date", initiative.end.isoformat())
    recipients = sorted(initiative.recipients.all(), key=lambda c: c.iso2)
    if recipients:
        shares = [Decimal(100) / len(recipients)] * len(recipients)
        shares = [s.quantize(Decimal("0.01")) for s in shares]
        shares[-1] = Decimal(100) - sum(shares[:-1])
        for country, share in zip(recipients, shares):
            rc = etree.SubElement(node, "recipient-country")
            rc.set("code", country.iso2)
            rc.set("percentage", str(share))
    for area in initiative.areas.all():
        sector = etree.SubElement(node, "sector")
        sector.set("vocabulary", "99")
        sector.set("code", area.code)
        _narrative(sector, area.name)
    if initiative.budget is not None:
        for start, end, amount in budget_periods(initiative.start, initiative.end, initiative.budget):
            budget = etree.SubElement(node, "budget")
            budget.set("type", "1")
            budget.set("status", "1")
            etree.SubElement(budget, "period-start").set("iso-date", start.isoformat())
            etree.SubElement(budget, "period-end").set("iso-date", end.isoformat())
            value = etree.SubElement(budget, "value")
            value.set("currency", initiative.currency)
            value.set("value-date", start.isoformat())
            value.text = f"{amount:.2f}"
    return node


def activities_xml(initiatives, now=None) -> bytes:
    now = (now or timezone.now()).replace(microsecond=0)
    root = etree.Element("iati-activities")
    root.set("version", "2.03")
    root.set("generated-datetime", now.isoformat())
    for initiative in initiatives:
        root.append(activity(initiative, now))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "iati-activities-schema.xsd")))
