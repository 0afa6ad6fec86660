"""The API's documentation page works without internet: every script and style comes from the
installation's own static files (issue 10, item 9)."""

import re

from django.contrib.staticfiles import finders


def test_api_docs_page_loads_nothing_from_outside(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert any("swagger-ui-bundle.js" in src for src in sources)
    external = [src for src in sources if re.match(r"(https?:)?//", src)]
    assert external == []


def test_swagger_assets_are_shipped_as_static_files():
    for name in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui-init.js", "ninja/swagger-ui.css"):
        assert finders.find(name), name
