"""Schemathesis over /api/v1/openapi.json, anonymous and with a secretariat token: generated
requests (valid and invalid, NUL bytes and odd Unicode included) never get a 5xx, and every
status code answered is one the OpenAPI document lists for that operation.

Bounded: a few examples per operation, no deadline (the machine is shared), the example database
off (nothing written outside the test run). Runs on SQLite and, in `make test`, on PostgreSQL."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import status_code_conformance

MAX_EXAMPLES = 8

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
BOUNDED = settings(max_examples=MAX_EXAMPLES, deadline=None, database=None, derandomize=True,
                   suppress_health_check=list(HealthCheck))


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """As Django's test client does: requests made straight to the WSGI handler must not close the
    connection holding the test's transaction (on PostgreSQL they would, at each request's end)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _unlimited(settings, demo):
    """The rate limits are tested on their own; here they would only answer 429 to the fuzzer."""
    settings.API_RATE_LIMIT = 0
    settings.SEARCH_RATE_LIMIT = 0


@pytest.mark.django_db
@schema.parametrize()
@BOUNDED
def test_anonymous_callers_get_no_5xx_and_only_documented_codes(case):
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error, status_code_conformance])


@pytest.mark.django_db
@schema.parametrize()
@BOUNDED
def test_token_holders_get_no_5xx_and_only_documented_codes(case, secretariat_token):
    response = case.call(headers={"Authorization": f"Bearer {secretariat_token}"})
    case.validate_response(response, checks=[not_a_server_error, status_code_conformance])
