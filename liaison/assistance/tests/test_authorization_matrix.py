"""Every page, export and API path of the coordination mechanism, as every role: exactly who sees what.

anonymous: pages behind a login send to it, API reads answer 404 or an empty list; a record the
user may not see answers 404 (its existence is not disclosed); secretariat-only pages answer 403 to
other users; public pages (points of contact, initiatives, stock-taking, trends) answer 200 to all."""

from django.utils.html import escape
import pytest

from .conftest import ROLES

PUBLIC = {"home", "contacts", "initiatives", "initiatives xml", "initiative", "initiative xml", "stocktaking", "stocktaking csv",
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
