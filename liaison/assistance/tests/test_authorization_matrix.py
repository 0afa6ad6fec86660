"""Every page, export and API path of the coordination mechanism, as every role: exactly who sees what.

anonymous: pages behind a login send to it, API reads answer 404 or an empty list; a record the
user may not see answers 404 (its existence is not disclosed); secretariat-only pages answer 403 to
other users; public pages (points of contact, initiatives, stock-taking, trends) answer 200 to all."""

from django.utils.html import escape
import pytest

from .conftest import ROLES

PUBLIC = {"home", "contacts", "initiatives", "initiatives xml", "initiative", "initiative xml", "stocktaking", "stocktaking csv", "stocktaking xlsx",
          "trends", "trends csv", "trends xlsx", "api contacts", "api initiatives", "api initiatives xml", "api requests",
          "api offers", "api matches", "openapi"}
SECRETARIAT_ONLY = {"missing contacts", "matching", "duplicates", "initiative new", "initiative edit"}
LOGIN = {"requests", "offers", "proposals", "request new", "offer new", "contact new"}


def urls(f):
    r, s, e = f["received"].pk, f["shared"].pk, f["elsewhere"].pk
    return {
        "home": "/assistance/",
        "contacts": "/assistance/1540/contacts/",
        "contact new": "/assistance/1540/contacts/new/",
        "missing contacts": "/assistance/1540/contacts/missing/",
        "requests": "/assistance/requests/",
        "request new": "/assistance/1540/requests/new/",
        "received request": f"/assistance/requests/{r}/",
        "shared request": f"/assistance/requests/{s}/",
        "elsewhere request": f"/assistance/requests/{e}/",
        "consolidated": "/assistance/shared/gpwg/",
        "consolidated pdf": "/assistance/shared/gpwg.pdf",
        "consolidated xlsx": "/assistance/shared/gpwg.xlsx",
        "offers": "/assistance/offers/",
        "offer new": "/assistance/1540/offers/new/",
        "offer": f"/assistance/offers/{f['offer'].pk}/",
        "proposals": "/assistance/proposals/",
        "proposal": f"/assistance/proposals/{f['proposal'].pk}/",
        "session": f"/assistance/sessions/{f['session'].pk}/",
        "matching": "/assistance/1540/matching/",
        "initiatives": "/assistance/initiatives/",
        "initiatives xml": "/assistance/initiatives.xml",
        "initiative": f"/assistance/initiatives/{f['initiative'].pk}/",
        "initiative xml": f"/assistance/initiatives/{f['initiative'].pk}.xml",
        "initiative new": "/assistance/1540/initiatives/new/",
        "initiative edit": f"/assistance/initiatives/{f['initiative'].pk}/edit/",
        "stocktaking": "/assistance/stocktaking/",
        "stocktaking csv": "/assistance/stocktaking/?format=csv",
        "stocktaking xlsx": "/assistance/stocktaking/?format=xlsx",
        "duplicates": "/assistance/duplicates/",
        "trends": "/assistance/trends/",
        "trends csv": "/assistance/trends.csv",
        "trends xlsx": "/assistance/trends.xlsx",
        "api contacts": "/api/v1/points-of-contact",
        "api requests": "/api/v1/assistance/requests",
        "api request received": f"/api/v1/assistance/requests/{r}",
        "api request shared": f"/api/v1/assistance/requests/{s}",
        "api consolidated": "/api/v1/assistance/requests?audience=gpwg",
        "api offers": "/api/v1/assistance/offers",
        "api matches": "/api/v1/assistance/matches",
        "api initiatives": "/api/v1/initiatives",
        "api initiatives xml": "/api/v1/initiatives.xml",
        "openapi": "/api/v1/openapi.json",
    }


# who may see which record (beyond the secretariat, who sees everything)
REQUEST_READERS = {
    "received request": {"requester"},
    "shared request": {"requester", "partner", "gpwg_member"},
    "elsewhere request": {"requester", "other_member"},
    "api request received": {"requester"},
    "api request shared": {"requester", "partner", "gpwg_member"},
}
AUDIENCE = {"partner", "gpwg_member"}  # current members of the GPWG
PARTNER = {"partner"}  # the Swedish point of contact, whose offer it is
OFFERING = {"partner", "requester", "other_state", "former_requester"}  # anyone with a current point of contact may make offers


def expected(role, name):
    if name in PUBLIC:
        return 200
    if role == "secretariat":
        return 200
    if role == "anonymous":
        return 404 if name.startswith("api") else 302
    if name in SECRETARIAT_ONLY:
        return 403
    if name in REQUEST_READERS:
        return 200 if role in REQUEST_READERS[name] else 404
    if name in ("consolidated", "consolidated pdf", "consolidated xlsx", "api consolidated", "session"):
        return 200 if role in AUDIENCE else 404
    if name in ("offer", "proposal"):
        return 200 if role in PARTNER else 404
    if name == "requests":
        return 200
    if name == "request new":
        return 200 if role in ("requester", "other_state") else 403
    if name in ("offers", "offer new", "proposals"):
        return 200 if role in {"requester", "other_state", "partner"} else 403
    if name == "contact new":  # the current contacts of the 1540 Committee (Sweden's is the GPWG's)
        return 200 if role in {"requester", "other_state"} else 403
    raise AssertionError(name)


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_what(client_as, people, full, role):
    client = client_as(people[role])
    found = {name: client.get(url).status_code for name, url in urls(full).items()}
    assert found == {name: expected(role, name) for name in found}


@pytest.mark.parametrize("role", ROLES)
def test_lists_show_only_what_the_role_may_see(client_as, people, full, role):
    client = client_as(people[role])
    titles = {r["title"] for r in client.get("/api/v1/assistance/requests").json()}
    see = {name for name in ("received", "shared", "elsewhere")
           if role == "secretariat" or role in REQUEST_READERS[f"{name} request"]}
    assert titles == {full[n].title for n in see}
    offers = {o["id"] for o in client.get("/api/v1/assistance/offers").json()}
    assert offers == ({full["offer"].pk} if role in ("secretariat", "partner") else set())
    matches = {m["id"] for m in client.get("/api/v1/assistance/matches").json()}
    assert matches == ({full["proposal"].pk} if role in ("secretariat", "partner") else set())
    if role != "anonymous":
        page = client.get("/assistance/requests/").content.decode()
        assert {n for n in ("received", "shared", "elsewhere") if escape(full[n].title) in page} == see
    contacts = client.get("/api/v1/points-of-contact?mechanism=1540&country=KGZ").json()
    assert [c["person"] for c in contacts] == ["Poc Tester"]
    assert (contacts[0]["email"] is not None) == (role in ("secretariat", "requester"))


# --- every write, page and API, as every role ----------------------------------------------------
# Each write answers "done" (it took effect) to the roles allowed, and to the others what the
# matrix above says: 302 to log in, 403 for a page or action the role may not use, 404 for a record
# the role may not see (its existence is not disclosed). "form" means the page let the role in and
# showed the (empty) form again with its errors, changing nothing.
DONE, FORM = "done", "form"


def page_writes(f, people):
    from liaison.assistance.models import AssistanceRequest, ContactReminder, DuplicationFlag, MatchSession, Proposal, Share

    received, shared, elsewhere, offer = f["received"], f["shared"], f["elsewhere"], f["offer"]
    status = lambda req: AssistanceRequest.objects.get(pk=req.pk).status  # noqa: E731
    return [  # (name, url, data, effect): in an order where each write leaves the next one possible
        ("ask missing contacts", "/assistance/1540/contacts/missing/", {"party": f"country:{f['swe'].pk}"},
         lambda: ContactReminder.objects.filter(country=f["swe"]).exists()),
        ("approve received request", f"/assistance/requests/{received.pk}/move/",
         {"to": "approved", "version": received.version, "audiences": [f["gpwg"].pk]}, lambda: status(received) == "approved"),
        ("propose", f"/assistance/requests/{elsewhere.pk}/propose/", {"offer": offer.pk},
         lambda: Proposal.objects.filter(request=elsewhere, offer=offer).exists()),
        ("withdraw request", f"/assistance/requests/{elsewhere.pk}/move/",
         {"to": "withdrawn", "version": elsewhere.version, "note": "Covered by a bilateral project."}, lambda: status(elsewhere) == "withdrawn"),
        ("brief audience", "/assistance/shared/gpwg/brief/", {},
         lambda: Share.objects.get(request=shared, audience=f["gpwg"]).briefed_on is not None),
        ("answer proposal", f"/assistance/proposals/{f['proposal'].pk}/",
         {"decision": "decline", "reason": "No trainer free this year.", "version": f["proposal"].version},
         lambda: Proposal.objects.get(pk=f["proposal"].pk).status == "declined"),
        ("run matching", "/assistance/1540/matching/", {"audience": f["gpwg"].pk, "top_k": 5},
         lambda: MatchSession.objects.count() == 2),
        ("check duplicates", "/assistance/duplicates/", {}, lambda: DuplicationFlag.objects.filter(checked_at__isnull=False).exists()),
        ("decide flag", f"/assistance/duplicates/{f['flag'].pk}/", {"decision": "dismissed"},
         lambda: DuplicationFlag.objects.get(pk=f["flag"].pk).status == "dismissed"),
        ("submit request", "/assistance/1540/requests/new/",
         {"country": f["kgz"].pk, "title": "Radiation portal monitors", "description": "Two monitors for the border.",
          "areas": [f["areas"]["export-control"].pk], "types": ["equipment"], "languages": ["ru"]},
         lambda: AssistanceRequest.objects.filter(title="Radiation portal monitors").exists()),
        ("record contact", "/assistance/1540/contacts/new/", {}, None),
        ("make offer", "/assistance/1540/offers/new/", {}, None),
        ("edit offer", f"/assistance/offers/{offer.pk}/", {}, None),
        ("new initiative", "/assistance/1540/initiatives/new/", {}, None),
        ("edit initiative", f"/assistance/initiatives/{f['initiative'].pk}/edit/", {}, None),
    ]


def expected_write(role, name):
    if role == "secretariat":
        return FORM if name in ("record contact", "make offer", "edit offer", "new initiative", "edit initiative") else DONE
    if role == "anonymous":
        return 302
    allowed = {
        "approve received request": {}, "withdraw request": {"requester": DONE, "other_member": 403},
        "answer proposal": {"partner": DONE}, "edit offer": {"partner": FORM},
        "submit request": {"requester": DONE, "other_state": FORM},  # Madagascar's contact cannot choose Kyrgyzstan
        "record contact": {"requester": FORM, "other_state": FORM},
        "make offer": {"requester": FORM, "other_state": FORM, "partner": FORM},
    }.get(name, {})
    if role in allowed:
        return allowed[role]
    if name == "approve received request":  # the requesting state sees its request but may not approve it
        return 403 if role == "requester" else 404
    if name in ("withdraw request", "answer proposal", "edit offer"):
        return 404
    return 403


@pytest.mark.parametrize("role", ROLES)
def test_who_may_write_what_through_the_pages(client_as, people, full, role):
    client = client_as(people[role])
    found, wanted = {}, {}
    for name, url, data, effect in page_writes(full, people):
        response = client.post(url, data)
        took = effect() if effect else False
        if took:
            found[name] = DONE if response.status_code in (200, 302) else f"{response.status_code} and took effect"
        else:
            found[name] = FORM if response.status_code == 200 else response.status_code
        wanted[name] = expected_write(role, name)
    assert found == wanted


def _token(user):
    from liaison.accounts.models import APIToken

    return {} if user is None else {"HTTP_AUTHORIZATION": f"Bearer {APIToken.issue(user, 'matrix')[1]}"}


API_WRITERS = {  # beyond the secretariat
    "api submit request": {"requester"}, "api approve request": set(), "api make offer": {"partner"},
    "api answer match": {"partner"}, "api new initiative": set(), "api record contact": {"requester"},
}
API_HIDDEN = {"api approve request": {"partner", "gpwg_member", "former_requester", "other_state", "former_member", "other_member"},
              "api answer match": {"requester", "former_requester", "other_state", "gpwg_member", "former_member", "other_member"}}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_write_what_through_the_api(client, people, full, role, make_user):
    from liaison.assistance.models import AssistanceRequest, Initiative, Offer, PointOfContact, Proposal

    successor = make_user("next@kgz.example", country=full["kgz"])
    auth = _token(people[role])
    writes = [  # the contact last: recording a successor ends the requester's own
        ("api submit request", "/api/v1/assistance/requests",
         {"mechanism": "1540", "country": "KGZ", "title": "Detection equipment", "description": "Portal monitors.",
          "areas": ["export-control"], "types": ["equipment"], "languages": ["ru"]},
         lambda: AssistanceRequest.objects.filter(title="Detection equipment").exists()),
        ("api approve request", f"/api/v1/assistance/requests/{full['received'].pk}/transition",
         {"to": "approved", "version": full["received"].version, "audiences": ["gpwg"]},
         lambda: AssistanceRequest.objects.get(pk=full["received"].pk).status == "approved"),
        ("api make offer", "/api/v1/assistance/offers",
         {"mechanism": "1540", "country": "SWE", "title": "Customs training", "description": "Detection of dual-use goods.",
          "areas": ["export-control"], "types": ["training"], "languages": ["en"], "capacity": 1},
         lambda: Offer.objects.filter(title="Customs training").exists()),
        ("api answer match", f"/api/v1/assistance/matches/{full['proposal'].pk}/answer",
         {"accept": False, "reason": "Not this year.", "version": full["proposal"].version},
         lambda: Proposal.objects.get(pk=full["proposal"].pk).status == "declined"),
        ("api new initiative", "/api/v1/initiatives",
         {"mechanism": "1540", "identifier": "XM-MATRIX-1", "title": "Outreach", "implementer": full["initiative"].implementer_id,
          "recipients": ["KGZ"], "areas": ["export-control"], "start": "2025-01-01"},
         lambda: Initiative.objects.filter(identifier="XM-MATRIX-1").exists()),
        ("api record contact", "/api/v1/points-of-contact",
         {"mechanism": "1540", "country": "KGZ", "person": successor.person.pk, "body": "Ministry of Emergency Situations"},
         lambda: PointOfContact.objects.filter(person=successor.person).exists()),
    ]
    found, wanted = {}, {}
    for name, url, body, effect in writes:
        response = client.post(url, body, content_type="application/json", **auth)
        took = effect()
        found[name] = DONE if took and response.status_code in (200, 201) else (response.status_code, took)
        if role == "secretariat" or role in API_WRITERS[name]:
            wanted[name] = DONE
        elif role == "anonymous":
            wanted[name] = (401, False)
        else:
            wanted[name] = (404 if role in API_HIDDEN.get(name, ()) else 403, False)
    assert found == wanted


# --- e-mails ----------------------------------------------------------------------------------
def test_e_mails_reach_exactly_the_roles_entitled_to_their_content(client_as, people, full, mailoutbox):
    """The briefing on a newly shared request goes to the audience's current members only, one
    e-mail each, and names only the requests shared with that audience; the request to submit a
    point of contact goes only to the addresses known for the state asked."""
    client = client_as(people["secretariat"])
    received = full["received"]
    client.post(f"/assistance/requests/{received.pk}/move/", {"to": "approved", "version": received.version, "audiences": [full["gpwg"].pk]})
    briefings = list(mailoutbox)
    addresses = {role: people[role].email for role in ROLES if people[role] is not None}
    reached = {role for role, address in addresses.items() if any(address in m.recipients() for m in briefings)}
    assert reached == AUDIENCE and all(len(m.recipients()) == 1 for m in briefings)
    for message in briefings:
        assert "Customs officers" in message.body and "Laboratory physical protection" not in message.body  # not the IAS's request
    mailoutbox.clear()
    client.post("/assistance/1540/contacts/missing/", {"party": f"country:{full['swe'].pk}"})
    assert [sorted(m.recipients()) for m in mailoutbox] == [[people["partner"].email]]


def test_the_matrices_cover_every_assistance_url_and_api_path(client, people, full):
    from django.urls import resolve

    from liaison.assistance.urls import urlpatterns

    names = {pattern.name for pattern in urlpatterns}
    assert len(names) == 32
    covered = {resolve(url.split("?")[0]).url_name for name, url in urls(full).items() if not name.startswith(("api", "openapi"))}
    covered |= {resolve(url).url_name for _, url, _, _ in page_writes(full, people)}
    assert names - covered == set()
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    mine = {(method.upper(), path) for path, ops in paths.items()
            if path.startswith(("/api/v1/assistance", "/api/v1/points-of-contact", "/api/v1/initiatives")) for method in ops}
    read = {("GET", p) for p in ("/api/v1/points-of-contact", "/api/v1/assistance/requests", "/api/v1/assistance/requests/{request_id}",
                                 "/api/v1/assistance/offers", "/api/v1/assistance/matches", "/api/v1/initiatives", "/api/v1/initiatives.xml")}
    written = {("POST", p) for p in ("/api/v1/points-of-contact", "/api/v1/assistance/requests", "/api/v1/assistance/requests/{request_id}/transition",
                                     "/api/v1/assistance/offers", "/api/v1/assistance/matches/{match_id}/answer", "/api/v1/initiatives")}
    assert mine == read | written
