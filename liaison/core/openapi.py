"""The 4xx answers every API operation may give, written into the OpenAPI document.

django-ninja documents only the success responses an endpoint declares; the errors come from
shared places (the bearer-token check and the rate limits in the middleware, parsing and
validation by ninja, the exception handlers of ``liaison/api.py``), so they are added here, per
operation, by what the operation has: a token-protected
operation refuses other accounts and read-only tokens (403), a write can conflict (409), any
parameter or body can be invalid (422), a record named in the path or a filter may not exist or
not be visible to the caller (404), any request can send a bad token (401) or too many
requests (429)."""

from ninja import NinjaAPI

ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {"detail": {"title": "What is wrong"}},
    "required": ["detail"],
}
WRITES = {"post", "put", "patch", "delete"}


def _response(description):
    return {"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def document_errors(schema: dict) -> dict:
    schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            codes = {
                "401": "The bearer token is missing (for writes), unknown, revoked or expired.",
                "429": "Too many requests or searches; `Retry-After` says how many seconds to wait.",
            }
            if operation.get("parameters") or operation.get("requestBody"):
                codes["422"] = "Invalid input; `detail` or `errors` says which field."
                codes["400"] = "A NUL character in the path, a parameter or the body (no field accepts one)."
            # A path parameter may name nothing; a filter may name a record you may not see.
            codes["404"] = "No such record, or not one you may see."
            if operation.get("security"):
                codes["403"] = "The token's account is not the secretariat, or the token is read-only."
            if method in WRITES:
                codes["400"] = "The body is not JSON, or has a NUL character in a string."
                codes["409"] = "A concurrent change (`current_version`) or a duplicate."
                codes["413"] = "The body is larger than the limit."
            responses = operation.setdefault("responses", {})
            for code, description in codes.items():
                responses.setdefault(code, _response(description))
    return schema


class LiaisonAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        return document_errors(super().get_openapi_schema(*args, **kwargs))
