"""Load mix for `make load` (scripts/load.sh): public pages, roster search, API reads, a logged-in
member's workspace, and invitation answers, weighted as a secretariat's public site is used.
Only ever pointed at a server on loopback."""

import os
import random
import re

from locust import HttpUser, between, task

PASSWORD = os.environ.get("LIAISON_DEMO_PASSWORD", "liaison-demo-2026")
SEARCHES = ["risk assessment", "detection of living modified organisms", "liability", "customs training",
            "public awareness", "laboratory", "socio-economic", "capacity building", "maize", "fish"]
TOKENS = [line.strip() for line in open(os.environ["LIAISON_LOAD_TOKENS"])] if os.environ.get("LIAISON_LOAD_TOKENS") else []
MEETINGS = [line.strip() for line in open(os.environ["LIAISON_LOAD_MEETINGS"])] if os.environ.get("LIAISON_LOAD_MEETINGS") else []


class Visitor(HttpUser):
    """Anonymous: home, groups, meeting pages, the roster and its search, the API."""

    weight = 4
    wait_time = between(0.5, 2)

    @task(4)
    def home(self):
        self.client.get("/")

    @task(3)
    def group(self):
        self.client.get("/groups/lg-biosafety/", name="/groups/[slug]/")

    @task(3)
    def meeting(self):
        if MEETINGS:
            self.client.get(random.choice(MEETINGS), name="/groups/[slug]/meetings/[slug]/")

    @task(2)
    def roster(self):
        self.client.get("/roster/lg-biosafety/", name="/roster/[slug]/")

    @task(3)
    def search(self):
        self.client.get(f"/roster/lg-biosafety/?q={random.choice(SEARCHES)}", name="/roster/[slug]/?q=")

    @task(3)
    def api(self):
        path = random.choice(["/api/v1/groups", "/api/v1/meetings?limit=50", "/api/v1/groups/lg-biosafety/meetings?limit=50",
                              "/api/v1/countries"])
        self.client.get(path, name=path.split("?")[0])

    @task(1)
    def invitation(self):
        if TOKENS:
            self.client.get(f"/invitations/{random.choice(TOKENS)}/", name="/invitations/[token]/")


class Member(HttpUser):
    """A logged-in member reading the workspace."""

    weight = 1
    wait_time = between(1, 3)

    def on_start(self):
        page = self.client.get("/accounts/login/").text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        self.client.post("/accounts/login/", {"username": "member@liaison.example", "password": PASSWORD,
                                              "csrfmiddlewaretoken": token.group(1) if token else ""},
                         headers={"Referer": self.host + "/accounts/login/"}, name="/accounts/login/ (POST)")

    @task(3)
    def workspace(self):
        self.client.get("/groups/lg-biosafety/workspace/", name="/groups/[slug]/workspace/")

    @task(1)
    def dashboard(self):
        self.client.get("/groups/lg-biosafety/", name="/groups/[slug]/ (member)")
